namespace Bpm.Server.WebUi.Text;

/// <summary>Marker of the administrators' pages' texts: <c>AdminText.resx</c> Chinese (neutral), <c>AdminText.en.resx</c> English.</summary>
public sealed class AdminText;
