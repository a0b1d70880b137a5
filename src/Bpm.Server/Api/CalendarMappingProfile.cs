using AutoMapper;
using Bpm.Application.Administration;
using Bpm.Domain.Bureaus;

namespace Bpm.Server.Api;

/// <summary>A bureau's calendar, a changed day and an imported notice → their DTOs.</summary>
public sealed class CalendarMappingProfile : Profile
{
    public CalendarMappingProfile()
    {
        CreateMap<EffectiveCalendarDay, CalendarDayDto>()
            .ForMember(d => d.Date, o => o.MapFrom(e => e.Day.Date))
            .ForMember(d => d.Weekday, o => o.MapFrom(e => e.Day.Date.DayOfWeek.ToString()))
            .ForMember(d => d.IsWorkingDay, o => o.MapFrom(e => e.Day.IsWorkingDay))
            .ForMember(d => d.Name, o => o.MapFrom(e => e.Day.Name))
            .ForMember(d => d.ChangesWeekdayRule, o => o.MapFrom(e => AdminFormats.ChangesWeekdayRule(e.Day)))
            .ForMember(d => d.Source, o => o.MapFrom(e => e.From == null ? "national" : e.From.Code))
            .ForMember(d => d.FromBureau, o => o.MapFrom(e => e.From == null ? null : e.From.Code));
        CreateMap<BureauCalendarView, BureauCalendarDto>();
        CreateMap<CalendarDayChangeResult, CalendarDayChangeDto>()
            .ForMember(d => d.Day, o => o.MapFrom((r, _, _, resolution) => r.Day is { } day
                ? resolution.Mapper.Map<CalendarDayDto>(new EffectiveCalendarDay(new(day.Date, day.IsWorkingDay, day.Name), r.Bureau, true))
                : null))
            .ReportsReplan(r => r.Replan);
        CreateMap<NoticeImportResult, NoticeImportDto>()
            .ReportsReplan(r => r.Replan);
    }
}
