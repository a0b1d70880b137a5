namespace Bpm.Server.WebUi.Text;

/// <summary>Texts of tags on the request page, suggested answers, the library (<c>/library</c>) and taxpayer profiles.</summary>
public sealed class LibraryText;
