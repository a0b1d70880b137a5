using Bpm.Application.Bureaus;
using Bpm.Domain.Requests;
using Bpm.Domain.Sla;
using Bpm.Domain.Taxpayers;
using Bpm.Domain.Tasks;
using Bpm.Domain.Users;
using Bpm.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace Bpm.Server.Tests.WebUi.Dashboard;

/// <summary>
/// A hand-made data set written straight into the test server's database (no workflow runs), so that every figure
/// of the dashboard is known in advance. Now = Fri 2026-03-20 10:00 in Shanghai. Xiantao, March:
/// <list type="table">
/// <item>R1 03-02 信息化 12366 制造业 小微 code A: closed; handling done on time; fed back; revisit satisfied.</item>
/// <item>R2 03-03 信息化 大厅 制造业 大型 contact X: closed; handling done late; fed back; revisit unsatisfied.</item>
/// <item>R3 03-05 政策 12366 批发和零售业 code A (repeat of R1): dispatched; handling open, due 03-10 → overdue.</item>
/// <item>R4 03-10 23:30 local 服务 微信 contact X (repeat of R2): answered on the spot (closed, responded, on time).</item>
/// <item>R5 02-27 信息化 code B: before the period (not counted, but makes R6 a repeat).</item>
/// <item>R6 03-12 其他 12366 code B (repeat of R5): registered.</item>
/// </list>
/// R3, R4 and R6 are flagged repeat requesters, as registration's duplicate check does.
/// So for 03-01..03-20: 5 requests; on time 2/3; responded 3/5; satisfied 1/2; repeat 3/5; 1 overdue task.
/// Elsewhere: W1 乌兰察布 03-04 信息化 and J1 集宁区 03-06 政策 (Ulanqab's subtree: 2, 集宁区: 1).
/// </summary>
internal static class DashboardData
{
    public static readonly DateTimeOffset Now = At("2026-03-20T02:00:00Z");

    public static readonly string CodeA = Code("91429004MA49XT0A1");
    public static readonly string CodeB = Code("91429004MA49XT0B2");

    public sealed record Seeded(Guid Xiantao, Guid Ulanqab, Guid Jining, Guid R3, string R3Number, string W1Number);

