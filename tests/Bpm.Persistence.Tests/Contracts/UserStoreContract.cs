using Bpm.Application.Users;
using Bpm.Domain.Users;
using Bpm.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bpm.Persistence.Tests.Contracts;

/// <summary>What <see cref="IUserStore"/> promises, on every provider.</summary>
public abstract class UserStoreContract(IDatabaseFixture fixture) : StoreTestBase(fixture)
{
    private static readonly CancellationToken none = CancellationToken.None;

    private Task AddAsync(User user) => InScope(services => services.GetRequiredService<IUserStore>().AddAsync(user, none));

    private Task<User?> FindAsync(string userName) => InScope(services => services.GetRequiredService<IUserStore>().FindByUserNameAsync(userName, none));

    private static User NewUser(string userName, SeededBureau bureau, Roles roles = Roles.Handler) =>
        new(Guid.CreateVersion7(), userName, "张三", bureau.Id, bureau.Unit.Id, roles);

    private static string RandomName(string stem) => $"{stem}.{Guid.NewGuid().ToString("N")[..6]}";

    [ContractFact]
    public async Task A_user_is_found_by_name_whatever_its_case()
    {
        var bureau = await SeedBureauAsync();
        var name = RandomName("Zhang.San");
        var user = NewUser(name, bureau, Roles.Handler | Roles.Approver);
        user.SetPasswordHash("AQAAAAIAAYagAAAAE…hash");
        await AddAsync(user);

        foreach (var spelling in new[] { name, name.ToLowerInvariant(), name.ToUpperInvariant(), $"  {name}  " })
        {
            var found = await FindAsync(spelling);
            found.ShouldNotBeNull(spelling);
            (found.Id, found.UserName, found.DisplayName, found.BureauId, found.UnitId, found.Roles, found.PasswordHash)
                .ShouldBe((user.Id, name, "张三", bureau.Id, bureau.Unit.Id, Roles.Handler | Roles.Approver, "AQAAAAIAAYagAAAAE…hash"));
        }

        (await FindAsync(name + "x")).ShouldBeNull();
    }

    [ContractFact]
    public async Task User_names_are_unique_without_regard_to_case()
    {
        var bureau = await SeedBureauAsync();
        var name = RandomName("XT.Admin");
        var first = NewUser(name, bureau, Roles.Administrator);
        await AddAsync(first);

        await Should.ThrowAsync<DbUpdateException>(() => AddAsync(NewUser(name.ToLowerInvariant(), bureau)));
        await Should.ThrowAsync<DbUpdateException>(() => AddAsync(NewUser(name, bureau)));

        var users = await InScope(services => services.GetRequiredService<IUserStore>().ListAsync(bureau.Id, none));
        users.Select(u => (u.Id, u.Roles)).ShouldBe([(first.Id, Roles.Administrator)]);
    }

    [ContractFact]
    public async Task A_user_is_found_by_id_and_an_assignment_changes_only_bureau_unit_and_roles()
    {
        var bureau = await SeedBureauAsync();
        var other = await SeedBureauAsync();
        var user = NewUser(RandomName("xt.zhang"), bureau, Roles.Handler);
        user.SetPasswordHash("hash-1");
        await AddAsync(user);

        user.Assign(other.Id, other.Unit.Id, Roles.Handler | Roles.Approver);
        var saved = await InScope(services => services.GetRequiredService<IUserStore>().SaveAssignmentAsync(user, none));

        saved.ShouldBeTrue();
        var found = await InScope(services => services.GetRequiredService<IUserStore>().FindAsync(user.Id, none));
        (found!.BureauId, found.UnitId, found.Roles, found.UserName, found.PasswordHash)
            .ShouldBe((other.Id, other.Unit.Id, Roles.Handler | Roles.Approver, user.UserName, "hash-1"));
        (await InScope(services => services.GetRequiredService<IUserStore>().FindAsync(Guid.NewGuid(), none))).ShouldBeNull();
        var ghost = NewUser(RandomName("ghost"), bureau);
        (await InScope(services => services.GetRequiredService<IUserStore>().SaveAssignmentAsync(ghost, none))).ShouldBeFalse();
    }

    [ContractFact]
    public async Task Users_are_listed_per_bureau_or_all_together()
    {
        var bureau = await SeedBureauAsync();
        var other = await SeedBureauAsync();
        var stem = Guid.NewGuid().ToString("N")[..6];
        await AddAsync(NewUser($"wang.{stem}", bureau));
        await AddAsync(NewUser($"li.{stem}", bureau));
        await AddAsync(NewUser($"zhao.{stem}", other));

        var ofBureau = await InScope(services => services.GetRequiredService<IUserStore>().ListAsync(bureau.Id, none));
        var all = await InScope(services => services.GetRequiredService<IUserStore>().ListAsync(null, none));

        ofBureau.Select(u => u.UserName).ShouldBe([$"li.{stem}", $"wang.{stem}"]);
        all.Select(u => u.UserName).Where(n => n.EndsWith(stem, StringComparison.Ordinal)).ShouldBe([$"li.{stem}", $"wang.{stem}", $"zhao.{stem}"]);
    }
}

public sealed class UserStoreOnSqlite(SqliteDatabaseFixture fixture) : UserStoreContract(fixture), IClassFixture<SqliteDatabaseFixture>;

[RequiresPostgreSql]
public sealed class UserStoreOnPostgreSql(PostgreSqlDatabaseFixture fixture) : UserStoreContract(fixture), IClassFixture<PostgreSqlDatabaseFixture>;
