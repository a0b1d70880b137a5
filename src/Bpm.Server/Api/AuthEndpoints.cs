using Bpm.Domain;
using Bpm.Server.Auth;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bpm.Server.Api;

/// <summary>Body of <c>POST /api/auth/token</c>.</summary>
public sealed record TokenRequestBody(string? UserName, string? Password);

/// <summary>
/// <c>/api/auth/token</c>: exchanges a user name and password for a bearer token (ASP.NET Core's own
/// bearer token scheme, which writes <c>{tokenType, accessToken, expiresIn, refreshToken}</c>).
/// </summary>
public static class AuthEndpoints
{
    /// <summary>Same answer for an unknown user and a wrong password, so the API does not reveal who has an account.</summary>
    public const string SignInFailed = PasswordCheck.SignInFailed;

    public static RouteGroupBuilder MapAuthEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/auth/token", IssueTokenAsync)
            .AllowAnonymous()
            .RequireRateLimiting(Security.BpmRateLimits.SignIn)
            .WithTags("Auth")
            .WithName("IssueToken")
            .WithSummary("Signs in with user name and password; returns a bearer token")
            .Produces<AccessTokenResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return api;
    }

    public static async Task<Results<SignInHttpResult, ProblemHttpResult>> IssueTokenAsync(
        TokenRequestBody body, PasswordCheck passwords, CancellationToken cancellationToken)
    {
        var missing = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(body.UserName))
        {
            missing.Add(new FieldError("userName", "用户名不能为空 (required)"));
        }

        if (string.IsNullOrEmpty(body.Password))
        {
            missing.Add(new FieldError("password", "密码不能为空 (required)"));
        }

        if (missing.Count > 0)
        {
            throw new DomainValidationException(missing);
        }

        var user = await passwords.FindUserAsync(body.UserName!, body.Password!, cancellationToken);
        if (user is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: SignInFailed);
        }

        return TypedResults.SignIn(BpmClaims.PrincipalFor(user), authenticationScheme: BearerTokenDefaults.AuthenticationScheme);
    }
}