    public static async Task<Seeded> SeedAsync(BpmServerFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var tree = await scope.ServiceProvider.GetRequiredService<IBureauStore>().LoadTreeAsync(CancellationToken.None);
        var db = scope.ServiceProvider.GetRequiredService<BpmDbContext>();
        var xiantao = tree.FindByCode("xiantao")!;
        var ulanqab = tree.FindByCode("ulanqab")!;
        var jining = tree.FindByCode("jining")!;
        var xtUnit = (await scope.ServiceProvider.GetRequiredService<IBureauStore>().ListUnitsAsync(xiantao.Id, CancellationToken.None))[0].Id;
        var wlcbUnit = (await scope.ServiceProvider.GetRequiredService<IBureauStore>().ListUnitsAsync(ulanqab.Id, CancellationToken.None))[0].Id;
        var jnUnit = (await scope.ServiceProvider.GetRequiredService<IBureauStore>().ListUnitsAsync(jining.Id, CancellationToken.None))[0].Id;
        int sequence = 900;

        TaxpayerRequest Request(Guid bureau, Guid unit, string prefix, string receivedAt, RequestType type, Channel channel,
            string contact, string? code = null, string? industry = null, TaxpayerSize? size = null, string? onTheSpot = null)
        {
            var received = At(receivedAt);
            var request = TaxpayerRequest.Register(Guid.CreateVersion7(), new RequestNumber(prefix, 2026, ++sequence), bureau, type, new RequestRegistration
            {
                TaxpayerName = "仙桃市恒达纺织有限公司",
                Contact = contact,
                Text = "咨询发票额度调整事宜。",
                ReceivedAt = received,
                Channel = channel,
                CategoryCode = "IT",
                ReceivingUnitId = unit,
                ReceivingOfficer = "张三",
                CreditCode = code,
                Industry = industry,
                Size = size,
                OnTheSpotAnswer = onTheSpot,
            }, received.AddMinutes(1));
            db.TaxpayerRequests.Add(request);
            return request;
        }

        void Move(TaxpayerRequest request, params RequestStatus[] path)
        {
            foreach (var status in path)
            {
                request.MoveTo(status, Now.AddDays(-1));
            }
        }

        RequestTask Task(TaxpayerRequest request, Guid unit, SlaStep step, string openedAt, string dueAt, string outcome = "Done", string? completedAt = null)
        {
            var task = new RequestTask(new RequestTaskOpening(
                Guid.CreateVersion7(), request.Id, request.BureauId, request.Type, request.TaxpayerName, "wf-" + request.Number, "bm-" + Guid.NewGuid().ToString("N")[..8], "handle",
                "Bpm.HumanTask", step == SlaStep.Handling ? "办理" : step.ToString(), unit, Roles.Handler, [outcome], "[]", step,
                At(openedAt), null, At(dueAt), false));
            if (completedAt is not null)
            {
                task.Complete(Guid.NewGuid(), outcome, null, At(completedAt));
                request.RecordCompletedTask(step, outcome, task.DueAt, At(completedAt));
            }

            db.RequestTasks.Add(task);
            return task;
        }

        var toClosed = new[] { RequestStatus.Transferred, RequestStatus.Dispatched, RequestStatus.Handled, RequestStatus.FedBack, RequestStatus.Closed };

        var r1 = Request(xiantao.Id, xtUnit, "XT", "2026-03-01T17:00:00Z", RequestType.InformationTechnology, Channel.Hotline12366, "0728-3310001", CodeA, "制造业", TaxpayerSize.SmallMicro);
        Move(r1, toClosed);
        var r2 = Request(xiantao.Id, xtUnit, "XT", "2026-03-03T02:00:00Z", RequestType.InformationTechnology, Channel.ServiceHall, "13812345678", industry: "制造业", size: TaxpayerSize.Large);
        Move(r2, toClosed);
        var r3 = Request(xiantao.Id, xtUnit, "XT", "2026-03-05T02:00:00Z", RequestType.Policy, Channel.Hotline12366, "0728-3310003", CodeA, "批发和零售业");
        Move(r3, RequestStatus.Transferred, RequestStatus.Dispatched);
        var r4 = Request(xiantao.Id, xtUnit, "XT", "2026-03-10T15:30:00Z", RequestType.Service, Channel.WeChat, "13812345678", onTheSpot: "已当场解答。");
        var r5 = Request(xiantao.Id, xtUnit, "XT", "2026-02-27T02:00:00Z", RequestType.InformationTechnology, Channel.Hotline12366, "0728-3310005", CodeB);
        var r6 = Request(xiantao.Id, xtUnit, "XT", "2026-03-12T02:00:00Z", RequestType.Other, Channel.Hotline12366, "0728-3310006", CodeB);
        var w1 = Request(ulanqab.Id, wlcbUnit, "WLCB", "2026-03-04T02:00:00Z", RequestType.InformationTechnology, Channel.Hotline12366, "0474-8210001");
        var j1 = Request(jining.Id, jnUnit, "JN", "2026-03-06T02:00:00Z", RequestType.Policy, Channel.ServiceHall, "0474-8210002");
        // What registration's duplicate check flags: the same code or contact asked in the province within 30 days.
        foreach (var repeat in new[] { r3, r4, r6 })
        {
            repeat.MarkRepeatRequester();
        }

        await db.SaveChangesAsync();

        // R1 handling due 03-04 24:00 local, done 03-04 10:00: on time. R2 due 03-05 24:00, done 03-06 09:00: late.
        Task(r1, xtUnit, SlaStep.Handling, "2026-03-02T02:00:00Z", "2026-03-04T16:00:00Z", completedAt: "2026-03-04T02:00:00Z");
        Task(r1, xtUnit, SlaStep.Feedback, "2026-03-04T02:00:00Z", "2026-03-05T16:00:00Z", completedAt: "2026-03-05T02:00:00Z");
        Task(r1, xtUnit, SlaStep.Revisit, "2026-03-05T02:00:00Z", "2026-03-12T16:00:00Z", "Satisfied", "2026-03-06T02:00:00Z");
        Task(r2, xtUnit, SlaStep.Handling, "2026-03-03T02:00:00Z", "2026-03-05T16:00:00Z", completedAt: "2026-03-06T01:00:00Z");
        Task(r2, xtUnit, SlaStep.Feedback, "2026-03-06T02:00:00Z", "2026-03-09T16:00:00Z", completedAt: "2026-03-07T02:00:00Z");
        Task(r2, xtUnit, SlaStep.Revisit, "2026-03-07T02:00:00Z", "2026-03-13T16:00:00Z", "Unsatisfied", "2026-03-08T02:00:00Z");
        Task(r3, xtUnit, SlaStep.Handling, "2026-03-05T02:00:00Z", "2026-03-10T16:00:00Z");
        Task(r6, xtUnit, SlaStep.Transfer, "2026-03-12T02:00:00Z", "2026-03-25T16:00:00Z");
        Task(w1, wlcbUnit, SlaStep.Handling, "2026-03-04T02:00:00Z", "2026-03-09T16:00:00Z");
        await db.SaveChangesAsync();
        _ = (r4, r5, j1);
        return new Seeded(xiantao.Id, ulanqab.Id, jining.Id, r3.Id, r3.Number, w1.Number);
    }

    private static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    private static string Code(string first17) => first17 + UnifiedSocialCreditCode.CheckCharacter(first17);
}
