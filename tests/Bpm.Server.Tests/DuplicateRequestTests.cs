using System.Net;
using System.Net.Http.Json;
using Bpm.Application.Timers;
using Bpm.Domain.Requests;
using Bpm.Domain.Tasks;
using Bpm.Server.Api;
using Bpm.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Bpm.Server.Tests;

/// <summary>Repeat requesters and likely duplicates flagged at registration; merging a duplicate into an open request.</summary>
public sealed class DuplicateRequestTests : IDisposable
{
    private const string Invoice = "电子税务局开具增值税专用发票时提示税控设备异常，无法开票，请尽快处理。";
    private const string InvoiceRewritten = "你好，我们公司在电子税务局开专票的时候一直提示税控设备异常，发票开不出来，麻烦帮忙看一下。";
    private const string Pension = "灵活就业人员在手机上缴纳养老保险费，扣款成功但是缴费记录查不到。";

    private readonly BpmServerFactory _factory = new(time: new ManualTimeProvider(ApiClient.Now));

    private static Dictionary<string, object?> Registration(string category, string text, TimeSpan before, params (string Key, object? Value)[] overrides) =>
        ApiClient.Registration(category, [("text", text), ("receivedAt", ApiClient.Now - before), .. overrides]);

    private static async Task<RelatedRequestsDto> RelatedAsync(HttpClient client, Guid id) =>
        (await client.GetFromJsonAsync<RelatedRequestsDto>($"/api/requests/{id}/related", ApiClient.Json))!;

    [Fact]
    public async Task The_same_contact_within_the_window_is_a_repeat_requester_and_one_outside_it_is_not()
    {
        var hall = await _factory.SignedInAsync("xt.hall");
        var tooOld = await hall.RegisterAsync(Registration("POLICY", Pension, TimeSpan.FromDays(31)));
        var recent = await hall.RegisterAsync(Registration("SERVICE", Pension, TimeSpan.FromDays(29)));
        var otherContact = await hall.RegisterAsync(Registration("POLICY", Invoice, TimeSpan.FromDays(2), ("contact", "13812345678")));

        var latest = await hall.RegisterAsync(Registration("POLICY", Invoice, TimeSpan.FromHours(1)));

        var related = await RelatedAsync(hall, latest.Id);
        related.RepeatOf.Select(r => r.Number).ShouldBe([recent.Number]);
        related.LikelyDuplicates.ShouldBeEmpty();
        // Found both ways: an earlier request lists the later ones that found it (recent found tooOld, 2 days before it).
        (await RelatedAsync(hall, tooOld.Id)).RepeatOf.Select(r => r.Number).ShouldBe([recent.Number]);
        (await RelatedAsync(hall, recent.Id)).RepeatOf.Select(r => r.Number).ShouldBe([latest.Number, tooOld.Number]);
        (await RelatedAsync(hall, otherContact.Id)).RepeatOf.ShouldBeEmpty();

        // The flag the dashboard's repeat rate counts: set on the later request of each repeat.
        await using var scope = _factory.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<Bpm.Application.Requests.ITaxpayerRequestStore>();
        var flags = (await store.FindManyAsync([tooOld.Id, recent.Id, otherContact.Id, latest.Id], CancellationToken.None)).ToDictionary(r => r.Id, r => r.RepeatRequester);
        (flags[tooOld.Id], flags[recent.Id], flags[otherContact.Id], flags[latest.Id]).ShouldBe((false, true, false, true));
    }

    [Fact]
    public async Task The_same_contact_typed_another_way_is_the_same_requester_and_an_answer_on_the_spot_is_flagged_too()
    {
        var hall = await _factory.SignedInAsync("xt.hall");
        var first = await hall.RegisterAsync(Registration("POLICY", Invoice, TimeSpan.FromDays(2), ("contact", "0728 331 2345")));

        // The earlier request is looked up before the new one exists, by the contact as the new one will store it.
        var spaced = await hall.RegisterAsync(Registration("SERVICE", Pension, TimeSpan.FromDays(1), ("contact", "0728-3312345")));
        var answered = await hall.RegisterAsync(Registration("POLICY", Pension, TimeSpan.FromHours(1),
            ("contact", "07283312345"), ("onTheSpotAnswer", "已当场解答：可在电子税务局查询缴费记录。")));

        (await RelatedAsync(hall, spaced.Id)).RepeatOf.Select(r => r.Number).ShouldBe([answered.Number, first.Number]);
        answered.Status.ShouldBe(RequestStatus.Closed);
        (await RelatedAsync(hall, answered.Id)).RepeatOf.Select(r => r.Number).ShouldBe([spaced.Number, first.Number]);
    }

