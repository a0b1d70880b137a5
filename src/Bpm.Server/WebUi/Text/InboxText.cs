namespace Bpm.Server.WebUi.Text;

/// <summary>
/// Texts of the handler and approver pages (<c>/inbox</c>, <c>/requests/{id}</c>): <c>InboxText.resx</c> Chinese,
/// <c>InboxText.en.resx</c> English. Names of types, channels, statuses and outcomes are keyed by the member name,
/// e.g. <c>Outcome_Extend</c> → 申请延期 / Request extension.
/// </summary>
public sealed class InboxText;
