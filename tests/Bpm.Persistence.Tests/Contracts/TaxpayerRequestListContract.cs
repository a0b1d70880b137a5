using Bpm.Application.Requests;
using Bpm.Application.Tasks;
using Bpm.Domain.Requests;
using Bpm.Domain.Sla;
using Bpm.Domain.Taxpayers;
using Bpm.Domain.Tasks;
using Bpm.Domain.Users;
using Bpm.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Bpm.Persistence.Tests.Contracts;

/// <summary>
/// The request list's filters of the web UI and the ledger (industry, size, search, overdue) and the ledger's batch
/// reading, on every provider.
/// </summary>
public abstract class TaxpayerRequestListContract(IDatabaseFixture fixture) : StoreTestBase(fixture)
{
    private static readonly CancellationToken none = CancellationToken.None;

    private Task<TaxpayerRequest> RegisterAsync(SeededBureau bureau, RequestRegistration registration) =>
        InScope(services => services.GetRequiredService<RequestRegistrationService>().RegisterAsync(bureau.Id, registration, none));

    private async Task<Guid[]> IdsAsync(TaxpayerRequestFilter filter) =>
        [.. (await InScope(services => services.GetRequiredService<ITaxpayerRequestStore>().ListAsync(filter, none))).Items.Select(r => r.Id).Order()];

    private static Guid[] Expected(params TaxpayerRequest[] requests) => [.. requests.Select(r => r.Id).Order()];

    private Task AddTaskAsync(RequestTask task) => InScope(services => services.GetRequiredService<IRequestTaskStore>().AddAsync(task, none));

    private RequestTask HandlingTask(TaxpayerRequest request, SeededBureau bureau, DateTimeOffset dueAt) =>
        new(new RequestTaskOpening(
            Guid.CreateVersion7(), request.Id, request.BureauId, request.Type, request.TaxpayerName, NewId(), NewId(), "handle", "Bpm.HumanTask", "办理", bureau.Unit.Id, Roles.Handler,
            ["Resolved"], "[]", SlaStep.Handling, Time.GetUtcNow().AddHours(-1), DateOnly.FromDateTime(dueAt.UtcDateTime), dueAt, false,
            Day("2026-02-26"), 2));

    [ContractFact]
    public async Task Industry_and_size_match_exactly_and_search_finds_number_credit_code_or_part_of_the_name()
    {
        var bureau = await SeedBureauAsync();
        var code = CreditCode("91429004MA49ABCD1");
        var textile = await RegisterAsync(bureau, Registration(bureau) with { Industry = "制造业", Size = TaxpayerSize.SmallMicro, CreditCode = code });
        var shop = await RegisterAsync(bureau, Registration(bureau) with
        {
            TaxpayerName = "仙桃市便民超市", Industry = "批发和零售业", Size = TaxpayerSize.IndividualBusiness,
        });
        var person = await RegisterAsync(bureau, Registration(bureau) with { TaxpayerName = "李四", Size = TaxpayerSize.NaturalPerson });
        TaxpayerRequestFilter Scoped(TaxpayerRequestFilter filter) => filter with { BureauIds = [bureau.Id] };

        (await IdsAsync(Scoped(new() { Industry = "制造业" }))).ShouldBe(Expected(textile));
        (await IdsAsync(Scoped(new() { Industry = "制造" }))).ShouldBeEmpty();
        (await IdsAsync(Scoped(new() { Size = TaxpayerSize.IndividualBusiness }))).ShouldBe(Expected(shop));
        (await IdsAsync(Scoped(new() { Search = "便民" }))).ShouldBe(Expected(shop));
        (await IdsAsync(Scoped(new() { Search = "恒达纺织" }))).ShouldBe(Expected(textile));
        (await IdsAsync(Scoped(new() { Search = person.Number.ToLowerInvariant() }))).ShouldBe(Expected(person));
        (await IdsAsync(Scoped(new() { Search = " " + code.ToLowerInvariant() + " " }))).ShouldBe(Expected(textile));
        (await IdsAsync(Scoped(new() { Search = "不存在的公司" }))).ShouldBeEmpty();
        (await IdsAsync(Scoped(new() { Search = "仙桃", Size = TaxpayerSize.SmallMicro }))).ShouldBe(Expected(textile));
    }

