namespace Bpm.Server.WebUi.Pages.Dashboard;

/// <summary>One chart of the dashboard and its table: <c>pie</c>, <c>bar</c> or <c>line</c> (the trend).</summary>
public sealed record DashboardChart(string Id, string Kind, string Title, IReadOnlyList<DashboardChartItem> Items);

/// <summary>A segment: its label, count and drill-down address (null when there is no list to show, e.g. "not recorded").</summary>
public sealed record DashboardChartItem(string Name, int Value, string? Href);
