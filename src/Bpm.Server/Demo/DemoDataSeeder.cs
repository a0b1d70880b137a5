using Bpm.Application.Bureaus;
using Bpm.Application.Users;
using Bpm.Domain.Bureaus;
using Bpm.Domain.Sla;
using Bpm.Domain.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Bpm.Server.Demo;

/// <summary>Seeds <see cref="DemoDirectory"/> when <c>Demo:Enabled</c> is true and the database has no bureau yet.</summary>
public sealed class DemoDataSeeder(IBureauStore bureaus, IUserStore users, IOptions<DemoOptions> options, ILogger<DemoDataSeeder> logger)
{
    public async Task<bool> SeedIfEnabledAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled || await bureaus.AnyAsync(cancellationToken))
        {
            return false;
        }

        var bureauIds = new Dictionary<string, Guid>();
        var unitIds = new Dictionary<(string Bureau, string Unit), Guid>();
        foreach (var demo in DemoDirectory.Bureaus)
        {
            var bureau = new Bureau(Guid.NewGuid(), demo.Code, demo.Name, demo.ParentCode is null ? null : bureauIds[demo.ParentCode], demo.Prefix);
            bureauIds[demo.Code] = bureau.Id;
            await bureaus.AddBureauAsync(bureau, cancellationToken);
            foreach (var demoUnit in demo.Units)
            {
                var unit = new Unit(Guid.NewGuid(), bureau.Id, demoUnit.Code, demoUnit.Name, demoUnit.Kind, demoUnit.Duties);
                unitIds[(demo.Code, demoUnit.Code)] = unit.Id;
                await bureaus.AddUnitAsync(unit, cancellationToken);
            }

            foreach (var rule in SlaProfiles.For(bureau.Id, demo.Sla ?? []))
            {
                await bureaus.SetSlaRuleAsync(rule, cancellationToken);
            }

            if (demo.Categories is { } categories)
            {
                await bureaus.ReplaceCategoriesAsync(bureau.Id, [.. CategoryTaxonomies.For(bureau.Id, categories)], cancellationToken);
            }
        }

        var demoUsers = DemoDirectory.Users.Select(demo => new User(
            Guid.NewGuid(), demo.UserName, demo.DisplayName, bureauIds[demo.BureauCode],
            demo.UnitCode is null ? null : unitIds[(demo.BureauCode, demo.UnitCode)], demo.Roles)).ToList();

        // A hash costs ~100 ms of one core (PBKDF2, 100,000 rounds), so 20 users one by one held a first start for 2 s;
        // hashed side by side they take 1 s on 2 cores. Each still gets its own salt.
        var hasher = new PasswordHasher<User>();
        await Parallel.ForEachAsync(demoUsers, cancellationToken, (user, _) =>
        {
            user.SetPasswordHash(hasher.HashPassword(user, options.Value.Password));
            return ValueTask.CompletedTask;
        });
        foreach (var user in demoUsers)
        {
            await users.AddAsync(user, cancellationToken);
        }

        logger.LogInformation("Demo data seeded: {Bureaus} bureaus, {Users} users", DemoDirectory.Bureaus.Count, DemoDirectory.Users.Count);
        return true;
    }
}
