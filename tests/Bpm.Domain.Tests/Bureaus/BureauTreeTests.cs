using Bpm.Domain.Bureaus;
using Bpm.Domain.Calendar;
using Bpm.Domain.Requests;
using Bpm.Domain.Sla;
using static Bpm.Domain.Tests.Calendar.Dates;

namespace Bpm.Domain.Tests.Bureaus;

public sealed class BureauTreeTests
{
    private readonly SeedTree seed = new();

    // ---------------------------------------------------------------- structure

    [Fact]
    public void PathFromRoot_runs_from_the_root_to_the_bureau()
    {
        var tree = seed.Build();
        foreach (var bureau in seed.AllBureaus)
        {
            tree.PathFromRoot(bureau.Id).Select(b => b.Code).ShouldBe(seed.HandWrittenPathTo(bureau).Select(b => b.Code));
        }
    }

    [Fact]
    public void Subtree_holds_the_bureau_and_everything_below_it()
    {
        var tree = seed.Build();

        tree.Subtree(seed.National.Id).Select(b => b.Code).Order().ShouldBe(["jining", "national", "ulanqab", "xiantao"]);
        tree.Subtree(seed.Ulanqab.Id).Select(b => b.Code).Order().ShouldBe(["jining", "ulanqab"]);
        tree.Subtree(seed.Xiantao.Id).Select(b => b.Code).ShouldBe(["xiantao"]);
        tree.Subtree(seed.Jining.Id).Select(b => b.Code).ShouldBe(["jining"]);
        tree.Roots.Select(b => b.Code).ShouldBe(["national"]);
        tree.ChildrenOf(seed.National.Id).Select(b => b.Code).Order().ShouldBe(["ulanqab", "xiantao"]);
        tree.ChildrenOf(seed.Jining.Id).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("national", "jining", true)]
    [InlineData("ulanqab", "jining", true)]
    [InlineData("jining", "jining", true)]
    [InlineData("national", "xiantao", true)]
    [InlineData("xiantao", "jining", false)]
    [InlineData("jining", "ulanqab", false)]
    [InlineData("ulanqab", "xiantao", false)]
    [InlineData("xiantao", "national", false)]
    public void IsInSubtree_agrees_with_the_tree(string ancestor, string bureau, bool expected)
    {
        var tree = seed.Build();
        var ancestorId = tree.FindByCode(ancestor)!.Id;
        var bureauId = tree.FindByCode(bureau)!.Id;

        tree.IsInSubtree(ancestorId, bureauId).ShouldBe(expected);
        tree.Subtree(ancestorId).Any(b => b.Id == bureauId).ShouldBe(expected);
    }

    [Fact]
    public void Lookups_by_id_and_code()
    {
        var tree = seed.Build();
        tree[seed.Jining.Id].ShouldBeSameAs(seed.Jining);
        tree.FindByCode("JiNing").ShouldBeSameAs(seed.Jining);
        tree.FindByCode("nowhere").ShouldBeNull();
        tree.Contains(Guid.NewGuid()).ShouldBeFalse();
        Should.Throw<DomainException>(() => tree[Guid.NewGuid()]).Code.ShouldBe("bureau.not-found");
    }

    [Fact]
    public void A_missing_parent_is_refused()
    {
        var orphan = new Bureau(Guid.NewGuid(), "orphan", "孤立机构", Guid.NewGuid(), "GL");
        var thrown = Should.Throw<DomainException>(
            () => new BureauTree([.. seed.AllBureaus, orphan], [], [], [], WorkingDayCalendar.ChinaNational));
        thrown.Code.ShouldBe("bureau.parent");
        thrown.Field.ShouldBe("parentId");
    }

    [Fact]
    public void A_cycle_of_two_is_refused()
    {
        Guid a = Guid.NewGuid(), b = Guid.NewGuid();
        Bureau[] bureaus =
        [
            .. seed.AllBureaus,
            new Bureau(a, "a", "甲", b, "AA"),
            new Bureau(b, "b", "乙", a, "BB"),
        ];

        Should.Throw<DomainException>(() => new BureauTree(bureaus, [], [], [], WorkingDayCalendar.ChinaNational)).Code.ShouldBe("bureau.cycle");
    }

