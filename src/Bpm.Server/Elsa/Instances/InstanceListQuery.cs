using Bpm.Application.Workflows.Instances;
using Bpm.Domain;
using Bpm.Engine.Runtime;
using Microsoft.Extensions.Primitives;

namespace Bpm.Server.Elsa.Instances;

/// <summary>
/// Studio's instance-list query, as the JSON body of <c>POST /workflow-instances</c> (camelCase) or the query string of
/// <c>GET /workflow-instances</c> (Refit's PascalCase keys, bound case-insensitively), e.g.
/// <c>{"page":0,"pageSize":10,"searchTerm":"","definitionIds":[],"statuses":["Running"],"orderBy":null,"orderDirection":"Descending","timestampFilters":[]}</c>.
/// Enum values are names, matched case-insensitively: statuses <c>Running|Finished</c>, sub-statuses
/// <c>Pending|Executing|Suspended|Finished|Cancelled|Faulted|Interrupted</c> (Pending and Interrupted never occur in Bpm, so they
/// match nothing), orderBy <c>Created|LastExecuted|UpdatedAt|Finished|Name</c>, orderDirection <c>Ascending|Descending</c>.
/// </summary>
public sealed class InstanceListQuery
{
    /// <summary>The page size when none is given: Elsa would return every instance, which with a million is no answer.</summary>
    public const int DefaultPageSize = 100;

    public const int MaxPageSize = 1000;

    private static readonly string[] ElsaOnlySubStatuses = ["Pending", "Interrupted"];

    public int? Page { get; set; }

    public int? PageSize { get; set; }

    public string? SearchTerm { get; set; }

    public string? DefinitionId { get; set; }

    public List<string>? DefinitionIds { get; set; }

    public string? CorrelationId { get; set; }

    public int? Version { get; set; }

    public bool? HasIncidents { get; set; }

    public bool? IsSystem { get; set; }

    public string? Status { get; set; }

    public List<string>? Statuses { get; set; }

    public string? SubStatus { get; set; }

    public List<string>? SubStatuses { get; set; }

    public string? OrderBy { get; set; }

    public string? OrderDirection { get; set; }

    public List<TimestampFilterBody?>? TimestampFilters { get; set; }

    /// <summary>Elsa's <c>TimestampFilter</c>: <c>{"column":"CreatedAt","operator":"GreaterThanOrEqual","timestamp":"2026-03-02T00:00:00Z"}</c>.</summary>
    public sealed class TimestampFilterBody
    {
        public string? Column { get; set; }

        public string? Operator { get; set; }

        public DateTimeOffset? Timestamp { get; set; }
    }

    /// <summary>The query of <c>GET /workflow-instances?Page=0&amp;PageSize=10&amp;Statuses=Running&amp;Statuses=Finished</c>; keys in any case.</summary>
    public static InstanceListQuery FromQueryString(IQueryCollection query)
    {
        var values = query.ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase);
        var errors = new List<FieldError>();
        string? Text(string key) => values.TryGetValue(key, out var v) && !StringValues.IsNullOrEmpty(v) ? v.ToString() : null;
        List<string>? Texts(string key) => values.TryGetValue(key, out var v) ? [.. v.Where(s => !string.IsNullOrEmpty(s)).Select(s => s!)] : null;
        int? Number(string key)
        {
            if (Text(key) is not { } text)
            {
                return null;
            }

            if (int.TryParse(text, out var n))
            {
                return n;
            }

            errors.Add(new FieldError(Camel(key), $"“{text}”不是整数 (not an integer)"));
            return null;
        }

        bool? Flag(string key)
        {
            if (Text(key) is not { } text)
            {
                return null;
            }

            if (bool.TryParse(text, out var b))
            {
                return b;
            }

            errors.Add(new FieldError(Camel(key), $"“{text}”不是 True/False (not a boolean)"));
            return null;
        }

