using System.Net;
using System.Text.RegularExpressions;

namespace TaskBoard.Tests.Infrastructure;

/// <summary>The static account forms, posted the way a browser posts them: antiforgery token from the page, cookies kept.</summary>
public static partial class BrowserForms
{
    /// <summary>Fetches <paramref name="page"/> for its antiforgery token, then posts <paramref name="fields"/> as form <paramref name="form"/>.</summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, Uri page, string form, Dictionary<string, string> fields)
    {
        fields["_handler"] = form;
        fields["__RequestVerificationToken"] = await AntiforgeryTokenAsync(client, page);
        return await client.PostAsync(page, new FormUrlEncodedContent(fields));
    }

    public static Task<HttpResponseMessage> SignInAsync(HttpClient client, Uri page, string email, string password) =>
        PostAsync(client, page, "signin", new() { ["Input.Email"] = email, ["Input.Password"] = password });

    public static Task<HttpResponseMessage> SignUpAsync(HttpClient client, Uri page, string email, string password, string name = "Form user") =>
        PostAsync(client, page, "signup", new() { ["Input.Name"] = name, ["Input.Email"] = email, ["Input.Password"] = password });

    public static async Task<string> AntiforgeryTokenAsync(HttpClient client, Uri page)
    {
        var html = await client.GetStringAsync(page);
        return AntiforgeryField().Match(html) is { Success: true } match
            ? WebUtility.HtmlDecode(match.Groups[1].Success ? match.Groups[1].Value : match.Groups[2].Value)
            : throw new InvalidOperationException($"No antiforgery token on {page}.");
    }

    /// <summary>The error the form shows (its alert), or null.</summary>
    public static string? Error(string html) =>
        FormError().Match(html) is { Success: true } match ? WebUtility.HtmlDecode(Regex.Replace(match.Groups[1].Value, "<[^>]+>", "")).Trim() : null;

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"|value=\"([^\"]+)\"[^>]*name=\"__RequestVerificationToken\"")]
    private static partial Regex AntiforgeryField();

    [GeneratedRegex("id=\"tb-auth-error\".*?mud-alert-message[^>]*>(.*?)</div>", RegexOptions.Singleline)]
    private static partial Regex FormError();
}
