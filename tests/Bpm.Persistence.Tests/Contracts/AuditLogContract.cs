using Bpm.Application;
using Bpm.Application.Audit;
using Bpm.Domain.Audit;
using Bpm.Persistence.Audit;
using Bpm.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bpm.Persistence.Tests.Contracts;

/// <summary>
/// What the audit log promises, on every provider: every registration leaves chained rows in its own transaction, a rolled-back
/// change leaves none, concurrent writers keep one gap-free chain, and the verifier names the first edited or deleted row.
/// Tests that tamper with a row put it back before they end (the class shares one database).
/// </summary>
public abstract class AuditLogContract(IDatabaseFixture fixture) : StoreTestBase(fixture)
{
    private static readonly CancellationToken none = CancellationToken.None;

    private sealed class WorkFailedException() : Exception("refused after the registration was saved");

    private Task<AuditVerification> VerifyAsync(long? from = null) =>
        InScope(services => services.GetRequiredService<AuditChainVerifier>().VerifyAsync(from, none));

    private Task<IReadOnlyList<AuditEntry>> RowsAboutAsync(Guid requestId) =>
        InScope(async services => (IReadOnlyList<AuditEntry>)(await services.GetRequiredService<IAuditLog>().QueryAsync(
            new AuditQuery([], Subject: AuditEvent.RequestSubject(requestId), PageSize: 100), none)).Entries);

    [ContractFact]
    public async Task A_registration_is_audited_in_its_transaction_and_the_chain_verifies()
    {
        var bureau = await SeedBureauAsync();
        var request = await RegisterRequestAsync(bureau);

        var rows = await RowsAboutAsync(request.Id);
        var registered = rows.ShouldHaveSingleItem();
        (registered.Kind, registered.BureauId, registered.ActorName).ShouldBe((AuditKind.StateChange, (Guid?)bureau.Id, "system"));
        registered.Summary.ShouldStartWith(request.Number + " registered");
        registered.Summary.ShouldNotContain(request.Contact);
        registered.Hash.Length.ShouldBe(64);
        registered.Algorithm.ShouldBe(AuditChain.Sha256);

        var head = await InScope(services => services.GetRequiredService<IAuditLog>().HeadAsync(none));
        (await VerifyAsync()).ShouldBe(new AuditVerification(head.LastSequence - head.CheckpointSequence, null, null));
    }

    [ContractFact]
    public async Task A_scope_that_ends_mid_transaction_leaves_nothing_to_the_next_request_on_its_pooled_context()
    {
        var bureau = await SeedBureauAsync();
        BpmDbContext? first = null;
        var abandoned = await InScope(async services =>
        {
            first = services.GetRequiredService<BpmDbContext>();
            await first.Database.BeginTransactionAsync(none);
            first.Database.AutoSavepointsEnabled = true;
            return await services.GetRequiredService<Application.Requests.RequestRegistrationService>().RegisterAsync(bureau.Id, Registration(bureau), none);
        });

        var next = await InScope(async services =>
        {
            var db = services.GetRequiredService<BpmDbContext>();
            db.ShouldBeSameAs(first);
            (db.Database.CurrentTransaction, db.Database.AutoSavepointsEnabled, db.ChangeTracker.Entries().Count()).ShouldBe((null, false, 0));
            return await services.GetRequiredService<Application.Requests.RequestRegistrationService>().RegisterAsync(bureau.Id, Registration(bureau), none);
        });

        await InScope(async services => (await services.GetRequiredService<Application.Requests.ITaxpayerRequestStore>().FindAsync(abandoned.Id, none)).ShouldBeNull());
        (await RowsAboutAsync(abandoned.Id)).ShouldBeEmpty();
        (await RowsAboutAsync(next.Id)).ShouldHaveSingleItem().Summary.ShouldStartWith(next.Number + " registered");
        (await VerifyAsync()).IsIntact.ShouldBeTrue();
    }

    [ContractFact]
    public async Task A_rolled_back_change_leaves_no_audit_row()
    {
        var bureau = await SeedBureauAsync();
        var before = await InScope(services => services.GetRequiredService<IAuditLog>().HeadAsync(none));
        Guid? registeredId = null;

        await Should.ThrowAsync<WorkFailedException>(() => InScope(services => services.GetRequiredService<IUnitOfWork>().InTransactionAsync<bool>(async ct =>
        {
            registeredId = (await services.GetRequiredService<Application.Requests.RequestRegistrationService>().RegisterAsync(bureau.Id, Registration(bureau), ct)).Id;
            throw new WorkFailedException();
        }, none)));

        registeredId.ShouldNotBeNull();
        (await RowsAboutAsync(registeredId.Value)).ShouldBeEmpty();
        (await InScope(services => services.GetRequiredService<IAuditLog>().HeadAsync(none))).ShouldBe(before);
    }