    [Fact]
    public async Task A_rewritten_text_of_the_same_taxpayer_and_type_is_a_likely_duplicate_other_types_and_taxpayers_only_repeats()
    {
        var hall = await _factory.SignedInAsync("xt.hall");
        var first = await hall.RegisterAsync(Registration("POLICY", Invoice, TimeSpan.FromDays(3)));
        var otherType = await hall.RegisterAsync(Registration("SERVICE", Invoice, TimeSpan.FromDays(2)));
        var otherTaxpayer = await hall.RegisterAsync(Registration("POLICY", Invoice, TimeSpan.FromDays(2), ("taxpayerName", "仙桃市另一家贸易有限公司")));
        var unrelated = await hall.RegisterAsync(Registration("POLICY", Pension, TimeSpan.FromDays(1)));

        var rewritten = await hall.RegisterAsync(Registration("POLICY", InvoiceRewritten, TimeSpan.FromHours(1)));

        var related = await RelatedAsync(hall, rewritten.Id);
        var duplicate = related.LikelyDuplicates.ShouldHaveSingleItem();
        duplicate.Number.ShouldBe(first.Number);
        duplicate.Score!.Value.ShouldBeGreaterThanOrEqualTo(Bpm.Domain.Texts.ChineseTextSimilarity.DuplicateThreshold);
        related.RepeatOf.Select(r => r.Number).Order().ShouldBe(new[] { first.Number, otherType.Number, otherTaxpayer.Number, unrelated.Number }.Order());
    }

    [Fact]
    public async Task The_same_credit_code_makes_a_duplicate_even_from_another_contact_and_flags_do_not_slow_or_refuse_registration()
    {
        var hall = await _factory.SignedInAsync("xt.hall");
        var first = await hall.RegisterAsync(Registration("POLICY", Invoice, TimeSpan.FromDays(1), ("creditCode", "91350100M000100Y43")));

        var second = await hall.RegisterAsync(Registration("POLICY", InvoiceRewritten, TimeSpan.FromHours(1),
            ("creditCode", "91350100m000100y43"), ("contact", "13812345678"), ("taxpayerName", "某某科技公司")));

        second.Status.ShouldBe(RequestStatus.Registered);
        (await RelatedAsync(hall, second.Id)).LikelyDuplicates.ShouldHaveSingleItem().Id.ShouldBe(first.Id);
    }

    [Fact]
    public async Task A_user_of_another_bureau_gets_404_for_the_related_list_and_the_merge_and_never_sees_the_links()
    {
        var hall = await _factory.SignedInAsync("xt.hall");
        var first = await hall.RegisterAsync(Registration("POLICY", Invoice, TimeSpan.FromDays(1)));
        var second = await hall.RegisterAsync(Registration("POLICY", InvoiceRewritten, TimeSpan.FromHours(1)));
        var ulanqab = await _factory.SignedInAsync("wlcb.handler");

        (await ulanqab.GetAsync($"/api/requests/{second.Id}/related")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var merge = await ulanqab.PostAsJsonAsync($"/api/requests/{second.Id}/merge", new { intoRequestId = first.Id, reason = "同一事项" });
        merge.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await hall.GetFromJsonAsync<RequestDto>($"/api/requests/{second.Id}", ApiClient.Json))!.Status.ShouldBe(RequestStatus.Registered);
    }

