namespace Bpm.Server.WebUi.Text;

/// <summary>Texts of the request list (<c>/requests</c>) and of its ledger export, column headers included.</summary>
public sealed class RequestListText;
