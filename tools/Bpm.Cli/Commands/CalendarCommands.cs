using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Bpm.Application.Administration;
using Bpm.Application.Bureaus;
using Bpm.Domain.Bureaus;
using Bpm.Domain.Calendar;
using Microsoft.Extensions.DependencyInjection;

namespace Bpm.Cli.Commands;

/// <summary>
/// <c>bpm calendar add-working-days --from 2026-09-30T10:00:00+08:00 --days 5</c> → due Tue 2026-10-13;
/// <c>bpm calendar show --year 2026 --bureau ulanqab</c> → the year's rest days and make-up working days.
/// Without --bureau the national calendar and Asia/Shanghai at 24:00 apply; with it, the bureau's own
/// (inherited) calendar, time zone and cut-off, read from the configured database.
/// </summary>
internal static partial class CalendarCommands
{
    public const int FirstYear = 2000;
    public const int LastYear = 2100;

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Create(CliConsole console) => new("calendar", "Working-day calendar")
    {
        AddWorkingDays(console),
        Show(console),
        Close(console),
        Reopen(console),
        Import(console),
    };

    /// <summary><c>bpm calendar close --bureau xiantao --date 2026-10-08 --name 防汛</c>; <c>--working-day</c> for an extra working day.</summary>
    private static Command Close(CliConsole console)
    {
        var bureau = SlaCommands.BureauOption();
        var date = new Option<string>("--date") { Description = "yyyy-MM-dd, e.g. 2026-10-08", Required = true };
        var name = new Option<string>("--name") { Description = "What the day is, e.g. 防汛 or 那达慕", Required = true };
        var workingDay = new Option<bool>("--working-day") { Description = "An extra working day instead of a closure" };
        var newOnly = new Option<bool>("--new-only") { Description = "Only new tasks see the change; open deadlines stay" };
        var command = new Command("close", "Sets a bureau's own day (a closure, or with --working-day an extra working day)") { bureau, date, name, workingDay, newOnly };
        command.SetAction(async (result, cancellationToken) =>
        {
            var day = ParseDate(result.GetValue(date)!);
            var mode = result.GetValue(newOnly) ? ReplanMode.NewOnly : ReplanMode.Open;
            var change = await CliServices.RunAsync(services => services.GetRequiredService<CalendarAdministrationService>().SetDayAsync(
                result.GetValue(bureau)!, day, result.GetValue(workingDay), result.GetValue(name), mode, AdminActor.System, cancellationToken));
            await console.Output.WriteLineAsync(
                $"{change.Bureau.Code}: {Iso(day)} ({day.DayOfWeek}) {(change.Day!.IsWorkingDay ? "working day" : "rest day")} {change.Day.Name}{(change.Replaced ? " (replaced its own entry)" : "")}");
            await console.Output.WriteLineAsync(CliServices.Moved(change.Replan));
            return CliApp.Ok;
        });
        return command;
    }

    private static Command Reopen(CliConsole console)
    {
        var bureau = SlaCommands.BureauOption();
        var date = new Option<string>("--date") { Description = "yyyy-MM-dd", Required = true };
        var newOnly = new Option<bool>("--new-only") { Description = "Only new tasks see the change; open deadlines stay" };
        var command = new Command("reopen", "Removes a bureau's own day: the inherited or national rule holds again") { bureau, date, newOnly };
        command.SetAction(async (result, cancellationToken) =>
        {
            var day = ParseDate(result.GetValue(date)!);
            var mode = result.GetValue(newOnly) ? ReplanMode.NewOnly : ReplanMode.Open;
            var change = await CliServices.RunAsync(services => services.GetRequiredService<CalendarAdministrationService>().RemoveDayAsync(
                result.GetValue(bureau)!, day, mode, AdminActor.System, cancellationToken));
            await console.Output.WriteLineAsync($"{change.Bureau.Code}: own entry for {Iso(day)} removed");
            await console.Output.WriteLineAsync(CliServices.Moved(change.Replan));
            return CliApp.Ok;
        });
        return command;
    }

