using Bpm.Domain.Taxpayers;
using Bpm.Domain.Users;
using Bpm.Server.Api;

namespace Bpm.Server.Privacy;

/// <summary>
/// Who sees a taxpayer's name, contact and credit code in clear (the README's "Personal data" table):
/// <list type="bullet">
/// <item>one request (its page, <c>GET /api/requests/{id}</c>): handlers and approvers of the bureau subtree, who call the
/// taxpayer back and decide on the case; analysts and administrators see it masked. Every opening is an audit DataView row.</item>
/// <item>lists (requests, tasks, inbox, dashboard, related requests, taxpayer profile, library): masked for everyone.</item>
/// <item>the ledger export: masked; <c>clear=true</c> only for approvers, and audited.</item>
/// </list>
/// Example: xt.handler opens XT-2026-000123 → 张小三 / 13812345678; xt.analyst → 张*三 / 138****5678.
/// </summary>
public static class PersonalDataView
{
    public static bool SeesClearOnRequest(Roles roles) => roles.HasFlag(Roles.Handler) || roles.HasFlag(Roles.Approver);

    public static bool MayExportClear(Roles roles) => roles.HasFlag(Roles.Approver);

    /// <summary>Masks the request's personal data in place, e.g. for a list or a viewer without the clear right.</summary>
    public static RequestDto Masked(this RequestDto request)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.TaxpayerName = PersonalDataMask.Name(request.TaxpayerName);
        request.Contact = PersonalDataMask.Contact(request.Contact);
        request.CreditCode = PersonalDataMask.CreditCode(request.CreditCode);
        return request;
    }

    /// <summary>The request as <paramref name="roles"/> may see it on its own page.</summary>
    public static RequestDto ForViewer(this RequestDto request, Roles roles) =>
        SeesClearOnRequest(roles) ? request : request.Masked();
}
