using Bpm.Application.Administration;
using Bpm.Application.Users;
using Bpm.Domain.Bureaus;
using Bpm.Domain.Users;
using Bpm.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bpm.Server.Api;

public sealed record AdminUnitDto(Guid Id, string Code, string Name, string Kind);

public sealed record AdminUserDto(Guid Id, string UserName, string DisplayName, Guid BureauId, Guid? UnitId, IReadOnlyList<string> Roles);

public sealed record NewUnitBody(string? Code, string? Name, string? Kind);

public sealed record NewUserBody(string? UserName, string? DisplayName, Guid? UnitId, IReadOnlyList<string>? Roles, string? Password);

public sealed record UserAssignmentBody(Guid? UnitId, IReadOnlyList<string>? Roles);

/// <summary>
/// <c>/api/admin/bureaus/{bureau}/units</c> and <c>/users</c> (bureau = id or code): the directory the admin pages keep, for
/// scripts. Example: <c>POST …/xiantao/users {"userName":"xt.zhang","displayName":"张三","unitId":"…","roles":["Handler"],
/// "password":"Bpm@2026new"}</c> → 201. Refused input → 400 naming each field in Chinese; outside the subtree 404; not an
/// administrator 403.
/// </summary>
public static class AdminDirectoryEndpoints
{
    public static RouteGroupBuilder MapAdminDirectoryEndpoints(this RouteGroupBuilder api)
    {
        var bureau = api.MapGroup("/admin/bureaus/{bureau}").WithTags("AdminDirectory").RequireAuthorization(BpmPolicies.Administrator);
        bureau.MapGet("/units", ListUnitsAsync).WithName("ListAdminUnits").WithSummary("The bureau's units");
        bureau.MapPost("/units", AddUnitAsync).WithName("AddAdminUnit").WithSummary("Adds a unit to the bureau").ProducesValidationProblem();
        bureau.MapGet("/users", ListUsersAsync).WithName("ListAdminUsers").WithSummary("The bureau's users with roles and unit");
        bureau.MapPost("/users", AddUserAsync).WithName("AddAdminUser").WithSummary("Adds a user with an initial password").ProducesValidationProblem();
        bureau.MapPut("/users/{userId:guid}", AssignUserAsync).WithName("AssignAdminUser").WithSummary("Sets a user's roles and unit")
            .ProducesValidationProblem();
        return api;
    }

    public static async Task<Ok<IReadOnlyList<AdminUnitDto>>> ListUnitsAsync(
        string bureau, ICurrentUser user, DirectoryAdministrationService directory, CancellationToken cancellationToken)
    {
        var found = await directory.GetBureauAsync(bureau, AdminActor.Of(user), cancellationToken);
        return TypedResults.Ok<IReadOnlyList<AdminUnitDto>>([.. found.Units.Select(ToDto)]);
    }

    public static async Task<Created<AdminUnitDto>> AddUnitAsync(
        string bureau, NewUnitBody body, ICurrentUser user, DirectoryAdministrationService directory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        var kind = AdminInput.OptionalEnum<UnitKind>(body.Kind, "kind") ?? UnitKind.Section;
        var unit = await directory.AddUnitAsync(bureau, new NewUnitInput(body.Code, body.Name, kind), AdminActor.Of(user), cancellationToken);
        return TypedResults.Created($"/api/admin/bureaus/{bureau}/units", ToDto(unit));
    }

    public static async Task<Ok<IReadOnlyList<AdminUserDto>>> ListUsersAsync(
        string bureau, ICurrentUser user, DirectoryAdministrationService directory, CancellationToken cancellationToken)
    {
        var found = await directory.GetBureauAsync(bureau, AdminActor.Of(user), cancellationToken);
        return TypedResults.Ok<IReadOnlyList<AdminUserDto>>([.. found.Users.Select(ToDto)]);
    }

    public static async Task<Created<AdminUserDto>> AddUserAsync(
        string bureau, NewUserBody body, ICurrentUser user, DirectoryAdministrationService directory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        var input = new NewUserInput(body.UserName, body.DisplayName, body.UnitId, RolesOf(body.Roles), body.Password);
        var added = await directory.AddUserAsync(bureau, input, AdminActor.Of(user), cancellationToken);
        return TypedResults.Created($"/api/admin/bureaus/{bureau}/users/{added.Id}", ToDto(added));
    }

    public static async Task<Ok<AdminUserDto>> AssignUserAsync(
        string bureau, Guid userId, UserAssignmentBody body, ICurrentUser user, DirectoryAdministrationService directory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        var changed = await directory.AssignUserAsync(bureau, userId, body.UnitId, RolesOf(body.Roles), AdminActor.Of(user), cancellationToken);
        return TypedResults.Ok(ToDto(changed));
    }

    internal static Roles RolesOf(IReadOnlyList<string>? names) =>
        (names ?? []).Aggregate(Roles.None, (all, name) => all | AdminInput.Enum<Roles>(name?.Trim() ?? "", "roles"));

    private static AdminUnitDto ToDto(Unit unit) => new(unit.Id, unit.Code, unit.Name, unit.Kind.ToString());

    internal static AdminUserDto ToDto(User user) => new(
        user.Id, user.UserName, user.DisplayName, user.BureauId, user.UnitId,
        [.. Enum.GetValues<Roles>().Where(r => r != Roles.None && user.Has(r)).Select(r => r.ToString())]);
}