        var parsed = new InstanceListQuery
        {
            Page = Number(nameof(Page)),
            PageSize = Number(nameof(PageSize)),
            SearchTerm = Text(nameof(SearchTerm)),
            DefinitionId = Text(nameof(DefinitionId)),
            DefinitionIds = Texts(nameof(DefinitionIds)),
            CorrelationId = Text(nameof(CorrelationId)),
            Version = Number(nameof(Version)),
            HasIncidents = Flag(nameof(HasIncidents)),
            IsSystem = Flag(nameof(IsSystem)),
            Status = Text(nameof(Status)),
            Statuses = Texts(nameof(Statuses)),
            SubStatus = Text(nameof(SubStatus)),
            SubStatuses = Texts(nameof(SubStatuses)),
            OrderBy = Text(nameof(OrderBy)),
            OrderDirection = Text(nameof(OrderDirection)),
        };
        return errors.Count > 0 ? throw new DomainValidationException(errors) : parsed;
    }

    /// <summary>
    /// The store's filter limited to <paramref name="bureauIds"/>, or null when nothing can match (system instances, or only
    /// sub-statuses Bpm never has).
    /// </summary>
    /// <exception cref="DomainValidationException">a value is malformed; every broken field is named.</exception>
    public WorkflowInstanceSummaryFilter? ToFilter(IReadOnlyCollection<Guid>? bureauIds)
    {
        var errors = new List<FieldError>();
        if (Page is < 0)
        {
            errors.Add(new FieldError("page", "页码从 0 开始，不能为负 (page is 0-based, must not be negative)"));
        }

        if (PageSize is < 1 or > MaxPageSize)
        {
            errors.Add(new FieldError("pageSize", $"每页条数须在 1 到 {MaxPageSize} 之间 (page size must be 1–{MaxPageSize})"));
        }

        var statuses = Names<WorkflowStatus>("statuses", [Status, .. Statuses ?? []], [], errors);
        var subStatuses = Names<WorkflowSubStatus>("subStatuses", [SubStatus, .. SubStatuses ?? []], ElsaOnlySubStatuses, errors);
        var orderBy = ParseOrderBy(errors);
        var descending = ParseDescending(orderBy, errors);
        var instantFilters = ParseInstantFilters(errors);
        if (errors.Count > 0)
        {
            throw new DomainValidationException(errors);
        }

        if (IsSystem == true || statuses.MatchesNothing || subStatuses.MatchesNothing)
        {
            return null;
        }

        return new WorkflowInstanceSummaryFilter
        {
            BureauIds = bureauIds,
            SearchTerm = string.IsNullOrWhiteSpace(SearchTerm) ? null : SearchTerm,
            DefinitionIds = [.. (DefinitionIds ?? []).Append(DefinitionId).Where(id => !string.IsNullOrWhiteSpace(id)).Select(id => id!)],
            CorrelationId = string.IsNullOrWhiteSpace(CorrelationId) ? null : CorrelationId,
            Version = Version,
            HasIncidents = HasIncidents,
            Statuses = statuses.Values,
            SubStatuses = subStatuses.Values,
            InstantFilters = instantFilters,
            OrderBy = orderBy,
            Descending = descending,
            Page = Page ?? 0,
            PageSize = PageSize ?? DefaultPageSize,
        };
    }

    /// <summary>Enum names given (null and "" ignored); Values null = no filter; MatchesNothing = only names Bpm never has.</summary>
    private sealed record NameFilter<TEnum>(IReadOnlyCollection<TEnum>? Values, bool MatchesNothing);

    private static NameFilter<TEnum> Names<TEnum>(string field, IEnumerable<string?> given, string[] neverOccurring, List<FieldError> errors)
        where TEnum : struct, Enum
    {
        var names = given.Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n!.Trim()).ToList();
        var values = new List<TEnum>();
        foreach (var name in names)
        {
            if (Enum.TryParse<TEnum>(name, ignoreCase: true, out var value) && Enum.IsDefined(value) && !int.TryParse(name, out _))
            {
                values.Add(value);
            }
            else if (!neverOccurring.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                errors.Add(new FieldError(field, $"未知的状态“{name}”，可选：{string.Join("、", Enum.GetNames<TEnum>().Concat(neverOccurring))} (unknown value)"));
            }
        }

        return names.Count == 0 ? new NameFilter<TEnum>(null, false) : new NameFilter<TEnum>(values, values.Count == 0);
    }

    private WorkflowInstanceOrder ParseOrderBy(List<FieldError> errors)
    {
        switch (OrderBy?.Trim().ToLowerInvariant())
        {
            case null or "" or "created":
                return WorkflowInstanceOrder.Created;
            case "lastexecuted" or "updatedat":
                return WorkflowInstanceOrder.UpdatedAt;
            case "finished":
                return WorkflowInstanceOrder.Finished;
            case "name":
                return WorkflowInstanceOrder.Name;
            default:
                errors.Add(new FieldError("orderBy", $"未知的排序“{OrderBy}”，可选：Created、LastExecuted、UpdatedAt、Finished、Name (unknown order)"));
                return WorkflowInstanceOrder.Created;
        }
    }

    /// <summary>Elsa's default: names A→Z, everything else newest first.</summary>
    private bool ParseDescending(WorkflowInstanceOrder orderBy, List<FieldError> errors)
    {
        switch (OrderDirection?.Trim().ToLowerInvariant())
        {
            case null or "":
                return orderBy != WorkflowInstanceOrder.Name;
            case "ascending":
                return false;
            case "descending":
                return true;
            default:
                errors.Add(new FieldError("orderDirection", $"未知的排序方向“{OrderDirection}”，可选：Ascending、Descending (unknown direction)"));
                return true;
        }
    }

    private List<InstantFilter> ParseInstantFilters(List<FieldError> errors)
    {
        var filters = new List<InstantFilter>();
        foreach (var (body, index) in (TimestampFilters ?? []).Select((f, i) => (f, i)))
        {
            var field = $"timestampFilters[{index}]";
            if (body is null)
            {
                errors.Add(new FieldError(field, "时间筛选条件不能为空 (must be specified)"));
                continue;
            }

            var ok = true;
            if (!Enum.TryParse<InstantColumn>(body.Column?.Trim(), ignoreCase: true, out var column) || !Enum.IsDefined(column) || int.TryParse(body.Column, out _))
            {
                errors.Add(new FieldError($"{field}.column", $"未知的时间列“{body.Column}”，可选：CreatedAt、UpdatedAt、FinishedAt (unknown column)"));
                ok = false;
            }

            if (!Enum.TryParse<InstantComparison>(body.Operator?.Trim(), ignoreCase: true, out var comparison) || !Enum.IsDefined(comparison))
            {
                errors.Add(new FieldError($"{field}.operator",
                    $"未知的比较“{body.Operator}”，可选：{string.Join("、", Enum.GetNames<InstantComparison>())} (unknown operator)"));
                ok = false;
            }

            if (body.Timestamp is null)
            {
                errors.Add(new FieldError($"{field}.timestamp", "时间不能为空 (required)"));
                ok = false;
            }

            if (ok)
            {
                filters.Add(new InstantFilter(column, comparison, body.Timestamp!.Value));
            }
        }

        return filters;
    }

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
