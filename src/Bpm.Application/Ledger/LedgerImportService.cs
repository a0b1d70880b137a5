using Bpm.Application.Bureaus;
using Bpm.Application.Intake;
using Bpm.Application.Requests;
using Bpm.Domain;
using Bpm.Domain.Bureaus;
using Bpm.Domain.Calendar;
using Bpm.Domain.Requests;
using Bpm.Domain.Taxpayers;

namespace Bpm.Application.Ledger;

/// <summary><c>File</c>: one bad row and nothing is imported. <c>Row</c>: the good rows are imported, the bad ones reported.</summary>
public enum LedgerImportMode
{
    File,
    Row,
}

/// <param name="BureauCode">the receiving bureau of rows whose 受理机构 is empty (or of a file without that column).</param>
public sealed record LedgerImportSettings(string? BureauCode, LedgerImportMode Mode, bool DryRun);

/// <summary>A refused cell: its column header and the reason, e.g. 联系方式 — 电话号码格式不正确.</summary>
public sealed record LedgerCellError(string Column, string Reason);

/// <summary>What became of one row: its new number when imported, else why not.</summary>
public sealed record LedgerRowResult(int Line, string? SourceNumber, string? Number, IReadOnlyList<LedgerCellError> Errors)
{
    public bool Imported => Number is not null;

    public bool Rejected => Errors.Count > 0;
}

public sealed record LedgerImportReport(int Read, int Valid, int Imported, int Rejected, bool DryRun, IReadOnlyList<LedgerRowResult> Rows);

/// <summary>How far the import is: "检查" (checking every row) then "导入" (writing), done out of total.</summary>
public sealed record LedgerImportProgress(string Phase, int Done, int Total);

