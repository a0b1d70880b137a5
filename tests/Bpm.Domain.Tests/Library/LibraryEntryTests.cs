using Bpm.Domain.Library;
using Bpm.Domain.Requests;
using Bpm.Domain.Tests.Requests;
using Shouldly;

namespace Bpm.Domain.Tests.Library;

public sealed class LibraryEntryTests
{
    private static readonly DateTimeOffset Now = Registrations.Now.AddDays(3);

    private static readonly LibraryDraft Draft = new(
        LibraryEntryKind.StandardAnswer, "专用发票额度不足的处理口径", "开具专用发票提示额度不足怎么办？", "可在电子税务局申请调整发票额度，一般当日办结。",
        "《国家税务总局关于…的公告》", ["发票", " 额度调整 "]);

    [Fact]
    public void A_closed_request_is_proposed_with_its_type_and_trimmed_texts()
    {
        var closed = ClosedRequest();
        var bureauId = Guid.NewGuid();

        var entry = LibraryEntry.Propose(Guid.NewGuid(), bureauId, closed, Draft, Guid.NewGuid(), "李四", Now);

        (entry.Status, entry.RequestType, entry.SourceRequestId, entry.BureauId).ShouldBe((LibraryEntryStatus.Proposed, RequestType.Policy, closed.Id, bureauId));
        entry.Tags.ShouldBe(["发票", "额度调整"]);
    }

    [Fact]
    public void An_open_request_cannot_be_proposed()
    {
        var open = Registrations.Register();

        Should.Throw<DomainException>(() => LibraryEntry.Propose(Guid.NewGuid(), Guid.NewGuid(), open, Draft, Guid.NewGuid(), "李四", Now))
            .Field.ShouldBe("sourceRequestId");
    }

    [Fact]
    public void Missing_title_and_answer_are_reported_together()
    {
        var refused = Should.Throw<DomainValidationException>(() =>
            LibraryEntry.Propose(Guid.NewGuid(), Guid.NewGuid(), ClosedRequest(), Draft with { Title = " ", Answer = null }, Guid.NewGuid(), "李四", Now));

        refused.Errors.Select(e => e.Field).ShouldBe(["title", "answer"]);
    }

    [Fact]
    public void A_proposal_is_decided_once_and_a_rejection_needs_a_reason()
    {
        var entry = LibraryEntry.Propose(Guid.NewGuid(), Guid.NewGuid(), ClosedRequest(), Draft, Guid.NewGuid(), "李四", Now);
        var approver = Guid.NewGuid();

        Should.Throw<DomainValidationException>(() => entry.Reject(approver, "王科长", "  ", Now)).Errors.ShouldHaveSingleItem().Field.ShouldBe("reason");
        entry.Publish(approver, "王科长", Now.AddHours(1));

        (entry.Status, entry.DecidedBy, entry.DecidedAt).ShouldBe((LibraryEntryStatus.Published, approver, Now.AddHours(1).ToUniversalTime()));
        Should.Throw<DomainConflictException>(() => entry.Reject(approver, "王科长", "重复", Now));
    }

    private static TaxpayerRequest ClosedRequest()
    {
        var registration = Registrations.Valid() with { OnTheSpotAnswer = "已当场指导纳税人申请调整额度。" };
        return Registrations.Register(registration);
    }
}
