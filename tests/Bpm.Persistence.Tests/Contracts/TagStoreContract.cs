using Bpm.Application.Library;
using Bpm.Application.Requests;
using Bpm.Domain.Tags;
using Bpm.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Bpm.Persistence.Tests.Contracts;

/// <summary>What <see cref="ITagStore"/> promises, on every provider: vocabularies and request tags replaced whole, read back in order.</summary>
public abstract class TagStoreContract(IDatabaseFixture fixture) : StoreTestBase(fixture)
{
    private static readonly CancellationToken none = CancellationToken.None;

    [ContractFact]
    public async Task A_vocabulary_is_replaced_whole_and_read_in_its_order_per_bureau()
    {
        var first = await SeedBureauAsync();
        var second = await SeedBureauAsync();
        await InScope(services => services.GetRequiredService<ITagStore>().ReplaceVocabularyAsync(first.Id, ["出口退税", "发票", "社保费"], none));
        await InScope(services => services.GetRequiredService<ITagStore>().ReplaceVocabularyAsync(first.Id, ["发票", "出口退税"], none));
        await InScope(services => services.GetRequiredService<ITagStore>().ReplaceVocabularyAsync(second.Id, ["个税"], none));

        var read = await InScope(services => services.GetRequiredService<ITagStore>().VocabulariesAsync([first.Id, second.Id, Guid.NewGuid()], none));

        read.Count.ShouldBe(2);
        read[first.Id].ShouldBe(["发票", "出口退税"]);
        read[second.Id].ShouldBe(["个税"]);
    }

    [ContractFact]
    public async Task Request_tags_are_replaced_whole_and_the_list_filter_finds_requests_by_tag()
    {
        var bureau = await SeedBureauAsync();
        var tagged = await RegisterRequestAsync(bureau);
        var other = await RegisterRequestAsync(bureau);
        await InScope(services => services.GetRequiredService<ITagStore>().ReplaceRequestTagsAsync(
            tagged.Id, [new RequestTag(tagged.Id, "发票", true), new RequestTag(tagged.Id, "电子税务局卡顿", false)], none));
        await InScope(services => services.GetRequiredService<ITagStore>().ReplaceRequestTagsAsync(
            tagged.Id, [new RequestTag(tagged.Id, "发票", true), new RequestTag(tagged.Id, "额度", false)], none));
        await InScope(services => services.GetRequiredService<ITagStore>().ReplaceRequestTagsAsync(other.Id, [new RequestTag(other.Id, "额度", false)], none));

        var tags = await InScope(services => services.GetRequiredService<ITagStore>().ListByRequestAsync(tagged.Id, none));
        var many = await InScope(services => services.GetRequiredService<ITagStore>().ListByRequestsAsync([tagged.Id, other.Id], none));
        var withInvoice = await InScope(services => services.GetRequiredService<ITaxpayerRequestStore>()
            .ListAsync(new TaxpayerRequestFilter { BureauIds = [bureau.Id], Tag = "发票" }, none));

        tags.Select(t => (t.Name, t.FromVocabulary)).ShouldBe([("发票", true), ("额度", false)]);
        many[other.Id].ShouldHaveSingleItem().Name.ShouldBe("额度");
        withInvoice.Items.ShouldHaveSingleItem().Id.ShouldBe(tagged.Id);
    }
}

public sealed class TagStoreOnSqlite(SqliteDatabaseFixture fixture) : TagStoreContract(fixture), IClassFixture<SqliteDatabaseFixture>;

[RequiresPostgreSql]
public sealed class TagStoreOnPostgreSql(PostgreSqlDatabaseFixture fixture) : TagStoreContract(fixture), IClassFixture<PostgreSqlDatabaseFixture>;
