using Bpm.Domain.Requests;

namespace Bpm.Domain.Tests.Requests;

/// <summary>A request taken over from an older ledger where it was already closed.</summary>
public sealed class HistoricalRegistrationTests
{
    private static TaxpayerRequest RegisterClosed(DateTimeOffset closedAt, RequestRegistration? registration = null) =>
        TaxpayerRequest.RegisterClosed(Guid.NewGuid(), Registrations.Number, Guid.NewGuid(), RequestType.Policy, registration ?? Registrations.Valid(), closedAt, Registrations.Now);

    [Fact]
    public void It_keeps_its_receipt_and_closing_instant_and_is_registered_now()
    {
        var closedAt = new DateTimeOffset(2026, 2, 13, 10, 45, 0, TimeSpan.FromHours(8));

        var request = RegisterClosed(closedAt, Registrations.Valid() with { OnTheSpotAnswer = "已当场答复" });

        request.Status.ShouldBe(RequestStatus.Closed);
        request.ClosedAt.ShouldBe(closedAt);
        request.StatusChangedAt.ShouldBe(closedAt);
        request.ReceivedAt.ShouldBe(Registrations.Valid().ReceivedAt);
        request.RegisteredAt.ShouldBe(Registrations.Now);
        request.OnTheSpotAnswer.ShouldBe("已当场答复");
        request.WorkflowInstanceId.ShouldBeNull();
    }

    [Fact]
    public void Closing_before_the_receipt_or_in_the_future_is_refused_on_closedAt_with_every_other_broken_field()
    {
        var beforeReceipt = Should.Throw<DomainValidationException>(() =>
            RegisterClosed(Registrations.Valid().ReceivedAt.AddMinutes(-1), Registrations.Valid() with { Contact = "12" }));
        beforeReceipt.Errors.Select(e => e.Field).Order().ShouldBe(["closedAt", "contact"]);
        beforeReceipt.Errors.Single(e => e.Field == "closedAt").Reason.ShouldBe("办结时间不能早于受理时间");

        Should.Throw<DomainValidationException>(() => RegisterClosed(Registrations.Now.AddDays(1)))
            .Errors.ShouldHaveSingleItem().Reason.ShouldBe("办结时间不能晚于当前时间");
    }
}
