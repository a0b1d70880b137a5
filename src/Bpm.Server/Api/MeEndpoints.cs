using AutoMapper;
using Bpm.Application.Bureaus;
using Bpm.Application.Users;
using Bpm.Domain.Bureaus;
using Bpm.Domain.Users;
using Bpm.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bpm.Server.Api;

/// <summary>The signed-in user as <c>GET /api/me</c> shows them.</summary>
public sealed record MeDto
{
    public Guid Id { get; set; }

    public string UserName { get; set; } = "";

    public string DisplayName { get; set; } = "";

    public BureauRefDto Bureau { get; set; } = new();

    public UnitRefDto? Unit { get; set; }

    /// <summary>One name per role, e.g. ["Handler", "Approver"].</summary>
    public IReadOnlyList<string> Roles { get; set; } = [];
}

/// <summary>The user's bureau and unit, which <see cref="User"/> holds only by id.</summary>
public sealed record UserMappingContext(Bureau Bureau, Unit? Unit)
{
    public const string ItemKey = nameof(UserMappingContext);

    public static UserMappingContext From(ResolutionContext resolution) =>
        resolution.Items.TryGetValue(ItemKey, out var value) && value is UserMappingContext context
            ? context
            : throw new InvalidOperationException($"map users with {nameof(MeEndpoints)}.{nameof(MeEndpoints.ToMeDto)}, which supplies the {ItemKey}");
}

/// <summary><see cref="User"/> → <see cref="MeDto"/>.</summary>
public sealed class UserMappingProfile : Profile
{
    public UserMappingProfile() =>
        CreateMap<User, MeDto>()
            .ForMember(d => d.Bureau, o => o.MapFrom((_, _, _, resolution) => resolution.Mapper.Map<BureauRefDto>(UserMappingContext.From(resolution).Bureau)))
            .ForMember(d => d.Unit, o => o.MapFrom((_, _, _, resolution) =>
                UserMappingContext.From(resolution).Unit is { } unit ? resolution.Mapper.Map<UnitRefDto>(unit) : null))
            .ForMember(d => d.Roles, o => o.MapFrom(user => BpmClaims.RoleNames(user.Roles)));
}

/// <summary><c>/api/me</c>: who the token belongs to, read fresh from the user store.</summary>
public static class MeEndpoints
{
    public static RouteGroupBuilder MapMeEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/me", GetAsync).WithTags("Auth").WithName("GetCurrentUser");
        return api;
    }

    /// <summary>404 when the account was removed after the token was issued.</summary>
    public static async Task<Results<Ok<MeDto>, ProblemHttpResult>> GetAsync(
        ICurrentUser current, IUserStore users, IBureauStore bureaus, IMapper mapper, CancellationToken cancellationToken)
    {
        var user = await users.FindByUserNameAsync(current.UserName, cancellationToken);
        var tree = await bureaus.LoadTreeAsync(cancellationToken);
        if (user is null || user.Id != current.UserId || !tree.Contains(user.BureauId))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "用户不存在 (the account no longer exists)");
        }

        var unit = user.UnitId is { } unitId ? await bureaus.FindUnitAsync(unitId, cancellationToken) : null;
        return TypedResults.Ok(mapper.ToMeDto(user, new UserMappingContext(tree[user.BureauId], unit)));
    }

    public static MeDto ToMeDto(this IMapper mapper, User user, UserMappingContext context) =>
        mapper.Map<MeDto>(user, options => options.Items[UserMappingContext.ItemKey] = context);
}
