using System.Net;
using System.Net.Http.Json;
using Bpm.Application;
using Bpm.Application.Bureaus;
using Bpm.Application.Collections;
using Bpm.Application.Requests;
using Bpm.Domain.Bureaus;
using Bpm.Domain.Collections;
using Bpm.Server.Api;
using Bpm.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Bpm.Server.Tests.Periodic;

/// <summary>
/// The monthly collection on the demo organisation and fake time. Every unit except the tax-service department gets a
/// task: 仙桃 8, 乌兰察布 10, 集宁区 3 (the national root has only its tax-service department) = 21 per month. Opening at
/// 09:00 Shanghai (01:00Z) on the month's first working day, due at 24:00 (16:00Z) of the 3rd.
/// </summary>
public sealed class MonthlyCollectionTests : IDisposable
{
    private const int UnitsThatSend = 21;

    private readonly ManualTimeProvider _clock = new(At("2026-01-20T02:00:00Z"));
    private readonly BpmServerFactory _factory;

    public MonthlyCollectionTests() => _factory = new BpmServerFactory(time: _clock);

    [Fact]
    public async Task February_and_March_2026_open_on_their_first_working_day_around_the_Spring_Festival_and_only_once()
    {
        // Mon 2026-02-02 08:59:59 in Shanghai: not yet.
        (await RunAtAsync("2026-02-02T00:59:59Z")).ShouldBe(0);
        (await RunAtAsync("2026-02-02T01:00:00Z")).ShouldBe(UnitsThatSend);
        var february = await TasksAsync(new CollectionMonth(2026, 2));
        february.Count.ShouldBe(UnitsThatSend);
        february.ShouldAllBe(t => t.OpensOn == new DateOnly(2026, 2, 2) && t.DueDate == new DateOnly(2026, 2, 4) && t.DueAt == At("2026-02-04T16:00:00Z"));
        february.Select(t => t.UnitId).Distinct().Count().ShouldBe(UnitsThatSend);

        // Re-runs the same day, in the Spring Festival (02-20) and on its make-up Saturday (02-28) open nothing more.
        (await RunAtAsync("2026-02-02T01:15:00Z")).ShouldBe(0);
        (await RunAtAsync("2026-02-20T02:00:00Z")).ShouldBe(0);
        (await RunAtAsync("2026-02-28T02:00:00Z")).ShouldBe(0);

        // Sun 03-01 is no working day; Mon 03-02 09:00 opens March, due Wed 03-04 (the make-up Sat 02-28 is February's).
        (await RunAtAsync("2026-03-01T02:00:00Z")).ShouldBe(0);
        (await RunAtAsync("2026-03-02T01:00:00Z")).ShouldBe(UnitsThatSend);
        (await TasksAsync(new CollectionMonth(2026, 3))).ShouldAllBe(t => t.DueDate == new DateOnly(2026, 3, 4) && t.DueAt == At("2026-03-04T16:00:00Z"));
        (await TasksAsync(new CollectionMonth(2026, 2))).Count.ShouldBe(UnitsThatSend);
    }

    [Fact]
    public async Task A_server_down_on_the_first_working_day_catches_up_later_that_month_still_due_on_the_third()
    {
        // Nothing ran on Mon 03-02 or Tue 03-03; the first run is Wed 03-04 15:00 in Shanghai (start-up of the server).
        (await RunAtAsync("2026-03-04T07:00:00Z")).ShouldBe(UnitsThatSend);
        var march = await TasksAsync(new CollectionMonth(2026, 3));
        march.ShouldAllBe(t => t.DueAt == At("2026-03-04T16:00:00Z") && t.OpenedAt == At("2026-03-04T07:00:00Z"));
    }

    [Fact]
    public async Task A_closure_of_Xiantao_on_the_first_working_day_moves_only_Xiantao()
    {
        // August 2026 starts on a Saturday; 仙桃 is closed on Mon 08-03, so its collection opens Tue 08-04 and is due Thu 08-06.
        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            var bureaus = scope.ServiceProvider.GetRequiredService<IBureauStore>();
            var xiantao = (await bureaus.LoadTreeAsync(CancellationToken.None)).FindByCode("xiantao")!;
            await bureaus.SetCalendarDayAsync(new BureauCalendarDay(xiantao.Id, new DateOnly(2026, 8, 3), false, "系统切换停止办公"), CancellationToken.None);
        }

