using Bpm.Domain.Requests;
using Bpm.Server.WebUi.Text;
using Microsoft.Extensions.Localization;

namespace Bpm.Server.WebUi.Pages.Inbox;

/// <summary>
/// Names of domain values on the handler pages, from <see cref="InboxText"/> by member name: <c>Type_Policy</c> → 政策落实类 /
/// Policy, <c>Outcome_Extend</c> → 申请延期 / Request extension. An outcome a workflow invented ("Escalate") shows as its name.
/// </summary>
public static class InboxNames
{
    public static string Type(this IStringLocalizer<InboxText> texts, RequestType type) => Named(texts, "Type_", type.ToString());

    public static string Channel(this IStringLocalizer<InboxText> texts, Channel channel) => Named(texts, "Channel_", channel.ToString());

    public static string Status(this IStringLocalizer<InboxText> texts, RequestStatus status) => Named(texts, "Status_", status.ToString());

    public static string Outcome(this IStringLocalizer<InboxText> texts, string outcome) => Named(texts, "Outcome_", outcome);

    public static string Cause(this IStringLocalizer<InboxText> texts, string cause) => Named(texts, "Cause_", cause);

    private static string Named(IStringLocalizer<InboxText> texts, string prefix, string member)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var text = texts[prefix + member];
        return text.ResourceNotFound ? member : text.Value;
    }
}