/// <summary>
/// Takes over a ledger kept elsewhere (an older system, a spreadsheet, our own export). Every row is checked first, with
/// the registration rules plus what a file adds (dates, channel and size names, the category and unit by name or code).
/// A row with 办结时间 was closed there: it is registered closed at that instant and starts no workflow. A row without
/// it is still open: it is registered and its workflow starts, deadlines counted from its 受理时间 as for any request
/// (received Mon 2026-03-02 → handling due within the bureau's working days from then, possibly overdue at once).
/// Its old number and any 办理结果 other than an on-the-spot answer are kept as a note by 台账导入. Rows are written 100
/// per transaction; in file mode all of them in one, so a failure leaves nothing behind.
/// </summary>
public sealed class LedgerImportService(
    IUnitOfWork unitOfWork,
    IBureauStore bureaus,
    RequestRegistrationService registrations,
    RequestIntakeService intake,
    IRequestNoteStore notes,
    TimeProvider time)
{
    public const int BatchSize = 100;
    public const string NoteAuthor = "台账导入";
    private const string OnTheSpotPrefix = "当场答复";

    public async Task<LedgerImportReport> ImportAsync(
        LedgerSheet sheet, LedgerImportSettings settings, IProgress<LedgerImportProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        ArgumentNullException.ThrowIfNull(settings);
        var columns = ColumnsOf(sheet.Headers, settings.BureauCode);
        var tree = await bureaus.LoadTreeAsync(cancellationToken);
        Bureau? defaultBureau = null;
        if (!string.IsNullOrWhiteSpace(settings.BureauCode))
        {
            defaultBureau = FindBureau(tree, settings.BureauCode)
                ?? throw new NotFoundException($"税务机关“{settings.BureauCode}”不存在 (unknown bureau)");
        }

        var reader = new RowReader(tree, columns, defaultBureau, bureaus, time.GetUtcNow());
        var checkedRows = new List<CheckedRow>(sheet.Rows.Count);
        foreach (var row in sheet.Rows)
        {
            checkedRows.Add(await reader.ReadAsync(row, cancellationToken));
            progress?.Report(new LedgerImportProgress("检查", checkedRows.Count, sheet.Rows.Count));
        }

        var valid = checkedRows.Where(r => r.Errors.Count == 0).ToList();
        var results = checkedRows.ToDictionary(r => r.Line, r => new LedgerRowResult(r.Line, r.SourceNumber, null, r.Errors));
        var refuse = settings.Mode == LedgerImportMode.File && valid.Count < checkedRows.Count;
        if (!settings.DryRun && !refuse && valid.Count > 0)
        {
            if (settings.Mode == LedgerImportMode.File)
            {
                await WriteAllAsync(valid, results, progress, cancellationToken);
            }
            else
            {
                await WriteRowByRowAsync(valid, results, progress, cancellationToken);
            }
        }

        var rows = results.Values.OrderBy(r => r.Line).ToList();
        return new LedgerImportReport(
            sheet.Rows.Count, valid.Count, rows.Count(r => r.Imported), rows.Count(r => r.Rejected), settings.DryRun, rows);
    }

    /// <summary>All in one transaction: a row that fails while being written (a rule only the database sees) undoes them all.</summary>
    private async Task WriteAllAsync(
        List<CheckedRow> rows, Dictionary<int, LedgerRowResult> results, IProgress<LedgerImportProgress>? progress, CancellationToken cancellationToken)
    {
        var numbers = new Dictionary<int, string>();
        try
        {
            await unitOfWork.InTransactionAsync(
                async ct =>
                {
                    foreach (var row in rows)
                    {
                        try
                        {
                            numbers[row.Line] = (await WriteAsync(row, ct)).Number;
                        }
                        catch (Exception refused) when (IsRefusal(refused))
                        {
                            throw new RowRefusedException(row.Line, refused);
                        }

                        progress?.Report(new LedgerImportProgress("导入", numbers.Count, rows.Count));
                    }

                    return numbers.Count;
                },
                cancellationToken);
        }
        catch (RowRefusedException refused)
        {
            results[refused.Line] = results[refused.Line] with { Errors = Refusals(refused.InnerException!) };
            return;
        }

        foreach (var (line, number) in numbers)
        {
            results[line] = results[line] with { Number = number };
        }
    }

    /// <summary>100 rows per transaction; a batch a row spoils is written again one row per transaction, and only that row is refused.</summary>
    private async Task WriteRowByRowAsync(
        List<CheckedRow> rows, Dictionary<int, LedgerRowResult> results, IProgress<LedgerImportProgress>? progress, CancellationToken cancellationToken)
    {
        var done = 0;
        foreach (var batch in rows.Chunk(BatchSize))
        {
            try
            {
                var numbers = await unitOfWork.InTransactionAsync(
                    async ct =>
                    {
                        var written = new List<(int Line, string Number)>();
                        foreach (var row in batch)
                        {
                            written.Add((row.Line, (await WriteAsync(row, ct)).Number));
                        }

                        return written;
                    },
                    cancellationToken);
                foreach (var (line, number) in numbers)
                {
                    results[line] = results[line] with { Number = number };
                }
            }
            catch (Exception spoiled) when (IsRefusal(spoiled))
            {
                foreach (var row in batch)
                {
                    try
                    {
                        var request = await unitOfWork.InTransactionAsync(ct => WriteAsync(row, ct), cancellationToken);
                        results[row.Line] = results[row.Line] with { Number = request.Number };
                    }
                    catch (Exception refused) when (IsRefusal(refused))
                    {
                        results[row.Line] = results[row.Line] with { Errors = Refusals(refused) };
                    }
                }
            }

            done += batch.Length;
            progress?.Report(new LedgerImportProgress("导入", done, rows.Count));
        }
    }

    private async Task<TaxpayerRequest> WriteAsync(CheckedRow row, CancellationToken cancellationToken)
    {
        var request = row.ClosedAt is { } closedAt
            ? await registrations.RegisterClosedAsync(row.BureauId, row.Registration!, closedAt, cancellationToken)
            : await intake.RegisterAsync(row.BureauId, row.Registration!, actorUserId: null, cancellationToken);
        if (row.Note is { } note)
        {
            var now = time.GetUtcNow();
            await notes.AddAsync(RequestNote.Write(Guid.CreateVersion7(now), request.Id, Guid.Empty, NoteAuthor, note, now), cancellationToken);
        }

        return request;
    }

    /// <summary>A rule refused the row (as opposed to the database being unreachable, which stops the import).</summary>
    private static bool IsRefusal(Exception exception) => exception is DomainValidationException or DomainException or DomainConflictException;

    private static IReadOnlyList<LedgerCellError> Refusals(Exception refused) => refused switch
    {
        DomainValidationException invalid => [.. invalid.Errors.Select(e => new LedgerCellError(LedgerColumns.OfField(e.Field), e.Reason))],
        DomainException rule => [new LedgerCellError(LedgerColumns.OfField(rule.Field ?? "row"), rule.Message)],
        _ => [new LedgerCellError("row", refused.Message)],
    };

    private sealed class RowRefusedException(int line, Exception refused) : Exception($"line {line}: {refused.Message}", refused)
    {
        public int Line { get; } = line;
    }

    private static Dictionary<string, int> ColumnsOf(IReadOnlyList<string> headers, string? bureauCode)
    {
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < headers.Count; i++)
        {
            var header = (headers[i] ?? "").Trim().TrimStart('\uFEFF');
            if (header.Length > 0)
            {
                columns.TryAdd(header, i);
            }
        }

        var missing = LedgerColumns.Required.Where(c => !columns.ContainsKey(c)).ToList();
        if (!columns.ContainsKey(LedgerColumns.Bureau) && string.IsNullOrWhiteSpace(bureauCode))
        {
            missing.Insert(0, LedgerColumns.Bureau + "（或用 --bureau 指定）");
        }

        return missing.Count == 0
            ? columns
            : throw new LedgerFormatException($"第1行（表头）缺少列：{string.Join("、", missing)}");
    }

    private static Bureau? FindBureau(BureauTree tree, string codeOrName) =>
        tree.FindByCode(codeOrName.Trim()) ?? tree.Bureaus.FirstOrDefault(b => b.Name == codeOrName.Trim());

    private sealed record CheckedRow(
        int Line, string? SourceNumber, Guid BureauId, RequestRegistration? Registration, DateTimeOffset? ClosedAt, string? Note, IReadOnlyList<LedgerCellError> Errors);

    /// <summary>One row's cells read into a registration, collecting every refusal with its column.</summary>
    private sealed class RowReader(BureauTree tree, Dictionary<string, int> columns, Bureau? defaultBureau, IBureauStore bureaus, DateTimeOffset now)
    {
        private readonly Dictionary<Guid, IReadOnlyList<Unit>> _units = [];

        public async Task<CheckedRow> ReadAsync(LedgerRow row, CancellationToken cancellationToken)
        {
            var errors = new List<LedgerCellError>();
            string? Cell(string column) =>
                columns.TryGetValue(column, out var index) && index < row.Cells.Count && !string.IsNullOrWhiteSpace(row.Cells[index]) ? row.Cells[index]!.Trim() : null;
            void Refuse(string column, string reason) => errors.Add(new LedgerCellError(column, reason));

            var bureau = defaultBureau;
            if (Cell(LedgerColumns.Bureau) is { } bureauText)
            {
                bureau = FindBureau(tree, bureauText);
                if (bureau is null)
                {
                    Refuse(LedgerColumns.Bureau, $"税务机关“{bureauText}”不存在");
                }
            }
            else if (bureau is null)
            {
                Refuse(LedgerColumns.Bureau, "受理机构不能为空（或用 --bureau 指定）");
            }

            var zone = bureau is null ? BureauClock.ChinaDefault.TimeZone : tree.ClockOf(bureau.Id).TimeZone;
            var receivedAt = now;
            if (Cell(LedgerColumns.Received) is not { } receivedText)
            {
                Refuse(LedgerColumns.Received, "受理时间不能为空");
            }
            else if (!ExternalValues.TryParseInstant(receivedText, zone, out receivedAt, out var reason))
            {
                Refuse(LedgerColumns.Received, reason!);
                receivedAt = now;
            }

            DateTimeOffset? closedAt = null;
            if (Cell(LedgerColumns.Closed) is { } closedText)
            {
                if (ExternalValues.TryParseInstant(closedText, zone, out var closed, out var reason))
                {
                    closedAt = closed;
                }
                else
                {
                    Refuse(LedgerColumns.Closed, reason!);
                }
            }

            var channel = default(Channel);
            if (Cell(LedgerColumns.Channel) is not { } channelText)
            {
                Refuse(LedgerColumns.Channel, "诉求渠道不能为空");
            }
            else if (!ExternalValues.TryParseChannel(channelText, out channel))
            {
                Refuse(LedgerColumns.Channel, $"未知的诉求渠道“{channelText}”（如 {Channel.Hotline12366.ChineseName()}）");
            }

            var categoryCode = "";
            if (bureau is not null && Cell(LedgerColumns.Category) is { } categoryText)
            {
                var categories = tree.CategoriesOf(bureau.Id).Value;
                var category = categories.FirstOrDefault(c => string.Equals(c.Code, categoryText, StringComparison.OrdinalIgnoreCase) || c.Name == categoryText);
                if (category is null)
                {
                    Refuse(LedgerColumns.Category, $"{bureau.Name}没有诉求分类“{categoryText}”；可选：{string.Join("、", categories.Select(c => c.Name))}");
                }
                else
                {
                    categoryCode = category.Code;
                }
            }
            else if (bureau is not null)
            {
                Refuse(LedgerColumns.Category, "诉求分类不能为空");
            }

            var unitId = Guid.Empty;
            if (bureau is not null && Cell(LedgerColumns.ReceivingUnit) is { } unitText)
            {
                var unit = (await UnitsAsync(bureau.Id, cancellationToken))
                    .FirstOrDefault(u => u.Name == unitText || string.Equals(u.Code, unitText, StringComparison.OrdinalIgnoreCase));
                if (unit is null)
                {
                    Refuse(LedgerColumns.ReceivingUnit, $"{bureau.Name}没有受理单位“{unitText}”");
                }
                else
                {
                    unitId = unit.Id;
                }
            }
            else if (bureau is not null)
            {
                Refuse(LedgerColumns.ReceivingUnit, "受理单位不能为空");
            }

            TaxpayerSize? size = null;
            if (Cell(LedgerColumns.Size) is { } sizeText)
            {
                if (ExternalValues.TryParseSize(sizeText, out var parsed))
                {
                    size = parsed;
                }
                else
                {
                    Refuse(LedgerColumns.Size, $"未知的纳税人规模“{sizeText}”；可选：{ExternalValues.SizeChoices}");
                }
            }

            OperatingStatus? status = null;
            if (Cell(LedgerColumns.OperatingStatus) is { } statusText)
            {
                if (ExternalValues.TryParseOperatingStatus(statusText, out var parsed))
                {
                    status = parsed;
                }
                else
                {
                    Refuse(LedgerColumns.OperatingStatus, $"未知的经营状态“{statusText}”；可选：{ExternalValues.StatusChoices}");
                }
            }

            var outcome = Cell(LedgerColumns.Outcome);
            var onTheSpot = outcome is not null && outcome.StartsWith(OnTheSpotPrefix, StringComparison.Ordinal)
                ? outcome[OnTheSpotPrefix.Length..].TrimStart('：', ':', ' ')
                : null;
            var sourceNumber = Cell(LedgerColumns.Number);
            var registration = new RequestRegistration
            {
                TaxpayerName = Cell(LedgerColumns.Taxpayer) ?? "",
                Contact = Cell(LedgerColumns.Contact) ?? "",
                Text = Cell(LedgerColumns.Text) ?? "",
                ReceivedAt = receivedAt,
                Channel = channel,
                CategoryCode = categoryCode.Length > 0 ? categoryCode : "-",
                ReceivingUnitId = unitId == Guid.Empty ? Guid.NewGuid() : unitId,
                ReceivingOfficer = Cell(LedgerColumns.ReceivingOfficer) ?? "",
                CreditCode = Cell(LedgerColumns.CreditCode),
                Industry = Cell(LedgerColumns.Industry),
                Size = size,
                OperatingStatus = status,
                OnTheSpotAnswer = string.IsNullOrWhiteSpace(onTheSpot) ? null : onTheSpot,
            };

            var refusedColumns = errors.Select(e => e.Column).ToHashSet();
            var rules = RequestRegistrationRules.Check(registration, now)
                .Concat(closedAt is { } closing && !refusedColumns.Contains(LedgerColumns.Received) ? TaxpayerRequest.ClosingErrors(receivedAt, closing, now) : [])
                .Select(e => new LedgerCellError(LedgerColumns.OfField(e.Field), e.Reason))
                .Where(e => !refusedColumns.Contains(e.Column));
            errors.AddRange(rules);
            return new CheckedRow(
                row.Line, sourceNumber, bureau?.Id ?? Guid.Empty, errors.Count == 0 ? registration : null, closedAt, NoteOf(sourceNumber, onTheSpot is null ? outcome : null), errors);
        }

        /// <summary>"台账导入：原受理编号 XT-2025-000123；办理结果：已为其办理退税" — at most a note's length.</summary>
        private static string? NoteOf(string? sourceNumber, string? outcome)
        {
            var parts = new List<string>();
            if (sourceNumber is not null)
            {
                parts.Add($"原受理编号 {sourceNumber}");
            }

            if (outcome is not null)
            {
                parts.Add($"{LedgerColumns.Outcome}：{outcome}");
            }

            if (parts.Count == 0)
            {
                return null;
            }

            var note = $"{NoteAuthor}：{string.Join("；", parts)}";
            return note.Length > RequestNote.MaxTextLength ? note[..RequestNote.MaxTextLength] : note;
        }

        private async Task<IReadOnlyList<Unit>> UnitsAsync(Guid bureauId, CancellationToken cancellationToken)
        {
            if (!_units.TryGetValue(bureauId, out var units))
            {
                units = await bureaus.ListUnitsAsync(bureauId, cancellationToken);
                _units[bureauId] = units;
            }

            return units;
        }
    }
}
