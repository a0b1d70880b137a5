namespace Bpm.Domain.Bureaus;

/// <summary>
/// A bureau's own dated exception to the national calendar, inherited by its sub-bureaus: a local
/// closure or ethnic holiday (rest day), or an extra working day. Example: Ulanqab closed on
/// 2026-07-13 for 那达慕 → a rest day for its sub-bureaus too, unless one of them overrides it.
/// </summary>
public sealed class BureauCalendarDay
{
    private BureauCalendarDay()
    {
    }

    public BureauCalendarDay(Guid bureauId, DateOnly date, bool isWorkingDay, string name)
    {
        RequiredText.Check(name, 50, "calendar.name", "日期说明", "name");
        BureauId = bureauId;
        Date = date;
        IsWorkingDay = isWorkingDay;
        Name = name;
    }

    public Guid BureauId { get; private set; }

    public DateOnly Date { get; private set; }

    public bool IsWorkingDay { get; private set; }

    public string Name { get; private set; } = "";
}
