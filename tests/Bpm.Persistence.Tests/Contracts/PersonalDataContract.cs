using Bpm.Application.PersonalData;
using Bpm.Application.Requests;
using Bpm.Application.Requests.Duplicates;
using Bpm.Domain.Requests;
using Bpm.Persistence.PersonalData;
using Bpm.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bpm.Persistence.Tests.Contracts;

/// <summary>
/// Contact and credit code are stored encrypted on every provider (the raw column holds no clear text), read back in clear,
/// still found by exact value through their digests, and move to a new key with <see cref="PersonalDataRekeying"/>.
/// </summary>
public abstract class PersonalDataContract(IDatabaseFixture fixture) : StoreTestBase(fixture)
{
    private static readonly CancellationToken none = CancellationToken.None;

    private static readonly string Code = CreditCode("91429004MA4F2A1B3");

    private async Task<TaxpayerRequest> RegisterWithCodeAsync(IServiceProvider services, SeededBureau bureau, string contact, DateTimeOffset? receivedAt = null)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RequestRegistrationService>()
            .RegisterAsync(bureau.Id, Registration(bureau, receivedAt) with { CreditCode = Code, Contact = contact }, none);
    }

    private static async Task<StoredColumns> RawAsync(IServiceProvider services, Guid id)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BpmDbContext>();
        var rows = await db.Database.SqlQueryRaw<StoredColumns>(
                """SELECT "Contact", "CreditCode", "ContactDigest", "CreditCodeDigest" FROM "TaxpayerRequests" WHERE "Id" = {0}""", id)
            .ToListAsync(none);
        return rows.Single();
    }

    [ContractFact]
    public async Task The_raw_columns_hold_no_clear_contact_or_credit_code_and_the_store_reads_them_back_in_clear()
    {
        var bureau = await SeedBureauAsync();

        var request = await RegisterWithCodeAsync(Services, bureau, "13812345678");

        var raw = await RawAsync(Services, request.Id);
        raw.Contact.ShouldStartWith("v1:dev:");
        raw.Contact.ShouldNotContain("13812345678");
        raw.CreditCode!.ShouldStartWith("v1:dev:");
        raw.CreditCode.ShouldNotContain(Code);
        raw.ContactDigest.ShouldBe(PersonalDataProtector.Development.Digest("13812345678"));
        raw.CreditCodeDigest.ShouldBe(PersonalDataProtector.Development.Digest(Code));

        var found = await InScope(services => services.GetRequiredService<ITaxpayerRequestStore>().FindAsync(request.Id, none));
        found!.Contact.ShouldBe("13812345678");
        found.CreditCode.ShouldBe(Code);
    }

    [ContractFact]
    public async Task A_pass_over_requests_already_under_the_active_key_goes_on_while_someone_else_is_writing()
    {
        // The pass runs in the background after every start; on SQLite it used to take the writer's lock for each batch,
        // so sign-ins and registrations waiting behind it failed with "database is locked". Now it reads without a lock.
        var bureau = await SeedBureauAsync();
        var request = await RegisterWithCodeAsync(Services, bureau, "13812345670");
        await RegisterWithCodeAsync(Services, bureau, "13812345671");

        await using var writer = Services.CreateAsyncScope();
        var writing = writer.ServiceProvider.GetRequiredService<BpmDbContext>();
        await using var transaction = await writing.Database.BeginTransactionAsync(none);
        await writing.Database.ExecuteSqlRawAsync("""UPDATE "TaxpayerRequests" SET "Text" = 'being edited' WHERE "Id" = {0}""", [request.Id], none);

        var pass = InScope(services => services.GetRequiredService<PersonalDataRekeying>().RunAsync(1, none));
        var result = await pass.WaitAsync(TimeSpan.FromSeconds(10));

        result.Examined.ShouldBeGreaterThanOrEqualTo(2);
        result.Rewritten.ShouldBe(0);
        await transaction.RollbackAsync(none);
    }

    [ContractFact]
    public async Task Credit_code_filter_search_and_repeat_lookup_find_requests_by_their_digests()
    {
        var bureau = await SeedBureauAsync();
        var earlier = await RegisterWithCodeAsync(Services, bureau, "13900001111", Time.GetUtcNow().AddDays(-3));
        var later = await RegisterWithCodeAsync(Services, bureau, "13900002222");

        var byFilter = await InScope(services => services.GetRequiredService<ITaxpayerRequestStore>()
            .ListAsync(new TaxpayerRequestFilter { BureauIds = [bureau.Id], CreditCode = Code }, none));
        byFilter.Items.Select(r => r.Id).ShouldBe([later.Id, earlier.Id], ignoreOrder: true);

        // Search takes the whole code (lower case too); a prefix finds nothing, the column being encrypted.
        var bySearch = await InScope(services => services.GetRequiredService<ITaxpayerRequestStore>()
            .ListAsync(new TaxpayerRequestFilter { BureauIds = [bureau.Id], Search = Code.ToLowerInvariant() }, none));
        bySearch.TotalCount.ShouldBe(2);
        var byPrefix = await InScope(services => services.GetRequiredService<ITaxpayerRequestStore>()
            .ListAsync(new TaxpayerRequestFilter { BureauIds = [bureau.Id], Search = Code[..8] }, none));
        byPrefix.TotalCount.ShouldBe(0);

        var byContact = await InScope(services => services.GetRequiredService<IRelatedRequestStore>().EarlierOfTaxpayerAsync(
            new TaxpayerLookup(null, "13900001111", Time.GetUtcNow().AddDays(-30), Time.GetUtcNow(), later.Id, 10), none));
        byContact.Select(r => r.Id).ShouldBe([earlier.Id]);
        byContact[0].Contact.ShouldBe("13900001111");
    }

    [ContractFact]
    public async Task Rotation_moves_every_row_to_the_new_key_after_which_the_old_key_can_be_removed()
    {
        await using var database = await TestDatabase.CreateAsync(Database.Provider);
        var k1 = Keys(("k1", Key(1)));
        var k1AndK2 = Keys(("k2", Key(2)), ("k1", Key(1)));
        var onlyK2 = Keys(("k2", Key(2)));

        Guid encrypted;
        Guid legacy;
        await using (var services = ServicesWith(database, k1))
        {
            var bureau = await SeedOnAsync(services);
            encrypted = (await RegisterWithCodeAsync(services, bureau, "13812340001")).Id;
            legacy = (await RegisterWithCodeAsync(services, bureau, "13812340002")).Id;

            // A row from before encryption: clear text, no digests.
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<BpmDbContext>();
            await db.Database.ExecuteSqlRawAsync(
                """UPDATE "TaxpayerRequests" SET "Contact" = '13812340002', "CreditCode" = NULL, "ContactDigest" = NULL, "CreditCodeDigest" = NULL WHERE "Id" = {0}""",
                [legacy], none);
        }

        await using (var services = ServicesWith(database, k1AndK2))
        {
            await using var scope = services.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<PersonalDataRekeying>().RunAsync(1, none);
            result.ShouldBe(new PersonalDataRekeyResult(2, 2));
            (await scope.ServiceProvider.GetRequiredService<PersonalDataRekeying>().KeysInUseAsync(none)).ShouldBe(new Dictionary<string, int> { ["k2"] = 2 });

            await using var again = services.CreateAsyncScope();
            (await again.ServiceProvider.GetRequiredService<PersonalDataRekeying>().RunAsync(500, none)).Rewritten.ShouldBe(0);
        }

        await using (var services = ServicesWith(database, onlyK2))
        {
            (await RawAsync(services, encrypted)).Contact.ShouldStartWith("v1:k2:");
            (await RawAsync(services, legacy)).ContactDigest.ShouldNotBeNull();
            await using var scope = services.CreateAsyncScope();
            var store = scope.ServiceProvider.GetRequiredService<ITaxpayerRequestStore>();
            (await store.FindAsync(encrypted, none))!.CreditCode.ShouldBe(Code);
            (await store.FindAsync(legacy, none))!.Contact.ShouldBe("13812340002");
            var byCode = await store.ListAsync(new TaxpayerRequestFilter { CreditCode = Code }, none);
            byCode.Items.Select(r => r.Id).ShouldBe([encrypted]);
        }
    }

    [ContractFact]
    public async Task A_start_under_the_keys_of_the_last_pass_skips_it_unless_a_value_lies_outside_the_active_key_or_the_keys_changed()
    {
        await using var database = await TestDatabase.CreateAsync(Database.Provider);
        var k1 = Keys(("k1", Key(1)));
        Guid restored;
        await using (var services = ServicesWith(database, k1))
        {
            var bureau = await SeedOnAsync(services);
            restored = (await RegisterWithCodeAsync(services, bureau, "13812340003")).Id;
            await RegisterWithCodeAsync(services, bureau, "13812340004");

            // No pass has finished on this database yet: the first start reads every request.
            (await StartupPassAsync(services)).ShouldBe(new PersonalDataRekeyResult(2, 0));
            (await StartupPassAsync(services)).ShouldBeNull();

            // A contact back in clear (a row restored from an old backup): the next start runs the pass and encrypts it.
            await using (var scope = services.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<BpmDbContext>().Database.ExecuteSqlRawAsync(
                    """UPDATE "TaxpayerRequests" SET "Contact" = '13812340003' WHERE "Id" = {0}""", [restored], none);
            }

            (await StartupPassAsync(services)).ShouldBe(new PersonalDataRekeyResult(2, 1));
            (await RawAsync(services, restored)).Contact.ShouldStartWith("v1:k1:");
            (await StartupPassAsync(services)).ShouldBeNull();
        }

        // The same active key with a new digest key: every stored digest is stale, so the start runs the pass.
        var newDigestKey = Keys(("k1", Key(1)));
        newDigestKey.DigestKey = Convert.ToBase64String(Enumerable.Range(0, 32).Select(i => (byte)(i + 100)).ToArray());
        await using (var services = ServicesWith(database, newDigestKey))
        {
            (await StartupPassAsync(services)).ShouldBe(new PersonalDataRekeyResult(2, 2));
            (await RawAsync(services, restored)).ContactDigest.ShouldBe(PersonalDataProtector.Create(newDigestKey).Digest("13812340003"));
            (await StartupPassAsync(services)).ShouldBeNull();
        }
    }

    private static async Task<PersonalDataRekeyResult?> StartupPassAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PersonalDataRekeying>().RunUnlessCurrentAsync(PersonalDataRekeying.DefaultBatchSize, none);
    }

    private ServiceProvider ServicesWith(TestDatabase database, PersonalDataOptions options)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Time);
        services.AddSingleton<IPersonalDataProtector>(PersonalDataProtector.Create(options));
        services.AddBpmPersistence(database.Options);
        Bpm.Application.ApplicationServices.AddBpmApplication(services);
        return services.BuildServiceProvider();
    }

    private static async Task<SeededBureau> SeedOnAsync(IServiceProvider services)
    {
        var bureau = new Bpm.Domain.Bureaus.Bureau(Guid.CreateVersion7(), "rot-" + Guid.NewGuid().ToString("N")[..6], "国家税务总局轮换区税务局", null, RandomPrefix());
        var unit = new Bpm.Domain.Bureaus.Unit(Guid.CreateVersion7(), bureau.Id, "nsfwk", "纳税服务科", Bpm.Domain.Bureaus.UnitKind.Section, Bpm.Domain.Bureaus.UnitDuties.TaxService);
        await using var scope = services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<Bpm.Application.Bureaus.IBureauStore>();
        await store.AddBureauAsync(bureau, none);
        await store.AddUnitAsync(unit, none);
        await store.ReplaceCategoriesAsync(bureau.Id, [.. Bpm.Domain.Bureaus.CategoryTaxonomies.For(bureau.Id, Bpm.Domain.Bureaus.CategoryTaxonomies.Ulanqab)], none);
        return new SeededBureau(bureau, unit);
    }

    private static string Key(int seed) => Convert.ToBase64String(Enumerable.Range(0, 32).Select(i => (byte)(i * 7 + seed)).ToArray());

    /// <summary>The first key is the active one.</summary>
    private static PersonalDataOptions Keys(params (string Id, string Key)[] keys) => new()
    {
        Keys = keys.ToDictionary(k => k.Id, k => k.Key),
        ActiveKey = keys[0].Id,
        DigestKey = Convert.ToBase64String(Enumerable.Range(0, 32).Select(i => (byte)(255 - i)).ToArray()),
    };

    private sealed record StoredColumns(string Contact, string? CreditCode, string? ContactDigest, string? CreditCodeDigest);
}

public sealed class PersonalDataOnSqlite(SqliteDatabaseFixture fixture)
    : PersonalDataContract(fixture), IClassFixture<SqliteDatabaseFixture>;

[RequiresPostgreSql]
public sealed class PersonalDataOnPostgreSql(PostgreSqlDatabaseFixture fixture)
    : PersonalDataContract(fixture), IClassFixture<PostgreSqlDatabaseFixture>;
