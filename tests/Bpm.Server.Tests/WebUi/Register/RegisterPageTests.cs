using System.Net;
using System.Net.Http.Json;
using Bpm.Domain.Requests;
using Bpm.Server.Api;
using Bpm.Testing;
using Shouldly;
using Xunit;

namespace Bpm.Server.Tests.WebUi.Register;

/// <summary>
/// <c>/requests/new</c>: a hall officer registers a request (受理登记) in Chinese; every refusal names the field in
/// Chinese beside the form, keeps what was typed and stores nothing; "answered on the spot" closes at once.
/// </summary>
public sealed class RegisterPageTests : IDisposable
{
    private const string Path = "/requests/new";
    private static readonly string CreditCode = "91429004MA49ABCD1" + Bpm.Domain.Taxpayers.UnifiedSocialCreditCode.CheckCharacter("91429004MA49ABCD1");
    private readonly BpmServerFactory _factory = new(time: new ManualTimeProvider(ApiClient.Now)); // Mon 2026-03-02 10:00 Shanghai

    public void Dispose()
    {
        _factory.Dispose();
        _factory.DeleteDatabase();
    }

    /// <summary>A complete form as the hall officer fills it (received 09:30 Shanghai = 01:30Z), with some fields changed.</summary>
    private static List<KeyValuePair<string, string>> Filled(string html, params (string Name, string Value)[] changes)
    {
        var fields = new Dictionary<string, string>
        {
            ["Form.ReceivingUnitId"] = System.Text.RegularExpressions.Regex.Match(html, "<option value=\"([0-9a-f-]{36})\" selected>纳税服务中心").Groups[1].Value,
            ["Form.TaxpayerName"] = "仙桃市恒达纺织有限公司",
            ["Form.Contact"] = "0728 3312345",
            ["Form.CreditCode"] = "",
            ["Form.Industry"] = "制造业",
            ["Form.Size"] = "SmallMicro",
            ["Form.OperatingStatus"] = "Normal",
            ["Form.Channel"] = "ServiceHall",
            ["Form.CategoryCode"] = "POLICY",
            ["Form.Text"] = "咨询研发费用加计扣除政策的适用范围。",
            ["Form.ReceivedAt"] = "2026-03-02T09:30",
            ["Form.ReceivingOfficer"] = "张三",
        };
        foreach (var (name, value) in changes)
        {
            fields[name] = value;
        }

        return [.. fields];
    }

    private async Task<(HttpClient Web, string Html)> OpenFormAsync(string userName = "xt.hall")
    {
        var web = await _factory.WebSignedInAsync(userName);
        return (web, await web.PageAsync(Path));
    }

    /// <summary>The stored request as a handler reads it: personal data in clear (an administrator gets it masked).</summary>
    private async Task<RequestDto> ReadAsync(Guid id)
    {
        var api = await _factory.SignedInAsync("xt.dispatcher");
        return (await api.GetFromJsonAsync<RequestDto>($"/api/requests/{id}", ApiClient.Json))!;
    }

    private async Task<int> StoredCountAsync() => (await (await _factory.SignedInAsync("xt.admin")).ListAsync()).TotalCount;

