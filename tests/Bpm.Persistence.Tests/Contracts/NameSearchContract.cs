using Bpm.Application.Requests;
using Bpm.Application.Tasks;
using Bpm.Domain.Requests;
using Bpm.Domain.Sla;
using Bpm.Domain.Tasks;
using Bpm.Domain.Users;
using Bpm.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace Bpm.Persistence.Tests.Contracts;

/// <summary>Searches as a handler's inbox and a bureau's request list make them, and requests to find.</summary>
public abstract class NameSearchTestBase(IDatabaseFixture fixture) : StoreTestBase(fixture)
{
    protected static readonly CancellationToken none = CancellationToken.None;

    /// <summary>What a handler of the bureau's unit sees in the inbox for <paramref name="search"/>: the tasks' requests.</summary>
    protected async Task<Guid[]> InboxAsync(SeededBureau bureau, string search)
    {
        var query = new InboxQuery { UserId = Guid.NewGuid(), UnitId = bureau.Unit.Id, Roles = Roles.Handler, BureauIds = [bureau.Id], Search = search, PageSize = 500 };
        var page = await InScope(services => services.GetRequiredService<IRequestTaskStore>().InboxAsync(query, none));
        page.TotalCount.ShouldBe(page.Items.Count);
        return [.. page.Items.Select(t => t.RequestId).Order()];
    }

    /// <summary>What the bureau's request list shows for <paramref name="search"/>.</summary>
    protected async Task<Guid[]> ListAsync(SeededBureau bureau, string search)
    {
        var page = await InScope(services => services.GetRequiredService<ITaxpayerRequestStore>().ListAsync(
            new TaxpayerRequestFilter { BureauIds = [bureau.Id], Search = search, PageSize = 500 }, none));
        page.TotalCount.ShouldBe(page.Items.Count);
        return [.. page.Items.Select(r => r.Id).Order()];
    }

    /// <summary>A request named <paramref name="name"/>, with no task.</summary>
    protected Task<TaxpayerRequest> RegisterAsync(SeededBureau bureau, string name, string? creditCode = null) =>
        InScope(services => services.GetRequiredService<RequestRegistrationService>()
            .RegisterAsync(bureau.Id, Registration(bureau) with { TaxpayerName = name, CreditCode = creditCode }, none));

    /// <summary>A request named <paramref name="name"/> with an open handling task in the bureau's unit, so the inbox lists it.</summary>
    protected async Task<TaxpayerRequest> RegisterWithTaskAsync(SeededBureau bureau, string name, string? creditCode = null)
    {
        var request = await RegisterAsync(bureau, name, creditCode);
        await AddOpenTaskAsync(request, bureau);
        return request;
    }

    /// <summary>Opens a handling task of <paramref name="request"/> in the bureau's unit.</summary>
    protected async Task AddOpenTaskAsync(TaxpayerRequest request, SeededBureau bureau)
    {
        var task = new RequestTask(new RequestTaskOpening(
            Guid.CreateVersion7(), request.Id, request.BureauId, request.Type, request.TaxpayerName, NewId(), NewId(), "handle", "Bpm.HumanTask", "办理", bureau.Unit.Id, Roles.Handler,
            ["Resolved"], "[]", SlaStep.Handling, Time.GetUtcNow().AddHours(-1), null, null, false, null, 0));
        await InScope(services => services.GetRequiredService<IRequestTaskStore>().AddAsync(task, none));
    }

    /// <summary>How many tasks of <paramref name="requestId"/> hold a copy of the taxpayer's name.</summary>
    protected async Task<int> TasksHoldingTheNameAsync(Guid requestId)
    {
        await using var db = Database.CreateContext();
        return await db.RequestTasks.CountAsync(t => t.RequestId == requestId && t.InboxSearchName != null, none);
    }

    /// <summary>Completes the open tasks of <paramref name="requestId"/> as a handler does (through the store, not in SQL).</summary>
    protected Task CompleteTasksAsync(Guid requestId) =>
        InScope(async services =>
        {
            var tasks = services.GetRequiredService<IRequestTaskStore>();
            foreach (var task in (await tasks.ListByRequestAsync(requestId, none)).Where(t => t.Status == RequestTaskStatus.Open))
            {
                task.Complete(Guid.NewGuid(), "Resolved", null, Time.GetUtcNow());
                await tasks.UpdateAsync(task, none);
            }
        });

    protected async Task ExecuteAsync(string sql, params object[] parameters)
    {
        await using var db = Database.CreateContext();
        await db.Database.ExecuteSqlRawAsync(sql, parameters, none);
    }

