using Bpm.Domain.Requests;
using Bpm.Domain.Tasks;

namespace Bpm.Application.Tasks;

/// <summary>A task with the request it belongs to, as <see cref="IRequestTaskStore.FindWithRequestAsync"/> reads them.</summary>
public sealed record TaskAndRequest(RequestTask Task, TaxpayerRequest? Request);