    private static async Task<Guid> RegisteredIdAsync(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, WebClient.TextOf(await response.Content.ReadAsStringAsync(), "register-errors"));
        var location = response.Headers.Location!.PathAndQuery;
        location.ShouldStartWith("/requests/");
        location.ShouldEndWith("?registered=1");
        return Guid.Parse(location["/requests/".Length..location.IndexOf('?', StringComparison.Ordinal)]);
    }

    [Fact]
    public async Task The_empty_form_is_in_Chinese_with_now_the_officers_unit_and_name_and_the_bureaus_categories_by_type()
    {
        var (_, html) = await OpenFormAsync();

        html.ShouldContain("<h1>登记诉求</h1>");
        html.ShouldContain("纳税人名称/姓名");
        html.ShouldContain("统一社会信用代码");
        html.ShouldContain("当场答复");
        html.ShouldContain("name=\"Form.ReceivedAt\" value=\"2026-03-02T10:00\"");
        html.ShouldContain("name=\"Form.ReceivingOfficer\" value=\"仙桃 办税服务厅\"");
        html.ShouldMatch("<option value=\"[0-9a-f-]{36}\" selected>纳税服务中心</option>");
        html.ShouldMatch("(?s)<optgroup label=\"信息化建设类\">\\s*<option value=\"IT\"[^>]*>信息化建设类</option>");
        html.ShouldContain("12366纳税缴费服务热线");
        html.ShouldContain("个体工商户");
    }

    [Fact]
    public async Task A_registration_stores_every_field_starts_the_workflow_and_lands_on_the_request_page()
    {
        var (web, html) = await OpenFormAsync();

        var response = await web.SubmitAsync(Path, html, "register", Filled(html, ("Form.CreditCode", CreditCode)));

        var saved = await ReadAsync(await RegisteredIdAsync(response));
        saved.Number.ShouldBe("XT-2026-000001");
        saved.TaxpayerName.ShouldBe("仙桃市恒达纺织有限公司");
        saved.Contact.ShouldBe("0728-3312345");
        saved.CreditCode.ShouldBe(CreditCode);
        saved.Industry.ShouldBe("制造业");
        saved.Size.ShouldBe(Bpm.Domain.Taxpayers.TaxpayerSize.SmallMicro);
        saved.OperatingStatus.ShouldBe(Bpm.Domain.Taxpayers.OperatingStatus.Normal);
        saved.Channel.ShouldBe(Channel.ServiceHall);
        saved.CategoryCode.ShouldBe("POLICY");
        saved.Type.ShouldBe(RequestType.Policy);
        saved.ReceivedAt.ShouldBe(new DateTimeOffset(2026, 3, 2, 1, 30, 0, TimeSpan.Zero));
        saved.ReceivingUnit!.Name.ShouldBe("纳税服务中心");
        saved.ReceivingOfficer.ShouldBe("张三");
        saved.Status.ShouldBe(RequestStatus.Registered);
        saved.WorkflowInstanceId.ShouldNotBeNull();
        saved.Tasks!.ShouldContain(t => t.Title == "受理登记");
    }

    [Fact]
    public async Task Answered_on_the_spot_registers_and_closes_at_once_without_a_workflow()
    {
        var (web, html) = await OpenFormAsync();

        var response = await web.SubmitAsync(Path, html, "register", Filled(
            html,
            ("Form.AnsweredOnTheSpot", "true"), ("Form.OnTheSpotAnswer", "已当场告知：可在电子税务局“我要办税”中申报。")));

        var saved = await ReadAsync(await RegisteredIdAsync(response));
        saved.Status.ShouldBe(RequestStatus.Closed);
        saved.OnTheSpotAnswer.ShouldBe("已当场告知：可在电子税务局“我要办税”中申报。");
        saved.ClosedAt.ShouldBe(ApiClient.Now);
        saved.WorkflowInstanceId.ShouldBeNull();
    }

    [Fact]
    public async Task An_answer_typed_without_ticking_answered_on_the_spot_does_not_close_the_request()
    {
        var (web, html) = await OpenFormAsync();

        var response = await web.SubmitAsync(Path, html, "register", Filled(html, ("Form.OnTheSpotAnswer", "已告知")));

        var saved = await ReadAsync(await RegisteredIdAsync(response));
        saved.Status.ShouldBe(RequestStatus.Registered);
        saved.OnTheSpotAnswer.ShouldBeNull();
    }

    [Theory]
    [InlineData("Form.TaxpayerName", " ", "taxpayerName", "纳税人名称不能为空")]
    [InlineData("Form.Contact", "12345", "contact", "电话号码格式不正确")]
    [InlineData("Form.CreditCode", "91429004MA49ABCD10", "creditCode", "信用代码")]
    [InlineData("Form.Industry", "制造业制造业制造业制造业制造业制造业制造业制造业制造业制造业制造业制造业制造业制造业制造业制造业制造业制造业制造业制造业制造业制造业制造业制造业制造业制造业制造业制造业制造业制造业制造业制造业制造业制造业", "industry", "所属行业不能超过100个字符")]
    [InlineData("Form.Channel", "", "channel", "诉求渠道不能为空")]
    [InlineData("Form.Channel", "Pigeon", "channel", "未知的诉求渠道")]
    [InlineData("Form.CategoryCode", "", "categoryCode", "诉求分类不能为空")]
    [InlineData("Form.CategoryCode", "ZCYW", "categoryCode", "本机构没有诉求分类“ZCYW”")]
    [InlineData("Form.Text", "", "text", "诉求内容不能为空")]
    [InlineData("Form.ReceivedAt", "2026-03-02T10:30", "receivedAt", "受理时间不能晚于当前时间")]
    [InlineData("Form.ReceivedAt", "昨天下午", "receivedAt", "受理时间格式不正确")]
    [InlineData("Form.ReceivedAt", "", "receivedAt", "受理时间不能为空")]
    [InlineData("Form.ReceivingOfficer", "", "receivingOfficer", "受理人不能为空")]
    [InlineData("Form.ReceivingUnitId", "", "receivingUnitId", "受理单位不能为空")]
    [InlineData("Form.Size", "Huge", "size", "未知的纳税人规模")]
    [InlineData("Form.AnsweredOnTheSpot", "true", "onTheSpotAnswer", "当场答复内容不能为空")]
    public async Task Each_refusal_names_its_field_in_Chinese_keeps_the_input_and_stores_nothing(string name, string value, string field, string reason)
    {
        var (web, html) = await OpenFormAsync();

        var response = await web.SubmitAsync(Path, html, "register", Filled(html, (name, value)));

        var page = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, page.Length > 300 ? page[..300] : page);
        page.ShouldContain("提交的内容有误");
        WebClient.TextOf(page, $"error-{field}").ShouldContain(reason);
        page.ShouldContain($"<li data-field=\"{field}\">");
        if (name != "Form.Text")
        {
            page.ShouldContain("咨询研发费用加计扣除政策的适用范围。</textarea>");
        }

        if (name != "Form.TaxpayerName")
        {
            page.ShouldContain("value=\"仙桃市恒达纺织有限公司\"");
        }

        (await StoredCountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task Several_refusals_come_together()
    {
        var (web, html) = await OpenFormAsync();

        var response = await web.SubmitAsync(Path, html, "register", Filled(html, ("Form.TaxpayerName", ""), ("Form.Contact", "abc"), ("Form.Channel", "")));

        var page = await response.Content.ReadAsStringAsync();
        WebClient.TextOf(page, "error-taxpayerName").ShouldNotBeEmpty();
        WebClient.TextOf(page, "error-contact").ShouldNotBeEmpty();
        WebClient.TextOf(page, "error-channel").ShouldNotBeEmpty();
        (await StoredCountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task Only_handlers_may_register()
    {
        var web = await _factory.WebSignedInAsync("xt.analyst");

        var response = await web.GetAsync(Path);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldContain("/ui/denied");
    }
}
