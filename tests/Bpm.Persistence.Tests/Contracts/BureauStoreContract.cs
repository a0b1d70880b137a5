using Bpm.Application.Bureaus;
using Bpm.Domain.Bureaus;
using Bpm.Domain.Requests;
using Bpm.Domain.Sla;
using Bpm.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bpm.Persistence.Tests.Contracts;

/// <summary>What <see cref="IBureauStore"/> promises, on every provider, as seen through the loaded <see cref="BureauTree"/>.</summary>
public abstract class BureauStoreContract(IDatabaseFixture fixture) : StoreTestBase(fixture)
{
    private static readonly CancellationToken none = CancellationToken.None;

    private Task<BureauTree> LoadTreeAsync() => InScope(services => services.GetRequiredService<IBureauStore>().LoadTreeAsync(none));

    private Task WithStore(Func<IBureauStore, Task> work) => InScope(services => work(services.GetRequiredService<IBureauStore>()));

    [ContractFact]
    public async Task A_calendar_day_set_on_another_node_is_in_the_next_tree_this_node_reads()
    {
        var bureau = await SeedBureauAsync();
        (await LoadTreeAsync()).OwnCalendarDays(bureau.Id).ShouldBeEmpty();
        using var otherNode = Database.CreateServices(Time);

        await using (var scope = otherNode.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IBureauStore>()
                .SetCalendarDayAsync(new BureauCalendarDay(bureau.Id, Day("2026-07-13"), false, "那达慕"), none);
        }

        (await LoadTreeAsync()).OwnCalendarDays(bureau.Id).Select(d => (d.Date, d.IsWorkingDay)).ShouldBe([(Day("2026-07-13"), false)]);
    }

    [ContractFact]
    public async Task A_calendar_day_removed_on_this_node_is_gone_from_its_next_tree_while_an_unchanged_tree_is_read_once()
    {
        var bureau = await SeedBureauAsync();
        await WithStore(store => store.SetCalendarDayAsync(new BureauCalendarDay(bureau.Id, Day("2026-07-13"), false, "那达慕"), none));
        var before = await LoadTreeAsync();
        before.OwnCalendarDays(bureau.Id).Count().ShouldBe(1);
        (await LoadTreeAsync()).ShouldBeSameAs(before);

        await WithStore(async store => (await store.RemoveCalendarDayAsync(bureau.Id, Day("2026-07-13"), none)).ShouldBeTrue());

        (await LoadTreeAsync()).OwnCalendarDays(bureau.Id).ShouldBeEmpty();
    }

    [ContractFact]
    public async Task A_bureau_renamed_through_the_context_on_another_node_is_renamed_in_this_nodes_tree()
    {
        var bureau = await SeedBureauAsync();
        (await LoadTreeAsync())[bureau.Id].Name.ShouldBe("国家税务总局测试区税务局");
        using var otherNode = Database.CreateServices(Time);

        await using (var scope = otherNode.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BpmDbContext>();
            var row = await db.Bureaus.SingleAsync(b => b.Id == bureau.Id);
            db.Entry(row).Property(b => b.Name).CurrentValue = "国家税务总局测试新区税务局";
            await db.SaveChangesAsync();
        }

        (await LoadTreeAsync())[bureau.Id].Name.ShouldBe("国家税务总局测试新区税务局");
    }

