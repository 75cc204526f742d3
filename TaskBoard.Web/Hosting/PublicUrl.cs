using Microsoft.Extensions.Options;
using TaskBoard.Data;

namespace TaskBoard.Web.Hosting;

public static class PublicUrl
{
    /// <summary>
    /// Where links in emails start: <c>App:PublicUrl</c>, or else the address this request came to
    /// (only without SMTP, when messages are files on this server; with SMTP, App:PublicUrl is required).
    /// </summary>
    public static Uri LinkBase(this HttpContext http) =>
        http.RequestServices.GetRequiredService<IOptions<AppOptions>>().Value.Origin
            ?? new Uri($"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}/");

    /// <summary>
    /// Redirects never echo the request's Host header: an absolute <c>Location</c> on this site (the
    /// cookie handler's and Blazor's are) points at <see cref="AppOptions.PublicUrl"/> when it is set,
    /// and becomes a relative one when it is not.
    /// </summary>
    public static WebApplication UseTaskBoardRedirects(this WebApplication app)
    {
        var origin = app.Services.GetRequiredService<IOptions<AppOptions>>().Value.Origin;
        app.Use((http, next) =>
        {
            // The API's own Location headers are relative paths: nothing to rewrite there.
            if (http.Request.Path.StartsWithSegments("/api"))
            {
                return next(http);
            }

            http.Response.OnStarting(() =>
            {
                var location = http.Response.Headers.Location.ToString();
                if (location.Length > 0 && Uri.TryCreate(location, UriKind.Absolute, out var target)
                    && target.Scheme is "http" or "https"
                    && string.Equals(target.Authority, http.Request.Host.Value, StringComparison.OrdinalIgnoreCase))
                {
                    var local = target.GetComponents(UriComponents.PathAndQuery | UriComponents.Fragment, UriFormat.UriEscaped);
                    http.Response.Headers.Location = origin is null ? local : new Uri(origin, local).ToString();
                }

                return Task.CompletedTask;
            });
            return next(http);
        });
        return app;
    }
}
