using Bpm.Domain.Requests;

namespace Bpm.Domain.Tests.Requests;

public sealed class RequestMergeTests
{
    private static TaxpayerRequest Running(RequestStatus status = RequestStatus.Registered)
    {
        var request = Registrations.Register();
        request.AttachWorkflow("policy", 1, Guid.NewGuid().ToString("N"));
        foreach (var next in status switch
        {
            RequestStatus.Dispatched => new[] { RequestStatus.Transferred, RequestStatus.Dispatched },
            RequestStatus.Handled => [RequestStatus.Transferred, RequestStatus.Dispatched, RequestStatus.Handled],
            RequestStatus.FedBack => [RequestStatus.Transferred, RequestStatus.Dispatched, RequestStatus.Handled, RequestStatus.FedBack],
            _ => [],
        })
        {
            request.MoveTo(next, Registrations.Now);
        }

        return request;
    }

    [Fact]
    public void A_dispatched_duplicate_merges_into_an_open_request_and_ends_as_merged_with_a_reference_to_it()
    {
        var duplicate = Running(RequestStatus.Dispatched);
        var target = Running(RequestStatus.Handled);

        duplicate.MergeInto(target, Registrations.Now);

        duplicate.Status.ShouldBe(RequestStatus.Merged);
        duplicate.MergedIntoRequestId.ShouldBe(target.Id);
        duplicate.ClosedAt.ShouldBe(Registrations.Now.ToUniversalTime());
        target.Status.ShouldBe(RequestStatus.Handled);
    }

    [Fact]
    public void Merges_into_itself_into_a_fed_back_request_or_of_a_handled_request_are_refused_naming_the_field()
    {
        var duplicate = Running();
        duplicate.MergeRefusals(duplicate).ShouldHaveSingleItem().ShouldBe(new FieldError("intoRequestId", "不能将诉求合并到其自身"));
        duplicate.MergeRefusals(Running(RequestStatus.FedBack)).ShouldHaveSingleItem().Field.ShouldBe("intoRequestId");
        var answered = Registrations.Register(Registrations.Valid() with { OnTheSpotAnswer = "已当场解答" });
        duplicate.MergeRefusals(answered).ShouldHaveSingleItem().Reason.ShouldContain("已归档");

        var handled = Running(RequestStatus.Handled);
        Should.Throw<DomainValidationException>(() => handled.MergeInto(Running(), Registrations.Now)).Errors.ShouldHaveSingleItem().Field.ShouldBe("requestId");
        handled.Status.ShouldBe(RequestStatus.Handled);
        handled.MergedIntoRequestId.ShouldBeNull();
    }
}
