using System.Data.Common;
using System.Net.Sockets;
using Bpm.Server.Web;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Bpm.Server.Errors;

/// <summary>
/// The database could not be reached (PostgreSQL restarting, network cut, connection pool timed out, SQLite file
/// busy): the caller is told to come back later instead of getting a 500. The API answers 503 ProblemDetails
/// "数据库暂不可用，请稍后重试" with <c>Retry-After: 5</c>; a web page gets a plain HTML page with the same text.
/// Nothing is kept in between: the next request opens a fresh connection, so the server recovers by itself
/// once the database is back.
/// </summary>
internal sealed class DatabaseUnavailableHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public const string Title = "数据库暂不可用，请稍后重试";

    public const string Detail = "数据库暂时无法连接，请求未被处理，请稍后重试 (the database cannot be reached right now; nothing was changed, try again shortly)";

    /// <summary>Seconds a client should wait before trying again.</summary>
    public const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!DatabaseOutage.IsOutage(exception))
        {
            return false;
        }

        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (WantsPage(httpContext.Request))
        {
            httpContext.Response.ContentType = "text/html; charset=utf-8";
            var page = new WebPage
            {
                Title = WebTexts.DatabaseUnavailableTitle,
                Stylesheets = ["/ui/bpm.css"],
                BodyHtml = $"<main class=\"ui-main\"><h1>{HtmlText.Encode(WebTexts.DatabaseUnavailableTitle)}</h1><p>{HtmlText.Encode(WebTexts.DatabaseUnavailableDetail)}</p></main>",
            };
            await httpContext.Response.WriteAsync(page.Render(), cancellationToken);
            return true;
        }

        var problem = new ProblemDetails { Status = StatusCodes.Status503ServiceUnavailable, Title = Title, Detail = Detail };
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    /// <summary>The web UI's pages: everything but the APIs (/api, /elsa) and /health.</summary>
    private static bool WantsPage(HttpRequest request) =>
        !request.Path.StartsWithSegments("/api") && !request.Path.StartsWithSegments("/elsa") && !request.Path.StartsWithSegments("/health");
}

/// <summary>Tells an outage of the database from a fault of the request or of the code.</summary>
public static class DatabaseOutage
{
    /// <summary>
    /// True when the exception, or one it wraps, says the database could not be reached or answered: a transient
    /// <see cref="DbException"/> (Npgsql: connection refused, reset, timed out, server shutting down; SQLite: busy,
    /// locked), a socket error, or a timeout. A constraint violation or a bad query is not an outage.
    /// </summary>
    public static bool IsOutage(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case DbException { IsTransient: true }:
                case SocketException:
                case TimeoutException:
                case Npgsql.NpgsqlException { InnerException: IOException or SocketException or TimeoutException }:
                    return true;
                case AggregateException aggregate when aggregate.InnerExceptions.Any(IsOutage):
                    return true;
            }
        }

        return false;
    }
}
