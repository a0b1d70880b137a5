using Bpm.Application.Requests;
using Bpm.Domain;
using Bpm.Domain.Requests;
using Bpm.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Bpm.Persistence.Tests.Contracts;

/// <summary>What <see cref="IRequestNoteStore"/> promises, on every provider: notes read back whole, oldest first, per request.</summary>
public abstract class RequestNoteStoreContract(IDatabaseFixture fixture) : StoreTestBase(fixture)
{
    private static readonly CancellationToken none = CancellationToken.None;

    [ContractFact]
    public async Task Notes_round_trip_oldest_first_per_request_up_to_2000_characters()
    {
        var bureau = await SeedBureauAsync();
        var request = await RegisterRequestAsync(bureau);
        var other = await RegisterRequestAsync(bureau);
        var author = Guid.NewGuid();
        var later = RequestNote.Write(Guid.CreateVersion7(), request.Id, author, "李四", "纳税人已补充资料", At("2026-03-02T10:30:00+08:00"));
        var first = RequestNote.Write(Guid.CreateVersion7(), request.Id, author, "李四", "  已电话联系纳税人，约定周三补充资料  ", At("2026-03-02T10:15:00+08:00"));
        var longest = RequestNote.Write(Guid.CreateVersion7(), other.Id, author, "王五", new string('税', RequestNote.MaxTextLength), At("2026-03-02T02:00:00Z"));
        foreach (var note in new[] { later, first, longest })
        {
            await InScope(services => services.GetRequiredService<IRequestNoteStore>().AddAsync(note, none));
        }

        var stored = await InScope(services => services.GetRequiredService<IRequestNoteStore>().ListByRequestAsync(request.Id, none));

        stored.Select(n => n.Text).ShouldBe(["已电话联系纳税人，约定周三补充资料", "纳税人已补充资料"]);
        (stored[0].Id, stored[0].RequestId, stored[0].AuthorUserId, stored[0].AuthorName, stored[0].CreatedAt)
            .ShouldBe((first.Id, request.Id, author, "李四", At("2026-03-02T02:15:00Z")));
        (await InScope(services => services.GetRequiredService<IRequestNoteStore>().ListByRequestAsync(other.Id, none)))
            .ShouldHaveSingleItem().Text.Length.ShouldBe(RequestNote.MaxTextLength);
    }

    [ContractFact]
    public void An_empty_or_too_long_note_is_refused_naming_the_text()
    {
        Should.Throw<DomainValidationException>(() => RequestNote.Write(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "李四", "   ", Time.GetUtcNow()))
            .Errors.ShouldHaveSingleItem().Field.ShouldBe("text");
        Should.Throw<DomainValidationException>(() => RequestNote.Write(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "李四", new string('税', 2001), Time.GetUtcNow()))
            .Errors.ShouldHaveSingleItem().Reason.ShouldContain("2000");
    }
}

public sealed class RequestNoteStoreOnSqlite(SqliteDatabaseFixture fixture) : RequestNoteStoreContract(fixture), IClassFixture<SqliteDatabaseFixture>;

[RequiresPostgreSql]
public sealed class RequestNoteStoreOnPostgreSql(PostgreSqlDatabaseFixture fixture) : RequestNoteStoreContract(fixture), IClassFixture<PostgreSqlDatabaseFixture>;
