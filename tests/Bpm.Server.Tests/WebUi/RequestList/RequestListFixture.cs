using System.Net.Http.Json;
using Bpm.Server.Api;
using Bpm.Testing;
using Xunit;

namespace Bpm.Server.Tests.WebUi.RequestList;

/// <summary>
/// One server with a small, known set of requests, registered once for every list and ledger test (they only read):
/// at Xiantao A (policy, hall, 制造业, 小微, credit code) and B (IT, WeChat, 便民超市, received the Friday before),
/// C (service, answered on the spot), E (other, handled along the normal path: 办理 → 反馈 → 回访 满意); three days
/// later D (policy, 12345); at Ulanqab W. By then A's and B's first step (受理登记, 1 working day) is overdue.
/// </summary>
public sealed class RequestListFixture : IAsyncLifetime
{
    public static readonly string CreditCode = "91429004MA49ABCD1" + Bpm.Domain.Taxpayers.UnifiedSocialCreditCode.CheckCharacter("91429004MA49ABCD1");

    public ManualTimeProvider Time { get; } = new(ApiClient.Now); // Mon 2026-03-02 10:00 Shanghai

    public BpmServerFactory Factory { get; }

    public Dictionary<string, RequestDto> Requests { get; } = [];

    public Guid XiantaoId { get; private set; }

    public Guid UlanqabId { get; private set; }

    public RequestListFixture() => Factory = new BpmServerFactory(time: Time);

    public async Task InitializeAsync()
    {
        var hall = await Factory.SignedInAsync("xt.hall");
        Requests["A"] = await hall.RegisterAsync(ApiClient.Registration("POLICY",
            ("taxpayerName", "仙桃市恒达纺织有限公司"), ("channel", "ServiceHall"), ("industry", "制造业"), ("size", "SmallMicro"), ("creditCode", CreditCode)));
        Requests["B"] = await hall.RegisterAsync(ApiClient.Registration("IT",
            ("taxpayerName", "仙桃市便民超市"), ("channel", "WeChat"), ("industry", "批发和零售业"), ("size", "IndividualBusiness"),
            ("receivedAt", new DateTimeOffset(2026, 2, 27, 2, 0, 0, TimeSpan.Zero))));
        Requests["C"] = await hall.RegisterAsync(ApiClient.Registration("SERVICE",
            ("taxpayerName", "李四"), ("size", "NaturalPerson"), ("receivedAt", ApiClient.Now.AddHours(-2)),
            ("onTheSpotAnswer", "已当场告知办理流程。")));
        Requests["E"] = await hall.RegisterAsync(ApiClient.Registration("OTHER", ("taxpayerName", "仙桃市明远物流有限公司"), ("channel", "TaxWebsite")));
        await new WorkflowDriver(Factory).FollowFirstOutcomesAsync(Requests["E"].Id);

        Time.Advance(TimeSpan.FromDays(3)); // Thu 2026-03-05 10:00 Shanghai
        hall = await Factory.SignedInAsync("xt.hall");
        Requests["D"] = await hall.RegisterAsync(ApiClient.Registration("POLICY",
            ("taxpayerName", "仙桃市新华书店"), ("channel", "Hotline12345"), ("receivedAt", Time.GetUtcNow().AddHours(-1))));
        var ulanqab = await Factory.SignedInAsync("wlcb.dispatcher");
        Requests["W"] = await ulanqab.RegisterAsync(ApiClient.Registration("ZCYW",
            ("taxpayerName", "乌兰察布市某某能源有限公司"), ("contact", "13912345678"), ("channel", "WeChat"), ("receivedAt", Time.GetUtcNow().AddHours(-1))));
        XiantaoId = Requests["A"].Bureau.Id;
        UlanqabId = Requests["W"].Bureau.Id;
    }

    public Task DisposeAsync()
    {
        Factory.Dispose();
        Factory.DeleteDatabase();
        return Task.CompletedTask;
    }

    /// <summary>The request numbers a list page shows, in order (rows carry <c>data-number</c>).</summary>
    public static IReadOnlyList<string> Numbers(string html) =>
        [.. System.Text.RegularExpressions.Regex.Matches(html, "<tr data-number=\"([^\"]+)\"").Select(m => m.Groups[1].Value)];

    public string[] NumbersOf(params string[] keys) => [.. keys.Select(k => Requests[k].Number)];
}