    [ContractFact]
    public async Task The_tree_holds_bureaus_with_their_settings_units_days_categories_and_sla_lines()
    {
        var city = new Bureau(Guid.CreateVersion7(), "ulanqab-" + Guid.NewGuid().ToString("N")[..6], "国家税务总局乌兰察布市税务局", null, RandomPrefix());
        city.SetTimeZone("Asia/Shanghai");
        city.SetCutOff(new TimeOnly(17, 30));
        var district = new Bureau(Guid.CreateVersion7(), "jining-" + Guid.NewGuid().ToString("N")[..6], "国家税务总局集宁区税务局", city.Id, RandomPrefix());
        district.SetCutOff(null, endOfDay: true);
        var hall = new Unit(Guid.CreateVersion7(), district.Id, "bsfwt", "办税服务厅", UnitKind.Center);
        var office = new Unit(Guid.CreateVersion7(), district.Id, "lxhy", "联席会议办公室", UnitKind.Office, UnitDuties.TaxService | UnitDuties.JointMeetingOffice);
        await WithStore(async store =>
        {
            await store.AddBureauAsync(city, none);
            await store.AddBureauAsync(district, none);
            await store.AddUnitAsync(office, none);
            await store.AddUnitAsync(hall, none);
            await store.SetCalendarDayAsync(new BureauCalendarDay(city.Id, Day("2026-07-13"), false, "那达慕"), none);
            await store.ReplaceCategoriesAsync(city.Id, [.. CategoryTaxonomies.For(city.Id, CategoryTaxonomies.Ulanqab)], none);
            foreach (var rule in SlaProfiles.For(city.Id, SlaProfiles.Ulanqab))
            {
                await store.SetSlaRuleAsync(rule, none);
            }
        });

        var tree = await LoadTreeAsync();

        var loadedCity = tree[city.Id];
        loadedCity.Name.ShouldBe("国家税务总局乌兰察布市税务局");
        loadedCity.NumberPrefix.ShouldBe(city.NumberPrefix);
        loadedCity.TimeZoneId.ShouldBe("Asia/Shanghai");
        loadedCity.CutOff.ShouldBe(new TimeOnly(17, 30));
        tree[district.Id].ParentId.ShouldBe(city.Id);
        tree[district.Id].CutOffAtEndOfDay.ShouldBeTrue();
        tree.ChildrenOf(city.Id).Select(b => b.Id).ShouldBe([district.Id]);
        tree.FindByCode(district.Code.ToUpperInvariant())!.Id.ShouldBe(district.Id);
        tree.ClockOf(city.Id).DeadlineInstant(Day("2026-07-14")).ShouldBe(At("2026-07-14T09:30:00Z"));
        tree.ClockOf(district.Id).DeadlineInstant(Day("2026-07-14")).ShouldBe(At("2026-07-14T16:00:00Z"));
        tree.OwnCalendarDays(city.Id).Select(d => (d.Date, d.IsWorkingDay, d.Name)).ShouldBe([(Day("2026-07-13"), false, "那达慕")]);
        tree.CategoriesOf(city.Id).Value.Select(c => (c.Code, c.Name, c.Type, c.Order))
            .ShouldBe(CategoryTaxonomies.Ulanqab.Select((c, i) => (c.Code, c.Name, c.Type, i + 1)));
        tree.SlaRule(city.Id, RequestType.Policy, SlaStep.ExtensionCap)!.Value.CapBasis.ShouldBe(ExtensionCapBasis.ExtensionOnly);
        tree.SlaPolicyOf(city.Id, RequestType.Service).Values.Select(r => (r.Value.Step, r.Value.WorkingDays)).Order()
            .ShouldBe(SlaProfiles.Ulanqab.Select(l => (l.Step, l.WorkingDays)).Order());

        var units = await InScope(services => services.GetRequiredService<IBureauStore>().ListUnitsAsync(district.Id, none));
        units.Select(u => u.Code).ShouldBe(["bsfwt", "lxhy"]);
        var found = await InScope(services => services.GetRequiredService<IBureauStore>().FindUnitAsync(office.Id, none));
        (found!.BureauId, found.Name, found.Kind, found.Duties)
            .ShouldBe((district.Id, "联席会议办公室", UnitKind.Office, UnitDuties.TaxService | UnitDuties.JointMeetingOffice));
        (await InScope(services => services.GetRequiredService<IBureauStore>().FindUnitAsync(Guid.NewGuid(), none))).ShouldBeNull();
        (await InScope(services => services.GetRequiredService<IBureauStore>().AnyAsync(none))).ShouldBeTrue();
    }

