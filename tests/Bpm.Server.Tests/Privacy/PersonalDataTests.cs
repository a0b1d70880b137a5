using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bpm.Server.Api;
using Bpm.Server.Tests.WebUi;
using WebClient = Bpm.Server.Tests.WebUi.WebClient;
using Bpm.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Bpm.Server.Tests.Privacy;

/// <summary>
/// Personal data over HTTP: stored encrypted, shown in clear only to the roles that need it (handlers and approvers on
/// the request itself), masked in every list, each view in the access log, and never in the log output.
/// </summary>
public sealed class PersonalDataTests : IDisposable
{
    private const string Code = "91350100M000100Y43";
    private const string Mobile = "13912345678";

    private readonly BpmServerFactory _factory = new(time: new ManualTimeProvider(ApiClient.Now));

    private Task<RequestDto> RegisterAsync(HttpClient hall) =>
        hall.RegisterAsync(ApiClient.Registration("SERVICE", ("taxpayerName", "张小三"), ("contact", Mobile), ("creditCode", Code)));

    [Fact]
    public async Task The_database_file_holds_neither_the_contact_nor_the_credit_code_in_clear()
    {
        var hall = await _factory.SignedInAsync("xt.hall");
        var request = await RegisterAsync(hall);

        await using var connection = new SqliteConnection($"Data Source={_factory.DatabaseFile}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """SELECT "Contact", "CreditCode" FROM "TaxpayerRequests" WHERE "Number" = $number""";
        command.Parameters.AddWithValue("$number", request.Number);
        await using var reader = await command.ExecuteReaderAsync();
        (await reader.ReadAsync()).ShouldBeTrue();
        reader.GetString(0).ShouldStartWith("v1:t1:");
        reader.GetString(0).ShouldNotContain(Mobile);
        reader.GetString(1).ShouldStartWith("v1:t1:");
        reader.GetString(1).ShouldNotContain(Code);
    }

    [Fact]
    public async Task Handlers_and_approvers_read_the_request_in_clear_analysts_masked_and_every_list_is_masked()
    {
        var hall = await _factory.SignedInAsync("xt.hall");
        var request = await RegisterAsync(hall);

        var byHandler = await (await _factory.SignedInAsync("xt.handler")).GetFromJsonAsync<RequestDto>($"/api/requests/{request.Id}", ApiClient.Json);
        var byApprover = await (await _factory.SignedInAsync("xt.approver")).GetFromJsonAsync<RequestDto>($"/api/requests/{request.Id}", ApiClient.Json);
        var byAnalyst = await (await _factory.SignedInAsync("xt.analyst")).GetFromJsonAsync<RequestDto>($"/api/requests/{request.Id}", ApiClient.Json);
        var listed = (await hall.ListAsync()).Items.Single(r => r.Id == request.Id);
        var tasks = System.Text.RegularExpressions.Regex.Unescape(await hall.GetStringAsync("/api/tasks?pageSize=100"));

        (byHandler!.TaxpayerName, byHandler.Contact, byHandler.CreditCode).ShouldBe(("张小三", Mobile, Code));
        (byApprover!.TaxpayerName, byApprover.Contact, byApprover.CreditCode).ShouldBe(("张小三", Mobile, Code));
        (byAnalyst!.TaxpayerName, byAnalyst.Contact, byAnalyst.CreditCode).ShouldBe(("张*三", "139****5678", "9135**********0Y43"));
        (listed.TaxpayerName, listed.Contact, listed.CreditCode).ShouldBe(("张*三", "139****5678", "9135**********0Y43"));
        tasks.ShouldContain("张*三");
        tasks.ShouldNotContain("张小三");
    }

    [Fact]
    public async Task The_request_page_shows_clear_data_to_a_handler_and_masked_data_to_an_analyst_and_lists_mask_names()
    {
        var request = await RegisterAsync(await _factory.SignedInAsync("xt.hall"));

        var handlerPage = await (await _factory.WebSignedInAsync("xt.handler")).PageAsync($"/requests/{request.Id}");
        var analystPage = await (await _factory.WebSignedInAsync("xt.analyst")).PageAsync($"/requests/{request.Id}");
        var listPage = await (await _factory.WebSignedInAsync("xt.handler")).PageAsync("/requests");
        var foreign = await (await _factory.WebSignedInAsync("wlcb.handler")).PageAsync($"/requests/{request.Id}", HttpStatusCode.NotFound);

        WebClient.TextOf(handlerPage, "request-taxpayer").ShouldBe("张小三");
        handlerPage.ShouldContain(Mobile);
        handlerPage.ShouldContain(Code);
        WebClient.TextOf(analystPage, "request-taxpayer").ShouldBe("张*三");
        analystPage.ShouldNotContain(Mobile);
        analystPage.ShouldNotContain(Code);
        analystPage.ShouldContain("9135**********0Y43");
        listPage.ShouldContain("张*三");
        listPage.ShouldNotContain("张小三");
        foreign.ShouldNotContain("张");
        foreign.ShouldNotContain(Mobile);
    }

    [Fact]
    public async Task The_taxpayer_profile_finds_requests_by_the_encrypted_code_and_its_reads_are_in_the_audit_log()
    {
        var hall = await _factory.SignedInAsync("xt.hall");
        var request = await RegisterAsync(hall);

        var byAnalyst = await (await _factory.SignedInAsync("xt.analyst")).GetFromJsonAsync<JsonElement>($"/api/taxpayers/{Code.ToLowerInvariant()}");
        var byHandler = await (await _factory.SignedInAsync("xt.handler")).GetFromJsonAsync<JsonElement>($"/api/taxpayers/{Code}");

        byAnalyst.GetProperty("requests").EnumerateArray().Select(r => r.GetProperty("number").GetString()).ShouldBe([request.Number]);
        byAnalyst.GetProperty("taxpayerName").GetString().ShouldBe("张*三");
        byHandler.GetProperty("taxpayerName").GetString().ShouldBe("张小三");
        var audit = await (await _factory.SignedInAsync("xt.auditor")).GetStringAsync("/api/audit?pageSize=200");
        audit.ShouldContain("taxpayer:9135**********0Y43");
        audit.ShouldNotContain(Code);
        audit.ShouldNotContain(Mobile);
    }

    [Fact]
    public async Task Registering_and_reading_a_request_writes_neither_the_contact_nor_the_credit_code_to_the_log()
    {
        var lines = new ConcurrentQueue<string>();
        using var factory = _factory.WithWebHostBuilder(builder => builder.ConfigureLogging(logging =>
        {
            logging.SetMinimumLevel(LogLevel.Trace);
            logging.AddProvider(new CapturingLoggerProvider(lines));
        }));
        var hall = await SignedInAsync(factory, "xt.hall");

        var request = await hall.RegisterAsync(ApiClient.Registration("SERVICE", ("taxpayerName", "张小三"), ("contact", Mobile), ("creditCode", Code)));
        (await hall.GetAsync($"/api/requests/{request.Id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await hall.PostAsJsonAsync("/api/requests", ApiClient.Registration("SERVICE", ("contact", "1391234567x"), ("creditCode", "91350100M000100Y4X"))))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        lines.ShouldNotBeEmpty();
        var text = string.Join('\n', lines);
        text.ShouldNotContain(Mobile);
        text.ShouldNotContain(Code);
        text.ShouldNotContain("1391234567x");
        text.ShouldNotContain("91350100M000100Y4X");
    }

    [Fact]
    public async Task A_short_key_stops_the_server_with_a_message_naming_the_setting()
    {
        var lines = new ConcurrentQueue<string>();
        using var factory = new BpmServerFactory(new Dictionary<string, string?> { ["PersonalData:Keys:t1"] = Convert.ToBase64String(new byte[16]) });
        using var logged = factory.WithWebHostBuilder(builder => builder.ConfigureLogging(logging => logging.AddProvider(new CapturingLoggerProvider(lines))));
        try
        {
            await Should.ThrowAsync<Exception>(async () => await logged.CreateClient().GetAsync("/health"));

            // The operator reads the reason in the log ("Hosting failed to start" with the exception). The exception the test
            // host hands back is not used: once in CI it was an ObjectDisposedException of the host torn down under it.
            lines.ShouldContain(line => line.Contains("PersonalData:Keys:t1 must be the base64 of exactly 32 bytes", StringComparison.Ordinal));
        }
        finally
        {
            factory.DeleteDatabase();
        }
    }

    [Fact]
    public async Task With_SM4_configured_requests_are_stored_under_SM4_and_read_back()
    {
        using var factory = new BpmServerFactory(new Dictionary<string, string?>
        {
            ["PersonalData:Cipher"] = "Sm4",
            ["PersonalData:Keys:t1"] = Convert.ToBase64String(Convert.FromHexString("0123456789abcdeffedcba9876543210")),
        });
        try
        {
            var hall = await factory.SignedInAsync("xt.hall");
            var request = await RegisterAsync(hall);
            var read = await hall.GetFromJsonAsync<RequestDto>($"/api/requests/{request.Id}", ApiClient.Json);
            read!.Contact.ShouldBe(Mobile);
            read.CreditCode.ShouldBe(Code);
        }
        finally
        {
            factory.DeleteDatabase();
        }
    }

    public void Dispose()
    {
        _factory.Dispose();
        _factory.DeleteDatabase();
    }

    private static async Task<HttpClient> SignedInAsync(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> factory, string userName)
    {
        var client = factory.CreateClient();
        var response = await client.PostAsJsonAsync("/api/auth/token", new { userName, password = ApiClient.DemoPassword });
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private sealed class CapturingLoggerProvider(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, lines);

        public void Dispose()
        {
        }
    }

    private sealed class CapturingLogger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
    }
}