        (await RunAtAsync("2026-08-03T01:30:00Z")).ShouldBe(UnitsThatSend - 8);
        (await RunAtAsync("2026-08-04T00:59:00Z")).ShouldBe(0);
        (await RunAtAsync("2026-08-04T01:00:00Z")).ShouldBe(8);
        var xiantaoTasks = (await ListAsync("xt.dispatcher", "?month=2026-08")).Items;
        xiantaoTasks.Count.ShouldBe(8);
        xiantaoTasks.ShouldAllBe(t => t.OpensOn == new DateOnly(2026, 8, 4) && t.DueDate == new DateOnly(2026, 8, 6));
        (await ListAsync("wlcb.dispatcher", "?month=2026-08")).Items.ShouldAllBe(t => t.DueDate == new DateOnly(2026, 8, 5));
    }

    [Fact]
    public async Task Two_nodes_running_at_once_open_each_task_once_and_the_unique_index_refuses_a_second()
    {
        _clock.SetUtcNow(At("2026-03-02T01:00:00Z"));
        var duties = _factory.Services.GetRequiredService<PeriodicDuties>();
        var runs = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => duties.RunAsync(CancellationToken.None))));
        runs.Sum(r => r.CollectionTasksOpened).ShouldBe(UnitsThatSend);

        var existing = (await TasksAsync(new CollectionMonth(2026, 3)))[0];
        await using var scope = _factory.Services.CreateAsyncScope();
        var window = new CollectionWindow(new CollectionMonth(2026, 3), existing.OpensOn, existing.DueAt, existing.DueDate, existing.DueAt, false);
        await Should.ThrowAsync<ConcurrencyConflictException>(() => scope.ServiceProvider.GetRequiredService<IUnitOfWork>().InTransactionAsync(async ct =>
        {
            await scope.ServiceProvider.GetRequiredService<ICollectionTaskStore>().AddAsync(
                [new CollectionTask(Guid.NewGuid(), existing.BureauId, existing.UnitId, window, _clock.GetUtcNow())], ct);
            return 0;
        }, CancellationToken.None));
        (await TasksAsync(new CollectionMonth(2026, 3))).Count.ShouldBe(UnitsThatSend);
    }

    [Fact]
    public async Task A_handler_submits_for_the_unit_and_the_tax_service_department_sees_who_has_not()
    {
        await RunAtAsync("2026-03-02T01:00:00Z");
        _clock.SetUtcNow(At("2026-03-03T02:00:00Z"));

        var handler = await _factory.SignedInAsync("xt.handler");
        var mine = (await ListAsync(handler, "?mine=true")).Items.ShouldHaveSingleItem();
        (mine.UnitName, mine.Month, mine.ReportedMonth, mine.Status).ShouldBe(("所得税科", "2026-03", "2026-02", "Open"));

        var refused = await handler.PostAsJsonAsync($"/api/collections/{mine.Id}/submit", new { requestCount = -2, riskPoints = "" });
        (await refused.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields().ShouldBe(["requestCount", "riskPoints"], ignoreOrder: true);

        // Another unit of the same bureau may see the task but not send it; another bureau does not see it at all.
        var hall = await _factory.SignedInAsync("xt.hall");
        (await hall.PostAsJsonAsync($"/api/collections/{mine.Id}/submit", new { requestCount = 1, riskPoints = "无" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var ulanqab = await _factory.SignedInAsync("wlcb.handler");
        (await ulanqab.PostAsJsonAsync($"/api/collections/{mine.Id}/submit", new { requestCount = 1, riskPoints = "无" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var ulanqabList = await ListAsync(ulanqab, "");
        ulanqabList.Items.Count.ShouldBe(13);
        ulanqabList.Items.ShouldAllBe(t => t.Bureau == "ulanqab" || t.Bureau == "jining");
        (await ulanqab.GetAsync("/api/collections?bureau=xiantao")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var sent = await handler.PostAsJsonAsync($"/api/collections/{mine.Id}/submit", new { requestCount = 14, riskPoints = "二月发票额度诉求集中，存在舆情风险" });
        sent.StatusCode.ShouldBe(HttpStatusCode.OK, await sent.Content.ReadAsStringAsync());
        var submitted = (await sent.Content.ReadFromJsonAsync<CollectionTaskDto>(ApiClient.Json))!;
        (submitted.Status, submitted.RequestCount, submitted.Late, submitted.SubmittedAt).ShouldBe(("Submitted", 14, false, At("2026-03-03T02:00:00Z")));
        (await handler.PostAsJsonAsync($"/api/collections/{mine.Id}/submit", new { requestCount = 1, riskPoints = "无" })).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        var open = await ListAsync("xt.dispatcher", "?status=Open");
        (open.Month, open.Open, open.Submitted, open.Items.Count).ShouldBe(("2026-03", 7, 0, 7));
        open.Items.ShouldNotContain(t => t.UnitName == "所得税科");
        open.Items.ShouldNotContain(t => t.UnitName == "纳税服务科", "the tax-service department receives, it does not send");
        var all = await ListAsync("xt.dispatcher", "?month=2026-03");
        (all.Open, all.Submitted).ShouldBe((7, 1));
        (await (await _factory.SignedInAsync("xt.dispatcher")).GetAsync("/api/collections?month=2026-13")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    private async Task<int> RunAtAsync(string instant)
    {
        _clock.SetUtcNow(At(instant));
        return (await _factory.Services.GetRequiredService<PeriodicDuties>().RunAsync(CancellationToken.None)).CollectionTasksOpened;
    }

    private async Task<IReadOnlyList<CollectionTask>> TasksAsync(CollectionMonth month)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        var tree = await scope.ServiceProvider.GetRequiredService<IBureauStore>().LoadTreeAsync(CancellationToken.None);
        return await scope.ServiceProvider.GetRequiredService<ICollectionTaskStore>().ListAsync(
            new CollectionTaskFilter([.. tree.Bureaus.Select(b => b.Id)], month), CancellationToken.None);
    }

    private async Task<CollectionListDto> ListAsync(string userName, string query) => await ListAsync(await _factory.SignedInAsync(userName), query);

    private static async Task<CollectionListDto> ListAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync("/api/collections" + query);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<CollectionListDto>(ApiClient.Json))!;
    }

    private static DateTimeOffset At(string instant) => DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture);

    public void Dispose()
    {
        _factory.Dispose();
        _factory.DeleteDatabase();
    }
}
