using System.Text.Json;
using Bpm.Application.Bureaus;
using Bpm.Application.Timers;
using Bpm.Domain;
using Bpm.Domain.Bureaus;
using Bpm.Domain.Calendar;
using Bpm.Domain.Tasks;

namespace Bpm.Application.Administration;

/// <summary>
/// A dated day as a bureau sees it, and where it comes from: the State Council (<see cref="From"/> null), an ancestor, or
/// the bureau itself (<see cref="Own"/>). Example at 集宁区: 2026-10-01 国庆节 (national), 2026-07-13 那达慕 (from 乌兰察布).
/// </summary>
public sealed record EffectiveCalendarDay(CalendarDay Day, Bureau? From, bool Own);

public sealed record BureauCalendarView(Bureau Bureau, int Year, bool Provisional, int LastPublishedYear, IReadOnlyList<EffectiveCalendarDay> Days);

public sealed record CalendarDayChangeResult(Bureau Bureau, DateOnly Date, BureauCalendarDay? Day, bool Replaced, ReplanOutcome Replan);

/// <param name="Replaced">"embedded" or "imported" when the year had a notice already, which this one replaces; null for a new year.</param>
public sealed record NoticeImportResult(int Year, int Days, string? Replaced, int LastPublishedYear, ReplanOutcome Replan);

/// <summary>
/// An administrator reads a bureau's calendar and sets its own dated days (a closure such as 防汛 on Thu 2026-10-08 = rest
/// day, or an extra working day), inherited by its sub-bureaus; a root administrator (or the CLI) imports the State Council's
/// notice of a new year. Each change is saved first, then (<see cref="ReplanMode.Open"/>) every open deadline below the
/// bureau (all bureaus for a notice) is re-counted by <see cref="DeadlineReplanner"/>; an interrupted re-plan is finished by
/// <c>bpm deadlines replan --bureau CODE</c>.
/// </summary>
public sealed class CalendarAdministrationService(IBureauStore bureaus, INationalHolidayStore holidays, DeadlineReplanner replanner)
{
    public const int FirstYear = 2000;
    public const int LastYear = 2100;

    /// <summary>The year's dated days in force at the bureau: national, then each bureau's from the root down, the nearest winning.</summary>
    public async Task<BureauCalendarView> GetYearAsync(string bureau, int year, AdminActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (year is < FirstYear or > LastYear)
        {
            throw new DomainValidationException([new FieldError("year", $"年份应在{FirstYear}到{LastYear}之间")]);
        }

        var tree = await bureaus.LoadTreeAsync(cancellationToken);
        var target = actor.Administered(tree, bureau);
        var days = tree.National.DatedDaysIn(year).ToDictionary(d => d.Date, d => new EffectiveCalendarDay(d, null, false));
        foreach (var layer in tree.PathFromRoot(target.Id))
        {
            foreach (var own in tree.OwnCalendarDays(layer.Id).Where(d => d.Date.Year == year))
            {
                days[own.Date] = new EffectiveCalendarDay(new CalendarDay(own.Date, own.IsWorkingDay, own.Name), layer, layer.Id == target.Id);
            }
        }

        var national = tree.National;
        return new BureauCalendarView(
            target, year, national.IsProvisional(new DateOnly(year, 1, 1)), national.LastPublishedYear, [.. days.Values.OrderBy(d => d.Day.Date)]);
    }

    /// <summary>
    /// Adds the bureau's own day or replaces its own entry for the date. Example: 仙桃 closes Thu 2026-10-08 (防汛) → a handling
    /// task due that day is due Fri 10-09.
    /// </summary>
    public async Task<CalendarDayChangeResult> SetDayAsync(
        string bureau, DateOnly date, bool isWorkingDay, string? name, ReplanMode mode, AdminActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var tree = await bureaus.LoadTreeAsync(cancellationToken);
        var target = actor.Administered(tree, bureau);
        CheckDate(date);
        var day = new BureauCalendarDay(target.Id, date, isWorkingDay, name?.Trim() ?? "");
        var replaced = tree.OwnCalendarDays(target.Id).Any(d => d.Date == date);
        await bureaus.SetCalendarDayAsync(day, cancellationToken);
        var reason = $"{target.Name}将{date:yyyy-MM-dd}设为{(isWorkingDay ? "工作日" : "休息日")}（{day.Name}）";
        return new CalendarDayChangeResult(target, date, day, replaced, await ReplanAsync(target.Id, reason, mode, actor, cancellationToken));
    }

    /// <summary>
    /// The preview of <see cref="SetDayAsync"/> in <see cref="ReplanMode.Open"/>: how many open deadlines below the bureau the
    /// day would move, nothing saved. Example: 仙桃 closes Thu 2026-10-08 with a handling task due that day → 1.
    /// </summary>
    public async Task<ReplanReport> PreviewSetDayAsync(
        string bureau, DateOnly date, bool isWorkingDay, string? name, AdminActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var tree = await bureaus.LoadTreeAsync(cancellationToken);
        var target = actor.Administered(tree, bureau);
        CheckDate(date);
        var changed = tree.WithCalendarDay(new BureauCalendarDay(target.Id, date, isWorkingDay, name?.Trim() ?? ""));
        return await replanner.PreviewAsync(new ReplanScope(target.Id, DeadlineChangeCause.CalendarChange, "", actor.UserId), changed, cancellationToken);
    }

