using Bpm.Application.Bureaus;
using Bpm.Application.Requests;
using Bpm.Application.Users;
using Bpm.Domain.Bureaus;
using Bpm.Domain.Collections;
using Bpm.Domain.Users;

namespace Bpm.Application.Collections;

/// <summary>
/// The monthly collection (seed 004 §三(二)): every unit of a bureau except its tax-service department, which receives,
/// sends last month's requests and risk points within the month's first 3 working days.
/// <list type="bullet">
/// <item><see cref="OpenDueAsync"/> opens the current month's tasks of every bureau whose opening instant (first working
/// day, 09:00 local) has passed; run by the periodic job. Idempotent: a unit that has its task is left alone (and the
/// unique index refuses a second one a concurrent node tries). Catch-up: a run any time later in the same month opens
/// what is missing, so a server down on the first working day opens them when it comes back, still due on the 3rd
/// working day. A month missed entirely is not opened afterwards (its figures went into the next month's).</item>
/// <item><see cref="SubmitAsync"/>: a handler of the unit sends the figures.</item>
/// <item><see cref="ListAsync"/>: who has and has not sent, over the user's subtree.</item>
/// </list>
/// </summary>
public sealed class MonthlyCollectionService(
    IBureauStore bureaus, ICollectionTaskStore tasks, IUnitOfWork unitOfWork, PeriodicDutiesOptions options, TimeProvider time)
{
    private const int MaxAttempts = 3;

    /// <summary>Opens what is due now in every bureau; returns how many tasks were opened.</summary>
    public async Task<int> OpenDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var tree = await bureaus.LoadTreeAsync(cancellationToken);
        var opened = 0;
        foreach (var bureau in tree.Bureaus.OrderBy(b => b.Code, StringComparer.Ordinal))
        {
            opened += await OpenForBureauAsync(tree, bureau, now, cancellationToken);
        }

        return opened;
    }

    /// <summary>The collection window of the bureau's current local month.</summary>
    public CollectionWindow WindowOf(BureauTree tree, Guid bureauId, CollectionMonth month)
    {
        ArgumentNullException.ThrowIfNull(tree);
        return CollectionWindow.For(month, tree.CalendarOf(bureauId), tree.ClockOf(bureauId), options.CollectionOpensAt, options.CollectionWorkingDays);
    }

    public async Task<CollectionTask> SubmitAsync(
        ICurrentUser user, Guid id, int? requestCount, string? riskPoints, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        return await unitOfWork.InTransactionAsync(async ct =>
        {
            var tree = await bureaus.LoadTreeAsync(ct);
            var task = await tasks.FindAsync(id, ct);
            if (task is null || !BureauScope.Below(tree, user.BureauId).Contains(task.BureauId))
            {
                throw new NotFoundException($"报送任务不存在：{id}");
            }

            if (user.UnitId != task.UnitId || !user.Roles.HasFlag(Roles.Handler))
            {
                throw new AccessDeniedException("只有本单位的承办人可以报送");
            }

            task.Submit(user.UserId, requestCount, riskPoints, time.GetUtcNow());
            await tasks.UpdateAsync(task, ct);
            return task;
        }, cancellationToken);
    }

    /// <summary>
    /// The month's tasks of the user's subtree (or of one bureau in it, by code), with bureau and unit names; the month
    /// defaults to the current one on the user's bureau clock. A bureau outside the subtree → NotFoundException.
    /// </summary>
    public async Task<CollectionOverview> ListAsync(
        ICurrentUser user, string? bureauCode, CollectionMonth? month, CollectionTaskStatus? status, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var tree = await bureaus.LoadTreeAsync(cancellationToken);
        var scope = BureauScope.Below(tree, user.BureauId);
        IReadOnlyCollection<Guid> bureauIds = scope.BureauIds;
        if (!string.IsNullOrWhiteSpace(bureauCode))
        {
            var bureau = tree.FindByCode(bureauCode.Trim());
            if (bureau is null || !scope.Contains(bureau.Id))
            {
                throw new NotFoundException($"税务机关不存在或不在您的管辖范围内：{bureauCode}");
            }

            bureauIds = [.. tree.Subtree(bureau.Id).Select(b => b.Id)];
        }

        var shown = month ?? (tree.Contains(user.BureauId)
            ? CollectionMonth.Of(tree.ClockOf(user.BureauId).LocalDate(time.GetUtcNow()))
            : CollectionMonth.Of(DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime)));
        var found = await tasks.ListAsync(new CollectionTaskFilter(bureauIds, shown, Status: status), cancellationToken);
        var units = new Dictionary<Guid, Unit>();
        foreach (var bureauId in found.Select(t => t.BureauId).Distinct())
        {
            foreach (var unit in await bureaus.ListUnitsAsync(bureauId, cancellationToken))
            {
                units[unit.Id] = unit;
            }
        }

        var rows = found
            .Select(t => new CollectionRow(t, tree[t.BureauId].Name, tree[t.BureauId].Code, units.TryGetValue(t.UnitId, out var u) ? u.Name : t.UnitId.ToString()))
            .ToList();
        return new CollectionOverview(shown, rows);
    }

    private async Task<int> OpenForBureauAsync(BureauTree tree, Bureau bureau, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var month = CollectionMonth.Of(tree.ClockOf(bureau.Id).LocalDate(now));
        var window = WindowOf(tree, bureau.Id, month);
        if (now < window.OpensAt)
        {
            return 0;
        }

        var units = await bureaus.ListUnitsAsync(bureau.Id, cancellationToken);

        // A bureau without a tax-service department has nobody to send to (e.g. a root holding only policy).
        if (!units.Any(u => u.Duties.HasFlag(UnitDuties.TaxService)))
        {
            return 0;
        }

        var senders = units.Where(u => !u.Duties.HasFlag(UnitDuties.TaxService)).ToList();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await unitOfWork.InTransactionAsync(async ct =>
                {
                    var have = (await tasks.ListUnitIdsWithTaskAsync(bureau.Id, month, ct)).ToHashSet();
                    var missing = senders
                        .Where(u => !have.Contains(u.Id))
                        .Select(u => new CollectionTask(Guid.CreateVersion7(now), bureau.Id, u.Id, window, now))
                        .ToList();
                    if (missing.Count > 0)
                    {
                        await tasks.AddAsync(missing, ct);
                    }

                    return missing.Count;
                }, cancellationToken);
            }
            catch (ConcurrencyConflictException) when (attempt < MaxAttempts)
            {
                // Another node opened some of them meanwhile: read again, open only what is still missing.
            }
        }
    }
}

/// <summary>A month's collection tasks with the names a list line shows.</summary>
public sealed record CollectionOverview(CollectionMonth Month, IReadOnlyList<CollectionRow> Rows);

public sealed record CollectionRow(CollectionTask Task, string BureauName, string BureauCode, string UnitName);
