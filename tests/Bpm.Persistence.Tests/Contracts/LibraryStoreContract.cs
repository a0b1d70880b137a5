using Bpm.Application.Library;
using Bpm.Application.Requests;
using Bpm.Domain.Library;
using Bpm.Domain.Requests;
using Bpm.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Bpm.Persistence.Tests.Contracts;

/// <summary>What <see cref="ILibraryStore"/> promises, on every provider: items round-trip, filter by bureau/status/kind/type, decide once.</summary>
public abstract class LibraryStoreContract(IDatabaseFixture fixture) : StoreTestBase(fixture)
{
    private static readonly CancellationToken none = CancellationToken.None;

    [ContractFact]
    public async Task Items_round_trip_and_filter_by_bureau_status_kind_and_type_newest_first()
    {
        var bureau = await SeedBureauAsync();
        var elsewhere = await SeedBureauAsync();
        var source = await ClosedRequestAsync(bureau);
        var older = Propose(bureau.Id, source, LibraryEntryKind.StandardAnswer, "额度调整口径", At("2026-03-02T01:00:00Z"));
        var newer = Propose(bureau.Id, source, LibraryEntryKind.TypicalCase, "额度不足典型案例", At("2026-03-02T01:30:00Z"));
        var foreign = Propose(elsewhere.Id, await ClosedRequestAsync(elsewhere), LibraryEntryKind.StandardAnswer, "他局口径", At("2026-03-02T01:10:00Z"));
        foreach (var entry in new[] { older, newer, foreign })
        {
            await InScope(services => services.GetRequiredService<ILibraryStore>().AddAsync(entry, none));
        }

        var all = await List(new LibraryFilter { BureauIds = [bureau.Id] });
        var answers = await List(new LibraryFilter { BureauIds = [bureau.Id, elsewhere.Id], Kind = LibraryEntryKind.StandardAnswer, Type = RequestType.Policy });
        var found = await InScope(services => services.GetRequiredService<ILibraryStore>().FindAsync(newer.Id, none));

        all.Select(e => e.Title).ShouldBe(["额度不足典型案例", "额度调整口径"]);
        answers.Select(e => e.Title).ShouldBe(["他局口径", "额度调整口径"]);
        (found!.Question, found.Answer, found.PolicyBasis, found.ProposedAt).ShouldBe((newer.Question, newer.Answer, "某公告", At("2026-03-02T01:30:00Z")));
        found.Tags.ShouldBe(["发票", "额度"]);
        (await List(new LibraryFilter { BureauIds = [bureau.Id], Status = LibraryEntryStatus.Published })).ShouldBeEmpty();
    }

    [ContractFact]
    public async Task A_decision_is_saved_and_a_second_decision_from_a_stale_copy_is_refused()
    {
        var bureau = await SeedBureauAsync();
        var entry = Propose(bureau.Id, await ClosedRequestAsync(bureau), LibraryEntryKind.StandardAnswer, "额度调整口径", Time.GetUtcNow());
        await InScope(services => services.GetRequiredService<ILibraryStore>().AddAsync(entry, none));
        await using var first = Services.CreateAsyncScope();
        await using var second = Services.CreateAsyncScope();
        var mine = await first.ServiceProvider.GetRequiredService<ILibraryStore>().FindAsync(entry.Id, none);
        var theirs = await second.ServiceProvider.GetRequiredService<ILibraryStore>().FindAsync(entry.Id, none);

        mine!.Publish(Guid.NewGuid(), "王科长", Time.GetUtcNow());
        await first.ServiceProvider.GetRequiredService<ILibraryStore>().UpdateAsync(mine, none);
        theirs!.Reject(Guid.NewGuid(), "李科长", "口径不准确", Time.GetUtcNow());

        await Should.ThrowAsync<ConcurrencyConflictException>(() => second.ServiceProvider.GetRequiredService<ILibraryStore>().UpdateAsync(theirs, none));
        (await List(new LibraryFilter { BureauIds = [bureau.Id], Status = LibraryEntryStatus.Published })).ShouldHaveSingleItem().DeciderName.ShouldBe("王科长");
    }

    private Task<IReadOnlyList<LibraryEntry>> List(LibraryFilter filter) =>
        InScope(services => services.GetRequiredService<ILibraryStore>().ListAsync(filter, none));

    private Task<TaxpayerRequest> ClosedRequestAsync(SeededBureau bureau) =>
        InScope(services => services.GetRequiredService<RequestRegistrationService>()
            .RegisterAsync(bureau.Id, Registration(bureau) with { OnTheSpotAnswer = "已当场答复" }, none));

    private static LibraryEntry Propose(Guid bureauId, TaxpayerRequest source, LibraryEntryKind kind, string title, DateTimeOffset at) =>
        LibraryEntry.Propose(Guid.CreateVersion7(at), bureauId, source,
            new LibraryDraft(kind, title, "开具专用发票提示额度不足怎么办？", "可申请调整额度。", "某公告", ["发票", "额度"]), Guid.NewGuid(), "李四", at);
}

public sealed class LibraryStoreOnSqlite(SqliteDatabaseFixture fixture) : LibraryStoreContract(fixture), IClassFixture<SqliteDatabaseFixture>;

[RequiresPostgreSql]
public sealed class LibraryStoreOnPostgreSql(PostgreSqlDatabaseFixture fixture) : LibraryStoreContract(fixture), IClassFixture<PostgreSqlDatabaseFixture>;
