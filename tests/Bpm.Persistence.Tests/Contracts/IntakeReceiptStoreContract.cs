using Bpm.Application;
using Bpm.Application.Intake;
using Bpm.Application.Requests;
using Bpm.Domain.Requests;
using Bpm.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Bpm.Persistence.Tests.Contracts;

/// <summary>What <see cref="IIntakeReceiptStore"/> promises, on every provider: one receipt per channel and key, and a taken key undoes the transaction it was tried in.</summary>
public abstract class IntakeReceiptStoreContract(IDatabaseFixture fixture) : StoreTestBase(fixture)
{
    private static readonly CancellationToken none = CancellationToken.None;

    private static readonly string Hash = new('a', 64);

    [ContractFact]
    public async Task A_receipt_reads_back_by_channel_and_key_and_the_same_key_of_another_channel_is_another_receipt()
    {
        var request = await RegisterRequestAsync(await SeedBureauAsync());
        var key = "12345-" + NewId();
        await InScope(s => s.GetRequiredService<IIntakeReceiptStore>().AddAsync(new IntakeReceipt(Channel.Hotline12345, key, request.Id, Hash, At("2026-03-02T09:31:00+08:00")), none));

        var found = await InScope(s => s.GetRequiredService<IIntakeReceiptStore>().FindAsync(Channel.Hotline12345, key, none));

        (found!.Channel, found.IdempotencyKey, found.RequestId, found.BodyHash, found.CreatedAt)
            .ShouldBe((Channel.Hotline12345, key, request.Id, Hash, At("2026-03-02T01:31:00Z")));
        (await InScope(s => s.GetRequiredService<IIntakeReceiptStore>().FindAsync(Channel.Hotline12366, key, none))).ShouldBeNull();
        await InScope(s => s.GetRequiredService<IIntakeReceiptStore>().AddAsync(new IntakeReceipt(Channel.Hotline12366, key, request.Id, Hash, Time.GetUtcNow()), none));
    }

    [ContractFact]
    public async Task A_second_receipt_for_the_same_channel_and_key_is_refused_and_undoes_its_transaction()
    {
        var bureau = await SeedBureauAsync();
        var first = await RegisterRequestAsync(bureau);
        var key = "12366-" + NewId();
        await InScope(s => s.GetRequiredService<IIntakeReceiptStore>().AddAsync(new IntakeReceipt(Channel.Hotline12366, key, first.Id, Hash, Time.GetUtcNow()), none));

        Guid? secondId = null;
        await Should.ThrowAsync<IntakeKeyTakenException>(() => InScope(s => s.GetRequiredService<IUnitOfWork>().InTransactionAsync(
            async ct =>
            {
                var second = await s.GetRequiredService<RequestRegistrationService>().RegisterAsync(bureau.Id, Registration(bureau), ct);
                secondId = second.Id;
                await s.GetRequiredService<IIntakeReceiptStore>().AddAsync(new IntakeReceipt(Channel.Hotline12366, key, second.Id, new string('b', 64), Time.GetUtcNow()), ct);
                return second;
            },
            none)));

        secondId.ShouldNotBeNull();
        (await InScope(s => s.GetRequiredService<ITaxpayerRequestStore>().FindAsync(secondId.Value, none))).ShouldBeNull();
        (await InScope(s => s.GetRequiredService<IIntakeReceiptStore>().FindAsync(Channel.Hotline12366, key, none)))!.RequestId.ShouldBe(first.Id);
    }
}

public sealed class IntakeReceiptStoreOnSqlite(SqliteDatabaseFixture fixture) : IntakeReceiptStoreContract(fixture), IClassFixture<SqliteDatabaseFixture>;

[RequiresPostgreSql]
public sealed class IntakeReceiptStoreOnPostgreSql(PostgreSqlDatabaseFixture fixture) : IntakeReceiptStoreContract(fixture), IClassFixture<PostgreSqlDatabaseFixture>;
