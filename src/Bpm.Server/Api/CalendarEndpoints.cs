using System.Text.Json;
using AutoMapper;
using Bpm.Application.Administration;
using Bpm.Application.Users;
using Bpm.Domain;
using Bpm.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bpm.Server.Api;

/// <summary>
/// <c>/api/admin/bureaus/{bureau}/calendar</c>: an administrator reads a year's dated days in force at a bureau (national,
/// inherited, own) and sets or removes the bureau's own days, e.g. <c>PUT …/xiantao/calendar/2026-10-08
/// {"isWorkingDay":false,"name":"防汛"}</c>; <c>POST /api/admin/calendar/notices</c> imports a State Council notice in the
/// holiday-cn format (root administrators only). Each change re-plans open deadlines unless <c>replan=NewOnly</c>.
/// </summary>
public static class CalendarEndpoints
{
    public static RouteGroupBuilder MapCalendarEndpoints(this RouteGroupBuilder api)
    {
        var calendar = api.MapGroup("/admin/bureaus/{bureau}/calendar").WithTags("Calendar").RequireAuthorization(BpmPolicies.Administrator);
        calendar.MapGet("/", GetAsync).WithName("GetBureauCalendar").WithSummary("A year's dated days in force at a bureau").ProducesValidationProblem();
        calendar.MapPut("/{date}", SetAsync).WithName("SetCalendarDay").WithSummary("Adds or replaces the bureau's own day and re-plans open deadlines")
            .ProducesValidationProblem();
        calendar.MapDelete("/{date}", RemoveAsync).WithName("RemoveCalendarDay").WithSummary("Removes the bureau's own day").ProducesValidationProblem();
        api.MapGroup("/admin/calendar").WithTags("Calendar").RequireAuthorization(BpmPolicies.Administrator)
            .MapPost("/notices", ImportNoticeAsync).WithName("ImportHolidayNotice")
            .WithSummary("Imports a State Council holiday notice (holiday-cn format) and re-plans open deadlines").ProducesValidationProblem();
        return api;
    }

    public static async Task<Ok<BureauCalendarDto>> GetAsync(
        string bureau, int? year, ICurrentUser user, CalendarAdministrationService calendars, IMapper mapper, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var view = await calendars.GetYearAsync(bureau, year ?? time.GetUtcNow().Year, AdminActor.Of(user), cancellationToken);
        return TypedResults.Ok(mapper.Map<BureauCalendarDto>(view));
    }

    public static async Task<Ok<CalendarDayChangeDto>> SetAsync(
        string bureau, string date, CalendarDayBody body, ICurrentUser user, CalendarAdministrationService calendars, IMapper mapper,
        CancellationToken cancellationToken)
    {
        var day = AdminInput.Date(date, "date");
        if (body.IsWorkingDay is null)
        {
            throw new DomainValidationException([new FieldError("isWorkingDay", "请说明这一天是休息日（false）还是工作日（true）")]);
        }

        var result = await calendars.SetDayAsync(bureau, day, body.IsWorkingDay.Value, body.Name, AdminInput.Replan(body.Replan), AdminActor.Of(user), cancellationToken);
        return TypedResults.Ok(mapper.Map<CalendarDayChangeDto>(result));
    }

    public static async Task<Ok<CalendarDayChangeDto>> RemoveAsync(
        string bureau, string date, string? replan, ICurrentUser user, CalendarAdministrationService calendars, IMapper mapper,
        CancellationToken cancellationToken)
    {
        var result = await calendars.RemoveDayAsync(bureau, AdminInput.Date(date, "date"), AdminInput.Replan(replan), AdminActor.Of(user), cancellationToken);
        return TypedResults.Ok(mapper.Map<CalendarDayChangeDto>(result));
    }

    /// <summary>The body is the notice file itself, e.g. reference/holidays/2026.json; 400 names each bad member (days[3].date).</summary>
    public static async Task<Ok<NoticeImportDto>> ImportNoticeAsync(
        JsonElement body, string? replan, ICurrentUser user, CalendarAdministrationService calendars, IMapper mapper, CancellationToken cancellationToken)
    {
        var result = await calendars.ImportNoticeAsync(body, AdminInput.Replan(replan), AdminActor.Of(user), cancellationToken);
        return TypedResults.Ok(mapper.Map<NoticeImportDto>(result));
    }
}
