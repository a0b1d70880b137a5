using System.Text.Json.Serialization;
using AutoMapper;
using AutoMapper.Configuration;
using Bpm.Server.Api;
using Bpm.Server.Library;

namespace Bpm.Server.Hosting;

/// <summary>The <c>/api</c> surface: JSON conventions, AutoMapper, OpenAPI and the endpoint groups.</summary>
public static class ApiSetup
{
    public static IServiceCollection AddBpmApi(this IServiceCollection services)
    {
        // Enums travel by name ("channel": "Hotline12366"); a number or an unknown name is refused, not guessed.
        // A member sent twice ({"status":"Open","status":"Closed"}, or "a" and "A") is refused: which one wins would be a guess.
        services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false));
            options.SerializerOptions.AllowDuplicateProperties = false;
        });

        // A body that cannot be read (malformed JSON, wrong type, unknown enum name) throws instead of an empty 400,
        // so that the exception handler can answer with the JSON path of the field (see ProblemDetailsSetup).
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);

        services.AddSingleton(CreateMapperConfiguration());
        services.AddSingleton<IMapper>(provider => provider.GetRequiredService<MapperConfiguration>().CreateMapper(provider.GetService));
        services.AddScoped<RequestDetails>();
        services.AddScoped<Library.SourceAnswer>();
        services.AddScoped<Library.TaxpayerProfiles>();
        services.AddOpenApi();
        return services;
    }

    /// <summary>One profile per resource. AutoMapper 8 has no DI package of its own: the configuration is built here.</summary>
    public static MapperConfiguration CreateMapperConfiguration()
    {
        var expression = new MapperConfigurationExpression().WithUsableSourceExtensionMethods();
        expression.AddProfile<RequestMappingProfile>();
        expression.AddProfile<BureauMappingProfile>();
        expression.AddProfile<UserMappingProfile>();
        expression.AddProfile<TaskMappingProfile>();
        expression.AddProfile<SlaPolicyMappingProfile>();
        expression.AddProfile<CalendarMappingProfile>();
        return new MapperConfiguration(expression);
    }

    /// <summary>Everything under /api needs a signed-in user, except <c>POST /api/auth/token</c>; /openapi/v1.json is anonymous.</summary>
    public static WebApplication MapBpmApi(this WebApplication app)
    {
        // Only the one document there is: another name (/openapi/x.json) matches no route, so its 404 is ProblemDetails too.
        app.MapOpenApi("/openapi/{documentName:regex(^v1$)}.json").AllowAnonymous();
        app.MapGroup("/api")
            .RequireAuthorization()
            .MapAuthEndpoints()
            .MapMeEndpoints()
            .MapRequestEndpoints()
            .MapRequestNoteEndpoints()
            .MapRelatedRequestEndpoints()
            .MapTaskEndpoints()
            .MapNoticeEndpoints()
            .MapBureauEndpoints()
            .MapSlaPolicyEndpoints()
            .MapCalendarEndpoints()
            .MapAdminDirectoryEndpoints()
            .MapTagEndpoints()
            .MapTaxpayerEndpoints()
            .MapLibraryEndpoints()
            .MapCollectionEndpoints()
            .MapReportEndpoints()
            .MapAuditEndpoints()
            .MapSecurityAdminEndpoints();
        return app;
    }
}