    /// <summary>The one number <paramref name="sql"/> answers as "Value", e.g. <c>SELECT COUNT(*) AS "Value" FROM …</c>.</summary>
    protected async Task<long> ScalarAsync(string sql)
    {
        await using var db = Database.CreateContext();
        return await db.Database.SqlQueryRaw<long>(sql).SingleAsync(none);
    }

    /// <summary>A query plan as a failure message shows it.</summary>
    protected static string Show(IEnumerable<string> plan) => "plan:\n" + string.Join('\n', plan);

}

/// <summary>
/// The search box of the inbox and the request list on every provider, now that a name of three characters or more is
/// looked up through a trigram index (SQLite FTS5, PostgreSQL pg_trgm): a name is found exactly as before — the text as
/// typed, case and all, anywhere in the name, <c>%</c> <c>_</c> <c>\</c> <c>"</c> <c>'</c> meaning themselves — and a
/// request number or credit code typed into the same box still finds its requests.
/// </summary>
public abstract class NameSearchContract(IDatabaseFixture fixture) : NameSearchTestBase(fixture)
{
    [ContractFact]
    public async Task A_name_is_found_by_any_part_exactly_as_the_plain_comparison_found_it()
    {
        var bureau = await SeedBureauAsync();
        string[] names =
        [
            "仙桃市恒达纺织有限公司", "仙桃市云帆软件有限公司", "李记糕点店", "恒达", "Hengda Textile Co., Ltd.", "50%股份商行", "A_B 贸易商行", "AxB 贸易商行",
            "\"老字号\"食品店", "O'Brien 咨询", @"C:\路径\商店", "恒达纺织（仙桃）分公司", "𠀀𠀁𠀂 生僻字商店",
        ];
        var requests = new Dictionary<string, Guid>();
        foreach (var name in names)
        {
            requests[name] = (await RegisterWithTaskAsync(bureau, name)).Id;
        }

        // Three characters and more go through the index; one and two keep the plain comparison: both must agree with it.
        string[] texts =
        [
            "恒达纺织", "有限公司", "仙桃市", "达纺织有", "恒达纺织有限公司（", "李记糕点店", "不存在的公司",
            "Hengda", "hengda", "HENGDA", "Textile Co", "d T", ", Ltd.",
            "50%", "%股份", "0%股", "%%%", "A_B", "_B ", "A_B 贸", "x_B", "\"老字号\"", "\"老", "号\"食", "O'Brien", "'Br", @":\路", @"\路径\", @"\\",
            "恒%纺", "恒_纺", "𠀀𠀁𠀂", "𠀁𠀂 ", "𠀀𠀁",
            "恒", "恒达", "达纺", "%", "_", "\"", "'", @"\", "Co", "𠀀",
        ];
        foreach (var text in texts)
        {
            Guid[] expected = [.. names.Where(n => n.Contains(text.Trim(), StringComparison.Ordinal)).Select(n => requests[n]).Order()];
            (await InboxAsync(bureau, text)).ShouldBe(expected, $"inbox, search {text}");
            (await ListAsync(bureau, text)).ShouldBe(expected, $"list, search {text}");
        }
    }

    [ContractFact]
    public async Task A_name_changed_or_erased_after_registration_is_found_by_its_new_text_only()
    {
        var bureau = await SeedBureauAsync();
        var renamed = await RegisterWithTaskAsync(bureau, "仙桃市恒达纺织有限公司");
        var erased = await RegisterWithTaskAsync(bureau, "仙桃市云帆软件有限公司");
        (await InboxAsync(bureau, "有限公司")).ShouldBe(new[] { renamed.Id, erased.Id }.Order());

        // What an erasure of personal data or a correction of the name does: the row is rewritten in SQL.
        await ExecuteAsync("""UPDATE "TaxpayerRequests" SET "TaxpayerName" = {0} WHERE "Id" = {1}""", "仙桃市恒发纺织厂", renamed.Id);
        await ExecuteAsync("""UPDATE "TaxpayerRequests" SET "TaxpayerName" = {0} WHERE "Id" = {1}""", "***", erased.Id);

        (await InboxAsync(bureau, "恒达纺织")).ShouldBeEmpty();
        (await ListAsync(bureau, "恒达纺织")).ShouldBeEmpty();
        (await InboxAsync(bureau, "有限公司")).ShouldBeEmpty();
        (await InboxAsync(bureau, "恒发纺织")).ShouldBe([renamed.Id]);
        (await ListAsync(bureau, "恒发纺织")).ShouldBe([renamed.Id]);
        (await ListAsync(bureau, "云帆软件")).ShouldBeEmpty();
        (await ListAsync(bureau, "***")).ShouldBe([erased.Id]);
    }

