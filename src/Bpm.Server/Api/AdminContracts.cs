using Bpm.Application.Administration;
using Bpm.Domain.Calendar;
using Bpm.Domain.Requests;
using Bpm.Domain.Sla;

namespace Bpm.Server.Api;

/// <summary>An escalation ladder, as set and as shown: <c>{"warnBefore":{"amount":1,"unit":"WorkingDays"},"escalateAtDue":true,"remindEveryWorkingDays":1,"maxReminders":3}</c>.</summary>
public sealed record LadderDto
{
    public OffsetDto? WarnBefore { get; set; }

    public bool EscalateAtDue { get; set; }

    public int? RemindEveryWorkingDays { get; set; }

    public int MaxReminders { get; set; }

    public int? JointMeetingAfterWorkingDays { get; set; }
}

/// <summary>How far ahead: <c>{"amount": 4, "unit": "WorkingHours"}</c>.</summary>
public sealed record OffsetDto
{
    public int Amount { get; set; }

    public SlaOffsetUnit Unit { get; set; }
}

/// <summary>
/// Body of <c>PUT /api/admin/bureaus/{bureau}/sla-policy/{step}</c>: <c>{"workingDays":3,"cutOff":"17:30","ladder":{…}}</c>.
/// <c>cutOff</c> null = the bureau's own cut-off; <c>capBasis</c> only for ExtensionCap.
/// </summary>
public sealed record SlaLineBody(int? WorkingDays, ExtensionCapBasis? CapBasis, string? CutOff, LadderDto? Ladder);

/// <summary>A stored SLA line: for one type or (type null) all types.</summary>
public sealed record SlaLineValueDto
{
    public RequestType? Type { get; set; }

    public SlaStep Step { get; set; }

    public string StepName { get; set; } = "";

    public int WorkingDays { get; set; }

    public ExtensionCapBasis? CapBasis { get; set; }

    /// <summary>"17:30"; null = the bureau's cut-off.</summary>
    public string? CutOff { get; set; }

    public LadderDto? Ladder { get; set; }
}

/// <summary>The line in force for a step: its values, and whether the bureau sets it itself or inherits it from <see cref="FromBureau"/>.</summary>
public sealed record EffectiveSlaStepDto
{
    public SlaStep Step { get; set; }

    public string StepName { get; set; } = "";

    public int WorkingDays { get; set; }

    public ExtensionCapBasis? CapBasis { get; set; }

    public string? CutOff { get; set; }

    public LadderDto? Ladder { get; set; }

    /// <summary>True when the bureau sets this line itself.</summary>
    public bool Own { get; set; }

    /// <summary>The line in force is an all-types line (not one for this type).</summary>
    public bool ForAllTypes { get; set; }

    /// <summary>Code of the bureau whose line is in force, e.g. "national" for 仙桃's Revisit.</summary>
    public string FromBureau { get; set; } = "";

    public string FromBureauName { get; set; } = "";
}

public sealed record SlaTypePolicyDto
{
    public RequestType Type { get; set; }

    public string TypeName { get; set; } = "";

    public IReadOnlyList<EffectiveSlaStepDto> Steps { get; set; } = [];
}

/// <summary><c>GET /api/admin/bureaus/{bureau}/sla-policy</c>: per type the lines in force, and the bureau's own lines.</summary>
public sealed record SlaPolicyViewDto
{
    public BureauRefDto Bureau { get; set; } = new();

    public IReadOnlyList<SlaTypePolicyDto> Types { get; set; } = [];

    public IReadOnlyList<SlaLineValueDto> OwnLines { get; set; } = [];
}

/// <summary>What <c>PUT</c>/<c>DELETE …/sla-policy/{step}</c> did: the own line now (null after a removal) and the re-plan.</summary>
public sealed record SlaChangeDto : ReplannedChangeDto
{
    public BureauRefDto Bureau { get; set; } = new();

    public SlaStep Step { get; set; }

    public RequestType? Type { get; set; }

    public SlaLineValueDto? Line { get; set; }

    /// <summary>The bureau had its own line for the step and type, which this replaced (or removed).</summary>
    public bool Replaced { get; set; }
}