    [ContractFact]
    public async Task Setting_a_calendar_day_again_replaces_the_bureaus_entry_for_that_date()
    {
        var bureau = await SeedBureauAsync();
        await WithStore(store => store.SetCalendarDayAsync(new BureauCalendarDay(bureau.Id, Day("2026-10-08"), false, "系统切换停办"), none));

        await WithStore(store => store.SetCalendarDayAsync(new BureauCalendarDay(bureau.Id, Day("2026-10-08"), true, "集中清理积压"), none));

        var tree = await LoadTreeAsync();
        tree.OwnCalendarDays(bureau.Id).Select(d => (d.Date, d.IsWorkingDay, d.Name)).ShouldBe([(Day("2026-10-08"), true, "集中清理积压")]);
    }

    [ContractFact]
    public async Task One_unit_of_work_can_set_the_same_date_twice_and_the_last_entry_wins()
    {
        // An import of a calendar file that names a date twice runs in one scope.
        var bureau = await SeedBureauAsync();

        await WithStore(async store =>
        {
            await store.SetCalendarDayAsync(new BureauCalendarDay(bureau.Id, Day("2026-10-08"), false, "系统切换停办"), none);
            await store.SetCalendarDayAsync(new BureauCalendarDay(bureau.Id, Day("2026-10-09"), false, "系统切换停办"), none);
            await store.SetCalendarDayAsync(new BureauCalendarDay(bureau.Id, Day("2026-10-08"), true, "集中清理积压"), none);
        });

        var tree = await LoadTreeAsync();
        tree.OwnCalendarDays(bureau.Id).Select(d => (d.Date, d.IsWorkingDay))
            .ShouldBe([(Day("2026-10-08"), true), (Day("2026-10-09"), false)]);
    }

    [ContractFact]
    public async Task Removing_a_calendar_day_says_whether_the_bureau_had_one()
    {
        var bureau = await SeedBureauAsync();
        var other = await SeedBureauAsync();
        await WithStore(async store =>
        {
            await store.SetCalendarDayAsync(new BureauCalendarDay(bureau.Id, Day("2026-10-08"), false, "系统切换停办"), none);
            await store.SetCalendarDayAsync(new BureauCalendarDay(other.Id, Day("2026-10-08"), false, "系统切换停办"), none);
        });

        (await InScope(services => services.GetRequiredService<IBureauStore>().RemoveCalendarDayAsync(bureau.Id, Day("2026-10-08"), none))).ShouldBeTrue();
        (await InScope(services => services.GetRequiredService<IBureauStore>().RemoveCalendarDayAsync(bureau.Id, Day("2026-10-08"), none))).ShouldBeFalse();
        (await InScope(services => services.GetRequiredService<IBureauStore>().RemoveCalendarDayAsync(bureau.Id, Day("2026-10-09"), none))).ShouldBeFalse();

        var tree = await LoadTreeAsync();
        tree.OwnCalendarDays(bureau.Id).ShouldBeEmpty();
        tree.OwnCalendarDays(other.Id).Select(d => d.Date).ShouldBe([Day("2026-10-08")]);
    }

    [ContractFact]
    public async Task Replacing_categories_swaps_the_bureaus_whole_taxonomy_and_no_other()
    {
        var bureau = await SeedBureauAsync();
        var other = await SeedBureauAsync();

        await WithStore(store => store.ReplaceCategoriesAsync(bureau.Id, [.. CategoryTaxonomies.For(bureau.Id, CategoryTaxonomies.National)], none));

        var tree = await LoadTreeAsync();
        tree.CategoriesOf(bureau.Id).Value.Select(c => (c.Code, c.Type)).ShouldBe(CategoryTaxonomies.National.Select(c => (c.Code, c.Type)));
        tree.FindCategory(bureau.Id, "ZCYW").ShouldBeNull();
        tree.CategoriesOf(other.Id).Value.Count.ShouldBe(CategoryTaxonomies.Ulanqab.Count);
    }

