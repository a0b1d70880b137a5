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

    private async Task<TaxpayerRequest> RegisterAsync(Guid bureauId, RequestRegistration registration, DateTimeOffset? closedAt, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var tree = await bureaus.LoadTreeAsync(cancellationToken);
        var (errors, category) = await CheckAsync(tree, bureauId, registration, now, cancellationToken);
        if (closedAt is { } closing)
        {
            errors = [.. errors, .. TaxpayerRequest.ClosingErrors(registration.ReceivedAt, closing, now)];
        }

        if (errors.Count > 0)
        {
            throw new DomainValidationException(errors);
        }

        var bureau = tree[bureauId];
        var year = tree.ClockOf(bureauId).LocalDate(registration.ReceivedAt).Year;
        var checkedRegistration = registration with { CategoryCode = category!.Code };
        return await requests.RegisterAsync(
            bureauId,
            bureau.NumberPrefix,
            year,
            number => closedAt is { } closed
                ? TaxpayerRequest.RegisterClosed(Guid.CreateVersion7(now), number, bureauId, category.Type, checkedRegistration, closed, now)
                : TaxpayerRequest.Register(Guid.CreateVersion7(now), number, bureauId, category.Type, checkedRegistration, now),
            cancellationToken);
    }

    private async Task<(IReadOnlyList<FieldError> Errors, RequestCategory? Category)> CheckAsync(
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
