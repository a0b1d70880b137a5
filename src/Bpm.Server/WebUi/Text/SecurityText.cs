namespace Bpm.Server.WebUi.Text;

/// <summary>Marker of the security admin's page's texts: <c>SecurityText.resx</c> Chinese (neutral), <c>SecurityText.en.resx</c> English.</summary>
public sealed class SecurityText;
