namespace Bpm.Server.WebUi.Text;

/// <summary>Texts of the monthly collection page (<c>/collections</c>): <c>CollectionText.resx</c> Chinese, <c>CollectionText.en.resx</c> English.</summary>
public sealed class CollectionText;
