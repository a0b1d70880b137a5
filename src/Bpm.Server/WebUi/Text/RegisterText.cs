namespace Bpm.Server.WebUi.Text;

/// <summary>Texts of the registration form (<c>/requests/new</c>) and the names of taxpayer sizes, operating statuses and contact kinds.</summary>
public sealed class RegisterText;
