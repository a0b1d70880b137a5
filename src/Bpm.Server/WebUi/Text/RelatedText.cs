namespace Bpm.Server.WebUi.Text;

/// <summary>Texts of the related-requests card of the request page: repeat requesters, likely duplicates, merging.</summary>
public sealed class RelatedText;
