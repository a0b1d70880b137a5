namespace Bpm.Domain.Taxpayers;

/// <summary>Size class used in statistics: 大型 / 中型 / 小微 / 个体工商户 / 自然人.</summary>
public enum TaxpayerSize
{
    Large,
    Medium,
    SmallMicro,
    IndividualBusiness,
    NaturalPerson,
}

/// <summary>Operating status as the tax register shows it: 正常 / 停业 / 非正常 / 注销.</summary>
public enum OperatingStatus
{
    Normal,
    Suspended,
    Abnormal,
    Deregistered,
}
