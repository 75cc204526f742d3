using Microsoft.Extensions.Options;

namespace TaskBoard.Web.Hosting;

/// <summary>The <c>App</c> configuration section.</summary>
public sealed class AppOptions
{
    public const string Section = "App";

    /// <summary>
    /// Where people reach TaskBoard (https://tasks.example.com): redirects point there, whatever
    /// Host header a request carried, and links in emails start with it.
    /// </summary>
    public string? PublicUrl { get; set; }

    /// <summary>The scheme, host and port of <see cref="PublicUrl"/>, or null when it is not set.</summary>
    public Uri? Origin => Uri.TryCreate(PublicUrl, UriKind.Absolute, out var uri) ? new Uri(uri.GetLeftPart(UriPartial.Authority)) : null;
}

public static class PublicUrl
{
    public static WebApplicationBuilder AddTaskBoardPublicUrl(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AppOptions>().BindConfiguration(AppOptions.Section)
            .Validate(o => string.IsNullOrEmpty(o.PublicUrl)
                    || (Uri.TryCreate(o.PublicUrl, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
                        && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment) && uri.AbsolutePath == "/"),
                $"{AppOptions.Section}:PublicUrl must be an absolute http or https address without a path, such as https://tasks.example.com.")
            .ValidateOnStart();
        return builder;
    }

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
