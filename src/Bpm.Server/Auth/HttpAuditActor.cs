using System.Security.Claims;
using Bpm.Application.Audit;

namespace Bpm.Server.Auth;

/// <summary>The audit actor of an HTTP request: its signed-in user (token or web cookie), else the system (timers, anonymous calls).</summary>
internal sealed class HttpAuditActor(IHttpContextAccessor accessor) : IAuditActorSource
{
    public AuditActor Current =>
        accessor.HttpContext?.User is { Identity.IsAuthenticated: true } user
            ? new AuditActor(
                Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null,
                user.Identity?.Name ?? "",
                Guid.TryParse(user.FindFirstValue(BpmClaims.BureauId), out var bureau) ? bureau : null)
            : AuditActor.System;
}
