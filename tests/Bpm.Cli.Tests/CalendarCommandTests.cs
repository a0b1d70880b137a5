using System.Text.Json;

namespace Bpm.Cli.Tests;

public sealed class CalendarCommandTests
{
    /// <summary>The worked examples of the holiday data's README, as an operator would type them.</summary>
    [Theory]
    [InlineData("2026-09-30T10:00:00+08:00", 1, "2026-10-08", "2026-10-08T16:00:00Z")]
    [InlineData("2026-09-30T10:00:00+08:00", 5, "2026-10-13", "2026-10-13T16:00:00Z")]
    [InlineData("2026-10-09T10:00:00+08:00", 1, "2026-10-10", "2026-10-10T16:00:00Z")]
    [InlineData("2026-02-13T10:00:00+08:00", 5, "2026-02-27", "2026-02-27T16:00:00Z")]
    [InlineData("2026-02-13T10:00:00+08:00", 20, "2026-03-19", "2026-03-19T16:00:00Z")]
    [InlineData("2025-01-27T10:00:00+08:00", 5, "2025-02-10", "2025-02-10T16:00:00Z")]
    [InlineData("2024-09-27T10:00:00+08:00", 5, "2024-10-10", "2024-10-10T16:00:00Z")]
    [InlineData("2026-09-29T17:00:00Z", 1, "2026-10-08", "2026-10-08T16:00:00Z")]
    public async Task Add_working_days_prints_the_due_date_and_instant(string from, int days, string dueDate, string dueAt)
    {
        var (exitCode, output, error) = await CliRunner.RunAsync("calendar", "add-working-days", "--from", from, "--days", days.ToString(), "--json");

        error.ShouldBeEmpty();
        exitCode.ShouldBe(0);
        using var json = JsonDocument.Parse(output);
        json.RootElement.GetProperty("dueDate").GetString().ShouldBe(dueDate);
        json.RootElement.GetProperty("dueAt").GetString().ShouldBe(dueAt);
        json.RootElement.GetProperty("provisional").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task A_deadline_in_an_unpublished_year_is_marked_provisional()
    {
        var (_, output, _) = await CliRunner.RunAsync("calendar", "add-working-days", "--from", "2026-12-30T10:00:00+08:00", "--days", "5", "--json");

        using var json = JsonDocument.Parse(output);
        json.RootElement.GetProperty("dueDate").GetString()!.ShouldStartWith("2027-");
        json.RootElement.GetProperty("provisional").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task Plain_output_names_the_weekday_and_local_time()
    {
        var (exitCode, output, _) = await CliRunner.RunAsync("calendar", "add-working-days", "--from", "2026-09-30T10:00:00+08:00", "--days", "5");

        exitCode.ShouldBe(0);
        output.ShouldContain("2026-10-13 (Tuesday)");
        output.ShouldContain("2026-10-14 00:00 Asia/Shanghai");
    }

    [Theory]
    [InlineData("--from '2026-09-30'", "calendar", "add-working-days", "--from", "2026-09-30", "--days", "5")]
    [InlineData("--from '2026-09-30T10:00:00'", "calendar", "add-working-days", "--from", "2026-09-30T10:00:00", "--days", "5")]
    [InlineData("--from 'yesterday'", "calendar", "add-working-days", "--from", "yesterday", "--days", "5")]
    [InlineData("--days must be between 0 and 10000", "calendar", "add-working-days", "--from", "2026-09-30T10:00:00+08:00", "--days", "-1")]
    [InlineData("'x'", "calendar", "add-working-days", "--from", "2026-09-30T10:00:00+08:00", "--days", "x")]
    [InlineData("'--from' is required", "calendar", "add-working-days", "--days", "5")]
    [InlineData("--year must be between", "calendar", "show", "--year", "1800")]
    [InlineData("Unrecognized command or argument 'frobnicate'", "calendar", "frobnicate")]
    public async Task Bad_arguments_exit_2_with_a_message_that_says_why(string expectedMessage, params string[] args)
    {
        var (exitCode, output, error) = await CliRunner.RunAsync(args);

        exitCode.ShouldBe(2);
        error.ShouldContain(expectedMessage);
        output.ShouldNotContain("dueDate");
    }

    [Fact]
    public async Task Show_lists_the_national_rest_days_and_make_up_working_days_of_a_year()
    {
        var (exitCode, output, _) = await CliRunner.RunAsync("calendar", "show", "--year", "2026", "--json");

        exitCode.ShouldBe(0);
        using var json = JsonDocument.Parse(output);
        var days = json.RootElement.GetProperty("days").EnumerateArray()
            .ToDictionary(d => d.GetProperty("date").GetString()!, d => d.GetProperty("working").GetBoolean());
        days["2026-10-01"].ShouldBeFalse();
        days["2026-10-10"].ShouldBeTrue();
        days["2026-02-14"].ShouldBeTrue();
        days.ShouldNotContainKey("2026-03-02");
        json.RootElement.GetProperty("provisional").GetBoolean().ShouldBeFalse();
    }
}