    [ContractFact]
    public async Task The_inbox_finds_a_name_among_open_tasks_only_and_a_closed_task_keeps_no_copy_of_it()
    {
        var bureau = await SeedBureauAsync();
        var done = await RegisterWithTaskAsync(bureau, "仙桃市恒达纺织有限公司");
        var open = await RegisterWithTaskAsync(bureau, "仙桃市恒达纺织二厂");
        (await InboxAsync(bureau, "恒达纺织")).ShouldBe(new[] { done.Id, open.Id }.Order());

        await CompleteTasksAsync(done.Id);

        (await InboxAsync(bureau, "恒达纺织")).ShouldBe([open.Id]);
        (await ListAsync(bureau, "恒达纺织")).ShouldBe([.. new[] { done.Id, open.Id }.Order()], "the request list still finds every request");
        (await TasksHoldingTheNameAsync(done.Id)).ShouldBe(0);

        // The request's next task (e.g. the feedback after handling) is open again, and found again.
        await AddOpenTaskAsync(done, bureau);
        (await InboxAsync(bureau, "恒达纺织")).ShouldBe(new[] { done.Id, open.Id }.Order());
    }

    [ContractFact]
    public async Task Migrating_up_again_gives_the_tasks_open_before_the_copy_existed_their_requests_name()
    {
        var bureau = await SeedBureauAsync();
        var open = await RegisterWithTaskAsync(bureau, "仙桃市云帆软件有限公司");
        var closed = await RegisterWithTaskAsync(bureau, "仙桃市云帆软件二部");
        await CompleteTasksAsync(closed.Id);

        await using (var db = Database.CreateContext())
        {
            var migrations = db.Database.GetMigrations().ToList();
            var copy = migrations.FindIndex(m => m.EndsWith("_InboxSearchNames", StringComparison.Ordinal));
            var migrator = db.GetService<IMigrator>();
            await migrator.MigrateAsync(migrations[copy - 1], cancellationToken: none);
            await migrator.MigrateAsync(cancellationToken: none);
        }

        (await InboxAsync(bureau, "云帆软件")).ShouldBe([open.Id]);
        (await TasksHoldingTheNameAsync(closed.Id)).ShouldBe(0);
        (await TasksHoldingTheNameAsync(open.Id)).ShouldBe(1);
    }

    [ContractFact]
    public async Task A_request_number_and_a_credit_code_are_found_in_the_same_box_as_a_name()
    {
        var bureau = await SeedBureauAsync();
        var code = CreditCode("91429004MA4F5X6Y7");
        var byCode = await RegisterWithTaskAsync(bureau, "仙桃市恒达纺织有限公司", code);
        var other = await RegisterWithTaskAsync(bureau, "仙桃市云帆软件有限公司");
        // A name that contains a number's beginning: the inbox finds it by its name and the bureau's requests by their numbers.
        var numberInName = await RegisterWithTaskAsync(bureau, $"{bureau.Prefix}-2026 研究所");
        Guid[] all = [.. new[] { byCode.Id, other.Id, numberInName.Id }.Order()];

        (await InboxAsync(bureau, " " + code.ToLowerInvariant() + " ")).ShouldBe([byCode.Id]);
        (await ListAsync(bureau, code)).ShouldBe([byCode.Id]);
        (await InboxAsync(bureau, code[..^1])).ShouldBeEmpty();
        (await InboxAsync(bureau, other.Number.ToLowerInvariant())).ShouldBe([other.Id]);
        (await ListAsync(bureau, other.Number.ToLowerInvariant())).ShouldBe([other.Id]);
        (await InboxAsync(bureau, other.Number[..^1])).ShouldContain(other.Id);
        (await ListAsync(bureau, other.Number[..^1])).ShouldBeEmpty();
        (await InboxAsync(bureau, $"{bureau.Prefix}-2026")).ShouldBe(all);
        (await InboxAsync(bureau, $"{bureau.Prefix}-2026-")).ShouldBe(all);
        (await ListAsync(bureau, $"{bureau.Prefix}-2026")).ShouldBe([numberInName.Id]);
        (await InboxAsync(bureau, $"{bureau.Prefix}-2026 研究")).ShouldBe([numberInName.Id]);
        (await InboxAsync(bureau, $"{bureau.Prefix[1..]}-2026")).ShouldBe([numberInName.Id], "the middle of a number is no prefix; the name contains it");
    }
}

public sealed class NameSearchOnSqlite(SqliteDatabaseFixture fixture) : NameSearchContract(fixture), IClassFixture<SqliteDatabaseFixture>;

[RequiresPostgreSql]
public sealed class NameSearchOnPostgreSql(PostgreSqlDatabaseFixture fixture) : NameSearchContract(fixture), IClassFixture<PostgreSqlDatabaseFixture>;
