namespace TaskBoard.Web.Hosting;

/// <summary>
/// Browser-facing protections on every response: a Content-Security-Policy that allows scripts only
/// from this site (no inline script, no eval), no framing, no MIME sniffing, a strict referrer policy,
/// HSTS outside Development, and no caching of API and account responses.
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>Pages and answers that carry something personal or secret (a token in the address of an email link): never cached.</summary>
    private static readonly string[] NoStorePaths =
        ["/api", "/account", "/signin", "/signup", "/forgot-password", "/reset-password", "/verify-email", "/confirm-email"];

    public static WebApplicationBuilder AddTaskBoardSecurityHeaders(this WebApplicationBuilder builder)
    {
        builder.Services.AddHsts(hsts =>
        {
            hsts.MaxAge = TimeSpan.FromDays(365);
            hsts.IncludeSubDomains = true;
        });
        return builder;
    }

    public static WebApplication UseTaskBoardSecurityHeaders(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            var path = context.Request.Path;
            // The API reference page (Development only by default) brings its own inline scripts.
            if (!path.StartsWithSegments("/scalar"))
            {
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
            }

            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers.XFrameOptions = "DENY";
            if (NoStorePaths.Any(p => path.StartsWithSegments(p)))
            {
                headers.CacheControl = "no-store";
            }

            return next();
        });
        return app;
    }
}
