using Bpm.Application.Bureaus;
using Bpm.Application.Users;
using Bpm.Domain.Requests;
using Bpm.Domain.Sla;
using Bpm.Domain.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Bpm.Server.Tests;

public sealed class DemoSeedTests : IDisposable
{
    private readonly BpmServerFactory _factory = new();

    [Fact]
    public async Task Demo_bureaus_carry_the_seed_profiles_and_the_sub_bureau_inherits_Ulanqab()
    {
        _factory.CreateClient();
        await using var scope = _factory.Services.CreateAsyncScope();
        var tree = await scope.ServiceProvider.GetRequiredService<IBureauStore>().LoadTreeAsync(CancellationToken.None);

        var xiantao = tree.FindByCode("xiantao")!;
        var ulanqab = tree.FindByCode("ulanqab")!;
        var jining = tree.FindByCode("jining")!;
        xiantao.Name.ShouldBe("国家税务总局仙桃市税务局");
        jining.ParentId.ShouldBe(ulanqab.Id);

        tree.SlaRule(xiantao.Id, RequestType.Policy, SlaStep.Handling)!.Value.WorkingDays.ShouldBe(2);
        tree.SlaRule(xiantao.Id, RequestType.Policy, SlaStep.Transfer)!.Value.WorkingDays.ShouldBe(1);
        tree.SlaRule(xiantao.Id, RequestType.Policy, SlaStep.ExtensionCap)!.Value.CapBasis.ShouldBe(ExtensionCapBasis.HandlingPlusExtension);
        var jiningHandling = tree.SlaRule(jining.Id, RequestType.Service, SlaStep.Handling)!;
        jiningHandling.Value.WorkingDays.ShouldBe(10);
        jiningHandling.FromBureauId.ShouldBe(ulanqab.Id);
        tree.SlaRule(jining.Id, RequestType.Service, SlaStep.ExtensionCap)!.Value.WorkingDays.ShouldBe(20);
        tree.SlaRule(jining.Id, RequestType.Service, SlaStep.ExtensionLeadTime)!.Value.WorkingDays.ShouldBe(2);

        tree.CategoriesOf(jining.Id).Value.Select(c => c.Name).ShouldBe(["政策业务类", "系统技术类", "征管流程类", "服务言行类", "服务质效类", "侵害权益类", "其他类"]);
        tree.CategoriesOf(xiantao.Id).Value.Count.ShouldBe(6);
    }

    [Fact]
    public async Task Demo_users_sign_in_with_the_demo_password_only()
    {
        _factory.CreateClient();
        await using var scope = _factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<IUserStore>();

        var handler = (await users.FindByUserNameAsync("XT.Handler", CancellationToken.None))!;
        handler.Has(Roles.Handler).ShouldBeTrue();
        handler.UnitId.ShouldNotBeNull();
        var hasher = new PasswordHasher<User>();
        hasher.VerifyHashedPassword(handler, handler.PasswordHash, "Bpm@2026demo").ShouldBe(PasswordVerificationResult.Success);
        hasher.VerifyHashedPassword(handler, handler.PasswordHash, "wrong").ShouldBe(PasswordVerificationResult.Failed);
        handler.PasswordHash.ShouldNotContain("Bpm@2026demo");

        // Every one of them, each hash with its own salt (hashed side by side at seeding, never one hash shared).
        var everyone = await users.ListAsync(null, CancellationToken.None);
        everyone.Count.ShouldBe(20);
        everyone.ShouldAllBe(u => hasher.VerifyHashedPassword(u, u.PasswordHash, "Bpm@2026demo") == PasswordVerificationResult.Success);
        everyone.Select(u => u.PasswordHash).Distinct().Count().ShouldBe(20);
    }

    [Fact]
    public async Task A_restart_on_the_same_database_seeds_nothing_twice()
    {
        _factory.CreateClient();
        using (var second = new BpmServerFactory(databaseFile: _factory.DatabaseFile))
        {
            second.CreateClient();
            await using var scope = second.Services.CreateAsyncScope();
            var tree = await scope.ServiceProvider.GetRequiredService<IBureauStore>().LoadTreeAsync(CancellationToken.None);
            tree.Bureaus.Count.ShouldBe(4);
            (await scope.ServiceProvider.GetRequiredService<IUserStore>().ListAsync(null, CancellationToken.None)).Count.ShouldBe(20);
        }
    }

    [Fact]
    public async Task Nothing_is_seeded_when_the_demo_is_off()
    {
        using var factory = new BpmServerFactory(new Dictionary<string, string?> { ["Demo:Enabled"] = "false" });
        factory.CreateClient();
        await using var scope = factory.Services.CreateAsyncScope();

        (await scope.ServiceProvider.GetRequiredService<IBureauStore>().AnyAsync(CancellationToken.None)).ShouldBeFalse();
        factory.DeleteDatabase();
    }

    public void Dispose()
    {
        _factory.Dispose();
        _factory.DeleteDatabase();
    }
}