    [Fact]
    public async Task Refused_merges_name_the_field_in_Chinese_and_change_nothing()
    {
        var hall = await _factory.SignedInAsync("xt.hall");
        var target = await hall.RegisterAsync(Registration("POLICY", Invoice, TimeSpan.FromDays(1)));
        var duplicate = await hall.RegisterAsync(Registration("POLICY", InvoiceRewritten, TimeSpan.FromHours(2)));
        var answered = await hall.RegisterAsync(Registration("POLICY", Invoice, TimeSpan.FromHours(1), ("onTheSpotAnswer", "已当场解答")));
        var ulanqabRequest = await (await _factory.SignedInAsync("wlcb.handler")).RegisterAsync(
            ApiClient.Registration("FWYX", ("text", Invoice)));

        async Task<(string Field, string Reason)> RefusedAsync(object body)
        {
            var problem = await (await hall.PostAsJsonAsync($"/api/requests/{duplicate.Id}/merge", body)).ProblemAsync(HttpStatusCode.BadRequest);
            var error = problem.GetProperty("errors").EnumerateObject().First();
            return (error.Name, error.Value[0].GetString()!);
        }

        (await RefusedAsync(new { intoRequestId = target.Id, reason = " " })).ShouldBe(("reason", "合并须说明原因（不超过1000个字符）"));
        (await RefusedAsync(new { intoRequestId = duplicate.Id, reason = "同一事项" })).ShouldBe(("intoRequestId", "不能将诉求合并到其自身"));
        (await RefusedAsync(new { intoRequestId = answered.Id, reason = "同一事项" })).Field.ShouldBe("intoRequestId");
        (await RefusedAsync(new { intoRequestId = ulanqabRequest.Id, reason = "同一事项" })).ShouldBe(("intoRequestId", "目标诉求不存在或不在您的机构范围内"));
        (await RefusedAsync(new { reason = "同一事项" })).Field.ShouldBe("intoRequestId");

        var unchanged = (await hall.GetFromJsonAsync<RequestDto>($"/api/requests/{duplicate.Id}", ApiClient.Json))!;
        unchanged.Status.ShouldBe(RequestStatus.Registered);
        unchanged.Tasks!.ShouldContain(t => t.Status == RequestTaskStatus.Open);

        (await hall.PostAsJsonAsync($"/api/requests/{duplicate.Id}/merge", new { intoRequestId = target.Id, reason = "同一事项" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await RefusedAsync(new { intoRequestId = target.Id, reason = "再合并一次" })).Field.ShouldBe("requestId");
        var analyst = await _factory.SignedInAsync("xt.analyst");
        (await analyst.PostAsJsonAsync($"/api/requests/{target.Id}/merge", new { intoRequestId = duplicate.Id, reason = "x" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Merging_cancels_the_duplicates_tasks_and_timers_the_target_carries_on_and_both_taxpayers_get_feedback()
    {
        var driver = new WorkflowDriver(_factory);
        var hall = await driver.As("xt.hall");
        var target = await hall.RegisterAsync(Registration("POLICY", Invoice, TimeSpan.FromDays(1)));
        var duplicate = await hall.RegisterAsync(Registration("POLICY", InvoiceRewritten, TimeSpan.FromHours(1),
            ("taxpayerName", "仙桃市某某科技有限公司"), ("contact", "0728-3312345")));
        // The duplicate is in handling (办理, with its warning and overdue timers) when it is merged.
        for (var step = 0; step < 2; step++)
        {
            var open = await driver.OpenTaskAsync(duplicate.Id);
            await driver.CompleteOkAsync(open, open.Outcomes[0]);
        }

        (await driver.RequestAsync(duplicate.Id)).Status.ShouldBe(RequestStatus.Dispatched);
        var openBefore = (await driver.RequestAsync(duplicate.Id)).Tasks!.Where(t => t.Status == RequestTaskStatus.Open).Select(t => t.Id).ToList();
        openBefore.ShouldNotBeEmpty();
        (await PendingTimersAsync(openBefore)).ShouldNotBeEmpty();

        var response = await hall.PostAsJsonAsync($"/api/requests/{duplicate.Id}/merge", new { intoRequestId = target.Id, reason = "与目标诉求为同一事项" });

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        (await response.Content.ReadFromJsonAsync<RelatedRequestsDto>(ApiClient.Json))!.MergedInto!.Number.ShouldBe(target.Number);
        var merged = await driver.RequestAsync(duplicate.Id);
        merged.Status.ShouldBe(RequestStatus.Merged);
        merged.ClosedAt.ShouldNotBeNull();
        merged.Tasks!.Where(t => openBefore.Contains(t.Id)).ShouldAllBe(t => t.Status == RequestTaskStatus.Cancelled);
        merged.Journal!.ShouldContain(e => e.Message != null && e.Message.Contains($"合并至 {target.Number}：与目标诉求为同一事项"));
        (await PendingTimersAsync(openBefore)).ShouldBeEmpty();
        (await RelatedAsync(hall, target.Id)).MergedHere.ShouldHaveSingleItem().Id.ShouldBe(duplicate.Id);

        // The target's workflow carries on to its feedback step.
        for (var step = 0; step < 10; step++)
        {
            var open = await driver.OpenTaskAsync(target.Id);
            if (open.ActivityType == "Bpm.NotifyTaxpayer")
            {
                break;
            }

            await driver.CompleteOkAsync(open, open.Outcomes[0]);
        }

        var targetFeedback = await driver.OpenTaskAsync(target.Id);
        targetFeedback.ActivityType.ShouldBe("Bpm.NotifyTaxpayer");
        var mergedFeedback = (await driver.OpenTaskAsync(duplicate.Id)).ShouldNotBeNull();
        mergedFeedback.Title.ShouldBe($"结果反馈（已合并至 {target.Number}）");
        mergedFeedback.Unit!.Code.ShouldBe("nsfwzx");
        mergedFeedback.DueAt.ShouldBe(targetFeedback.DueAt);

        // The merged taxpayer's feedback is recorded without moving either workflow; the target's own feedback goes on to the revisit.
        var missing = await driver.CompleteAsync(mergedFeedback, "Done", new System.Text.Json.Nodes.JsonObject());
        (await missing.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields().ShouldBe(["data.content", "data.method"]);
        var done = await driver.CompleteOkAsync(mergedFeedback, "Done");
        done.Task.Status.ShouldBe(RequestTaskStatus.Completed);
        done.Request.Status.ShouldBe(RequestStatus.Merged);
        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            var answered = await scope.ServiceProvider.GetRequiredService<Bpm.Application.Requests.ITaxpayerRequestStore>().FindAsync(duplicate.Id, CancellationToken.None);
            answered!.RespondedAt.ShouldBe(done.Task.CompletedAt);
        }

        (await driver.RequestAsync(target.Id)).Tasks!.Single(t => t.Id == targetFeedback.Id).Status.ShouldBe(RequestTaskStatus.Open);
        await driver.CompleteOkAsync(targetFeedback, "Done");
        (await driver.RequestAsync(target.Id)).Status.ShouldBe(RequestStatus.FedBack);
    }

    [Fact]
    public async Task Merging_into_a_request_already_waiting_for_its_feedback_gives_the_merged_taxpayer_a_feedback_task_at_once()
    {
        var driver = new WorkflowDriver(_factory);
        var hall = await driver.As("xt.hall");
        var target = await hall.RegisterAsync(Registration("POLICY", Invoice, TimeSpan.FromDays(1)));
        for (var step = 0; step < 10 && (await driver.OpenTaskAsync(target.Id)) is { ActivityType: not "Bpm.NotifyTaxpayer" } open; step++)
        {
            await driver.CompleteOkAsync(open, open.Outcomes[0]);
        }

        var duplicate = await hall.RegisterAsync(Registration("POLICY", InvoiceRewritten, TimeSpan.FromHours(1)));
        (await hall.PostAsJsonAsync($"/api/requests/{duplicate.Id}/merge", new { intoRequestId = target.Id, reason = "同一事项" })).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await driver.OpenTaskAsync(duplicate.Id)).ActivityType.ShouldBe("Bpm.MergedFeedback");
    }

    private async Task<IReadOnlyList<Bpm.Domain.Timers.DueTimer>> PendingTimersAsync(IReadOnlyCollection<Guid> taskIds)
    {
        using var scope = _factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<IDueTimerStore>().ListPendingForTasksAsync(taskIds, CancellationToken.None);
    }

    public void Dispose()
    {
        _factory.Dispose();
        _factory.DeleteDatabase();
    }
}
