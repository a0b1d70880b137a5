using System.Text;
using Bpm.Server.Auth;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;

namespace Bpm.Server.Web;

/// <summary>Fields of the sign-in form.</summary>
public sealed class LoginForm
{
    public string? UserName { get; set; }

    public string? Password { get; set; }

    public string? ReturnUrl { get; set; }
}

/// <summary>
/// <c>/account/login</c> (GET: the form; POST: check the password, set the web cookie, go back to <c>returnUrl</c>) and
/// <c>/account/logout</c> (POST). Both posts carry an antiforgery token. The password check is the API's
/// (<see cref="PasswordCheck"/>): lockout after repeated failures, same answer for an unknown user, a wrong password and a locked account.
/// Example: POST userName=xt.owner, password=Bpm@2026demo, returnUrl=/studio/instances → 302 to /studio/instances;
/// a returnUrl such as "https://evil.example/" is ignored (→ <see cref="WebPaths.Home"/>).
/// </summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/account").AllowAnonymous().ExcludeFromDescription();
        account.MapGet("/login", (HttpContext context, string? returnUrl) => LoginPage(context, userName: null, returnUrl, error: null));
        account.MapPost("/login", SignInAsync).RequireRateLimiting(Security.BpmRateLimits.SignIn);
        account.MapPost("/logout", SignOutAsync);
        return app;
    }

    private static async Task<IResult> SignInAsync(HttpContext context, [FromForm] LoginForm form, PasswordCheck passwords, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(form.UserName) || string.IsNullOrEmpty(form.Password))
        {
            return LoginPage(context, form.UserName, form.ReturnUrl, WebTexts.SignInRequired, StatusCodes.Status400BadRequest);
        }

        var user = await passwords.FindUserAsync(form.UserName, form.Password, cancellationToken, via: "web");
        if (user is null)
        {
            return LoginPage(context, form.UserName, form.ReturnUrl, WebTexts.SignInFailed, StatusCodes.Status401Unauthorized);
        }

        await context.SignInAsync(WebSignIn.CookieScheme, BpmClaims.PrincipalFor(user, WebSignIn.CookieScheme));
        return Results.LocalRedirect(Destination(form.ReturnUrl));
    }

    /// <summary>A post without a valid antiforgery token (another site's form) is refused and signs no one out.</summary>
    private static async Task<IResult> SignOutAsync(HttpContext context, IAntiforgery antiforgery)
    {
        // The token in the header bar was issued to the signed-in web user, so it is checked against that user.
        if ((await context.AuthenticateAsync(WebSignIn.CookieScheme)).Principal is { } webUser)
        {
            context.User = webUser;
        }

        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "请求无法处理 (bad request)", detail: "antiforgery token missing or invalid");
        }

        if (context.User.Identity?.IsAuthenticated == true)
        {
            await context.RequestServices.GetRequiredService<Bpm.Application.Audit.IAuditTrail>().AppendAsync(
                new Bpm.Application.Audit.AuditEvent(Bpm.Domain.Audit.AuditKind.SignOut, Bpm.Application.Audit.AuditEvent.UserSubject(context.User.Identity.Name ?? ""), "web: signed out"),
                null, context.RequestAborted);
        }

        await context.SignOutAsync(WebSignIn.CookieScheme);
        return Results.Redirect(WebPaths.Login);
    }

    private static string Destination(string? returnUrl) => WebPaths.IsLocal(returnUrl) ? returnUrl! : WebPaths.Home;

    private static IResult LoginPage(HttpContext context, string? userName, string? returnUrl, string? error, int statusCode = StatusCodes.Status200OK)
    {
        var tokens = context.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context);
        var body = new StringBuilder();
        body.Append("<main class=\"bpm-login\">\n<h1>").Append(HtmlText.Encode(WebTexts.SignInTitle)).Append("</h1>\n");
        if (error is not null)
        {
            body.Append("<p class=\"bpm-error\" role=\"alert\">").Append(HtmlText.Encode(error)).Append("</p>\n");
        }

        body.Append("<form method=\"post\" action=\"").Append(HtmlText.Encode(WebPaths.Login)).Append("\">\n")
            .Append("<input type=\"hidden\" name=\"").Append(HtmlText.Encode(tokens.FormFieldName)).Append("\" value=\"").Append(HtmlText.Encode(tokens.RequestToken)).Append("\">\n")
            .Append("<input type=\"hidden\" name=\"returnUrl\" value=\"").Append(HtmlText.Encode(Destination(returnUrl))).Append("\">\n")
            .Append("<label>").Append(HtmlText.Encode(WebTexts.UserName))
            .Append("<input type=\"text\" name=\"userName\" autocomplete=\"username\" required autofocus value=\"").Append(HtmlText.Encode(userName)).Append("\"></label>\n")
            .Append("<label>").Append(HtmlText.Encode(WebTexts.Password))
            .Append("<input type=\"password\" name=\"password\" autocomplete=\"current-password\" required></label>\n")
            .Append("<button type=\"submit\">").Append(HtmlText.Encode(WebTexts.SignInButton)).Append("</button>\n</form>\n</main>");
        return new WebPage { Title = WebTexts.SignInTitle, BodyHtml = body.ToString() }.ToResult(statusCode);
    }
}