/// <summary>Body of <c>PUT /api/admin/bureaus/{bureau}/calendar/{date}</c>: <c>{"isWorkingDay":false,"name":"防汛","replan":"Open"}</c>.</summary>
public sealed record CalendarDayBody(bool? IsWorkingDay, string? Name, string? Replan);

/// <summary>A dated day in force at a bureau; <see cref="FromBureau"/> null = the State Council's notice.</summary>
public sealed record CalendarDayDto
{
    public DateOnly Date { get; set; }

    public string Weekday { get; set; } = "";

    public bool IsWorkingDay { get; set; }

    public string Name { get; set; } = "";

    /// <summary>False for a listed rest day that is a weekend anyway (Sat 2026-10-03 inside 国庆节).</summary>
    public bool ChangesWeekdayRule { get; set; }

    /// <summary>"national", or the code of the bureau that set the day.</summary>
    public string Source { get; set; } = "";

    public string? FromBureau { get; set; }

    public bool Own { get; set; }
}

/// <summary><c>GET /api/admin/bureaus/{bureau}/calendar?year=2026</c>.</summary>
public sealed record BureauCalendarDto
{
    public BureauRefDto Bureau { get; set; } = new();

    public int Year { get; set; }

    /// <summary>No State Council notice for the year yet: weekdays count as working days, deadlines may move.</summary>
    public bool Provisional { get; set; }

    public int LastPublishedYear { get; set; }

    public IReadOnlyList<CalendarDayDto> Days { get; set; } = [];
}

/// <summary>What <c>PUT</c>/<c>DELETE …/calendar/{date}</c> did.</summary>
public sealed record CalendarDayChangeDto : ReplannedChangeDto
{
    public BureauRefDto Bureau { get; set; } = new();

    public DateOnly Date { get; set; }

    /// <summary>The bureau's own day now; null after a removal.</summary>
    public CalendarDayDto? Day { get; set; }

    public bool Replaced { get; set; }
}

/// <summary>What <c>POST /api/admin/calendar/notices</c> did. <see cref="Replaced"/>: "embedded" / "imported" / null (a new year).</summary>
public sealed record NoticeImportDto : ReplannedChangeDto
{
    public int Year { get; set; }

    public int Days { get; set; }

    public string? Replaced { get; set; }

    public int LastPublishedYear { get; set; }
}

/// <summary>
/// What every administrative change reports about its re-plan: the mode (Open / NewOnly) and, for Open, how many open
/// tasks were examined, how many deadlines moved and for how many tasks the timers changed.
/// </summary>
public abstract record ReplannedChangeDto
{
    public string Replan { get; set; } = "";

    public int TasksExamined { get; set; }

    public int DeadlinesMoved { get; set; }

    public int TimersReplanned { get; set; }
}

/// <summary>Formats shared by the admin DTOs.</summary>
public static class AdminFormats
{
    /// <summary>"17:30"; null stays null.</summary>
    public static string? Time(TimeOnly? time) => time?.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    public static bool ChangesWeekdayRule(CalendarDay day) => day.ChangesWeekdayRule;
}

/// <summary>Fills a <see cref="ReplannedChangeDto"/>'s re-plan members from the change's <see cref="ReplanOutcome"/>.</summary>
public static class ReplanMapping
{
    public static AutoMapper.IMappingExpression<TSource, TDestination> ReportsReplan<TSource, TDestination>(
        this AutoMapper.IMappingExpression<TSource, TDestination> map, Func<TSource, ReplanOutcome> replan)
        where TDestination : ReplannedChangeDto
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(replan);
        return map
            .ForMember(d => d.Replan, o => o.MapFrom((source, _) => replan(source).Mode.ToString()))
            .ForMember(d => d.TasksExamined, o => o.MapFrom((source, _) => replan(source).Report.TasksExamined))
            .ForMember(d => d.DeadlinesMoved, o => o.MapFrom((source, _) => replan(source).Report.DeadlinesMoved))
            .ForMember(d => d.TimersReplanned, o => o.MapFrom((source, _) => replan(source).Report.TimersReplanned));
    }
}
