namespace Bpm.Server.WebUi.Text;

/// <summary>
/// Marker of the texts every page shares (header, navigation, paging, common buttons): <c>SharedText.resx</c> is
/// Chinese (the neutral culture), <c>SharedText.en.resx</c> English. Each area of the UI has its own pair next to it
/// (e.g. <c>InboxText</c>), so that areas never edit each other's files. Used as <c>IStringLocalizer&lt;SharedText&gt;</c>.
/// </summary>
public sealed class SharedText;