    [ContractFact]
    public async Task Overdue_means_an_open_running_task_past_due_or_a_task_completed_late()
    {
        var bureau = await SeedBureauAsync();
        var now = Time.GetUtcNow(); // 2026-03-02T02:00Z
        var openLate = await RegisterAsync(bureau, Registration(bureau));
        var openInTime = await RegisterAsync(bureau, Registration(bureau));
        var doneLate = await RegisterAsync(bureau, Registration(bureau));
        var doneInTime = await RegisterAsync(bureau, Registration(bureau));
        var pausedLate = await RegisterAsync(bureau, Registration(bureau));
        var dueExactlyNow = await RegisterAsync(bureau, Registration(bureau));
        await RegisterAsync(bureau, Registration(bureau)); // no task at all

        await AddTaskAsync(HandlingTask(openLate, bureau, now.AddMinutes(-1)));
        await AddTaskAsync(HandlingTask(openInTime, bureau, now.AddDays(1)));
        var late = HandlingTask(doneLate, bureau, now.AddDays(-2));
        late.Complete(Guid.NewGuid(), "Resolved", null, now.AddDays(-1));
        await AddTaskAsync(late);
        var inTime = HandlingTask(doneInTime, bureau, now.AddDays(-1));
        inTime.Complete(Guid.NewGuid(), "Resolved", null, now.AddDays(-2));
        await AddTaskAsync(inTime);
        var paused = HandlingTask(pausedLate, bureau, now.AddDays(-1));
        paused.Pause("等待纳税人补充资料", now.AddDays(-2));
        await AddTaskAsync(paused);
        await AddTaskAsync(HandlingTask(dueExactlyNow, bureau, now));

        (await IdsAsync(new() { BureauIds = [bureau.Id], OverdueAsOf = now })).ShouldBe(Expected(openLate, doneLate, dueExactlyNow));
        (await IdsAsync(new() { BureauIds = [bureau.Id], OverdueAsOf = now.AddDays(2) })).ShouldBe(Expected(openLate, openInTime, doneLate, dueExactlyNow));

        var tasks = await InScope(services => services.GetRequiredService<IRequestTaskStore>().ListByRequestsAsync([openLate.Id, doneLate.Id], none));
        tasks.Select(t => t.RequestId).Order().ShouldBe(Expected(openLate, doneLate));
    }

    [ContractFact]
    public async Task Batches_walk_every_match_once_in_the_lists_order_even_when_receipts_tie()
    {
        var bureau = await SeedBureauAsync();
        var sameInstant = Time.GetUtcNow().AddHours(-3);
        for (var i = 0; i < 7; i++)
        {
            await RegisterAsync(bureau, Registration(bureau, i < 4 ? sameInstant : sameInstant.AddMinutes(i)));
        }

        await RegisterAsync(bureau, Registration(bureau) with { Channel = Channel.WeChat });
        var filter = new TaxpayerRequestFilter { BureauIds = [bureau.Id], Channel = Channel.ServiceHall, PageSize = 100 };
        var listed = (await InScope(services => services.GetRequiredService<ITaxpayerRequestStore>().ListAsync(filter, none))).Items.Select(r => r.Number).ToList();

        var walked = new List<string>();
        RequestListCursor? cursor = null;
        while (true)
        {
            var batch = await InScope(services => services.GetRequiredService<ITaxpayerRequestStore>().ListBatchAsync(filter, cursor, 3, none));
            if (batch.Count == 0)
            {
                break;
            }

            batch.Count.ShouldBeLessThanOrEqualTo(3);
            walked.AddRange(batch.Select(r => r.Number));
            cursor = RequestListCursor.After(batch[^1]);
        }

        listed.Count.ShouldBe(7);
        walked.ShouldBe(listed);
    }
}

public sealed class TaxpayerRequestListOnSqlite(SqliteDatabaseFixture fixture)
    : TaxpayerRequestListContract(fixture), IClassFixture<SqliteDatabaseFixture>;

[RequiresPostgreSql]
public sealed class TaxpayerRequestListOnPostgreSql(PostgreSqlDatabaseFixture fixture)
    : TaxpayerRequestListContract(fixture), IClassFixture<PostgreSqlDatabaseFixture>;
