using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Bpm.Application.Administration;
using Bpm.Domain.Requests;
using Bpm.Domain.Sla;
using Microsoft.Extensions.DependencyInjection;

namespace Bpm.Cli.Commands;

/// <summary>
/// <c>bpm sla show --bureau xiantao</c> → every type's lines in force (own or inherited, and from where);
/// <c>bpm sla set --bureau xiantao --step Handling --days 3 --warn 1wd --remind-every 1 --max-reminders 3</c> → sets the
/// bureau's own line and re-plans open deadlines (<c>--new-only</c>: only new tasks); <c>bpm sla unset</c> removes it.
/// Works on the configured database as the system (no user in the audit).
/// </summary>
internal static partial class SlaCommands
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    public static Command Create(CliConsole console) => new("sla", "SLA policies of a bureau")
    {
        Show(console),
        Set(console),
        Unset(console),
    };

    private static Command Show(CliConsole console)
    {
        var bureau = BureauOption();
        var type = new Option<string?>("--type") { Description = "One request type, e.g. Policy (default: all six)" };
        var json = new Option<bool>("--json") { Description = "Print JSON" };
        var command = new Command("show", "The SLA lines in force at a bureau, own or inherited") { bureau, type, json };
        command.SetAction(async (result, cancellationToken) =>
        {
            var only = ParseEnum<RequestType>(result.GetValue(type), "--type");
            var view = await CliServices.RunAsync(
                services => services.GetRequiredService<SlaAdministrationService>().GetPolicyAsync(result.GetValue(bureau)!, only, AdminActor.System, cancellationToken));
            if (result.GetValue(json))
            {
                await console.Output.WriteLineAsync(JsonSerializer.Serialize(
                    new
                    {
                        bureau = view.Bureau.Code,
                        types = view.Types.Select(t => new
                        {
                            type = t.Type,
                            steps = t.Steps.Select(s => new
                            {
                                step = s.Step,
                                workingDays = s.Rule.WorkingDays,
                                capBasis = s.Rule.CapBasis,
                                cutOff = s.Rule.CutOff?.ToString("HH:mm", CultureInfo.InvariantCulture),
                                ladder = s.Rule.Ladder,
                                own = s.Own,
                                from = s.From.Code,
                            }),
                        }),
                    },
                    Json));
                return CliApp.Ok;
            }

            await console.Output.WriteLineAsync($"{view.Bureau.Name} ({view.Bureau.Code})");
            foreach (var type in view.Types)
            {
                await console.Output.WriteLineAsync($"{type.Type} {type.Type.ChineseName()}");
                foreach (var step in type.Steps)
                {
                    var rule = step.Rule;
                    await console.Output.WriteLineAsync(
                        $"  {step.Step,-19} {rule.WorkingDays,3} WD"
                        + (rule.CapBasis is { } basis ? $" ({basis})" : "")
                        + (rule.CutOff is { } cutOff ? $" until {cutOff:HH\\:mm}" : "")
                        + (rule.Ladder is { } ladder ? $"  {Describe(ladder)}" : "")
                        + (step.Own ? "  own" : $"  inherited from {step.From.Code}"));
                }
            }

            return CliApp.Ok;
        });
        return command;
    }

    private static Command Set(CliConsole console)
    {
        var bureau = BureauOption();
        var step = StepOption();
        var days = new Option<int>("--days") { Description = "Working days, 0–250", Required = true };
        var type = new Option<string?>("--type") { Description = "Only for this request type, e.g. Policy (default: all types)" };
        var capBasis = new Option<string?>("--cap-basis") { Description = "ExtensionCap only: ExtensionOnly or HandlingPlusExtension" };
        var cutOff = new Option<string?>("--cut-off") { Description = "The step's own cut-off, e.g. 17:30 (default: the bureau's)" };
        var warn = new Option<string?>("--warn") { Description = "Warn ahead of due: 1wd (working days) or 4h (working hours)" };
        var noEscalation = new Option<bool>("--no-escalation") { Description = "No red escalation at due" };
        var remindEvery = new Option<int?>("--remind-every") { Description = "A reminder every N working days after due" };
        var maxReminders = new Option<int?>("--max-reminders") { Description = "At most N reminders (default 3 with --remind-every)" };
        var jointMeeting = new Option<int?>("--joint-meeting-after") { Description = "Hand to the joint meeting N working days after due" };
        var newOnly = new Option<bool>("--new-only") { Description = "Only new tasks see the change; open deadlines stay" };
        var command = new Command("set", "Sets the bureau's own line for a step and re-plans open deadlines")
        {
            bureau, step, days, type, capBasis, cutOff, warn, noEscalation, remindEvery, maxReminders, jointMeeting, newOnly,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var slaStep = ParseEnum<SlaStep>(result.GetValue(step), "--step")!.Value;
            var only = ParseEnum<RequestType>(result.GetValue(type), "--type");
            var basis = ParseEnum<ExtensionCapBasis>(result.GetValue(capBasis), "--cap-basis");
            var time = ParseCutOff(result.GetValue(cutOff));
            var warnBefore = ParseWarn(result.GetValue(warn));
            var every = result.GetValue(remindEvery);
            var joint = result.GetValue(jointMeeting);
            var escalate = !result.GetValue(noEscalation);
            EscalationLadder? ladder = warnBefore is null && every is null && joint is null && !escalate
                ? null
                : new EscalationLadder(warnBefore, escalate, every, result.GetValue(maxReminders) ?? (every is null ? 0 : 3), joint);
            var problems = SlaAdministrationService.Problems(slaStep, new SlaLineInput(result.GetValue(days), basis, time, ladder)).ToList();
            if (problems.Count > 0)
            {
                throw new CliArgumentException(string.Join("; ", problems.Select(p => $"{OptionOf(p.Field)}: {p.Reason}")));
            }

            var mode = result.GetValue(newOnly) ? ReplanMode.NewOnly : ReplanMode.Open;
            var change = await CliServices.RunAsync(services => services.GetRequiredService<SlaAdministrationService>().SetLineAsync(
                result.GetValue(bureau)!, slaStep, only, new SlaLineInput(result.GetValue(days), basis, time, ladder), mode, AdminActor.System, cancellationToken));
            await console.Output.WriteLineAsync(
                $"{change.Bureau.Code}: {slaStep} ({only?.ToString() ?? "all types"}) = {result.GetValue(days)} WD{(change.Replaced ? " (replaced its own line)" : "")}");
            await console.Output.WriteLineAsync(CliServices.Moved(change.Replan));
            return CliApp.Ok;
        });
        return command;
    }

    private static Command Unset(CliConsole console)
    {
        var bureau = BureauOption();
        var step = StepOption();
        var type = new Option<string?>("--type") { Description = "The line for this request type (default: the all-types line)" };
        var newOnly = new Option<bool>("--new-only") { Description = "Only new tasks see the change; open deadlines stay" };
        var command = new Command("unset", "Removes the bureau's own line: it inherits again") { bureau, step, type, newOnly };
        command.SetAction(async (result, cancellationToken) =>
        {
            var slaStep = ParseEnum<SlaStep>(result.GetValue(step), "--step")!.Value;
            var only = ParseEnum<RequestType>(result.GetValue(type), "--type");
            var mode = result.GetValue(newOnly) ? ReplanMode.NewOnly : ReplanMode.Open;
            var change = await CliServices.RunAsync(services => services.GetRequiredService<SlaAdministrationService>().RemoveLineAsync(
                result.GetValue(bureau)!, slaStep, only, mode, AdminActor.System, cancellationToken));
            await console.Output.WriteLineAsync($"{change.Bureau.Code}: own {slaStep} line ({only?.ToString() ?? "all types"}) removed; inherited again");
            await console.Output.WriteLineAsync(CliServices.Moved(change.Replan));
            return CliApp.Ok;
        });
        return command;
    }

    internal static Option<string> BureauOption() => new("--bureau") { Description = "Bureau code, e.g. xiantao", Required = true };

    private static Option<string> StepOption() => new("--step") { Description = $"One of {string.Join(", ", Enum.GetNames<SlaStep>())}", Required = true };

    /// <summary>A member name in any case; a number or an unknown name is refused with the choices.</summary>
    internal static T? ParseEnum<T>(string? text, string option)
        where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return char.IsLetter(text[0]) && Enum.TryParse<T>(text, ignoreCase: true, out var value) && Enum.IsDefined(value)
            ? value
            : throw new CliArgumentException($"{option} '{text}' is unknown; one of {string.Join(", ", Enum.GetNames<T>())}");
    }

    /// <summary>"17:30"; 00:00 and 24:00 are refused (leave it out for the end of the day).</summary>
    private static TimeOnly? ParseCutOff(string? text) =>
        string.IsNullOrWhiteSpace(text)
            ? null
            : TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) && time != TimeOnly.MinValue
                ? time
                : throw new CliArgumentException($"--cut-off '{text}' is not a time of day like 17:30 (leave it out for 24:00)");

    /// <summary>"1wd" = 1 working day, "4h" = 4 working hours.</summary>
    private static SlaOffset? ParseWarn(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var match = WarnPattern().Match(text.Trim());
        return match.Success
            ? new SlaOffset(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), match.Groups[2].Value.Equals("h", StringComparison.OrdinalIgnoreCase)
                ? SlaOffsetUnit.WorkingHours
                : SlaOffsetUnit.WorkingDays)
            : throw new CliArgumentException($"--warn '{text}' is not like 1wd (working days) or 4h (working hours)");
    }

    private static string OptionOf(string field) => field switch
    {
        "workingDays" => "--days",
        "capBasis" => "--cap-basis",
        "cutOff" => "--cut-off",
        "ladder.warnBefore.amount" => "--warn",
        "ladder.remindEveryWorkingDays" => "--remind-every",
        "ladder.maxReminders" => "--max-reminders",
        "ladder.jointMeetingAfterWorkingDays" => "--joint-meeting-after",
        _ => field,
    };

    private static string Describe(EscalationLadder ladder) =>
        string.Join(", ", new[]
        {
            ladder.WarnBefore is { } warn ? $"warn {warn.Amount}{(warn.Unit == SlaOffsetUnit.WorkingDays ? "wd" : "h")} ahead" : null,
            ladder.EscalateAtDue ? "red at due" : null,
            ladder.RemindEveryWorkingDays is { } every ? $"remind every {every} WD (max {ladder.MaxReminders})" : null,
            ladder.JointMeetingAfterWorkingDays is { } joint ? $"joint meeting {joint} WD after due" : null,
        }.Where(s => s is not null));

    [GeneratedRegex(@"^(\d{1,4})\s*(wd|h)$", RegexOptions.IgnoreCase)]
    private static partial Regex WarnPattern();
}