    [Fact]
    public void A_bureau_that_is_its_own_parent_is_refused()
    {
        var a = Guid.NewGuid();
        Should.Throw<DomainException>(() => new BureauTree([new Bureau(a, "a", "甲", a, "AA")], [], [], [], WorkingDayCalendar.ChinaNational))
            .Code.ShouldBe("bureau.cycle");
    }

    [Fact]
    public void A_longer_cycle_hanging_off_nothing_is_refused()
    {
        Guid a = Guid.NewGuid(), b = Guid.NewGuid(), c = Guid.NewGuid();
        Bureau[] bureaus = [new Bureau(a, "a", "甲", c, "AA"), new Bureau(b, "b", "乙", a, "BB"), new Bureau(c, "c", "丙", b, "CC")];
        Should.Throw<DomainException>(() => new BureauTree(bureaus, [], [], [], WorkingDayCalendar.ChinaNational)).Code.ShouldBe("bureau.cycle");
    }

    // ---------------------------------------------------------------- SLA

    [Fact]
    public void Jining_inherits_Ulanqabs_handling_time_of_ten_working_days()
    {
        var rule = seed.Build().SlaRule(seed.Jining.Id, RequestType.Policy, SlaStep.Handling);

        rule.ShouldNotBeNull();
        rule.Value.WorkingDays.ShouldBe(10);
        rule.FromBureauId.ShouldBe(seed.Ulanqab.Id);
        rule.IsOwnOf(seed.Jining.Id).ShouldBeFalse();
    }

    [Fact]
    public void Xiantao_handles_in_two_working_days_of_its_own()
    {
        var rule = seed.Build().SlaRule(seed.Xiantao.Id, RequestType.Service, SlaStep.Handling)!;

        rule.Value.WorkingDays.ShouldBe(2);
        rule.FromBureauId.ShouldBe(seed.Xiantao.Id);
        rule.IsOwnOf(seed.Xiantao.Id).ShouldBeTrue();
    }

    [Theory]
    [InlineData(SlaStep.Transfer)]
    [InlineData(SlaStep.Feedback)]
    [InlineData(SlaStep.Revisit)]
    public void Steps_Ulanqab_does_not_set_come_from_the_national_default_for_Jining(SlaStep step)
    {
        var rule = seed.Build().SlaRule(seed.Jining.Id, RequestType.Other, step)!;

        rule.FromBureauId.ShouldBe(seed.National.Id);
        rule.Value.WorkingDays.ShouldBe(SlaProfiles.NationalDefault.Single(l => l.Step == step).WorkingDays);
    }

    [Fact]
    public void Xiantao_takes_the_revisit_time_from_the_national_default()
    {
        var rule = seed.Build().SlaRule(seed.Xiantao.Id, RequestType.Policy, SlaStep.Revisit)!;
        rule.FromBureauId.ShouldBe(seed.National.Id);
        rule.Value.WorkingDays.ShouldBe(5);
    }

    [Fact]
    public void A_step_nobody_sets_has_no_rule()
    {
        var rules = seed.Rules.Where(r => r.Step != SlaStep.Revisit).ToList();
        seed.Rules.Clear();
        seed.Rules.AddRange(rules);
        var tree = seed.Build();

        tree.SlaRule(seed.Jining.Id, RequestType.Policy, SlaStep.Revisit).ShouldBeNull();
        tree.SlaPolicyOf(seed.Jining.Id, RequestType.Policy).ContainsKey(SlaStep.Revisit).ShouldBeFalse();
    }

    [Fact]
    public void A_line_for_the_type_beats_a_line_for_all_types_at_the_same_bureau()
    {
        seed.Rules.Add(new SlaRule(seed.Ulanqab.Id, RequestType.LegalRemedy, SlaStep.Handling, 15));
        var tree = seed.Build();

        var legal = tree.SlaRule(seed.Jining.Id, RequestType.LegalRemedy, SlaStep.Handling)!;
        legal.Value.WorkingDays.ShouldBe(15);
        legal.Value.Type.ShouldBe(RequestType.LegalRemedy);
        legal.FromBureauId.ShouldBe(seed.Ulanqab.Id);

        var service = tree.SlaRule(seed.Jining.Id, RequestType.Service, SlaStep.Handling)!;
        service.Value.WorkingDays.ShouldBe(10);
        service.Value.Type.ShouldBeNull();
    }