    /// <summary><c>bpm calendar import 2027.json</c>: a State Council notice in the holiday-cn format, at the national level.</summary>
    private static Command Import(CliConsole console)
    {
        var file = new Argument<FileInfo>("file") { Description = "The notice, e.g. holiday-cn's 2027.json" };
        var newOnly = new Option<bool>("--new-only") { Description = "Only new tasks see the change; open deadlines stay" };
        var command = new Command("import", "Imports a State Council holiday notice (holiday-cn JSON) and re-plans open deadlines") { file, newOnly };
        command.SetAction(async (result, cancellationToken) =>
        {
            var path = result.GetValue(file)!;
            if (!path.Exists)
            {
                throw new CliArgumentException($"file '{path.FullName}' does not exist");
            }

            JsonElement document;
            try
            {
                using var json = JsonDocument.Parse(await File.ReadAllTextAsync(path.FullName, cancellationToken));
                document = json.RootElement.Clone();
            }
            catch (JsonException e)
            {
                throw new CliArgumentException($"{path.Name} is not valid JSON: {e.Message}");
            }

            var mode = result.GetValue(newOnly) ? ReplanMode.NewOnly : ReplanMode.Open;
            var imported = await CliServices.RunAsync(services => services.GetRequiredService<CalendarAdministrationService>().ImportNoticeAsync(
                document, mode, AdminActor.System, cancellationToken));
            await console.Output.WriteLineAsync(
                $"{imported.Year}: {imported.Days} days imported"
                + (imported.Replaced is { } replaced ? $" (replaced the {replaced} notice of {imported.Year})" : "")
                + $"; published up to {imported.LastPublishedYear}");
            await console.Output.WriteLineAsync(CliServices.Moved(imported.Replan));
            return CliApp.Ok;
        });
        return command;
    }

