using Bpm.Domain.Bureaus;
using Bpm.Domain.Requests;
using Bpm.Domain.Sla;
using Bpm.Domain.Users;

namespace Bpm.Domain.Tests.Bureaus;

public sealed class EntityValidationTests
{
    // ---------------------------------------------------------------- SlaRule

    public static TheoryData<SlaStep, ExtensionCapBasis?, bool> StepAndBasis()
    {
        var data = new TheoryData<SlaStep, ExtensionCapBasis?, bool>();
        foreach (var step in Enum.GetValues<SlaStep>())
        {
            data.Add(step, null, step != SlaStep.ExtensionCap);
            foreach (var basis in Enum.GetValues<ExtensionCapBasis>())
            {
                data.Add(step, basis, step == SlaStep.ExtensionCap);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(StepAndBasis))]
    public void A_cap_basis_is_required_exactly_for_the_extension_cap(SlaStep step, ExtensionCapBasis? basis, bool valid)
    {
        var create = () => new SlaRule(Guid.NewGuid(), null, step, 5, basis);
        if (valid)
        {
            var rule = create();
            rule.Step.ShouldBe(step);
            rule.CapBasis.ShouldBe(basis);
        }
        else
        {
            var thrown = Should.Throw<DomainException>(create);
            thrown.Code.ShouldBe("sla.cap-basis");
            thrown.Field.ShouldBe("capBasis");
        }
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(1, true)]
    [InlineData(250, true)]
    [InlineData(-1, false)]
    [InlineData(251, false)]
    [InlineData(int.MinValue, false)]
    [InlineData(int.MaxValue, false)]
    public void Working_days_lie_between_0_and_250(int workingDays, bool valid)
    {
        var create = () => new SlaRule(Guid.NewGuid(), RequestType.Policy, SlaStep.Handling, workingDays);
        if (valid)
        {
            create().WorkingDays.ShouldBe(workingDays);
        }
        else
        {
            var thrown = Should.Throw<DomainException>(create);
            thrown.Code.ShouldBe("sla.working-days");
            thrown.Field.ShouldBe("workingDays");
        }
    }

    [Fact]
    public void A_refused_change_leaves_the_rule_as_it_was()
    {
        var rule = new SlaRule(Guid.NewGuid(), null, SlaStep.ExtensionCap, 5, ExtensionCapBasis.HandlingPlusExtension);

        Should.Throw<DomainException>(() => rule.Change(251, ExtensionCapBasis.ExtensionOnly, null, null)).Code.ShouldBe("sla.working-days");
        Should.Throw<DomainException>(() => rule.Change(20, null, null, null)).Code.ShouldBe("sla.cap-basis");
        rule.WorkingDays.ShouldBe(5);
        rule.CapBasis.ShouldBe(ExtensionCapBasis.HandlingPlusExtension);

        rule.Change(20, ExtensionCapBasis.ExtensionOnly, null, null);
        rule.WorkingDays.ShouldBe(20);
        rule.CapBasis.ShouldBe(ExtensionCapBasis.ExtensionOnly);
    }

    [Fact]
    public void Every_seeded_profile_makes_valid_rules_with_one_line_per_step()
    {
        foreach (var profile in new[] { SlaProfiles.NationalDefault, SlaProfiles.Xiantao, SlaProfiles.Ulanqab })
        {
            var bureauId = Guid.NewGuid();
            var rules = SlaProfiles.For(bureauId, profile).ToList();
            rules.Count.ShouldBe(profile.Count);
            rules.Select(r => r.Step).ShouldBeUnique();
            rules.ShouldAllBe(r => r.BureauId == bureauId);
        }

        SlaProfiles.NationalDefault.Select(l => l.Step).Order().ShouldBe(Enum.GetValues<SlaStep>().Order());
    }

    // ---------------------------------------------------------------- Bureau

    [Theory]
    [InlineData("x", "仙桃", "XT", null)]
    [InlineData("xiantao", "国家税务总局仙桃市税务局", "WLCB", null)]
    [InlineData("", "仙桃", "XT", "code")]
    [InlineData("   ", "仙桃", "XT", "code")]
    [InlineData("123456789012345678901234567890123", "仙桃", "XT", "code")] // 33
    [InlineData("xiantao", "", "XT", "name")]
    [InlineData("xiantao", " ", "XT", "name")]
    [InlineData("xiantao", "仙桃", "xt", "numberPrefix")]
    [InlineData("xiantao", "仙桃", "X", "numberPrefix")]
    [InlineData("xiantao", "仙桃", "ABCDEFGHI", "numberPrefix")]
    [InlineData("xiantao", "仙桃", "1X", "numberPrefix")]
    [InlineData("xiantao", "仙桃", "X-T", "numberPrefix")]
    [InlineData("xiantao", "仙桃", "", "numberPrefix")]
    public void Bureau_constructor_validates_code_name_and_prefix(string code, string name, string prefix, string? badField)
    {
        var create = () => new Bureau(Guid.NewGuid(), code, name, null, prefix);
        if (badField is null)
        {
            var bureau = create();
            (bureau.Code, bureau.Name, bureau.NumberPrefix).ShouldBe((code, name, prefix));
        }
        else
        {
            Should.Throw<DomainException>(create).Field.ShouldBe(badField);
        }
    }

    [Fact]
    public void Bureau_names_may_have_up_to_100_characters()
    {
        new Bureau(Guid.NewGuid(), "a", new string('税', 100), null, "AA").Name.Length.ShouldBe(100);
        Should.Throw<DomainException>(() => new Bureau(Guid.NewGuid(), "a", new string('税', 101), null, "AA")).Code.ShouldBe("bureau.name");
    }

    [Fact]
    public void Bureau_settings_are_validated()
    {
        var bureau = new Bureau(Guid.NewGuid(), "ulanqab", "乌兰察布", null, "WLCB");

        Should.Throw<DomainException>(() => bureau.SetTimeZone("Mars/Olympus_Mons")).Code.ShouldBe("bureau.time-zone");
        bureau.TimeZoneId.ShouldBeNull();
        bureau.SetTimeZone("Asia/Urumqi");
        bureau.TimeZoneId.ShouldBe("Asia/Urumqi");
        bureau.SetTimeZone(null);
        bureau.TimeZoneId.ShouldBeNull();

        Should.Throw<DomainException>(() => bureau.SetCutOff(TimeOnly.MinValue)).Code.ShouldBe("bureau.cut-off");
        bureau.SetCutOff(new TimeOnly(17, 30));
        (bureau.CutOff, bureau.CutOffAtEndOfDay).ShouldBe((new TimeOnly(17, 30), false));
        bureau.SetCutOff(new TimeOnly(17, 30), endOfDay: true);
        (bureau.CutOff, bureau.CutOffAtEndOfDay).ShouldBe((null, true));
        bureau.SetCutOff(null);
        (bureau.CutOff, bureau.CutOffAtEndOfDay).ShouldBe((null, false));
    }

    // ---------------------------------------------------------------- Unit, calendar day, category

    [Theory]
    [InlineData("nsfwk", "纳税服务科", null)]
    [InlineData("", "纳税服务科", "code")]
    [InlineData(" ", "纳税服务科", "code")]
    [InlineData("123456789012345678901234567890123", "纳税服务科", "code")]
    [InlineData("nsfwk", "", "name")]
    [InlineData("nsfwk", "\t", "name")]
    public void Unit_constructor_validates_code_and_name(string code, string name, string? badField)
    {
        var bureauId = Guid.NewGuid();
        var create = () => new Unit(Guid.NewGuid(), bureauId, code, name, UnitKind.Section, UnitDuties.TaxService);
        if (badField is null)
        {
            var unit = create();
            (unit.BureauId, unit.Code, unit.Name, unit.Kind, unit.Duties).ShouldBe((bureauId, code, name, UnitKind.Section, UnitDuties.TaxService));
        }
        else
        {
            Should.Throw<DomainException>(create).Field.ShouldBe(badField);
        }
    }

    [Fact]
    public void Unit_names_may_have_up_to_100_characters()
    {
        new Unit(Guid.NewGuid(), Guid.NewGuid(), "u", new string('科', 100), UnitKind.Section).Name.Length.ShouldBe(100);
        Should.Throw<DomainException>(() => new Unit(Guid.NewGuid(), Guid.NewGuid(), "u", new string('科', 101), UnitKind.Section))
            .Code.ShouldBe("unit.name");
    }

    [Theory]
    [InlineData("那达慕", true)]
    [InlineData("", false)]
    [InlineData("  ", false)]
    public void Calendar_days_need_a_name(string name, bool valid)
    {
        var create = () => new BureauCalendarDay(Guid.NewGuid(), new DateOnly(2026, 7, 13), false, name);
        if (valid)
        {
            create().Name.ShouldBe(name);
        }
        else
        {
            Should.Throw<DomainException>(create).Field.ShouldBe("name");
        }

        Should.Throw<DomainException>(() => new BureauCalendarDay(Guid.NewGuid(), new DateOnly(2026, 7, 13), false, new string('节', 51)));
    }

    [Theory]
    [InlineData("", "政策业务类", "code")]
    [InlineData("123456789012345678901234567890123", "政策业务类", "code")]
    [InlineData("ZCYW", "", "name")]
    [InlineData("ZCYW", "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一", "name")] // 51
    public void Category_constructor_validates_code_and_name(string code, string name, string badField)
    {
        Should.Throw<DomainException>(() => new RequestCategory(Guid.NewGuid(), code, name, RequestType.Policy, 1)).Field.ShouldBe(badField);
    }

    [Fact]
    public void Taxonomies_attach_to_a_bureau_numbered_from_one()
    {
        var bureauId = Guid.NewGuid();
        var categories = CategoryTaxonomies.For(bureauId, CategoryTaxonomies.Ulanqab).ToList();

        categories.Select(c => c.Order).ShouldBe(Enumerable.Range(1, CategoryTaxonomies.Ulanqab.Count));
        categories.ShouldAllBe(c => c.BureauId == bureauId);
        categories.Select(c => c.Code.ToUpperInvariant()).ShouldBeUnique();
        CategoryTaxonomies.National.Select(c => c.Code.ToUpperInvariant()).ShouldBeUnique();

        // Every one of the six workflows is reachable from both taxonomies.
        CategoryTaxonomies.Ulanqab.Select(c => c.Type).Distinct().Order().ShouldBe(Enum.GetValues<RequestType>().Order());
        CategoryTaxonomies.National.Select(c => c.Type).Order().ShouldBe(Enum.GetValues<RequestType>().Order());
    }

    // ---------------------------------------------------------------- User

    [Theory]
    [InlineData("zhangsan")]
    [InlineData("zhang.san_01-x")]
    [InlineData("A")]
    public void Valid_user_names_are_accepted(string userName)
    {
        var bureauId = Guid.NewGuid();
        var unitId = Guid.NewGuid();
        var user = new User(Guid.NewGuid(), userName, "张三", bureauId, unitId, Roles.Handler | Roles.Approver);

        (user.UserName, user.DisplayName, user.BureauId, user.UnitId).ShouldBe((userName, "张三", bureauId, (Guid?)unitId));
        user.Has(Roles.Handler).ShouldBeTrue();
        user.Has(Roles.Approver).ShouldBeTrue();
        user.Has(Roles.Handler | Roles.Approver).ShouldBeTrue();
        user.Has(Roles.Administrator).ShouldBeFalse();
        user.Has(Roles.Handler | Roles.Administrator).ShouldBeFalse();
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("zhang san")]
    [InlineData("张三")]
    [InlineData("zhang@san")]
    [InlineData("zhangsan\u0000")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")] // 65
    public void Invalid_user_names_are_refused(string userName)
    {
        var thrown = Should.Throw<DomainException>(() => new User(Guid.NewGuid(), userName, "张三", Guid.NewGuid(), null, Roles.Handler));
        thrown.Field.ShouldBe("userName");
        thrown.Code.ShouldBe("user.name");
    }

    [Fact]
    public void A_user_name_may_have_64_characters()
    {
        new User(Guid.NewGuid(), new string('a', 64), "张三", Guid.NewGuid(), null, Roles.None).UserName.Length.ShouldBe(64);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一")] // 51
    public void Invalid_display_names_are_refused(string displayName)
    {
        var thrown = Should.Throw<DomainException>(() => new User(Guid.NewGuid(), "zhangsan", displayName, Guid.NewGuid(), null, Roles.Handler));
        thrown.Field.ShouldBe("displayName");
        thrown.Code.ShouldBe("user.display-name");
    }

    [Fact]
    public void A_display_name_may_have_50_characters()
    {
        new User(Guid.NewGuid(), "zhangsan", new string('张', 50), Guid.NewGuid(), null, Roles.None).DisplayName.Length.ShouldBe(50);
    }
}
