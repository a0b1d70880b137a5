using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Bpm.Server.Tests.Fuzz;

/// <summary>How the fuzzer reaches a route: a JSON endpoint (its handler's parameters read by reflection) or an HTML page.</summary>
internal enum FuzzRouteKind
{
    /// <summary>A minimal-API handler under /api, /elsa/api, /account, /health…: answers JSON (ProblemDetails when refused).</summary>
    Endpoint,

    /// <summary>A Blazor page (static server rendering) or another HTML page: answers HTML.</summary>
    Page,
}

/// <summary>A simple value the route takes: its name, its CLR type and where it comes from.</summary>
internal sealed record FuzzParameter(string Name, Type Type);

/// <summary>
/// One route and HTTP method of the running server with what the fuzzer needs to build inputs for it: route values,
/// query names, the JSON body's type (null when the handler reads the body itself), the role it requires.
/// </summary>
internal sealed record FuzzRoute(
    string Method,
    string Pattern,
    FuzzRouteKind Kind,
    IReadOnlyList<FuzzParameter> RouteValues,
    IReadOnlyList<FuzzParameter> Query,
    IReadOnlyList<FuzzParameter> Headers,
    Type? BodyType,
    bool ReadsBodyItself,
    string? RequiredRole,
    bool Anonymous)
{
    public override string ToString() => $"{Method} {Pattern}";

    /// <summary>
    /// Every route and method the server maps, read from its <see cref="EndpointDataSource"/> (so a route added later
    /// is fuzzed too). A route this cannot describe is returned in <paramref name="unknown"/>: the test fails on it.
    /// </summary>
    public static IReadOnlyList<FuzzRoute> Discover(IServiceProvider services, out IReadOnlyList<string> unknown)
    {
        var isService = services.GetRequiredService<IServiceProviderIsService>();
        var routes = new List<FuzzRoute>();
        var missing = new List<string>();
        var endpoints = services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
        foreach (var endpoint in endpoints)
        {
            var pattern = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods is { Count: > 0 } declared ? declared : ["GET"];
            if (endpoint.Metadata.GetMetadata<ComponentTypeMetadata>() is { } component)
            {
                routes.AddRange(methods.Select(method => Page(method, pattern, endpoint, component.Type)));
                continue;
            }

            if (endpoint.Metadata.GetMetadata<MethodInfo>() is not { } handler)
            {
                // Blazor's own endpoints (/_framework/…) answer like pages; the health check answers JSON.
                if (pattern.StartsWith("/_", StringComparison.Ordinal) || pattern == "/health")
                {
                    var kind = pattern == "/health" ? FuzzRouteKind.Endpoint : FuzzRouteKind.Page;
                    routes.AddRange(methods.Select(method => new FuzzRoute(method, pattern, kind, RouteValuesOf(endpoint, []), [], [], null, false, null, true)));
                    continue;
                }

                missing.Add($"{string.Join(",", methods)} {pattern} ({endpoint.DisplayName})");
                continue;
            }

            foreach (var method in methods)
            {
                routes.Add(FromHandler(method, pattern, endpoint, handler, isService));
            }
        }

        unknown = missing;
        return routes;
    }

    private static FuzzRoute FromHandler(string method, string pattern, RouteEndpoint endpoint, MethodInfo handler, IServiceProviderIsService isService)
    {
        var routeNames = endpoint.RoutePattern.Parameters.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var simple = new List<FuzzParameter>();
        var headers = new List<FuzzParameter>();
        Type? body = endpoint.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;
        var readsBody = false;
        foreach (var parameter in handler.GetParameters())
        {
            var type = parameter.ParameterType;
            if (type == typeof(HttpRequest) || type == typeof(HttpContext))
            {
                readsBody = true;
            }
            else if (parameter.GetCustomAttribute<FromHeaderAttribute>() is { } header)
            {
                headers.Add(new FuzzParameter(header.Name ?? parameter.Name!, type));
            }
            else if (parameter.GetCustomAttribute<AsParametersAttribute>() is not null)
            {
                simple.AddRange(type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite || IsConstructorParameter(type, p.Name))
                    .Where(p => IsSimple(p.PropertyType))
                    .Select(p => new FuzzParameter(p.GetCustomAttribute<FromQueryAttribute>()?.Name ?? p.Name, p.PropertyType)));
            }
            else if (IsSimple(type) && !isService.IsService(type))
            {
                simple.Add(new FuzzParameter(parameter.Name!, type));
            }
        }

        var routeValues = RouteValuesOf(endpoint, simple);
        var query = simple.Where(p => !routeNames.Contains(p.Name)).ToList();
        var authorization = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>();
        var role = authorization.Select(a => a.Policy ?? a.Roles).LastOrDefault(p => !string.IsNullOrEmpty(p));
        var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null || authorization.Count == 0;
        if (method is "GET" or "DELETE" or "HEAD")
        {
            body = null;
        }

        return new FuzzRoute(method, "/" + endpoint.RoutePattern.RawText!.TrimStart('/'), FuzzRouteKind.Endpoint, routeValues, query, headers, body, readsBody, role, anonymous);
    }

    private static FuzzRoute Page(string method, string pattern, RouteEndpoint endpoint, Type component)
    {
        var query = component.GetProperties(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)
            .Where(p => p.GetCustomAttribute<SupplyParameterFromQueryAttribute>() is not null)
            .Select(p => new FuzzParameter(p.GetCustomAttribute<SupplyParameterFromQueryAttribute>()!.Name ?? p.Name, p.PropertyType))
            .ToList();
        var parameters = component.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetCustomAttribute<ParameterAttribute>() is not null)
            .Select(p => new FuzzParameter(p.Name, p.PropertyType))
            .ToList();
        var roles = component.GetCustomAttributes<AuthorizeAttribute>(inherit: true).Select(a => a.Roles ?? a.Policy).LastOrDefault(r => !string.IsNullOrEmpty(r));
        var anonymous = component.GetCustomAttribute<AllowAnonymousAttribute>() is not null;
        return new FuzzRoute(method, pattern, FuzzRouteKind.Page, RouteValuesOf(endpoint, parameters), query, [], null, method == "POST", roles, anonymous);
    }

    private static List<FuzzParameter> RouteValuesOf(RouteEndpoint endpoint, IReadOnlyList<FuzzParameter> parameters) =>
        endpoint.RoutePattern.Parameters.Select(p =>
            parameters.FirstOrDefault(s => string.Equals(s.Name, p.Name, StringComparison.OrdinalIgnoreCase)) is { } typed
                ? typed with { Name = p.Name }
                : new FuzzParameter(p.Name, p.ParameterPolicies.Any(c => c.Content == "guid") ? typeof(Guid)
                    : p.ParameterPolicies.Any(c => c.Content == "int") ? typeof(int) : typeof(string))).ToList();

    private static bool IsConstructorParameter(Type type, string name) =>
        type.GetConstructors().Any(c => c.GetParameters().Any(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)));

    /// <summary>Values that bind from a route segment, a query string or a header: strings, numbers, ids, dates, enums, their arrays.</summary>
    public static bool IsSimple(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t.IsArray)
        {
            return IsSimple(t.GetElementType()!);
        }

        return t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(Guid) || t == typeof(decimal) || t == typeof(DateOnly)
               || t == typeof(DateTime) || t == typeof(DateTimeOffset) || t == typeof(TimeOnly) || t == typeof(TimeSpan);
    }

    /// <summary>Whether the JSON body is Elsa's untyped model (the definition routes): it gets workflow models as well.</summary>
    public bool TakesWorkflowModel =>
        Pattern.StartsWith("/elsa/api/workflow-definitions", StringComparison.Ordinal) && Method == "POST"
        && (BodyType == typeof(JsonObject) || BodyType?.GetProperties().Any(p => p.PropertyType == typeof(JsonObject)) == true);
}
