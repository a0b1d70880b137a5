namespace Bpm.Server.WebUi.Text;

/// <summary>
/// Texts of the analysts' dashboard (<c>/dashboard</c>): <c>DashboardText.resx</c> Chinese, <c>DashboardText.en.resx</c>
/// English; also the names of types, channels, sizes and statuses (<c>Type_Policy</c>, <c>Channel_WeChat</c> …).
/// </summary>
public sealed class DashboardText;
