using Bpm.Domain.Bureaus;
using Bpm.Domain.Sla;
using Bpm.Domain.Users;

namespace Bpm.Server.Demo;

/// <summary>
/// The demo organisation: the national root holding the default SLA policy and the six categories,
/// 仙桃 (Xiantao's SLA profile), 乌兰察布 (Ulanqab's profile and seven categories) and its sub-bureau
/// 集宁区, which inherits everything from Ulanqab. Units follow the member lists of the seed documents.
/// </summary>
internal static class DemoDirectory
{
    public sealed record DemoBureau(string Code, string Name, string Prefix, string? ParentCode, IReadOnlyList<SlaProfileLine>? Sla, IReadOnlyList<CategoryTemplate>? Categories, IReadOnlyList<DemoUnit> Units);

    public sealed record DemoUnit(string Code, string Name, UnitKind Kind, UnitDuties Duties = UnitDuties.None);

    public sealed record DemoUser(string UserName, string DisplayName, string BureauCode, string? UnitCode, Roles Roles);

    public static IReadOnlyList<DemoBureau> Bureaus { get; } =
    [
        new("national", "国家税务总局", "SAT", null, SlaProfiles.NationalDefault, CategoryTaxonomies.National,
        [
            new("nsfws", "纳税服务司", UnitKind.Office, UnitDuties.TaxService),
        ]),
        new("xiantao", "国家税务总局仙桃市税务局", "XT", "national", SlaProfiles.Xiantao, null,
        [
            new("bgs", "办公室", UnitKind.Office),
            new("fzk", "法制科", UnitKind.Section),
            new("hwk", "货物和劳务税科", UnitKind.Section),
            new("sdsk", "所得税科", UnitKind.Section),
            new("nsfwk", "纳税服务科", UnitKind.Section, UnitDuties.TaxService),
            new("zsglk", "征收管理科", UnitKind.Section),
            new("dyfj", "第一税务分局", UnitKind.Branch),
            new("nsfwzx", "纳税服务中心", UnitKind.Center),
            new("xxzx", "信息中心", UnitKind.Center),
        ]),
        new("ulanqab", "国家税务总局乌兰察布市税务局", "WLCB", "national", SlaProfiles.Ulanqab, CategoryTaxonomies.Ulanqab,
        [
            new("bgs", "办公室", UnitKind.Office),
            new("fzk", "法制科", UnitKind.Section),
            new("hwk", "货物和劳务税科", UnitKind.Section),
            new("sdsk", "所得税科", UnitKind.Section),
            new("nsfwk", "纳税服务科", UnitKind.Section, UnitDuties.TaxService | UnitDuties.JointMeetingOffice),
            new("zsglk", "征收管理科", UnitKind.Section),
            new("dcnsk", "督察内审科", UnitKind.Section),
            new("dyfj", "第一税务分局", UnitKind.Branch),
            new("jcj", "稽查局", UnitKind.Inspection),
            new("nsfwzx", "纳税服务中心", UnitKind.Center),
            new("xxzx", "信息中心", UnitKind.Center),
        ]),
        new("jining", "国家税务总局乌兰察布市集宁区税务局", "JN", "ulanqab", null, null,
        [
            new("nsfwg", "纳税服务股", UnitKind.SubSection, UnitDuties.TaxService),
            new("zsglg", "征收管理股", UnitKind.SubSection),
            new("dyfj", "第一税务分局", UnitKind.Branch),
            new("bsfwt", "办税服务厅", UnitKind.Center),
        ]),
    ];

    public static IReadOnlyList<DemoUser> Users { get; } =
    [
        new("admin", "系统管理员", "national", null, Roles.Administrator),
        new("xt.owner", "仙桃 流程负责人", "xiantao", "nsfwk", Roles.ProcessOwner),
        new("xt.hall", "仙桃 办税服务厅", "xiantao", "nsfwzx", Roles.Handler),
        new("xt.dispatcher", "仙桃 纳服科", "xiantao", "nsfwk", Roles.Handler),
        new("xt.handler", "仙桃 所得税科", "xiantao", "sdsk", Roles.Handler),
        new("xt.approver", "仙桃 纳服科科长", "xiantao", "nsfwk", Roles.Approver),
        new("xt.admin", "仙桃 管理员", "xiantao", null, Roles.Administrator),
        new("xt.analyst", "仙桃 分析员", "xiantao", null, Roles.Analyst),
        new("xt.security", "仙桃 安全管理员", "xiantao", null, Roles.SecurityAdmin),
        new("xt.auditor", "仙桃 审计管理员", "xiantao", null, Roles.AuditAdmin),
        new("wlcb.owner", "乌兰察布 流程负责人", "ulanqab", "nsfwk", Roles.ProcessOwner),
        new("wlcb.dispatcher", "乌兰察布 纳服科", "ulanqab", "nsfwk", Roles.Handler),
        new("wlcb.handler", "乌兰察布 征管科", "ulanqab", "zsglk", Roles.Handler),
        new("wlcb.approver", "乌兰察布 联席会议办公室", "ulanqab", "nsfwk", Roles.Approver),
        new("wlcb.admin", "乌兰察布 管理员", "ulanqab", null, Roles.Administrator),
        new("wlcb.analyst", "乌兰察布 分析员", "ulanqab", null, Roles.Analyst),
        new("wlcb.security", "乌兰察布 安全管理员", "ulanqab", null, Roles.SecurityAdmin),
        new("wlcb.auditor", "乌兰察布 审计管理员", "ulanqab", null, Roles.AuditAdmin),
        new("jn.hall", "集宁区 办税服务厅", "jining", "bsfwt", Roles.Handler),
        new("jn.handler", "集宁区 第一分局", "jining", "dyfj", Roles.Handler),
    ];
}