    [Fact]
    public void A_nearer_bureau_beats_a_farther_one_even_against_a_type_specific_line()
    {
        seed.Rules.Add(new SlaRule(seed.National.Id, RequestType.Policy, SlaStep.Handling, 30));
        var tree = seed.Build();

        var jining = tree.SlaRule(seed.Jining.Id, RequestType.Policy, SlaStep.Handling)!;
        jining.Value.WorkingDays.ShouldBe(10);
        jining.FromBureauId.ShouldBe(seed.Ulanqab.Id);

        // The national line for Policy does beat the national all-types line for the national bureau itself.
        tree.SlaRule(seed.National.Id, RequestType.Policy, SlaStep.Handling)!.Value.WorkingDays.ShouldBe(30);
    }

    [Fact]
    public void A_bureau_own_line_beats_what_it_would_inherit()
    {
        seed.Rules.Add(new SlaRule(seed.Jining.Id, null, SlaStep.Handling, 7));
        var rule = seed.Build().SlaRule(seed.Jining.Id, RequestType.Policy, SlaStep.Handling)!;

        rule.Value.WorkingDays.ShouldBe(7);
        rule.IsOwnOf(seed.Jining.Id).ShouldBeTrue();
    }

    public static TheoryData<string, SlaStep> EveryBureauAndStep()
    {
        var data = new TheoryData<string, SlaStep>();
        foreach (var code in new[] { "national", "xiantao", "ulanqab", "jining" })
        {
            foreach (var step in Enum.GetValues<SlaStep>())
            {
                data.Add(code, step);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryBureauAndStep))]
    public void Every_effective_line_is_the_nearest_seeded_profile_line(string code, SlaStep step)
    {
        var tree = seed.Build();
        var bureau = tree.FindByCode(code)!;

        // Oracle: walk the hand-written path from the bureau upwards through the seeded profiles.
        var expected = seed.HandWrittenPathTo(bureau).Reverse()
            .Select(b => (Bureau: b, Line: seed.ProfileOf(b)?.SingleOrDefault(l => l.Step == step)))
            .First(x => x.Line is not null);

        foreach (var type in Enum.GetValues<RequestType>())
        {
            var rule = tree.SlaRule(bureau.Id, type, step)!;
            rule.FromBureauId.ShouldBe(expected.Bureau.Id);
            rule.Value.WorkingDays.ShouldBe(expected.Line!.WorkingDays);
            rule.Value.CapBasis.ShouldBe(expected.Line.CapBasis);
            tree.SlaPolicyOf(bureau.Id, type)[step].ShouldBe(rule);
        }
    }

    [Fact]
    public void The_policy_of_every_bureau_covers_every_step_because_the_root_sets_them_all()
    {
        var tree = seed.Build();
        foreach (var bureau in seed.AllBureaus)
        {
            tree.SlaPolicyOf(bureau.Id, RequestType.Policy).Keys.Order().ShouldBe(Enum.GetValues<SlaStep>().Order());
        }
    }

    // ---------------------------------------------------------------- calendar

    // Mon 2026-07-13 is an ordinary national working day (no holiday near it).
    private static readonly DateOnly Naadam = D("2026-07-13");

    [Fact]
    public void A_closure_at_Ulanqab_is_a_rest_day_for_Jining_but_not_for_Xiantao()
    {
        WorkingDayCalendar.ChinaNational.IsWorkingDay(Naadam).ShouldBeTrue();
        seed.Days.Add(new BureauCalendarDay(seed.Ulanqab.Id, Naadam, isWorkingDay: false, "那达慕"));
        var tree = seed.Build();

        tree.CalendarOf(seed.Ulanqab.Id).IsWorkingDay(Naadam).ShouldBeFalse();
        tree.CalendarOf(seed.Jining.Id).IsWorkingDay(Naadam).ShouldBeFalse();
        tree.CalendarOf(seed.Xiantao.Id).IsWorkingDay(Naadam).ShouldBeTrue();
        tree.CalendarOf(seed.National.Id).IsWorkingDay(Naadam).ShouldBeTrue();
        tree.OwnCalendarDays(seed.Ulanqab.Id).Select(d => d.Date).ShouldBe([Naadam]);
        tree.OwnCalendarDays(seed.Jining.Id).ShouldBeEmpty();
    }

