using AutoMapper;
using Bpm.Application.Administration;
using Bpm.Domain.Requests;
using Bpm.Domain.Sla;

namespace Bpm.Server.Api;

/// <summary>A bureau's SLA policy as the admin sees it, and the result of changing a line → their DTOs.</summary>
public sealed class SlaPolicyMappingProfile : Profile
{
    public SlaPolicyMappingProfile()
    {
        CreateMap<SlaOffset, OffsetDto>();
        CreateMap<EscalationLadder, LadderDto>();
        CreateMap<SlaRule, SlaLineValueDto>()
            .ForMember(d => d.StepName, o => o.MapFrom(r => SlaAdministrationService.StepName(r.Step)))
            .ForMember(d => d.CutOff, o => o.MapFrom(r => AdminFormats.Time(r.CutOff)));
        CreateMap<EffectiveSlaStep, EffectiveSlaStepDto>()
            .ForMember(d => d.StepName, o => o.MapFrom(s => SlaAdministrationService.StepName(s.Step)))
            .ForMember(d => d.WorkingDays, o => o.MapFrom(s => s.Rule.WorkingDays))
            .ForMember(d => d.CapBasis, o => o.MapFrom(s => s.Rule.CapBasis))
            .ForMember(d => d.CutOff, o => o.MapFrom(s => AdminFormats.Time(s.Rule.CutOff)))
            .ForMember(d => d.Ladder, o => o.MapFrom(s => s.Rule.Ladder))
            .ForMember(d => d.FromBureau, o => o.MapFrom(s => s.From.Code))
            .ForMember(d => d.FromBureauName, o => o.MapFrom(s => s.From.Name));
        CreateMap<SlaTypePolicy, SlaTypePolicyDto>()
            .ForMember(d => d.TypeName, o => o.MapFrom(p => p.Type.ChineseName()));
        CreateMap<SlaPolicyView, SlaPolicyViewDto>();
        CreateMap<SlaChangeResult, SlaChangeDto>()
            .ReportsReplan(r => r.Replan);
    }
}
