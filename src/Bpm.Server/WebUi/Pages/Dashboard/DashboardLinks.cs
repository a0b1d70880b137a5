using System.Globalization;
using Bpm.Application.Statistics;
using Bpm.Server.WebUi.Layout;

namespace Bpm.Server.WebUi.Pages.Dashboard;

/// <summary>
/// Drill-down addresses into the request list, with exactly the list's query parameters: <c>bureau</c> (guid),
/// <c>type</c>, <c>channel</c>, <c>status</c>, <c>size</c> (enum names), <c>industry</c> (text), <c>overdue=true</c>,
/// <c>receivedFrom</c>/<c>receivedTo</c> (yyyy-MM-dd, inclusive, bureau-local). Example: the 信息化建设类 slice of
/// March → <c>/requests?bureau=…&amp;receivedFrom=2026-03-01&amp;receivedTo=2026-03-31&amp;type=InformationTechnology</c>.
/// </summary>
public sealed record DashboardLinks(Guid BureauId, DashboardPeriod Period)
{
    /// <summary>The list of the whole period, narrowed by one more parameter (null: none).</summary>
    public string List(string? parameter = null, string? value = null) => ListOf(Period.From, Period.To, parameter, value);

    public string ListOf(DateOnly from, DateOnly to, string? parameter = null, string? value = null)
    {
        var query = $"{UiNavigation.Requests}?bureau={BureauId}&receivedFrom={Date(from)}&receivedTo={Date(to)}";
        return parameter is null || value is null ? query : $"{query}&{parameter}={Uri.EscapeDataString(value)}";
    }

    /// <summary>The dashboard itself for another bureau or period.</summary>
    public static string Dashboard(Guid bureauId, DashboardPeriod period) =>
        $"{UiNavigation.Dashboard}?bureau={bureauId}&receivedFrom={Date(period.From)}&receivedTo={Date(period.To)}";

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
