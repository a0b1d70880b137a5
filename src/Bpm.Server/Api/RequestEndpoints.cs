using AutoMapper;
using Bpm.Application.Audit;
using Bpm.Domain.Audit;
using Bpm.Application.Bureaus;
using Bpm.Application.Requests;
using Bpm.Application.Users;
using Bpm.Domain;
using Bpm.Domain.Bureaus;
using Bpm.Domain.Requests;
using Bpm.Server.Auth;
using Bpm.Server.Privacy;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bpm.Server.Api;

/// <summary>
/// <c>/api/requests</c>: register, read and list taxpayer requests. A user sees only requests of their
/// bureau's subtree; one outside it answers 404 exactly like one that does not exist.
/// </summary>
public static class RequestEndpoints
{
    public static RouteGroupBuilder MapRequestEndpoints(this RouteGroupBuilder api)
    {
        var requests = api.MapGroup("/requests").WithTags("Requests");
        requests.MapPost("/", RegisterAsync).RequireAuthorization(BpmPolicies.Handler)
            .WithName("RegisterRequest")
            .WithSummary("Registers a request (受理登记) at the user's bureau or one below it")
            .ProducesValidationProblem(StatusCodes.Status403Forbidden);
        requests.MapGet("/{id:guid}", GetAsync).WithName("GetRequest");
        requests.MapGet("/", ListAsync).WithName("ListRequests").ProducesValidationProblem();
        return api;
    }

    /// <summary>201 with Location /api/requests/{id}; 400 names every broken field; 403 when bureauId is outside the user's subtree.</summary>
    public static async Task<Results<Created<RequestDto>, ProblemHttpResult>> RegisterAsync(
        RegisterRequestBody body,
        ICurrentUser user,
        IBureauStore bureaus,
        RequestIntakeService intake,
        RequestDetails details,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var tree = await bureaus.LoadTreeAsync(cancellationToken);
        var bureauId = body.BureauId ?? user.BureauId;
        if (!BureauScope.Below(tree, user.BureauId).Contains(bureauId))
        {
            return TypedResults.Problem(new Microsoft.AspNetCore.Mvc.ValidationProblemDetails(
                new Dictionary<string, string[]> { ["bureauId"] = ["受理机构不在您的管辖范围内或不存在 (not your bureau or one below it)"] })
            {
                Status = StatusCodes.Status403Forbidden,
                Title = "无权在该机构登记 (forbidden bureau)",
            });
        }

        var registered = await intake.RegisterWithRunAsync(bureauId, ToRegistration(body, user, time.GetUtcNow()), user.UserId, cancellationToken);
        return TypedResults.Created($"/api/requests/{registered.Request.Id}", await details.DescribeRegisteredAsync(registered, tree, cancellationToken));
    }

    public static async Task<Results<Ok<RequestDto>, ProblemHttpResult>> GetAsync(
        Guid id,
        ICurrentUser user,
        IBureauStore bureaus,
        ITaxpayerRequestStore requests,
        RequestDetails details,
        IAuditTrail audit,
        CancellationToken cancellationToken)
    {
        var tree = await bureaus.LoadTreeAsync(cancellationToken);
        var request = await requests.FindAsync(id, cancellationToken);
        if (request is null || !BureauScope.Below(tree, user.BureauId).Contains(request.BureauId))
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status404NotFound, title: "诉求不存在 (no such request)", detail: $"id {id}");
        }

        // The PIPL access log: every opening of a request is an audit row (DataView) naming the viewer and whether the
        // taxpayer's personal data was shown in clear (handlers, approvers) or masked (PersonalDataView).
        var clear = PersonalDataView.SeesClearOnRequest(user.Roles);
        await audit.AppendAsync(
            new AuditEvent(AuditKind.DataView, AuditEvent.RequestSubject(request.Id), $"api: viewed {request.Number}{(clear ? " (personal data in clear)" : " (masked)")}", request.BureauId),
            null, cancellationToken);
        return TypedResults.Ok((await details.DescribeAsync(request, tree, cancellationToken)).ForViewer(user.Roles));
    }

    /// <summary>Newest receipt first, within the user's subtree, personal data masked; 400 names each malformed query parameter.</summary>
    public static async Task<Ok<RequestPageDto>> ListAsync(
        [AsParameters] RequestListQuery query,
        ICurrentUser user,
        IBureauStore bureaus,
        ITaxpayerRequestStore requests,
        IMapper mapper,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var filter = query.ToFilter(time.GetUtcNow());
        var tree = await bureaus.LoadTreeAsync(cancellationToken);

        // bureau=… narrows to that bureau's subtree; one outside the user's subtree lists nothing, like an unknown one.
        var scope = BureauScope.Below(tree, user.BureauId);
        var bureauIds = query.BureauId is { } narrowed
            ? scope.Contains(narrowed) ? BureauScope.Below(tree, narrowed).BureauIds : []
            : scope.BureauIds;
        var page = await requests.ListAsync(filter with { BureauIds = bureauIds }, cancellationToken);
        var context = await MappingContextAsync(bureaus, tree, page.Items, cancellationToken);
        return TypedResults.Ok(new RequestPageDto(
            [.. page.Items.Select(r => mapper.ToRequestDto(r, context).Masked())], page.TotalCount, page.Page, page.PageSize, page.TotalIsLowerBound));
    }

    /// <summary>
    /// The body as the domain's registration. Missing required values are reported together with every
    /// other broken rule: placeholders that pass the rules stand in for them while the rest is checked.
    /// </summary>
    private static RequestRegistration ToRegistration(RegisterRequestBody body, ICurrentUser user, DateTimeOffset now)
    {
        var missing = new List<FieldError>();
        if (body.ReceivedAt is null)
        {
            missing.Add(new FieldError("receivedAt", "受理时间不能为空 (required)"));
        }

        if (body.Channel is null)
        {
            missing.Add(new FieldError("channel", "诉求渠道不能为空 (required)"));
        }

        var registration = new RequestRegistration
        {
            TaxpayerName = body.TaxpayerName ?? "",
            Contact = body.Contact ?? "",
            Text = body.Text ?? "",
            ReceivedAt = body.ReceivedAt ?? now,
            Channel = body.Channel ?? default,
            CategoryCode = body.CategoryCode ?? "",
            ReceivingUnitId = body.ReceivingUnitId ?? user.UnitId ?? Guid.Empty,
            ReceivingOfficer = body.ReceivingOfficer ?? user.DisplayName,
            CreditCode = body.CreditCode,
            Industry = body.Industry,
            Size = body.Size,
            OperatingStatus = body.OperatingStatus,
            OnTheSpotAnswer = body.OnTheSpotAnswer,
        };

        return missing.Count == 0
            ? registration
            : throw new DomainValidationException([.. missing, .. RequestRegistrationRules.Check(registration, now)]);
    }

    private static async Task<RequestMappingContext> MappingContextAsync(
        IBureauStore bureaus, BureauTree tree, IEnumerable<TaxpayerRequest> requests, CancellationToken cancellationToken)
    {
        var units = new Dictionary<Guid, Unit>();
        foreach (var bureauId in requests.Select(r => r.BureauId).Distinct())
        {
            foreach (var unit in await bureaus.ListUnitsAsync(bureauId, cancellationToken))
            {
                units[unit.Id] = unit;
            }
        }

        return new RequestMappingContext(tree, units);
    }
}
