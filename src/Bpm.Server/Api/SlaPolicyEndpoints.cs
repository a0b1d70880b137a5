using AutoMapper;
using Bpm.Application.Administration;
using Bpm.Application.Users;
using Bpm.Domain.Requests;
using Bpm.Domain.Sla;
using Bpm.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bpm.Server.Api;

/// <summary>
/// <c>/api/admin/bureaus/{bureau}/sla-policy</c> (bureau = id or code): an administrator reads the SLA lines in force at a
/// bureau of their subtree (own or inherited, and from where) and sets or removes the bureau's own line for a step, for
/// one type (<c>?type=Policy</c>) or all types. Each change re-plans the open deadlines below the bureau unless
/// <c>?replan=NewOnly</c>, and answers how many moved. Example: <c>PUT …/xiantao/sla-policy/Handling {"workingDays":3}</c>
/// → <c>{"deadlinesMoved":1,…}</c>. Outside the subtree: 404; not an administrator: 403.
/// </summary>
public static class SlaPolicyEndpoints
{
    public static RouteGroupBuilder MapSlaPolicyEndpoints(this RouteGroupBuilder api)
    {
        var policy = api.MapGroup("/admin/bureaus/{bureau}/sla-policy").WithTags("SlaPolicy").RequireAuthorization(BpmPolicies.Administrator);
        policy.MapGet("/", GetAsync).WithName("GetSlaPolicy").WithSummary("The SLA lines in force at a bureau, own or inherited").ProducesValidationProblem();
        policy.MapPut("/{step}", SetAsync).WithName("SetSlaLine").WithSummary("Sets the bureau's own line for a step and re-plans open deadlines")
            .ProducesValidationProblem();
        policy.MapDelete("/{step}", RemoveAsync).WithName("RemoveSlaLine").WithSummary("Removes the bureau's own line: it inherits again")
            .ProducesValidationProblem();
        return api;
    }

    public static async Task<Ok<SlaPolicyViewDto>> GetAsync(
        string bureau, string? type, ICurrentUser user, SlaAdministrationService sla, IMapper mapper, CancellationToken cancellationToken)
    {
        var only = AdminInput.OptionalEnum<RequestType>(type, "type");
        return TypedResults.Ok(mapper.Map<SlaPolicyViewDto>(await sla.GetPolicyAsync(bureau, only, AdminActor.Of(user), cancellationToken)));
    }

    /// <summary>400 names every refused field (workingDays, capBasis, cutOff, ladder.*); nothing is changed then.</summary>
    public static async Task<Ok<SlaChangeDto>> SetAsync(
        string bureau, string step, string? type, string? replan, SlaLineBody body, ICurrentUser user, SlaAdministrationService sla, IMapper mapper,
        CancellationToken cancellationToken)
    {
        var slaStep = AdminInput.Enum<SlaStep>(step, "step");
        var only = AdminInput.OptionalEnum<RequestType>(type, "type");
        var mode = AdminInput.Replan(replan);
        var result = await sla.SetLineAsync(bureau, slaStep, only, AdminInput.Line(body), mode, AdminActor.Of(user), cancellationToken);
        return TypedResults.Ok(mapper.Map<SlaChangeDto>(result));
    }

    /// <summary>404 when the bureau has no own line for the step and type; 400 when the step would be left unset (at the root).</summary>
    public static async Task<Ok<SlaChangeDto>> RemoveAsync(
        string bureau, string step, string? type, string? replan, ICurrentUser user, SlaAdministrationService sla, IMapper mapper,
        CancellationToken cancellationToken)
    {
        var slaStep = AdminInput.Enum<SlaStep>(step, "step");
        var only = AdminInput.OptionalEnum<RequestType>(type, "type");
        var result = await sla.RemoveLineAsync(bureau, slaStep, only, AdminInput.Replan(replan), AdminActor.Of(user), cancellationToken);
        return TypedResults.Ok(mapper.Map<SlaChangeDto>(result));
    }
}