    [Fact]
    public void Jining_overriding_Ulanqabs_closure_back_to_a_working_day_wins()
    {
        seed.Days.Add(new BureauCalendarDay(seed.Ulanqab.Id, Naadam, isWorkingDay: false, "那达慕"));
        seed.Days.Add(new BureauCalendarDay(seed.Jining.Id, Naadam, isWorkingDay: true, "集宁区照常上班"));
        var tree = seed.Build();

        tree.CalendarOf(seed.Jining.Id).IsWorkingDay(Naadam).ShouldBeTrue();
        tree.CalendarOf(seed.Ulanqab.Id).IsWorkingDay(Naadam).ShouldBeFalse();
        tree.CalendarOf(seed.Xiantao.Id).IsWorkingDay(Naadam).ShouldBeTrue();
    }

    [Fact]
    public void A_bureau_can_override_a_national_holiday_and_its_children_follow()
    {
        // Sat 2026-02-14 is a national make-up working day (春节调休); Ulanqab declares it a rest day.
        var makeUp = D("2026-02-14");
        WorkingDayCalendar.ChinaNational.IsWorkingDay(makeUp).ShouldBeTrue();
        seed.Days.Add(new BureauCalendarDay(seed.Ulanqab.Id, makeUp, isWorkingDay: false, "本地休息"));
        var tree = seed.Build();

        tree.CalendarOf(seed.Jining.Id).IsWorkingDay(makeUp).ShouldBeFalse();
        tree.CalendarOf(seed.Xiantao.Id).IsWorkingDay(makeUp).ShouldBeTrue();
    }

    [Fact]
    public void Calendars_of_bureaus_without_days_equal_the_national_one()
    {
        seed.Days.Add(new BureauCalendarDay(seed.Ulanqab.Id, Naadam, isWorkingDay: false, "那达慕"));
        var tree = seed.Build();
        foreach (var date in Range(D("2026-01-01"), D("2026-12-31")))
        {
            tree.CalendarOf(seed.Xiantao.Id).IsWorkingDay(date).ShouldBe(WorkingDayCalendar.ChinaNational.IsWorkingDay(date));
            tree.CalendarOf(seed.Jining.Id).IsWorkingDay(date).ShouldBe(date != Naadam && WorkingDayCalendar.ChinaNational.IsWorkingDay(date));
        }
    }

    // ---------------------------------------------------------------- clock

    [Fact]
    public void Nobody_sets_a_clock_so_every_bureau_uses_Shanghai_and_end_of_day()
    {
        var tree = seed.Build();
        foreach (var bureau in seed.AllBureaus)
        {
            tree.TimeZoneOf(bureau.Id).Value.Id.ShouldBe("Asia/Shanghai");
            tree.TimeZoneOf(bureau.Id).FromBureauId.ShouldBeNull();
            tree.CutOffOf(bureau.Id).ShouldBe(new Inherited<TimeOnly?>(null, null));
            tree.ClockOf(bureau.Id).CutOff.ShouldBe(BureauClock.EndOfDay);
        }
    }

    [Fact]
    public void Time_zone_and_cut_off_are_inherited_down_the_tree()
    {
        seed.Ulanqab.SetTimeZone("Asia/Urumqi");
        seed.Ulanqab.SetCutOff(new TimeOnly(17, 30));
        var tree = seed.Build();

        tree.TimeZoneOf(seed.Jining.Id).Value.Id.ShouldBe("Asia/Urumqi");
        tree.TimeZoneOf(seed.Jining.Id).FromBureauId.ShouldBe(seed.Ulanqab.Id);
        tree.CutOffOf(seed.Jining.Id).Value.ShouldBe(new TimeOnly(17, 30));
        tree.CutOffOf(seed.Jining.Id).FromBureauId.ShouldBe(seed.Ulanqab.Id);
        tree.ClockOf(seed.Jining.Id).ShouldBe(new BureauClock(TimeZoneInfo.FindSystemTimeZoneById("Asia/Urumqi"), new TimeOnly(17, 30)));

        tree.ClockOf(seed.Xiantao.Id).TimeZone.Id.ShouldBe("Asia/Shanghai");
        tree.ClockOf(seed.Xiantao.Id).CutOff.ShouldBe(BureauClock.EndOfDay);
    }

