using Bpm.Application.Bureaus;
using Bpm.Domain.Bureaus;
using Bpm.Domain.Requests;
using Bpm.Domain.Sla;
using Bpm.Domain.Tasks;
using Bpm.Domain.Taxpayers;
using Bpm.Domain.Users;
using Bpm.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Bpm.Persistence.Tests;

/// <summary>
/// What every store contract needs: the class's database, the production service wiring on it with a
/// manual clock, and seed helpers. Tests share the class's database, so each seeds bureaus of its own
/// (random code and prefix) and filters by them.
/// </summary>
public abstract class StoreTestBase(IDatabaseFixture fixture) : IDisposable
{
    private ServiceProvider? _services;

    protected TestDatabase Database => fixture.Database;

    /// <summary>Mon 2026-03-02 10:00 in Shanghai.</summary>
    protected ManualTimeProvider Time { get; } = new(At("2026-03-02T02:00:00Z"));

    protected ServiceProvider Services => _services ??= Database.CreateServices(Time);

    public void Dispose()
    {
        _services?.Dispose();
        GC.SuppressFinalize(this);
    }

    protected static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    protected static DateOnly Day(string iso) => DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Runs <paramref name="work"/> in a scope of its own: its own context, as one HTTP request has.</summary>
    protected async Task<T> InScope<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    protected async Task InScope(Func<IServiceProvider, Task> work)
    {
        await using var scope = Services.CreateAsyncScope();
        await work(scope.ServiceProvider);
    }

    /// <summary>"Q" and five random capitals: a prefix no other test of the class uses.</summary>
    protected static string RandomPrefix() =>
        "Q" + new string(Enumerable.Range(0, 5).Select(_ => (char)('A' + Random.Shared.Next(26))).ToArray());

    /// <summary>A bureau with one receiving unit and Ulanqab's seven categories (unless <paramref name="taxonomy"/> is empty).</summary>
    protected async Task<SeededBureau> SeedBureauAsync(
        string? prefix = null, Guid? parentId = null, IEnumerable<CategoryTemplate>? taxonomy = null, string name = "国家税务总局测试区税务局")
    {
        prefix ??= RandomPrefix();
        var bureau = new Bureau(Guid.CreateVersion7(), prefix.ToLowerInvariant() + "-" + Guid.NewGuid().ToString("N")[..6], name, parentId, prefix);
        var unit = new Unit(Guid.CreateVersion7(), bureau.Id, "nsfwk", "纳税服务科", UnitKind.Section, UnitDuties.TaxService);
        await InScope(async services =>
        {
            var store = services.GetRequiredService<IBureauStore>();
            await store.AddBureauAsync(bureau, CancellationToken.None);
            await store.AddUnitAsync(unit, CancellationToken.None);
            var categories = CategoryTaxonomies.For(bureau.Id, taxonomy ?? CategoryTaxonomies.Ulanqab).ToList();
            if (categories.Count > 0)
            {
                await store.ReplaceCategoriesAsync(bureau.Id, categories, CancellationToken.None);
            }
        });
        return new SeededBureau(bureau, unit);
    }

    /// <summary>A valid registration received at <paramref name="receivedAt"/> (default: an hour before the clock).</summary>
    protected RequestRegistration Registration(SeededBureau at, DateTimeOffset? receivedAt = null, string category = "ZCYW") => new()
    {
        TaxpayerName = "仙桃市恒达纺织有限公司",
        Contact = "13812345678",
        Text = "咨询研发费用加计扣除政策的适用范围。",
        ReceivedAt = receivedAt ?? Time.GetUtcNow().AddHours(-1),
        Channel = Channel.ServiceHall,
        CategoryCode = category,
        ReceivingUnitId = at.Unit.Id,
        ReceivingOfficer = "张三",
    };

    /// <summary>A registered request of <paramref name="bureau"/>, through the real registration service.</summary>
    protected Task<TaxpayerRequest> RegisterRequestAsync(SeededBureau bureau) =>
        InScope(services => services.GetRequiredService<Bpm.Application.Requests.RequestRegistrationService>()
            .RegisterAsync(bureau.Id, Registration(bureau), CancellationToken.None));

    /// <summary>
    /// A new policy request of <paramref name="bureau"/> numbered <paramref name="sequence"/> in 2026, built in memory
    /// (not saved): for tests of how a save writes it.
    /// </summary>
    protected TaxpayerRequest NewRequest(SeededBureau bureau, int sequence) =>
        TaxpayerRequest.Register(Guid.CreateVersion7(), new RequestNumber(bureau.Bureau.NumberPrefix, 2026, sequence), bureau.Bureau.Id,
            RequestType.Policy, Registration(bureau), Time.GetUtcNow());

    /// <summary>The open 受理登记 task of <paramref name="request"/>, due 2026-03-03, built in memory (not saved).</summary>
    protected RequestTask NewAcceptTask(TaxpayerRequest request) =>
        new(new RequestTaskOpening(
            Guid.CreateVersion7(), request.Id, request.BureauId, request.Type, request.TaxpayerName, NewId(), NewId(), "accept", "Bpm.HumanTask", "受理登记",
            request.ReceivingUnitId, Roles.Handler, ["Transfer", "AnsweredOnTheSpot"], "[]", SlaStep.Transfer, Time.GetUtcNow(), Day("2026-03-03"), At("2026-03-03T09:00:00Z"), false));

    /// <summary>A random engine id, e.g. "3f2a9c0d1b7e4a55" (ids of instances, versions, bookmarks).</summary>
    protected static string NewId() => Guid.NewGuid().ToString("N")[..16];

    /// <summary>A valid credit code: 17 characters and their check character (91440300708461136 → …T).</summary>
    protected static string CreditCode(string first17) => first17 + UnifiedSocialCreditCode.CheckCharacter(first17);
}

public sealed record SeededBureau(Bureau Bureau, Unit Unit)
{
    public Guid Id => Bureau.Id;

    public string Prefix => Bureau.NumberPrefix;
}