    private static DateOnly ParseDate(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new CliArgumentException($"--date '{text}' is not a date like 2026-10-08");

    private static Command AddWorkingDays(CliConsole console)
    {
        var from = new Option<string>("--from") { Description = "Instant of receipt, ISO 8601 with offset, e.g. 2026-09-30T10:00:00+08:00", Required = true };
        var days = new Option<int>("--days") { Description = "Number of working days, 0–10000", Required = true };
        var bureau = new Option<string?>("--bureau") { Description = "Bureau code, e.g. xiantao (default: national calendar, Asia/Shanghai, 24:00)" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object" };
        var command = new Command("add-working-days", "Due date N working days after receipt (the day of receipt is not counted)") { from, days, bureau, json };
        command.SetAction(async (result, cancellationToken) =>
        {
            var receivedAt = ParseInstant(result.GetValue(from)!);
            var workingDays = result.GetValue(days);
            if (workingDays is < 0 or > 10_000)
            {
                throw new CliArgumentException($"--days must be between 0 and 10000, not {workingDays}");
            }

            var (calendar, clock, bureauCode) = await ResolveAsync(result.GetValue(bureau), cancellationToken);
            var deadline = calendar.AddWorkingDays(clock, receivedAt, workingDays);
            if (result.GetValue(json))
            {
                await console.Output.WriteLineAsync(JsonSerializer.Serialize(
                    new
                    {
                        from = receivedAt.ToString("O", CultureInfo.InvariantCulture),
                        receivedOn = Iso(clock.LocalDate(receivedAt)),
                        workingDays,
                        bureau = bureauCode,
                        timeZone = clock.TimeZone.Id,
                        dueDate = Iso(deadline.DueDate),
                        dueAt = deadline.DueAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
                        provisional = deadline.IsProvisional,
                    },
                    Json));
            }
            else
            {
                var local = TimeZoneInfo.ConvertTime(deadline.DueAt, clock.TimeZone);
                await console.Output.WriteLineAsync(
                    $"{Iso(deadline.DueDate)} ({deadline.DueDate.DayOfWeek}) — due at {deadline.DueAt.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ} "
                    + $"({local:yyyy-MM-dd HH:mm} {clock.TimeZone.Id}){(deadline.IsProvisional ? " — provisional: no holiday notice for that year yet" : "")}");
            }

            return CliApp.Ok;
        });
        return command;
    }

    private static Command Show(CliConsole console)
    {
        var year = new Option<int>("--year") { Description = $"Year, {FirstYear}–{LastYear}", Required = true };
        var bureau = new Option<string?>("--bureau") { Description = "Bureau code (default: national calendar)" };
        var json = new Option<bool>("--json") { Description = "Print JSON" };
        var command = new Command("show", "Rest days and make-up working days of a year") { year, bureau, json };
        command.SetAction(async (result, cancellationToken) =>
        {
            var y = result.GetValue(year);
            if (y is < FirstYear or > LastYear)
            {
                throw new CliArgumentException($"--year must be between {FirstYear} and {LastYear}, not {y}");
            }

            var (calendar, _, bureauCode) = await ResolveAsync(result.GetValue(bureau), cancellationToken);
            var days = calendar.DatedDaysIn(y);
            var provisional = calendar.IsProvisional(new DateOnly(y, 1, 1));
            if (result.GetValue(json))
            {
                await console.Output.WriteLineAsync(JsonSerializer.Serialize(
                    new
                    {
                        year = y,
                        bureau = bureauCode,
                        provisional,
                        days = days.Select(d => new { date = Iso(d.Date), weekday = d.Date.DayOfWeek.ToString(), working = d.IsWorkingDay, name = d.Name }),
                    },
                    Json));
                return CliApp.Ok;
            }

            await console.Output.WriteLineAsync($"{y} — {(bureauCode ?? "national")}{(provisional ? " (provisional: no holiday notice yet; weekdays are working days)" : "")}");
            foreach (var day in days)
            {
                await console.Output.WriteLineAsync($"{Iso(day.Date)}  {day.Date.DayOfWeek,-9}  {(day.IsWorkingDay ? "班 working" : "休 rest   ")}  {day.Name}");
            }

            await console.Output.WriteLineAsync($"{days.Count(d => !d.IsWorkingDay)} rest days, {days.Count(d => d.IsWorkingDay)} make-up working days");
            return CliApp.Ok;
        });
        return command;
    }

    /// <summary>Only full instants with an explicit offset: "2026-09-30T10:00:00+08:00" or "…Z"; a bare date is ambiguous.</summary>
    internal static DateTimeOffset ParseInstant(string text)
    {
        if (!InstantPattern().IsMatch(text)
            || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
        {
            throw new CliArgumentException(
                $"--from '{text}' is not an ISO 8601 instant with offset; expected e.g. 2026-09-30T10:00:00+08:00 or 2026-09-30T02:00:00Z");
        }

        return instant;
    }

    private static async Task<(WorkingDayCalendar Calendar, BureauClock Clock, string? BureauCode)> ResolveAsync(string? bureauCode, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(bureauCode))
        {
            return (WorkingDayCalendar.ChinaNational, BureauClock.ChinaDefault, null);
        }

        await using var services = CliDatabase.OpenServices();
        await using var scope = services.CreateAsyncScope();
        BureauTree tree;
        try
        {
            tree = await scope.ServiceProvider.GetRequiredService<IBureauStore>().LoadTreeAsync(cancellationToken);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException)
        {
            throw new CliArgumentException($"--bureau needs the database, which could not be read ({e.Message}); run 'bpm database migrate' or start the server once");
        }

        var bureau = tree.FindByCode(bureauCode)
            ?? throw new CliArgumentException($"--bureau '{bureauCode}' is unknown; known: {string.Join(", ", tree.Bureaus.Select(b => b.Code).Order())}");
        return (tree.CalendarOf(bureau.Id), tree.ClockOf(bureau.Id), bureau.Code);
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex InstantPattern();
}