    [Fact]
    public void An_explicit_end_of_day_at_a_child_overrides_a_parents_half_past_five()
    {
        seed.Ulanqab.SetCutOff(new TimeOnly(17, 30));
        seed.Jining.SetCutOff(null, endOfDay: true);
        var tree = seed.Build();

        tree.CutOffOf(seed.Jining.Id).FromBureauId.ShouldBe(seed.Jining.Id);
        tree.ClockOf(seed.Jining.Id).CutOff.ShouldBe(BureauClock.EndOfDay);
        tree.ClockOf(seed.Ulanqab.Id).CutOff.ShouldBe(new TimeOnly(17, 30));
    }

    [Fact]
    public void Clearing_a_childs_cut_off_inherits_again()
    {
        seed.Ulanqab.SetCutOff(new TimeOnly(17, 30));
        seed.Jining.SetCutOff(new TimeOnly(16, 0));
        seed.Jining.SetCutOff(null);
        var tree = seed.Build();

        tree.ClockOf(seed.Jining.Id).CutOff.ShouldBe(new TimeOnly(17, 30));
        tree.CutOffOf(seed.Jining.Id).FromBureauId.ShouldBe(seed.Ulanqab.Id);
    }

    // ---------------------------------------------------------------- categories

    [Fact]
    public void Jining_uses_Ulanqabs_seven_categories_and_Xiantao_the_national_six()
    {
        var tree = seed.Build();

        var jining = tree.CategoriesOf(seed.Jining.Id);
        jining.FromBureauId.ShouldBe(seed.Ulanqab.Id);
        jining.Value.Select(c => (c.Code, c.Name, c.Type)).ShouldBe(CategoryTaxonomies.Ulanqab.Select(c => (c.Code, c.Name, c.Type)));
        jining.Value.Count.ShouldBe(7);

        var xiantao = tree.CategoriesOf(seed.Xiantao.Id);
        xiantao.FromBureauId.ShouldBe(seed.National.Id);
        xiantao.Value.Select(c => c.Type).ShouldBe(Enum.GetValues<RequestType>());
        xiantao.Value.Count.ShouldBe(6);
    }

    [Fact]
    public void Categories_come_in_their_order_whatever_order_they_were_stored_in()
    {
        var ulanqab = seed.Categories.Where(c => c.BureauId == seed.Ulanqab.Id).ToList();
        seed.Categories.RemoveAll(ulanqab.Contains);
        seed.Categories.AddRange(Enumerable.Reverse(ulanqab));

        seed.Build().CategoriesOf(seed.Jining.Id).Value.Select(c => c.Order).ShouldBe([1, 2, 3, 4, 5, 6, 7]);
    }

    [Theory]
    [InlineData("jining", "XTJS", RequestType.InformationTechnology)]
    [InlineData("jining", "xtjs", RequestType.InformationTechnology)]
    [InlineData("jining", "Qhqy", RequestType.LegalRemedy)]
    [InlineData("ulanqab", "fwzx", RequestType.Service)]
    [InlineData("xiantao", "legal-remedy", RequestType.LegalRemedy)]
    [InlineData("xiantao", "IT", RequestType.InformationTechnology)]
    [InlineData("national", "Policy", RequestType.Policy)]
    public void FindCategory_is_case_insensitive(string bureau, string code, RequestType type)
    {
        var tree = seed.Build();
        var category = tree.FindCategory(tree.FindByCode(bureau)!.Id, code);

        category.ShouldNotBeNull();
        category.Type.ShouldBe(type);
        category.Code.ShouldBe(code, StringCompareShould.IgnoreCase);
    }

    [Theory]
    [InlineData("xiantao", "ZCYW")] // Ulanqab's code is not Xiantao's
    [InlineData("jining", "POLICY")] // Jining has Ulanqab's taxonomy, not the national one
    [InlineData("jining", "")]
    public void FindCategory_does_not_look_beyond_the_effective_taxonomy(string bureau, string code)
    {
        var tree = seed.Build();
        tree.FindCategory(tree.FindByCode(bureau)!.Id, code).ShouldBeNull();
    }

    [Fact]
    public void Without_any_taxonomy_there_are_no_categories()
    {
        seed.Categories.Clear();
        var categories = seed.Build().CategoriesOf(seed.Jining.Id);
        categories.Value.ShouldBeEmpty();
        categories.FromBureauId.ShouldBeNull();
    }
}
