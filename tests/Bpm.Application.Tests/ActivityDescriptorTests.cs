using Bpm.Engine.Metadata;
using Microsoft.Extensions.DependencyInjection;

namespace Bpm.Application.Tests;

/// <summary>What Studio's toolbox will show for the Bpm activities (contract §4).</summary>
public sealed class ActivityDescriptorTests
{
    private static readonly ActivityRegistry Registry =
        new ServiceCollection().AddBpmApplication().BuildServiceProvider().GetRequiredService<ActivityRegistry>();

    [Theory]
    [InlineData("Bpm.HumanTask", ActivityKind.Task)]
    [InlineData("Bpm.Dispatch", ActivityKind.Task)]
    [InlineData("Bpm.RequestExtension", ActivityKind.Task)]
    [InlineData("Bpm.NotifyTaxpayer", ActivityKind.Task)]
    [InlineData("Bpm.Revisit", ActivityKind.Task)]
    [InlineData("Bpm.ParkRequest", ActivityKind.Task)]
    [InlineData("Bpm.SetRequestStatus", ActivityKind.Action)]
    [InlineData("Bpm.CloseRequest", ActivityKind.Action)]
    public void Each_Bpm_activity_is_in_the_toolbox_under_its_category(string typeName, ActivityKind kind)
    {
        var descriptor = Registry.FindLatest(typeName).ShouldNotBeNull();

        descriptor.Category.ShouldBe("纳税人诉求");
        descriptor.Kind.ShouldBe(kind);
        descriptor.IsBrowsable.ShouldBeTrue();
        descriptor.DisplayName.ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public void The_human_task_offers_editors_for_its_inputs()
    {
        var inputs = Registry.FindLatest("Bpm.HumanTask")!.Inputs.ToDictionary(i => i.Name);

        inputs["Title"].TypeName.ShouldBe("String");
        inputs["Outcomes"].UIHint.ShouldBe(UIHints.DynamicOutcomes);
        inputs["Form"].UIHint.ShouldBe(UIHints.JsonEditor);
        inputs["Assignee"].UIHint.ShouldBe("dropdown");
        inputs["Assignee"].UISpecifications!.ToJsonString().ShouldContain("JointMeetingOffice");
        inputs["SlaStep"].UISpecifications!.ToJsonString().ShouldContain("Rehandle");
        inputs.Values.ShouldAllBe(i => i.IsWrapped && i.IsBrowsable);
    }

    [Theory]
    [InlineData("Bpm.Revisit", new[] { "Satisfied", "Unsatisfied" })]
    [InlineData("Bpm.RequestExtension", new[] { "Approved", "Rejected" })]
    [InlineData("Bpm.ParkRequest", new[] { "Resumed" })]
    public void Fixed_outcomes_are_flow_ports(string typeName, string[] ports)
    {
        var descriptor = Registry.FindLatest(typeName)!;

        descriptor.Ports.Where(p => p.Type == "Flow").Select(p => p.Name).ShouldBe(ports);
    }
}
