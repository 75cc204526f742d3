using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace TaskBoard.Web.Account;

/// <summary>
/// Over HTTPS the session and antiforgery cookies carry the <c>__Host-</c> prefix, which browsers
/// accept only when Secure, for the whole site and for this host alone: a neighbouring subdomain
/// or a plain-HTTP page cannot plant or overwrite them. The handlers keep using the plain names;
/// this renames on the way out and back in, and over HTTPS ignores unprefixed copies.
/// (Over plain HTTP, as in Development, the plain names are used as they are.)
/// </summary>
public static class HostCookies
{
    public const string Prefix = "__Host-";

    public static WebApplication UseTaskBoardHostCookies(this WebApplication app, params string[] names)
    {
        app.Use((http, next) =>
        {
            if (!http.Request.IsHttps)
            {
                return next(http);
            }

            RenameIncoming(http.Request, names);
            http.Response.OnStarting(() =>
            {
                RenameOutgoing(http.Response, names);
                return Task.CompletedTask;
            });
            return next(http);
        });
        return app;
    }

    private static void RenameIncoming(HttpRequest request, string[] names)
    {
        if (!CookieHeaderValue.TryParseList([.. request.Headers.Cookie.Select(c => c ?? "")], out var cookies))
        {
            return;
        }

        var kept = new List<string>();
        var changed = false;
        foreach (var cookie in cookies)
        {
            var name = cookie.Name.Value ?? "";
            if (name.StartsWith(Prefix, StringComparison.Ordinal) && Covers(names, name[Prefix.Length..]))
            {
                kept.Add($"{name[Prefix.Length..]}={cookie.Value}");
                changed = true;
            }
            else if (Covers(names, name))
            {
                changed = true; // an unprefixed copy over HTTPS was not set by us: ignored
            }
            else
            {
                kept.Add($"{name}={cookie.Value}");
            }
        }

        if (changed)
        {
            request.Headers.Cookie = string.Join("; ", kept);
        }
    }

    private static void RenameOutgoing(HttpResponse response, string[] names)
    {
        var setCookies = response.Headers.SetCookie;
        if (setCookies.Count == 0)
        {
            return;
        }

        var renamed = new string?[setCookies.Count];
        for (var i = 0; i < setCookies.Count; i++)
        {
            var value = setCookies[i] ?? "";
            var name = value[..Math.Max(0, value.IndexOf('=', StringComparison.Ordinal))];
            renamed[i] = Covers(names, name) && SetCookieHeaderValue.TryParse(value, out var cookie)
                ? HostOnly(cookie)
                : value;
        }

        response.Headers.SetCookie = new StringValues(renamed);
    }

    private static string HostOnly(SetCookieHeaderValue cookie)
    {
        cookie.Name = Prefix + cookie.Name.Value;
        cookie.Secure = true;
        cookie.Path = "/";
        cookie.Domain = null;
        return cookie.ToString();
    }

    /// <summary>The name, or one of its chunks (the cookie handler splits a large cookie into name, nameC1, nameC2, ...).</summary>
    private static bool Covers(string[] names, string name) =>
        names.Any(n => name == n || (name.StartsWith(n + "C", StringComparison.Ordinal) && name.Length > n.Length + 1
            && !name.AsSpan(n.Length + 1).ContainsAnyExceptInRange('0', '9')));
}
