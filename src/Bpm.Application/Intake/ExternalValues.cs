using System.Globalization;
using Bpm.Domain.Requests;
using Bpm.Domain.Taxpayers;

namespace Bpm.Application.Intake;

/// <summary>
/// Values as other systems and spreadsheets write them, read into ours: instants in the bureau's local time
/// ("2026-11-20 09:31" in Asia/Shanghai → 01:31Z) or with an offset, and enum members by their Chinese name
/// ("12366纳税缴费服务热线", "小微", "非正常") or by their own name ("Hotline12366"). Each refusal says why, in Chinese.
/// </summary>
public static class ExternalValues
{
    private static readonly string[] LocalFormats =
    [
        "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd H:mm", "yyyy-MM-dd", "yyyy/M/d H:mm:ss", "yyyy/M/d H:mm", "yyyy/M/d",
        "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm", "yyyyMMddHHmmss", "yyyy年M月d日 H:mm", "yyyy年M月d日",
    ];

    private static readonly Dictionary<string, TaxpayerSize> SizeNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["大型"] = TaxpayerSize.Large, ["大"] = TaxpayerSize.Large,
        ["中型"] = TaxpayerSize.Medium, ["中"] = TaxpayerSize.Medium,
        ["小微"] = TaxpayerSize.SmallMicro, ["小型"] = TaxpayerSize.SmallMicro, ["微型"] = TaxpayerSize.SmallMicro, ["小微企业"] = TaxpayerSize.SmallMicro,
        ["个体工商户"] = TaxpayerSize.IndividualBusiness, ["个体"] = TaxpayerSize.IndividualBusiness,
        ["自然人"] = TaxpayerSize.NaturalPerson,
    };

    private static readonly Dictionary<string, OperatingStatus> StatusNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["正常"] = OperatingStatus.Normal, ["停业"] = OperatingStatus.Suspended, ["非正常"] = OperatingStatus.Abnormal, ["注销"] = OperatingStatus.Deregistered,
    };

    /// <summary>
    /// An instant: with an offset or Z it is taken as written; without one it is the bureau's local time; an Excel
    /// serial date (46000.5) is local too. Example: "2026-11-20 09:31" at Xiantao → 2026-11-20T01:31Z.
    /// </summary>
    public static bool TryParseInstant(string? text, TimeZoneInfo localZone, out DateTimeOffset instant, out string? reason)
    {
        ArgumentNullException.ThrowIfNull(localZone);
        instant = default;
        var value = (text ?? "").Trim();
        reason = null;
        if (value.Length == 0)
        {
            reason = "时间不能为空";
            return false;
        }

        if (HasOffset(value) && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var withOffset))
        {
            instant = withOffset.ToUniversalTime();
            return true;
        }

        DateTime local;
        if (DateTime.TryParseExact(value, LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            local = parsed;
        }
        else if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial is > 20_000 and < 100_000)
        {
            local = DateTime.FromOADate(serial);
        }
        else
        {
            reason = $"时间格式不正确：“{Shorten(value)}”（应为 2026-11-20 09:31 或带时区的 ISO 8601）";
            return false;
        }

        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        instant = new DateTimeOffset(local, localZone.GetUtcOffset(local)).ToUniversalTime();
        return true;
    }

    public static bool TryParseChannel(string? text, out Channel channel)
    {
        var value = (text ?? "").Trim();
        channel = default;
        foreach (var candidate in Enum.GetValues<Channel>())
        {
            if (string.Equals(candidate.ToString(), value, StringComparison.OrdinalIgnoreCase) || candidate.ChineseName() == value)
            {
                channel = candidate;
                return true;
            }
        }

        return false;
    }

    public static bool TryParseSize(string? text, out TaxpayerSize size) =>
        TryParseNamed(text, SizeNames, out size);

    public static bool TryParseOperatingStatus(string? text, out OperatingStatus status) =>
        TryParseNamed(text, StatusNames, out status);

    /// <summary>The allowed Chinese names, for a refusal's message: "大型、中型、小微、个体工商户、自然人".</summary>
    public static string SizeChoices => "大型、中型、小微、个体工商户、自然人";

    public static string StatusChoices => "正常、停业、非正常、注销";

    private static bool TryParseNamed<T>(string? text, Dictionary<string, T> names, out T value)
        where T : struct, Enum
    {
        var trimmed = (text ?? "").Trim();
        if (names.TryGetValue(trimmed, out value))
        {
            return true;
        }

        return Enum.TryParse(trimmed, ignoreCase: true, out value) && Enum.IsDefined(value) && !trimmed.All(char.IsAsciiDigit);
    }

    private static bool HasOffset(string value) =>
        value.EndsWith('Z') || value.EndsWith('z')
        || (value.Length > 6 && value[^6] is '+' or '-' && value[^3] == ':' && value.IndexOf('T', StringComparison.Ordinal) > 0);

    private static string Shorten(string value) => value.Length > 40 ? value[..40] + "…" : value;
}
