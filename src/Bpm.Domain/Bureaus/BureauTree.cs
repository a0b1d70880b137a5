using Bpm.Domain.Calendar;
using Bpm.Domain.Requests;
using Bpm.Domain.Sla;

namespace Bpm.Domain.Bureaus;

/// <summary>
/// The bureaus with their own settings, answering "what holds for bureau X": a setting comes from the
/// nearest bureau on the path to the root that sets it. Example: 集宁区 sets nothing, so its handling
/// deadline is Ulanqab's 10 WD and its calendar is national + Ulanqab's closures + its own.
/// Immutable: build a new tree after a change.
/// </summary>
public sealed class BureauTree
{
    /// <summary>Used when no bureau on the path names a zone.</summary>
    public const string DefaultTimeZoneId = "Asia/Shanghai";

    private readonly Dictionary<Guid, Bureau> _bureaus;
    private readonly ILookup<Guid, Bureau> _children;
    private readonly ILookup<Guid, BureauCalendarDay> _calendarDays;
    private readonly ILookup<Guid, RequestCategory> _categories;
    private readonly Dictionary<(Guid Bureau, RequestType? Type, SlaStep Step), SlaRule> _slaRules;
    private readonly WorkingDayCalendar _national;
    private readonly Dictionary<Guid, WorkingDayCalendar> _calendars = [];
    private readonly Lock _calendarsLock = new();

    public BureauTree(
        IEnumerable<Bureau> bureaus,
        IEnumerable<BureauCalendarDay> calendarDays,
        IEnumerable<RequestCategory> categories,
        IEnumerable<SlaRule> slaRules,
        WorkingDayCalendar national)
    {
        _bureaus = bureaus.ToDictionary(b => b.Id);
        _children = _bureaus.Values.Where(b => b.ParentId is not null).ToLookup(b => b.ParentId!.Value);
        _calendarDays = calendarDays.ToLookup(d => d.BureauId);
        _categories = categories.ToLookup(c => c.BureauId);
        _slaRules = slaRules.ToDictionary(r => (r.BureauId, r.Type, r.Step));
        _national = national;
        foreach (var bureau in _bureaus.Values)
        {
            if (bureau.ParentId is { } parent && !_bureaus.ContainsKey(parent))
            {
                throw new DomainException("bureau.parent", $"上级机构不存在：{bureau.Name} → {parent}", "parentId");
            }

            _ = PathFromRoot(bureau.Id);
        }
    }

    public IReadOnlyCollection<Bureau> Bureaus => _bureaus.Values;

    public IEnumerable<Bureau> Roots => _bureaus.Values.Where(b => b.ParentId is null);

    public Bureau this[Guid id] => _bureaus.TryGetValue(id, out var bureau)
        ? bureau
        : throw new DomainException("bureau.not-found", $"机构不存在：{id}", "bureauId");

    public bool Contains(Guid id) => _bureaus.ContainsKey(id);

    public Bureau? FindByCode(string code) => _bureaus.Values.FirstOrDefault(b => string.Equals(b.Code, code, StringComparison.OrdinalIgnoreCase));

    public IEnumerable<Bureau> ChildrenOf(Guid id) => _children[id];

    /// <summary>Root first, the bureau itself last. A cycle in the parent links is refused.</summary>
    public IReadOnlyList<Bureau> PathFromRoot(Guid id)
    {
        var path = new List<Bureau>();
        for (Guid? current = id; current is { } c; current = this[c].ParentId)
        {
            if (path.Count > _bureaus.Count)
            {
                throw new DomainException("bureau.cycle", $"机构上下级关系存在循环：{this[id].Name}", "parentId");
            }

            path.Add(this[c]);
        }

        path.Reverse();
        return path;
    }

    /// <summary>The bureau and everything below it, e.g. Ulanqab → Ulanqab, 集宁区, 集宁区第一分局.</summary>
    public IEnumerable<Bureau> Subtree(Guid id)
    {
        var stack = new Stack<Bureau>([this[id]]);
        while (stack.TryPop(out var bureau))
        {
            yield return bureau;
            foreach (var child in _children[bureau.Id])
            {
                stack.Push(child);
            }
        }
    }

