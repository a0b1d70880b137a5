using Bpm.Application.Bureaus;
using Bpm.Domain;
using Bpm.Domain.Bureaus;
using Bpm.Domain.Requests;

namespace Bpm.Application.Requests;

/// <summary>
/// Registers a request at a bureau: checks the fields, that the category is in the bureau's taxonomy
/// (it decides the request type) and that the receiving unit belongs to the bureau, then numbers and
/// saves it. The number's year is the bureau-local year of receipt: received 2026-12-31T17:00Z at
/// Xiantao (2027-01-01 01:00 in Shanghai) → XT-2027-….
/// </summary>
public sealed class RequestRegistrationService(IBureauStore bureaus, ITaxpayerRequestStore requests, TimeProvider time)
{
    public Task<TaxpayerRequest> RegisterAsync(Guid bureauId, RequestRegistration registration, CancellationToken cancellationToken) =>
        RegisterAsync(bureauId, registration, closedAt: null, cancellationToken);

    /// <summary>
    /// Registers a request that an older ledger already closed, keeping its closing instant (see
    /// <see cref="TaxpayerRequest.RegisterClosed"/>); it starts no workflow.
    /// </summary>
    public Task<TaxpayerRequest> RegisterClosedAsync(Guid bureauId, RequestRegistration registration, DateTimeOffset closedAt, CancellationToken cancellationToken) =>
        RegisterAsync(bureauId, registration, closedAt, cancellationToken);

    /// <summary>
    /// The checks of <see cref="RegisterAsync(Guid, RequestRegistration, CancellationToken)"/> alone: they only read, so a
    /// caller may run them before its unit of work and <see cref="SaveAsync"/> inside it.
    /// </summary>
    /// <exception cref="DomainValidationException">a field, the category or the receiving unit was refused.</exception>
    public Task<CheckedRegistration> CheckAsync(BureauTree tree, Guid bureauId, RequestRegistration registration, CancellationToken cancellationToken) =>
        CheckAsync(tree, bureauId, registration, closedAt: null, cancellationToken);

    /// <summary>Numbers and saves a checked registration (see <see cref="CheckAsync(BureauTree, Guid, RequestRegistration, CancellationToken)"/>).</summary>
    public Task<TaxpayerRequest> SaveAsync(CheckedRegistration registration, CancellationToken cancellationToken) =>
        SaveAsync(registration, closedAt: null, cancellationToken);

    private async Task<TaxpayerRequest> RegisterAsync(Guid bureauId, RequestRegistration registration, DateTimeOffset? closedAt, CancellationToken cancellationToken)
    {
        var tree = await bureaus.LoadTreeAsync(cancellationToken);
        return await SaveAsync(await CheckAsync(tree, bureauId, registration, closedAt, cancellationToken), closedAt, cancellationToken);
    }

    private async Task<CheckedRegistration> CheckAsync(
        BureauTree tree, Guid bureauId, RequestRegistration registration, DateTimeOffset? closedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tree);
        var now = time.GetUtcNow();
        var (errors, category) = await FindErrorsAsync(tree, bureauId, registration, now, cancellationToken);
        if (closedAt is { } closing)
        {
            errors = [.. errors, .. TaxpayerRequest.ClosingErrors(registration.ReceivedAt, closing, now)];
        }

        if (errors.Count > 0)
        {
            throw new DomainValidationException(errors);
        }

        return new CheckedRegistration(
            bureauId,
            tree[bureauId].NumberPrefix,
            tree.ClockOf(bureauId).LocalDate(registration.ReceivedAt).Year,
            category!.Type,
            registration with { CategoryCode = category.Code });
    }

    private Task<TaxpayerRequest> SaveAsync(CheckedRegistration registration, DateTimeOffset? closedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(registration);
        var now = time.GetUtcNow();
        var (bureauId, type, fields) = (registration.BureauId, registration.Type, registration.Fields);
        return requests.RegisterAsync(
            bureauId,
            registration.NumberPrefix,
            registration.Year,
            number => closedAt is { } closed
                ? TaxpayerRequest.RegisterClosed(Guid.CreateVersion7(now), number, bureauId, type, fields, closed, now)
                : TaxpayerRequest.Register(Guid.CreateVersion7(now), number, bureauId, type, fields, now),
            cancellationToken);
    }

    private async Task<(IReadOnlyList<FieldError> Errors, RequestCategory? Category)> FindErrorsAsync(
        BureauTree tree, Guid bureauId, RequestRegistration registration, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!tree.Contains(bureauId))
        {
            throw new DomainValidationException([new FieldError("bureauId", "受理机构不存在 (unknown bureau)")]);
        }

        var errors = RequestRegistrationRules.Check(registration, now).ToList();
        var category = tree.FindCategory(bureauId, registration.CategoryCode ?? "");
        if (category is null && !string.IsNullOrWhiteSpace(registration.CategoryCode))
        {
            var known = string.Join("、", tree.CategoriesOf(bureauId).Value.Select(c => $"{c.Code} {c.Name}"));
            errors.Add(new FieldError("categoryCode", $"本机构没有诉求分类“{registration.CategoryCode}”；可选：{known}"));
        }

        var unit = await bureaus.FindUnitAsync(registration.ReceivingUnitId, cancellationToken);
        if (registration.ReceivingUnitId != Guid.Empty && unit?.BureauId != bureauId)
        {
            errors.Add(new FieldError("receivingUnitId", "受理单位不属于该机构 (the unit is not part of this bureau)"));
        }

        return (errors, category);
    }
}

/// <summary>
/// A registration that passed the bureau's checks, with what numbering it needs: the bureau's prefix and the bureau-local
/// year of receipt (received 2026-12-31T17:00Z at Xiantao → XT, 2027), the type its category decides, and the fields with
/// the category's code as the taxonomy spells it.
/// </summary>
public sealed record CheckedRegistration(Guid BureauId, string NumberPrefix, int Year, RequestType Type, RequestRegistration Fields);
