using Bpm.Domain.Requests;

namespace Bpm.Domain.Tests.Requests;

/// <summary>A complete, valid registration and a fixed "now" to vary one field at a time from.</summary>
internal static class Registrations
{
    /// <summary>Fri 2026-02-13 11:00 in Shanghai.</summary>
    public static readonly DateTimeOffset Now = new(2026, 2, 13, 11, 0, 0, TimeSpan.FromHours(8));

    public static readonly Guid UnitId = Guid.Parse("0195f0a0-0000-7000-8000-000000000001");

    public static readonly RequestNumber Number = new("XT", 2026, 123);

    public static RequestRegistration Valid() => new()
    {
        TaxpayerName = "仙桃市某某商贸有限公司",
        Contact = "0728-3312345",
        Text = "申请开具增值税专用发票时系统提示额度不足，\n请协助调整。",
        ReceivedAt = new DateTimeOffset(2026, 2, 13, 10, 0, 0, TimeSpan.FromHours(8)),
        Channel = Channel.Hotline12366,
        CategoryCode = "POLICY",
        ReceivingUnitId = UnitId,
        ReceivingOfficer = "张三",
    };

    public static TaxpayerRequest Register(RequestRegistration? registration = null, DateTimeOffset? now = null) =>
        TaxpayerRequest.Register(Guid.NewGuid(), Number, Guid.NewGuid(), RequestType.Policy, registration ?? Valid(), now ?? Now);
}
