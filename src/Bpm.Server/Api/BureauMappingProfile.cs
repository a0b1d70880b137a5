using AutoMapper;
using Bpm.Domain.Bureaus;

namespace Bpm.Server.Api;

/// <summary>Bureaus, units, categories and effective SLA lines → their DTOs; the tree shape is built by <see cref="BureauEndpoints"/>.</summary>
public sealed class BureauMappingProfile : Profile
{
    public BureauMappingProfile()
    {
        CreateMap<Unit, UnitDto>();
        CreateMap<RequestCategory, CategoryDto>();
        CreateMap<EffectiveCategories, CategorySetDto>();
        CreateMap<EffectiveSlaLine, SlaLineDto>()
            .ForMember(d => d.WorkingDays, o => o.MapFrom(line => line.Rule.WorkingDays))
            .ForMember(d => d.CapBasis, o => o.MapFrom(line => line.Rule.CapBasis));

        // Units, settings and children need the whole tree; the endpoint fills them in.
        CreateMap<Bureau, BureauNodeDto>()
            .ForMember(d => d.Units, o => o.Ignore())
            .ForMember(d => d.Categories, o => o.Ignore())
            .ForMember(d => d.Sla, o => o.Ignore())
            .ForMember(d => d.Children, o => o.Ignore());
    }
}