    public bool IsInSubtree(Guid ancestorId, Guid bureauId) => PathFromRoot(bureauId).Any(b => b.Id == ancestorId);

    public Inherited<TimeZoneInfo> TimeZoneOf(Guid id)
    {
        var setter = PathFromRoot(id).LastOrDefault(b => b.TimeZoneId is not null);
        return new(TimeZoneInfo.FindSystemTimeZoneById(setter?.TimeZoneId ?? DefaultTimeZoneId), setter?.Id);
    }

    /// <summary>The bureau's cut-off: the nearest explicit time or explicit 24:00; end of day when nobody sets one.</summary>
    public Inherited<TimeOnly?> CutOffOf(Guid id)
    {
        var setter = PathFromRoot(id).LastOrDefault(b => b.CutOff is not null || b.CutOffAtEndOfDay);
        return new(setter?.CutOff, setter?.Id);
    }

    public BureauClock ClockOf(Guid id) => new(TimeZoneOf(id).Value, CutOffOf(id).Value ?? BureauClock.EndOfDay);

    /// <summary>
    /// The clock a step's deadlines pass on: the bureau's zone with the step's own cut-off when its SLA line sets one, else
    /// the bureau's clock. Example: Xiantao ends its days at 24:00, but a handling line with cut-off 17:30 makes handling
    /// due at 17:30; a task without a step (null) uses the bureau's clock.
    /// </summary>
    public BureauClock StepClockOf(Guid bureauId, RequestType type, SlaStep? step) =>
        step is { } s && SlaRule(bureauId, type, s)?.Value is { } rule ? rule.ClockFor(ClockOf(bureauId)) : ClockOf(bureauId);

    /// <summary>National calendar with every dated day of the path laid on top, root first, so the nearest bureau wins.</summary>
    public WorkingDayCalendar CalendarOf(Guid id)
    {
        lock (_calendarsLock)
        {
            if (!_calendars.TryGetValue(id, out var calendar))
            {
                // One layer per bureau, root first: a date set by both Ulanqab and 集宁区 must be replaced by
                // 集宁区's day, not refused as a date appearing twice in one layer.
                calendar = _national;
                foreach (var bureau in PathFromRoot(id))
                {
                    calendar = calendar.WithOverrides(_calendarDays[bureau.Id].Select(d => new CalendarDay(d.Date, d.IsWorkingDay, d.Name)));
                }

                _calendars[id] = calendar;
            }

            return calendar;
        }
    }

    /// <summary>The national layer under every bureau's calendar: the State Council's days (embedded and imported notices).</summary>
    public WorkingDayCalendar National => _national;

    /// <summary>The bureau's own dated days (not inherited ones), ordered by date.</summary>
    public IEnumerable<BureauCalendarDay> OwnCalendarDays(Guid id) => _calendarDays[id].OrderBy(d => d.Date);

    /// <summary>The taxonomy of the nearest bureau that has one; <see cref="Inherited{T}.FromBureauId"/> null if nobody has.</summary>
    public Inherited<IReadOnlyList<RequestCategory>> CategoriesOf(Guid id)
    {
        var setter = PathFromRoot(id).LastOrDefault(b => _categories[b.Id].Any());
        IReadOnlyList<RequestCategory> categories = setter is null ? [] : [.. _categories[setter.Id].OrderBy(c => c.Order)];
        return new(categories, setter?.Id);
    }

