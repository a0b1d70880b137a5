namespace Bpm.Application.Ledger;

/// <summary>A ledger (台账) as read from a file: its header cells and its data rows, each with the line the user sees it on.</summary>
public sealed record LedgerSheet(IReadOnlyList<string> Headers, IReadOnlyList<LedgerRow> Rows);

/// <summary>One data row; <see cref="Line"/> counts as the file shows it (header = line 1), e.g. an .xlsx row number.</summary>
public sealed record LedgerRow(int Line, IReadOnlyList<string?> Cells);

/// <summary>Reads a ledger file (.csv, .xlsx) into rows. Implementations live with the tool that reads files (the CLI).</summary>
public interface ILedgerReader
{
    Task<LedgerSheet> ReadAsync(Stream file, CancellationToken cancellationToken);
}

/// <summary>The file cannot be read as a ledger at all (not a workbook, no header, a required column missing).</summary>
public sealed class LedgerFormatException(string message) : Exception(message);

/// <summary>
/// The columns the importer reads, by their Chinese headers — the same headers the ledger export writes
/// (GET /requests/ledger.xlsx), so that an exported ledger imports again. Columns the export adds for reading
/// (诉求类型, 办理状态, 当前时限 …) are ignored; their facts follow from the columns read.
/// </summary>
public static class LedgerColumns
{
    public const string Number = "受理编号";
    public const string Bureau = "受理机构";
    public const string Received = "受理时间";
    public const string Taxpayer = "纳税人名称";
    public const string CreditCode = "统一社会信用代码";
    public const string Contact = "联系方式";
    public const string Industry = "所属行业";
    public const string Size = "纳税人规模";
    public const string OperatingStatus = "经营状态";
    public const string Channel = "诉求渠道";
    public const string Category = "诉求分类";
    public const string Text = "诉求内容";
    public const string ReceivingUnit = "受理单位";
    public const string ReceivingOfficer = "受理人";
    public const string Closed = "办结时间";
    public const string Outcome = "办理结果";

    /// <summary>Without these a row cannot be registered; 受理机构 may be left out when the import names the bureau.</summary>
    public static IReadOnlyList<string> Required { get; } = [Received, Taxpayer, Contact, Channel, Category, Text, ReceivingUnit, ReceivingOfficer];

    public static IReadOnlyList<string> All { get; } =
        [Number, Bureau, Received, Taxpayer, CreditCode, Contact, Industry, Size, OperatingStatus, Channel, Category, Text, ReceivingUnit, ReceivingOfficer, Closed, Outcome];

    /// <summary>The column a registration rule names, e.g. contact → 联系方式.</summary>
    public static string OfField(string field) => field switch
    {
        "taxpayerName" => Taxpayer,
        "contact" => Contact,
        "text" => Text,
        "receivedAt" => Received,
        "channel" => Channel,
        "categoryCode" => Category,
        "receivingUnitId" => ReceivingUnit,
        "receivingOfficer" => ReceivingOfficer,
        "creditCode" => CreditCode,
        "industry" => Industry,
        "size" => Size,
        "operatingStatus" => OperatingStatus,
        "onTheSpotAnswer" => Outcome,
        "closedAt" => Closed,
        "bureauId" => Bureau,
        _ => field,
    };
}