    [ContractFact]
    public async Task One_unit_of_work_can_replace_categories_twice()
    {
        var bureau = await SeedBureauAsync(taxonomy: []);

        await WithStore(async store =>
        {
            await store.ReplaceCategoriesAsync(bureau.Id, [.. CategoryTaxonomies.For(bureau.Id, CategoryTaxonomies.Ulanqab)], none);
            await store.ReplaceCategoriesAsync(bureau.Id, [.. CategoryTaxonomies.For(bureau.Id, CategoryTaxonomies.Ulanqab.Reverse())], none);
        });

        var tree = await LoadTreeAsync();
        tree.CategoriesOf(bureau.Id).Value.Select(c => c.Code).ShouldBe(CategoryTaxonomies.Ulanqab.Reverse().Select(c => c.Code));
    }

    [ContractFact]
    public async Task Replacing_with_no_categories_falls_back_to_the_parents_taxonomy()
    {
        var city = await SeedBureauAsync(taxonomy: CategoryTaxonomies.Ulanqab);
        var district = await SeedBureauAsync(parentId: city.Id, taxonomy: CategoryTaxonomies.National);

        await WithStore(store => store.ReplaceCategoriesAsync(district.Id, [], none));

        var categories = (await LoadTreeAsync()).CategoriesOf(district.Id);
        categories.FromBureauId.ShouldBe(city.Id);
        categories.Value.Select(c => c.Code).ShouldBe(CategoryTaxonomies.Ulanqab.Select(c => c.Code));
    }

    [ContractFact]
    public async Task Setting_an_sla_line_replaces_the_line_for_the_same_type_and_step_including_all_types()
    {
        var bureau = await SeedBureauAsync();
        await WithStore(async store =>
        {
            await store.SetSlaRuleAsync(new SlaRule(bureau.Id, null, SlaStep.Handling, 10), none);
            await store.SetSlaRuleAsync(new SlaRule(bureau.Id, RequestType.LegalRemedy, SlaStep.Handling, 15), none);
            await store.SetSlaRuleAsync(new SlaRule(bureau.Id, null, SlaStep.ExtensionCap, 20, ExtensionCapBasis.ExtensionOnly), none);
        });

        await WithStore(store => store.SetSlaRuleAsync(new SlaRule(bureau.Id, null, SlaStep.Handling, 7), none));
        await WithStore(store => store.SetSlaRuleAsync(new SlaRule(bureau.Id, RequestType.LegalRemedy, SlaStep.Handling, 12), none));
        await WithStore(store => store.SetSlaRuleAsync(new SlaRule(bureau.Id, null, SlaStep.ExtensionCap, 5, ExtensionCapBasis.HandlingPlusExtension), none));

        var tree = await LoadTreeAsync(); // a duplicate (bureau, type, step) would make this throw
        tree.SlaRule(bureau.Id, RequestType.Policy, SlaStep.Handling)!.Value.WorkingDays.ShouldBe(7);
        tree.SlaRule(bureau.Id, RequestType.LegalRemedy, SlaStep.Handling)!.Value.WorkingDays.ShouldBe(12);
        var cap = tree.SlaRule(bureau.Id, RequestType.Policy, SlaStep.ExtensionCap)!.Value;
        (cap.WorkingDays, cap.CapBasis).ShouldBe((5, ExtensionCapBasis.HandlingPlusExtension));
        tree.SlaPolicyOf(bureau.Id, RequestType.Policy).Keys.Order().ShouldBe([SlaStep.Handling, SlaStep.ExtensionCap]);
    }

