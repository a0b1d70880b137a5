namespace Bpm.Domain.Requests;

/// <summary>
/// Where a request came in. Online channels are hotlines and platforms; offline ones are places and events.
/// Stored by name; add new members at the end.
/// </summary>
public enum Channel
{
    Hotline12366,
    Hotline12345,
    TaxWebsite,
    InteractionPlatform,
    WeChat,
    ETaxBureau,
    VideoTax,
    DirectorMailbox,
    InternetPlusInspection,
    LeaderMessageBoard,
    BadRating,
    ServiceHall,
    TaxBranch,
    PublicityMonthEvent,
    TaxExperienceOfficer,
    TaxEnterpriseMeeting,
    CompanyVisit,
}

public static class ChannelFacts
{
    /// <summary>Online channels reach the bureau through a system (hotline, platform); the rest are face to face.</summary>
    public static bool IsOnline(this Channel channel) => channel <= Channel.BadRating;

    /// <summary>Chinese name for the UI and ledgers, e.g. <c>InteractionPlatform</c> → 征纳互动.</summary>
    public static string ChineseName(this Channel channel) => channel switch
    {
        Channel.Hotline12366 => "12366纳税缴费服务热线",
        Channel.Hotline12345 => "12345政务服务便民热线",
        Channel.TaxWebsite => "税务网站",
        Channel.InteractionPlatform => "征纳互动平台",
        Channel.WeChat => "微信公众号",
        Channel.ETaxBureau => "电子税务局",
        Channel.VideoTax => "V-Tax远程可视办税",
        Channel.DirectorMailbox => "局长信箱",
        Channel.InternetPlusInspection => "互联网+督查",
        Channel.LeaderMessageBoard => "领导留言板",
        Channel.BadRating => "差评",
        Channel.ServiceHall => "办税服务厅",
        Channel.TaxBranch => "税务分局（所）",
        Channel.PublicityMonthEvent => "税收宣传月活动",
        Channel.TaxExperienceOfficer => "税费体验师",
        Channel.TaxEnterpriseMeeting => "税企座谈会",
        Channel.CompanyVisit => "走访企业",
        _ => throw new ArgumentOutOfRangeException(nameof(channel), channel, null),
    };
}