    /// <summary>The preview of <see cref="RemoveDayAsync"/>.</summary>
    /// <exception cref="NotFoundException">the bureau has no own entry for the date.</exception>
    public async Task<ReplanReport> PreviewRemoveDayAsync(string bureau, DateOnly date, AdminActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var tree = await bureaus.LoadTreeAsync(cancellationToken);
        var target = actor.Administered(tree, bureau);
        if (!tree.OwnCalendarDays(target.Id).Any(d => d.Date == date))
        {
            throw new NotFoundException($"{target.Name}没有为{date:yyyy-MM-dd}设置过自己的日期");
        }

        return await replanner.PreviewAsync(
            new ReplanScope(target.Id, DeadlineChangeCause.CalendarChange, "", actor.UserId), tree.WithoutCalendarDay(target.Id, date), cancellationToken);
    }

    /// <summary>Removes the bureau's own entry for the date; the inherited or national rule holds again.</summary>
    /// <exception cref="NotFoundException">the bureau has no own entry for the date.</exception>
    public async Task<CalendarDayChangeResult> RemoveDayAsync(string bureau, DateOnly date, ReplanMode mode, AdminActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var tree = await bureaus.LoadTreeAsync(cancellationToken);
        var target = actor.Administered(tree, bureau);
        if (!await bureaus.RemoveCalendarDayAsync(target.Id, date, cancellationToken))
        {
            throw new NotFoundException($"{target.Name}没有为{date:yyyy-MM-dd}设置过自己的日期");
        }

        var reason = $"{target.Name}撤销{date:yyyy-MM-dd}的本地日期设置";
        return new CalendarDayChangeResult(target, date, null, true, await ReplanAsync(target.Id, reason, mode, actor, cancellationToken));
    }

    /// <summary>
    /// Imports a State Council notice (holiday-cn format) at the national level. A year already embedded or imported is
    /// replaced; the next year raises the last published year, so its dates stop being provisional and deadlines on its
    /// holidays move. Example: the 2027 notice makes Mon 2027-02-08 (春节) a rest day; a task provisionally due then moves on.
    /// </summary>
    public async Task<NoticeImportResult> ImportNoticeAsync(JsonElement document, ReplanMode mode, AdminActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var tree = await bureaus.LoadTreeAsync(cancellationToken);
        actor.EnsureNational(tree);
        var notice = HolidayNoticeDocument.Read(document);
        var problems = notice.Problems(tree.National.LastPublishedYear).ToList();
        if (problems.Count > 0)
        {
            throw new DomainValidationException(problems);
        }

        var imported = await holidays.ListYearsAsync(cancellationToken);
        var replaced = imported.Contains(notice.Year) ? "imported" : NationalHolidays.EmbeddedYears.Contains(notice.Year) ? "embedded" : null;
        await holidays.ReplaceYearAsync(notice, cancellationToken);

        var reason = $"导入{notice.Year}年国务院节假日通知{(replaced is null ? "" : "（替换原有数据）")}";
        var outcome = ReplanOutcome.NotReplanned;
        if (mode == ReplanMode.Open)
        {
            var total = new ReplanReport(0, 0, 0);
            foreach (var root in tree.Roots)
            {
                var report = await replanner.ReplanAsync(new ReplanScope(root.Id, DeadlineChangeCause.CalendarChange, reason, actor.UserId), cancellationToken);
                total = new ReplanReport(total.TasksExamined + report.TasksExamined, total.DeadlinesMoved + report.DeadlinesMoved, total.TimersReplanned + report.TimersReplanned);
            }

            outcome = new ReplanOutcome(ReplanMode.Open, total);
        }

        return new NoticeImportResult(notice.Year, notice.Days.Count, replaced, Math.Max(tree.National.LastPublishedYear, notice.Year), outcome);
    }

    /// <summary>Re-plans every open deadline below the bureau (CLI <c>bpm deadlines replan</c>: finishes an interrupted re-plan).</summary>
    public async Task<ReplanReport> ReplanAsync(string bureau, AdminActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var tree = await bureaus.LoadTreeAsync(cancellationToken);
        var target = actor.Administered(tree, bureau);
        return await replanner.ReplanAsync(
            new ReplanScope(target.Id, DeadlineChangeCause.CalendarChange, $"{target.Name}重新计算未办结任务的期限", actor.UserId), cancellationToken);
    }

    private static void CheckDate(DateOnly date)
    {
        if (date.Year is < FirstYear or > LastYear)
        {
            throw new DomainValidationException([new FieldError("date", $"日期应在{FirstYear}到{LastYear}年之间")]);
        }
    }

    private async Task<ReplanOutcome> ReplanAsync(Guid bureauId, string reason, ReplanMode mode, AdminActor actor, CancellationToken cancellationToken)
    {
        if (mode == ReplanMode.NewOnly)
        {
            return ReplanOutcome.NotReplanned;
        }

        var report = await replanner.ReplanAsync(new ReplanScope(bureauId, DeadlineChangeCause.CalendarChange, reason, actor.UserId), cancellationToken);
        return new ReplanOutcome(ReplanMode.Open, report);
    }
}