    [ContractFact]
    public async Task Concurrent_registrations_keep_one_gap_free_chain()
    {
        var bureau = await SeedBureauAsync();
        var before = await InScope(services => services.GetRequiredService<IAuditLog>().HeadAsync(none));

        var requests = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => InScope(services =>
            services.GetRequiredService<IUnitOfWork>().InTransactionAsync(
                ct => services.GetRequiredService<Application.Requests.RequestRegistrationService>().RegisterAsync(bureau.Id, Registration(bureau), ct), none)))));

        var after = await InScope(services => services.GetRequiredService<IAuditLog>().HeadAsync(none));
        (after.LastSequence - before.LastSequence).ShouldBeGreaterThanOrEqualTo(8);
        var rows = await InScope(services => services.GetRequiredService<IAuditLog>().ReadChainAsync(before.LastSequence + 1, 1_000, none));
        rows.Select(r => r.Sequence).ShouldBe(Enumerable.Range(0, (int)(after.LastSequence - before.LastSequence)).Select(i => before.LastSequence + 1 + i));
        foreach (var request in requests)
        {
            (await RowsAboutAsync(request.Id)).Count.ShouldBe(1);
        }

        (await VerifyAsync()).IsIntact.ShouldBeTrue();
    }

    [ContractFact]
    public async Task An_edited_row_is_named_by_its_sequence()
    {
        var bureau = await SeedBureauAsync();
        var request = await RegisterRequestAsync(bureau);
        await RegisterRequestAsync(bureau);
        var edited = (await RowsAboutAsync(request.Id)).Single();

        await TamperAsync($"UPDATE \"AuditEntries\" SET \"Summary\" = 'nothing happened' WHERE \"Sequence\" = {edited.Sequence}");
        try
        {
            var outcome = await VerifyAsync();
            outcome.BrokenAt.ShouldBe(edited.Sequence);
            outcome.Reason!.ShouldContain("edited");
            (await VerifyAsync(edited.Sequence + 1)).IsIntact.ShouldBeTrue();
        }
        finally
        {
            await TamperAsync($"UPDATE \"AuditEntries\" SET \"Summary\" = '{edited.Summary.Replace("'", "''", StringComparison.Ordinal)}' WHERE \"Sequence\" = {edited.Sequence}");
        }

        (await VerifyAsync()).IsIntact.ShouldBeTrue();
    }

    [ContractFact]
    public async Task A_deleted_row_is_detected_in_the_middle_and_at_the_end()
    {
        var bureau = await SeedBureauAsync();
        var middle = (await RowsAboutAsync((await RegisterRequestAsync(bureau)).Id)).Single();
        var last = (await RowsAboutAsync((await RegisterRequestAsync(bureau)).Id)).Single();

        foreach (var deleted in new[] { middle, last })
        {
            await TamperAsync($"DELETE FROM \"AuditEntries\" WHERE \"Sequence\" = {deleted.Sequence}");
            try
            {
                (await VerifyAsync()).BrokenAt.ShouldBe(deleted.Sequence);
            }
            finally
            {
                await using var db = Database.CreateContext();
                db.AuditEntries.Add(deleted);
                await db.SaveChangesAsync();
            }
        }

        (await VerifyAsync()).IsIntact.ShouldBeTrue();
    }

    [ContractFact]
    public async Task PostgreSql_refuses_to_update_or_delete_audit_rows()
    {
        if (Database.Provider != DatabaseProvider.PostgreSql)
        {
            return;
        }

        var bureau = await SeedBureauAsync();
        var row = (await RowsAboutAsync((await RegisterRequestAsync(bureau)).Id)).Single();
        await using var db = Database.CreateContext();

        (await Should.ThrowAsync<Exception>(() => db.Database.ExecuteSqlAsync($"UPDATE \"AuditEntries\" SET \"Summary\" = 'x' WHERE \"Sequence\" = {row.Sequence}")))
            .Message.ShouldContain("append-only");
        (await Should.ThrowAsync<Exception>(() => db.Database.ExecuteSqlAsync($"DELETE FROM \"AuditEntries\" WHERE \"Sequence\" = {row.Sequence}")))
            .Message.ShouldContain("append-only");
        (await VerifyAsync()).IsIntact.ShouldBeTrue();
    }

    [ContractFact]
    public async Task Sm3_rows_chain_after_sha256_rows_and_verify()
    {
        Sm3.Digest("abc"u8.ToArray()).ShouldBe(Convert.FromHexString("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"));
        var bureau = await SeedBureauAsync();
        var collection = new ServiceCollection();
        collection.AddSingleton<TimeProvider>(Time);
        collection.AddSingleton(new AuditOptions { HashAlgorithm = AuditChain.Sm3 });
        collection.AddBpmPersistence(Database.Options);
        collection.AddBpmApplication();
        await using var withSm3 = collection.BuildServiceProvider();
        await using (var scope = withSm3.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<Application.Requests.RequestRegistrationService>().RegisterAsync(bureau.Id, Registration(bureau), none);
        }

        await using (var scope = withSm3.CreateAsyncScope())
        {
            var head = await scope.ServiceProvider.GetRequiredService<IAuditLog>().HeadAsync(none);
            (await scope.ServiceProvider.GetRequiredService<IAuditLog>().ReadChainAsync(head.LastSequence, 1, none)).Single().Algorithm.ShouldBe(AuditChain.Sm3);
        }

        (await VerifyAsync()).IsIntact.ShouldBeTrue();
    }

    /// <summary>Raw SQL as an intruder with database access would send it; PostgreSQL's append-only trigger is off meanwhile.</summary>
    private async Task TamperAsync(string sql)
    {
        await using var db = Database.CreateContext();
        var postgres = Database.Provider == DatabaseProvider.PostgreSql;
        if (postgres)
        {
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE \"AuditEntries\" DISABLE TRIGGER audit_entries_append_only");
        }

        try
        {
            await db.Database.ExecuteSqlRawAsync(sql);
        }
        finally
        {
            if (postgres)
            {
                await db.Database.ExecuteSqlRawAsync("ALTER TABLE \"AuditEntries\" ENABLE TRIGGER audit_entries_append_only");
            }
        }
    }
}

public sealed class AuditLogOnSqlite(SqliteDatabaseFixture fixture) : AuditLogContract(fixture), IClassFixture<SqliteDatabaseFixture>;

[RequiresPostgreSql]
public sealed class AuditLogOnPostgreSql(PostgreSqlDatabaseFixture fixture) : AuditLogContract(fixture), IClassFixture<PostgreSqlDatabaseFixture>;
