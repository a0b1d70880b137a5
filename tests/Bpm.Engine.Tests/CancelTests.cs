using Bpm.Engine.Runtime;
using static Bpm.Engine.Tests.Flow;

namespace Bpm.Engine.Tests;

public sealed class CancelTests
{
    private readonly TestEngine engine = new();

    [Fact]
    public async Task Cancelling_a_waiting_instance_removes_its_bookmarks_and_timers_and_journals_the_waiting_activities()
    {
        var json = Workflow(
            [Activity("fork", "Elsa.FlowFork", ("branches", Expr("Literal", "A, B", "String[]"))), Activity("wait", "Elsa.Event", ("eventName", Literal("Approved"))),
                Activity("delay", "Elsa.Delay", ("timeSpan", Literal("01:00:00")))],
            [Connect("fork", "wait", "A"), Connect("fork", "delay", "B")]);
        var started = await engine.StartAsync(json);
        started.State.Bookmarks.Count.ShouldBe(2);

        var cancelled = engine.Runner.Cancel(engine.CompileValid(json), started.State, CancellationToken.None);

        cancelled.State.Status.ShouldBe(WorkflowStatus.Finished);
        cancelled.State.SubStatus.ShouldBe(WorkflowSubStatus.Cancelled);
        cancelled.State.Bookmarks.ShouldBeEmpty();
        cancelled.RemovedBookmarks.Count.ShouldBe(2);
        cancelled.TimersToCancel.ShouldHaveSingleItem().Name.ShouldBe("Elsa.Delay");
        cancelled.Journal.Select(r => r.ActivityId).Order().ShouldBe(["delay", "wait"]);
        cancelled.Journal.ShouldAllBe(r => r.Status == ActivityStatus.Cancelled);
        started.State.Bookmarks.Count.ShouldBe(2);
        Should.Throw<WorkflowFinishedException>(() => engine.Runner.Cancel(engine.CompileValid(json), cancelled.State, CancellationToken.None));
    }
}