    public RequestCategory? FindCategory(Guid bureauId, string code) =>
        CategoriesOf(bureauId).Value.FirstOrDefault(c => string.Equals(c.Code, code, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The SLA line for a step: walking from the bureau to the root, a line for the type beats a line for
    /// all types at the same bureau, and a nearer bureau beats a farther one. Null if no bureau sets it.
    /// </summary>
    public Inherited<SlaRule>? SlaRule(Guid bureauId, RequestType type, SlaStep step)
    {
        foreach (var bureau in PathFromRoot(bureauId).Reverse())
        {
            if (_slaRules.TryGetValue((bureau.Id, type, step), out var specific))
            {
                return new(specific, bureau.Id);
            }

            if (_slaRules.TryGetValue((bureau.Id, null, step), out var general))
            {
                return new(general, bureau.Id);
            }
        }

        return null;
    }

    /// <summary>The lines the bureau sets itself (not inherited ones), all-types lines first, then by type and step.</summary>
    public IEnumerable<SlaRule> OwnSlaRules(Guid bureauId) =>
        _slaRules.Values.Where(r => r.BureauId == bureauId).OrderBy(r => r.Type.HasValue).ThenBy(r => r.Type).ThenBy(r => r.Step);

    /// <summary>
    /// Whether every request type still has a line for the step at the bureau (and so below it) once the bureau's own line
    /// for (type, step) is gone. False at the root for its all-types Handling line: nobody above would set Handling.
    /// True at Xiantao: without its own Handling line it inherits the national one.
    /// </summary>
    public bool StepStaysSetWithout(Guid bureauId, RequestType? type, SlaStep step)
    {
        var path = PathFromRoot(bureauId);
        return Enum.GetValues<RequestType>().All(t => path.Any(b =>
            (_slaRules.ContainsKey((b.Id, t, step)) && !(b.Id == bureauId && type == t))
            || (_slaRules.ContainsKey((b.Id, null, step)) && !(b.Id == bureauId && type is null))));
    }

    /// <summary>
    /// This tree with the bureau's own line for (type, step) set to <paramref name="rule"/>: what a policy change would do,
    /// before it is saved (the admin's preview of how many open deadlines move).
    /// </summary>
    public BureauTree WithSlaRule(SlaRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var rules = new Dictionary<(Guid Bureau, RequestType? Type, SlaStep Step), SlaRule>(_slaRules) { [(rule.BureauId, rule.Type, rule.Step)] = rule };
        return new BureauTree(_bureaus.Values, _calendarDays.SelectMany(d => d), _categories.SelectMany(c => c), rules.Values, _national);
    }

    /// <summary>This tree without the bureau's own line for (type, step): it would inherit again.</summary>
    public BureauTree WithoutSlaRule(Guid bureauId, RequestType? type, SlaStep step) =>
        new(_bureaus.Values, _calendarDays.SelectMany(d => d), _categories.SelectMany(c => c),
            _slaRules.Where(r => r.Key != (bureauId, type, step)).Select(r => r.Value), _national);

    /// <summary>This tree with the bureau's own entry for the day's date set to <paramref name="day"/> (e.g. 仙桃 closed Thu 2026-10-08).</summary>
    public BureauTree WithCalendarDay(BureauCalendarDay day)
    {
        ArgumentNullException.ThrowIfNull(day);
        return new BureauTree(
            _bureaus.Values, _calendarDays.SelectMany(d => d).Where(d => !(d.BureauId == day.BureauId && d.Date == day.Date)).Append(day),
            _categories.SelectMany(c => c), _slaRules.Values, _national);
    }

    /// <summary>This tree without the bureau's own entry for the date: the inherited or national rule holds again.</summary>
    public BureauTree WithoutCalendarDay(Guid bureauId, DateOnly date) =>
        new(_bureaus.Values, _calendarDays.SelectMany(d => d).Where(d => !(d.BureauId == bureauId && d.Date == date)),
            _categories.SelectMany(c => c), _slaRules.Values, _national);

    /// <summary>Every step's effective line for a bureau and type, for the admin view of inherited vs overridden.</summary>
    public IReadOnlyDictionary<SlaStep, Inherited<SlaRule>> SlaPolicyOf(Guid bureauId, RequestType type) =>
        Enum.GetValues<SlaStep>()
            .Select(step => (step, rule: SlaRule(bureauId, type, step)))
            .Where(x => x.rule is not null)
            .ToDictionary(x => x.step, x => x.rule!);
}

/// <summary>A setting's value and the bureau that set it (null: the built-in default).</summary>
public sealed record Inherited<T>(T Value, Guid? FromBureauId)
{
    public bool IsOwnOf(Guid bureauId) => FromBureauId == bureauId;
}