    [ContractFact]
    public async Task An_sla_lines_escalation_ladder_and_cut_off_round_trip_as_one_json_column_and_null_stays_null()
    {
        var bureau = await SeedBureauAsync();
        // Warn 4 working hours ahead, red at due, a reminder every 2 WD (5 at most), joint meeting 3 WD after due; handling ends 17:30.
        var ladder = new EscalationLadder(new SlaOffset(4, SlaOffsetUnit.WorkingHours), true, 2, 5, 3);
        await WithStore(async store =>
        {
            await store.SetSlaRuleAsync(new SlaRule(bureau.Id, null, SlaStep.Handling, 10, ladder: ladder, cutOff: new TimeOnly(17, 30)), none);
            await store.SetSlaRuleAsync(new SlaRule(bureau.Id, null, SlaStep.Feedback, 3), none);
        });

        var tree = await LoadTreeAsync();
        var handling = tree.SlaRule(bureau.Id, RequestType.Policy, SlaStep.Handling)!.Value;
        (handling.Ladder, handling.CutOff).ShouldBe((ladder, (TimeOnly?)new TimeOnly(17, 30)));
        var feedback = tree.SlaRule(bureau.Id, RequestType.Policy, SlaStep.Feedback)!.Value;
        (feedback.Ladder, feedback.CutOff).ShouldBe(((EscalationLadder?)null, (TimeOnly?)null));

        await using (var db = Database.CreateContext())
        {
            // The same text on every provider; no ladder is SQL NULL, not "null".
            var stored = await db.Database.SqlQuery<string>(
                $"SELECT COALESCE(\"Ladder\", 'NULL') AS \"Value\" FROM \"SlaRules\" WHERE \"BureauId\" = {bureau.Id} ORDER BY \"Step\"").ToListAsync(); // Feedback, Handling
            stored.ShouldBe([
                "NULL",
                """{"warnBefore":{"amount":4,"unit":"WorkingHours"},"escalateAtDue":true,"remindEveryWorkingDays":2,"maxReminders":5,"jointMeetingAfterWorkingDays":3}""",
            ]);
        }

        // Setting the line again replaces the ladder (here: warning only, in working days) and clears the cut-off.
        var warnOnly = new EscalationLadder(new SlaOffset(1, SlaOffsetUnit.WorkingDays), false, null, 0, null);
        await WithStore(store => store.SetSlaRuleAsync(new SlaRule(bureau.Id, null, SlaStep.Handling, 10, ladder: warnOnly), none));
        var changed = (await LoadTreeAsync()).SlaRule(bureau.Id, RequestType.Policy, SlaStep.Handling)!.Value;
        (changed.Ladder, changed.CutOff).ShouldBe((warnOnly, (TimeOnly?)null));
    }

    [ContractFact]
    public async Task Within_one_scope_a_change_is_seen_by_the_next_read()
    {
        var bureau = await SeedBureauAsync();
        await WithStore(async store =>
        {
            var before = await store.LoadTreeAsync(none);
            (await store.ListUnitsAsync(bureau.Id, none)).Count.ShouldBe(1);

            await store.SetSlaRuleAsync(new SlaRule(bureau.Id, null, SlaStep.Feedback, 3), none);
            await store.SetCalendarDayAsync(new BureauCalendarDay(bureau.Id, Day("2026-10-12"), false, "本地停工"), none);
            await store.AddUnitAsync(new Unit(Guid.NewGuid(), bureau.Id, "extra", "新设单位", UnitKind.Section), none);
            var after = await store.LoadTreeAsync(none);

            before.SlaRule(bureau.Id, RequestType.Other, SlaStep.Feedback).ShouldBeNull();
            after.SlaRule(bureau.Id, RequestType.Other, SlaStep.Feedback)!.Value.WorkingDays.ShouldBe(3);
            after.CalendarOf(bureau.Id).IsWorkingDay(Day("2026-10-12")).ShouldBeFalse();
            (await store.ListUnitsAsync(bureau.Id, none)).Count.ShouldBe(2);
        });
    }

