using Bpm.Application.Requests;
using Bpm.Application.Requests.Duplicates;
using Bpm.Domain.Requests;
using Bpm.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Bpm.Persistence.Tests.Contracts;

/// <summary>What <see cref="IRelatedRequestStore"/> promises, on every provider: a taxpayer's earlier requests, links both ways, merges.</summary>
public abstract class RelatedRequestStoreContract(IDatabaseFixture fixture) : StoreTestBase(fixture)
{
    private static readonly CancellationToken none = CancellationToken.None;

    private static string RandomMobile() => "138" + Random.Shared.Next(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string RandomCreditCode() =>
        CreditCode("913501" + Random.Shared.NextInt64(10_000_000_000, 99_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture));

    private Task<TaxpayerRequest> RegisterAsync(SeededBureau bureau, string contact, string? creditCode, DateTimeOffset receivedAt) =>
        InScope(services => services.GetRequiredService<RequestRegistrationService>()
            .RegisterAsync(bureau.Id, Registration(bureau, receivedAt) with { Contact = contact, CreditCode = creditCode }, none));

    private Task<T> Store<T>(Func<IRelatedRequestStore, Task<T>> work) => InScope(services => work(services.GetRequiredService<IRelatedRequestStore>()));

    [ContractFact]
    public async Task Earlier_requests_match_the_credit_code_or_the_contact_within_the_window_newest_first()
    {
        var bureau = await SeedBureauAsync();
        var (code, contact) = (RandomCreditCode(), RandomMobile());
        var byCode = await RegisterAsync(bureau, RandomMobile(), code, At("2026-02-20T02:00:00Z"));
        var byContact = await RegisterAsync(bureau, contact, null, At("2026-02-25T02:00:00Z"));
        await RegisterAsync(bureau, contact, null, At("2026-01-20T02:00:00Z"));
        await RegisterAsync(bureau, RandomMobile(), RandomCreditCode(), At("2026-02-26T02:00:00Z"));
        var current = await RegisterAsync(bureau, contact, code, At("2026-03-02T01:00:00Z"));

        var earlier = await Store(s => s.EarlierOfTaxpayerAsync(
            new TaxpayerLookup(code, contact, At("2026-01-31T01:00:00Z"), current.ReceivedAt, current.Id, 10), none));

        earlier.Select(e => e.Id).ShouldBe([byContact.Id, byCode.Id]);
        earlier[1].ShouldSatisfyAllConditions(
            e => e.CreditCode.ShouldBe(code), e => e.Text.ShouldBe(byCode.Text), e => e.Type.ShouldBe(byCode.Type),
            e => e.BureauId.ShouldBe(bureau.Id), e => e.Status.ShouldBe(RequestStatus.Registered), e => e.ReceivedAt.ShouldBe(byCode.ReceivedAt));
        (await Store(s => s.EarlierOfTaxpayerAsync(new TaxpayerLookup(null, contact, At("2026-01-31T01:00:00Z"), current.ReceivedAt, current.Id, 10), none)))
            .Select(e => e.Id).ShouldBe([byContact.Id]);
        (await Store(s => s.EarlierOfTaxpayerAsync(new TaxpayerLookup(code, contact, At("2026-01-01T00:00:00Z"), current.ReceivedAt, current.Id, 1), none)))
            .ShouldHaveSingleItem().Id.ShouldBe(byContact.Id);
    }

    [ContractFact]
    public async Task Links_are_read_both_ways_and_flag_the_requests_with_likely_duplicates()
    {
        var bureau = await SeedBureauAsync();
        var first = await RegisterRequestAsync(bureau);
        var second = await RegisterRequestAsync(bureau);
        var third = await RegisterRequestAsync(bureau);
        var now = Time.GetUtcNow();
        await InScope(async services =>
        {
            await services.GetRequiredService<IRelatedRequestStore>().AddAsync(
                [new RequestLink(Guid.CreateVersion7(), second.Id, first.Id, RequestLinkKind.Repeat, null, now),
                    new RequestLink(Guid.CreateVersion7(), second.Id, first.Id, RequestLinkKind.LikelyDuplicate, 0.8612, now),
                    new RequestLink(Guid.CreateVersion7(), third.Id, second.Id, RequestLinkKind.Repeat, null, now)],
                none);
        });

        var ofSecond = await Store(s => s.LinksOfAsync(second.Id, none));
        ofSecond.Count.ShouldBe(3);
        ofSecond.Single(l => l.Kind == RequestLinkKind.LikelyDuplicate).ShouldSatisfyAllConditions(
            l => l.RelatedRequestId.ShouldBe(first.Id), l => l.Score.ShouldBe(0.861), l => l.CreatedAt.ShouldBe(now));
        (await Store(s => s.LinksOfAsync(first.Id, none))).Count.ShouldBe(2);
        (await Store(s => s.WithLikelyDuplicatesAsync([first.Id, second.Id, third.Id], none))).ShouldBe(new HashSet<Guid> { second.Id });
    }

    [ContractFact]
    public async Task Requests_merged_into_one_are_found_by_it()
    {
        var bureau = await SeedBureauAsync();
        var target = await RegisterRequestAsync(bureau);
        var duplicate = await RegisterRequestAsync(bureau);
        await InScope(async services =>
        {
            var requests = services.GetRequiredService<ITaxpayerRequestStore>();
            var into = (await requests.FindAsync(target.Id, none))!;
            into.AttachWorkflow("policy", 1, NewId());
            await requests.UpdateAsync(into, none);
            var merged = (await requests.FindAsync(duplicate.Id, none))!;
            merged.MergeInto(into, Time.GetUtcNow());
            await requests.UpdateAsync(merged, none);
        });

        var found = (await Store(s => s.MergedIntoAsync(target.Id, none))).ShouldHaveSingleItem();
        found.Id.ShouldBe(duplicate.Id);
        found.Status.ShouldBe(RequestStatus.Merged);
        found.MergedIntoRequestId.ShouldBe(target.Id);
        (await Store(s => s.MergedIntoAsync(duplicate.Id, none))).ShouldBeEmpty();
    }
}

public sealed class RelatedRequestStoreOnSqlite(SqliteDatabaseFixture fixture) : RelatedRequestStoreContract(fixture), IClassFixture<SqliteDatabaseFixture>;

[RequiresPostgreSql]
public sealed class RelatedRequestStoreOnPostgreSql(PostgreSqlDatabaseFixture fixture) : RelatedRequestStoreContract(fixture), IClassFixture<PostgreSqlDatabaseFixture>;
