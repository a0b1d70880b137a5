using Bpm.Domain.Users;

namespace Bpm.Application.Users;

/// <summary>
/// The signed-in member of staff on whose behalf a use case runs. The host fills it from the caller's
/// token; use cases never look at HTTP. What the user may see is limited by <see cref="Bureaus.BureauScope"/>.
/// </summary>
public interface ICurrentUser
{
    Guid UserId { get; }

    string UserName { get; }

    string DisplayName { get; }

    Guid BureauId { get; }

    Guid? UnitId { get; }

    Roles Roles { get; }
}
