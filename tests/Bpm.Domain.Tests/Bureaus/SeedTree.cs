using Bpm.Domain.Bureaus;
using Bpm.Domain.Calendar;
using Bpm.Domain.Sla;

namespace Bpm.Domain.Tests.Bureaus;

/// <summary>
/// The demo organisation as the server's seed builds it: national (default SLA, the six national
/// categories) → 仙桃 (Xiantao's SLA profile) and national → 乌兰察布 (Ulanqab's profile and seven
/// categories) → 集宁区 (nothing of its own). Tests add settings, then call <see cref="Build"/>.
/// </summary>
internal sealed class SeedTree
{
    public Bureau National { get; } = new(Guid.NewGuid(), "national", "国家税务总局", null, "SAT");

    public Bureau Xiantao { get; }

    public Bureau Ulanqab { get; }

    public Bureau Jining { get; }

    public List<BureauCalendarDay> Days { get; } = [];

    public List<RequestCategory> Categories { get; } = [];

    public List<SlaRule> Rules { get; } = [];

    public SeedTree()
    {
        Xiantao = new(Guid.NewGuid(), "xiantao", "国家税务总局仙桃市税务局", National.Id, "XT");
        Ulanqab = new(Guid.NewGuid(), "ulanqab", "国家税务总局乌兰察布市税务局", National.Id, "WLCB");
        Jining = new(Guid.NewGuid(), "jining", "国家税务总局乌兰察布市集宁区税务局", Ulanqab.Id, "JN");

        Rules.AddRange(SlaProfiles.For(National.Id, SlaProfiles.NationalDefault));
        Rules.AddRange(SlaProfiles.For(Xiantao.Id, SlaProfiles.Xiantao));
        Rules.AddRange(SlaProfiles.For(Ulanqab.Id, SlaProfiles.Ulanqab));
        Categories.AddRange(CategoryTaxonomies.For(National.Id, CategoryTaxonomies.National));
        Categories.AddRange(CategoryTaxonomies.For(Ulanqab.Id, CategoryTaxonomies.Ulanqab));
    }

    public IEnumerable<Bureau> AllBureaus => [National, Xiantao, Ulanqab, Jining];

    /// <summary>The profile each bureau was seeded with (null: none), as the independent oracle for inheritance.</summary>
    public IReadOnlyList<SlaProfileLine>? ProfileOf(Bureau bureau) =>
        bureau == National ? SlaProfiles.NationalDefault
        : bureau == Xiantao ? SlaProfiles.Xiantao
        : bureau == Ulanqab ? SlaProfiles.Ulanqab
        : null;

    /// <summary>Written by hand, not asked of the tree: root first.</summary>
    public IReadOnlyList<Bureau> HandWrittenPathTo(Bureau bureau) =>
        bureau == National ? [National]
        : bureau == Xiantao ? [National, Xiantao]
        : bureau == Ulanqab ? [National, Ulanqab]
        : [National, Ulanqab, Jining];

    public BureauTree Build() => new(AllBureaus, Days, Categories, Rules, WorkingDayCalendar.ChinaNational);
}