    [ContractFact]
    public async Task Administrators_saving_the_same_all_types_line_at_once_leave_one_line()
    {
        var bureau = await SeedBureauAsync();

        await Task.WhenAll(Enumerable.Range(1, 8).Select(days =>
            WithStore(store => store.SetSlaRuleAsync(new SlaRule(bureau.Id, null, SlaStep.Feedback, days), none))));

        var tree = await LoadTreeAsync(); // two (bureau, all types, Feedback) lines would make this throw
        tree.SlaRule(bureau.Id, RequestType.Other, SlaStep.Feedback)!.Value.WorkingDays.ShouldBeInRange(1, 8);
    }

    [ContractFact]
    public async Task A_sub_bureau_inherits_its_parents_sla_lines_and_closures_until_it_sets_its_own()
    {
        var city = await SeedBureauAsync();
        var district = await SeedBureauAsync(parentId: city.Id, taxonomy: []);
        await WithStore(async store =>
        {
            foreach (var rule in SlaProfiles.For(city.Id, SlaProfiles.Ulanqab))
            {
                await store.SetSlaRuleAsync(rule, none);
            }

            // Mon 2026-07-13 closed city-wide for 那达慕; the district works Sat 2026-07-18 to make up.
            await store.SetCalendarDayAsync(new BureauCalendarDay(city.Id, Day("2026-07-13"), false, "那达慕"), none);
            await store.SetCalendarDayAsync(new BureauCalendarDay(district.Id, Day("2026-07-18"), true, "那达慕调休"), none);
        });

        var before = await LoadTreeAsync();
        var handling = before.SlaRule(district.Id, RequestType.Service, SlaStep.Handling)!;
        (handling.Value.WorkingDays, handling.FromBureauId).ShouldBe((10, city.Id));
        before.CalendarOf(district.Id).IsWorkingDay(Day("2026-07-13")).ShouldBeFalse();
        before.CalendarOf(district.Id).IsWorkingDay(Day("2026-07-18")).ShouldBeTrue();
        before.CalendarOf(city.Id).IsWorkingDay(Day("2026-07-18")).ShouldBeFalse();
        // Received Fri 07-10: Mon 07-13 is closed, so 2 WD → Wed 07-15 in the city.
        before.CalendarOf(city.Id).AddWorkingDays(Day("2026-07-10"), 2).ShouldBe(Day("2026-07-15"));
        before.CategoriesOf(district.Id).FromBureauId.ShouldBe(city.Id);

        await WithStore(async store =>
        {
            await store.SetSlaRuleAsync(new SlaRule(district.Id, RequestType.Service, SlaStep.Handling, 3), none);
            await store.SetCalendarDayAsync(new BureauCalendarDay(district.Id, Day("2026-07-13"), true, "照常办公"), none);
        });

        var after = await LoadTreeAsync();
        var own = after.SlaRule(district.Id, RequestType.Service, SlaStep.Handling)!;
        (own.Value.WorkingDays, own.FromBureauId).ShouldBe((3, district.Id));
        after.SlaRule(district.Id, RequestType.Policy, SlaStep.Handling)!.FromBureauId.ShouldBe(city.Id);
        after.CalendarOf(district.Id).IsWorkingDay(Day("2026-07-13")).ShouldBeTrue();
        after.CalendarOf(city.Id).IsWorkingDay(Day("2026-07-13")).ShouldBeFalse();
    }
}

public sealed class BureauStoreOnSqlite(SqliteDatabaseFixture fixture) : BureauStoreContract(fixture), IClassFixture<SqliteDatabaseFixture>;

[RequiresPostgreSql]
public sealed class BureauStoreOnPostgreSql(PostgreSqlDatabaseFixture fixture) : BureauStoreContract(fixture), IClassFixture<PostgreSqlDatabaseFixture>;
