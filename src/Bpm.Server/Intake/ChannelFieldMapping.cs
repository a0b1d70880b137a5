using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bpm.Application.Bureaus;
using Bpm.Application.Intake;
using Bpm.Domain;
using Bpm.Domain.Bureaus;
using Bpm.Domain.Calendar;
using Bpm.Domain.Requests;
using Bpm.Domain.Taxpayers;

namespace Bpm.Server.Intake;

/// <summary>A channel's post read into our registration: where it goes, what it says, and the fingerprint of what was sent.</summary>
public sealed record MappedPost(Guid BureauId, RequestRegistration Registration, string BodyHash);

/// <summary>
/// Reads a channel's JSON with its field mapping. 12345 sends <c>{"sqrmc":"仙桃市某某商贸有限公司","lxdh":"13812345678",
/// "sqnr":"…","slsj":"2026-11-20 09:31:00"}</c> → taxpayerName, contact, text, receivedAt (bureau-local time). The
/// receiving unit, the default category and officer come from the channel's settings; a post without a receipt time is
/// received now. Every refusal names the channel's own field (sqrmc) and ours (taxpayerName).
/// </summary>
public sealed class ChannelFieldMapping(string slug, IntakeChannelOptions options)
{
    public const string Bureau = "bureau";

    /// <summary>Our fields a channel may send, by the names the registration rules report.</summary>
    public static readonly IReadOnlyList<string> Fields =
    [
        "taxpayerName", "contact", "text", "receivedAt", "categoryCode", "receivingOfficer", "creditCode", "industry", "size", "operatingStatus", Bureau,
    ];

    /// <summary>The channel's name for our field, e.g. taxpayerName → sqrmc; our own name when the mapping has none.</summary>
    public string ExternalName(string field) =>
        options.Fields.TryGetValue(field, out var name) && !string.IsNullOrWhiteSpace(name) ? name.Trim() : field;

    /// <summary>Our field names the domain reports (bureauId) as the channel's (the bureau field); fields the settings fix keep ours.</summary>
    public string ExternalNameOfReported(string field) => field switch
    {
        "bureauId" => ExternalName(Bureau),
        _ when Fields.Contains(field) => ExternalName(field),
        _ => field,
    };

    public async Task<MappedPost> MapAsync(JsonObject body, BureauTree tree, IBureauStore bureaus, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(tree);
        var errors = new List<FieldError>();
        var values = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in Fields)
        {
            var node = body[ExternalName(field)];
            switch (node)
            {
                case null:
                    break;
                case JsonValue value when value.GetValueKind() is JsonValueKind.String:
                    values[field] = value.GetValue<string>();
                    break;
                case JsonValue value when value.GetValueKind() is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False:
                    values[field] = value.ToJsonString();
                    break;
                default:
                    errors.Add(new FieldError(field, "应为文本或数字 (a string or a number)"));
                    break;
            }
        }

        string? Value(string field) => values.TryGetValue(field, out var text) && !string.IsNullOrWhiteSpace(text) ? text.Trim() : null;

        var bureauCode = Value(Bureau) ?? options.BureauCode;
        var bureau = tree.FindByCode(bureauCode);
        var allowed = string.Equals(bureauCode, options.BureauCode, StringComparison.OrdinalIgnoreCase)
            || options.AllowedBureaus.Contains(bureauCode, StringComparer.OrdinalIgnoreCase);
        if (bureau is null || !allowed)
        {
            errors.Add(new FieldError(Bureau, $"该渠道不能向税务机关“{bureauCode}”报送诉求 (not a bureau this channel may post to)"));
        }

        var unitId = Guid.Empty;
        if (bureau is not null && allowed)
        {
            var unit = (await bureaus.ListUnitsAsync(bureau.Id, cancellationToken))
                .FirstOrDefault(u => string.Equals(u.Code, options.UnitCode, StringComparison.OrdinalIgnoreCase));
            if (unit is null)
            {
                errors.Add(new FieldError("receivingUnitId", $"渠道设置的受理单位“{options.UnitCode}”在{bureau.Name}不存在 (Intake:Channels:{slug}:UnitCode)"));
            }
            else
            {
                unitId = unit.Id;
            }
        }

        var receivedAt = now;
        if (Value("receivedAt") is { } receivedText
            && !ExternalValues.TryParseInstant(receivedText, bureau is null ? BureauClock.ChinaDefault.TimeZone : tree.ClockOf(bureau.Id).TimeZone, out receivedAt, out var timeReason))
        {
            errors.Add(new FieldError("receivedAt", "受理" + timeReason));
            receivedAt = now;
        }

        TaxpayerSize? size = null;
        if (Value("size") is { } sizeText)
        {
            if (ExternalValues.TryParseSize(sizeText, out var parsedSize))
            {
                size = parsedSize;
            }
            else
            {
                errors.Add(new FieldError("size", $"未知的纳税人规模“{sizeText}”；可选：{ExternalValues.SizeChoices}"));
            }
        }

        OperatingStatus? status = null;
        if (Value("operatingStatus") is { } statusText)
        {
            if (ExternalValues.TryParseOperatingStatus(statusText, out var parsedStatus))
            {
                status = parsedStatus;
            }
            else
            {
                errors.Add(new FieldError("operatingStatus", $"未知的经营状态“{statusText}”；可选：{ExternalValues.StatusChoices}"));
            }
        }

        var registration = new RequestRegistration
        {
            TaxpayerName = Value("taxpayerName") ?? "",
            Contact = Value("contact") ?? "",
            Text = Value("text") ?? "",
            ReceivedAt = receivedAt,
            Channel = options.Channel,
            CategoryCode = Value("categoryCode") ?? options.CategoryCode,
            ReceivingUnitId = unitId == Guid.Empty ? Guid.NewGuid() : unitId,
            ReceivingOfficer = Value("receivingOfficer") ?? options.Officer,
            CreditCode = Value("creditCode"),
            Industry = Value("industry"),
            Size = size,
            OperatingStatus = status,
        };

        if (errors.Count > 0)
        {
            var reported = errors.Select(e => e.Field).ToHashSet();
            throw new DomainValidationException([.. errors, .. RequestRegistrationRules.Check(registration, now).Where(e => !reported.Contains(e.Field))]);
        }

        return new MappedPost(bureau!.Id, registration, Fingerprint(bureau.Code, values));
    }

    /// <summary>SHA-256 over the channel and the values it sent under our field names, in a fixed order, e.g. "bureau=xiantao\ncontact=138…".</summary>
    private string Fingerprint(string bureauCode, SortedDictionary<string, string> values)
    {
        var text = new StringBuilder().Append("channel=").Append(options.Channel).Append('\n').Append("bureau=").Append(bureauCode.ToLowerInvariant()).Append('\n');
        foreach (var (field, value) in values.Where(v => v.Key != Bureau))
        {
            text.Append(field).Append('=').Append(value.Trim().Replace("\n", "\\n", StringComparison.Ordinal)).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
