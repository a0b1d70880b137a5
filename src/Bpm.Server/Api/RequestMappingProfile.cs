using AutoMapper;
using Bpm.Domain.Bureaus;
using Bpm.Domain.Requests;

namespace Bpm.Server.Api;

/// <summary>
/// What a request's DTO needs beyond the entity: the bureau tree (bureau name, category name in the
/// bureau's taxonomy) and the units it names. Passed to AutoMapper in the mapping's Items.
/// </summary>
public sealed record RequestMappingContext(BureauTree Tree, IReadOnlyDictionary<Guid, Unit> Units)
{
    public const string ItemKey = nameof(RequestMappingContext);

    public static RequestMappingContext From(AutoMapper.ResolutionContext resolution) =>
        resolution.Items.TryGetValue(ItemKey, out var value) && value is RequestMappingContext context
            ? context
            : throw new InvalidOperationException($"map requests with {nameof(RequestMappingExtensions.ToRequestDto)}, which supplies the {ItemKey}");
}

/// <summary><see cref="TaxpayerRequest"/> → <see cref="RequestDto"/>.</summary>
public sealed class RequestMappingProfile : Profile
{
    public RequestMappingProfile()
    {
        CreateMap<Bureau, BureauRefDto>();
        CreateMap<Unit, UnitRefDto>();
        CreateMap<TaxpayerRequest, RequestDto>()
            .ForMember(d => d.Bureau, o => o.MapFrom((request, _, _, resolution) =>
                resolution.Mapper.Map<BureauRefDto>(RequestMappingContext.From(resolution).Tree[request.BureauId])))
            .ForMember(d => d.TypeName, o => o.MapFrom(request => request.Type.ChineseName()))
            .ForMember(d => d.CategoryName, o => o.MapFrom((request, _, _, resolution) =>
                RequestMappingContext.From(resolution).Tree.FindCategory(request.BureauId, request.CategoryCode)?.Name))
            .ForMember(d => d.ChannelName, o => o.MapFrom(request => request.Channel.ChineseName()))
            .ForMember(d => d.ReceivingUnit, o => o.MapFrom((request, _, _, resolution) =>
                RequestMappingContext.From(resolution).Units.TryGetValue(request.ReceivingUnitId, out var unit)
                    ? resolution.Mapper.Map<UnitRefDto>(unit)
                    : null))
            .ForMember(d => d.StatusName, o => o.MapFrom(request => request.Status.ChineseName()))
            .ForMember(d => d.Deadlines, o => o.Ignore())
            .ForMember(d => d.Tasks, o => o.Ignore())
            .ForMember(d => d.Journal, o => o.Ignore())
            .ForMember(d => d.DeadlineChanges, o => o.Ignore())
            .ForMember(d => d.Timers, o => o.Ignore());
    }
}

public static class RequestMappingExtensions
{
    public static RequestDto ToRequestDto(this IMapper mapper, TaxpayerRequest request, RequestMappingContext context) =>
        mapper.Map<RequestDto>(request, options => options.Items[RequestMappingContext.ItemKey] = context);
}
