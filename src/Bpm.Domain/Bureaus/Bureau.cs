using Bpm.Domain.Requests;

namespace Bpm.Domain.Bureaus;

/// <summary>
/// A tax bureau in the tree national → province → city → district/county → branch, e.g.
/// 国家税务总局乌兰察布市税务局 with 国家税务总局集宁区税务局 below it. Settings left null here are
/// inherited from the nearest ancestor that sets them (see <see cref="BureauTree"/>).
/// </summary>
public sealed class Bureau
{
    private Bureau()
    {
    }

    public Bureau(Guid id, string code, string name, Guid? parentId, string numberPrefix)
    {
        if (!BureauPrefix.IsValid(numberPrefix))
        {
            throw new DomainException("bureau.prefix", $"编号前缀“{numberPrefix}”无效：应为2–8位大写字母或数字，以字母开头", "numberPrefix");
        }

        RequiredText.Check(code, 32, "bureau.code", "机构代码", "code");
        RequiredText.Check(name, 100, "bureau.name", "机构名称", "name");
        Id = id;
        Code = code;
        Name = name;
        ParentId = parentId;
        NumberPrefix = numberPrefix;
    }

    public Guid Id { get; private set; }

    /// <summary>Short stable code used in URLs and the CLI, e.g. <c>xiantao</c>.</summary>
    public string Code { get; private set; } = "";

    public string Name { get; private set; } = "";

    public Guid? ParentId { get; private set; }

    /// <summary>Request numbers of this bureau start with it: XT → XT-2026-000123. Not inherited.</summary>
    public string NumberPrefix { get; private set; } = "";

    /// <summary>IANA zone id, e.g. Asia/Shanghai; null = inherited (the root default is Asia/Shanghai).</summary>
    public string? TimeZoneId { get; private set; }

    /// <summary>Local time at which a due day ends, e.g. 17:30; null = inherited (the root default is 24:00).</summary>
    public TimeOnly? CutOff { get; private set; }

    /// <summary>Whether <see cref="CutOff"/> is set to end of day (24:00) explicitly here, overriding a parent's 17:30.</summary>
    public bool CutOffAtEndOfDay { get; private set; }

    public void SetTimeZone(string? timeZoneId)
    {
        if (timeZoneId is not null && !TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out _))
        {
            throw new DomainException("bureau.time-zone", $"未知的时区“{timeZoneId}”", "timeZoneId");
        }

        TimeZoneId = timeZoneId;
    }

    /// <summary>Sets the cut-off: a time of day, <see cref="TimeOnly.MinValue"/> is refused; null with endOfDay=false inherits.</summary>
    public void SetCutOff(TimeOnly? cutOff, bool endOfDay = false)
    {
        if (cutOff == TimeOnly.MinValue)
        {
            throw new DomainException("bureau.cut-off", "截止时间不能为00:00；一天结束请使用24:00", "cutOff");
        }

        CutOff = endOfDay ? null : cutOff;
        CutOffAtEndOfDay = endOfDay;
    }

    public void Rename(string name) => Name = name;
}
