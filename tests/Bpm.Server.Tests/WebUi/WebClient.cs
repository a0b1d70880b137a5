using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Bpm.Server.Tests.WebUi;

/// <summary>
/// A browser-less visitor of the web UI: keeps cookies, follows no redirects (tests look at them), signs in through the
/// real sign-in form, and posts pages' forms with their hidden fields (antiforgery token, Blazor's <c>_handler</c>).
/// Example: <c>var web = await factory.WebSignedInAsync("xt.hall"); var page = await web.PageAsync("/inbox");</c>
/// </summary>
internal static partial class WebClient
{
    public static HttpClient WebClientFor(this BpmServerFactory factory, string? culture = null)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        if (culture is not null)
        {
            client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(culture);
        }

        return client;
    }

    /// <summary>A client signed in with the web cookie as <paramref name="userName"/> (demo password).</summary>
    public static async Task<HttpClient> WebSignedInAsync(this BpmServerFactory factory, string userName, string? culture = null)
    {
        var client = factory.WebClientFor(culture);
        var login = await client.GetStringAsync("/account/login");
        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [AntiforgeryField] = HiddenValue(login, AntiforgeryField) ?? throw new InvalidOperationException("sign-in form without antiforgery token"),
            ["userName"] = userName,
            ["password"] = ApiClient.DemoPassword,
            ["returnUrl"] = "/",
        }));
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"sign-in as {userName} answered {(int)response.StatusCode}");
        }

        return client;
    }

    /// <summary>GET of a page that must answer <paramref name="status"/> (200 unless told); its HTML.</summary>
    public static async Task<string> PageAsync(this HttpClient client, string path, HttpStatusCode status = HttpStatusCode.OK)
    {
        var response = await client.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != status)
        {
            throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode} {response.Headers.Location}: {html[..Math.Min(html.Length, 500)]}");
        }

        return html;
    }

    /// <summary>
    /// Posts the form named <paramref name="formName"/> (Blazor's <c>@formname</c>, sent as <c>_handler</c>) of
    /// <paramref name="html"/> to <paramref name="path"/>: its hidden fields plus <paramref name="fields"/>.
    /// </summary>
    public static Task<HttpResponseMessage> SubmitAsync(this HttpClient client, string path, string html, string formName, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var form = FormHtml(html, formName);
        var values = new List<KeyValuePair<string, string>>();
        foreach (Match hidden in HiddenInput().Matches(form))
        {
            values.Add(new(WebUtility.HtmlDecode(hidden.Groups["name"].Value), WebUtility.HtmlDecode(hidden.Groups["value"].Value)));
        }

        var given = fields.ToList();
        values.RemoveAll(v => given.Any(g => g.Key == v.Key));
        values.AddRange(given);
        return client.PostAsync(path, new FormUrlEncodedContent(values));
    }

    public const string AntiforgeryField = "__RequestVerificationToken";

    /// <summary>The value of the hidden input named <paramref name="name"/>, HTML-decoded; null when the page has none.</summary>
    public static string? HiddenValue(string html, string name) =>
        HiddenInput().Matches(html).FirstOrDefault(m => WebUtility.HtmlDecode(m.Groups["name"].Value) == name) is { } match
            ? WebUtility.HtmlDecode(match.Groups["value"].Value)
            : null;

    /// <summary>The text of the element with this id, tags stripped and whitespace collapsed ("" when absent).</summary>
    public static string TextOf(string html, string id)
    {
        var match = Regex.Match(html, $"<(?<tag>[a-z0-9]+)[^>]*\\bid=\"{Regex.Escape(id)}\"[^>]*>(?<body>.*?)</\\k<tag>>", RegexOptions.Singleline);
        return match.Success ? PlainText(match.Groups["body"].Value) : "";
    }

    /// <summary>HTML → its visible text, whitespace collapsed.</summary>
    public static string PlainText(string html) =>
        Regex.Replace(WebUtility.HtmlDecode(Regex.Replace(html, "<[^>]+>", " ")), @"\s+", " ").Trim();

    private static string FormHtml(string html, string formName)
    {
        foreach (Match form in Regex.Matches(html, "<form\\b.*?</form>", RegexOptions.Singleline))
        {
            if (HiddenValue(form.Value, "_handler") == formName)
            {
                return form.Value;
            }
        }

        throw new InvalidOperationException($"the page has no form named {formName}");
    }

    [GeneratedRegex("<input(?=[^>]*\\btype=\"hidden\")(?=[^>]*\\bname=\"(?<name>[^\"]*)\")(?=[^>]*\\bvalue=\"(?<value>[^\"]*)\")[^>]*>", RegexOptions.Singleline)]
    private static partial Regex HiddenInput();
}
