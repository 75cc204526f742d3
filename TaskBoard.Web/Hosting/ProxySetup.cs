using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using TaskBoard.Data;

namespace TaskBoard.Web.Hosting;

/// <summary>The <c>Proxy</c> configuration section.</summary>
public sealed class ProxyOptions
{
    public const string Section = "Proxy";

    /// <summary>Addresses of reverse proxies whose X-Forwarded-For/-Proto are believed, besides loopback.</summary>
    public string[] KnownProxies { get; set; } = [];
}

public static class ProxySetup
{
    /// <summary>
    /// Behind nginx, the client's address (rate limits, sessions, audit) and the original scheme (Secure
    /// cookies) come from X-Forwarded-For and X-Forwarded-Proto, believed only from known proxies.
    /// </summary>
    public static WebApplicationBuilder AddTaskBoardProxy(this WebApplicationBuilder builder)
    {
        var options = Settings.Bind<ProxyOptions>(builder.Configuration, ProxyOptions.Section);
        var proxies = new List<IPAddress>();
        foreach (var proxy in options.KnownProxies)
        {
            proxies.Add(IPAddress.TryParse(proxy, out var address)
                ? address
                : throw new InvalidConfigurationException($"{ProxyOptions.Section}:KnownProxies contains '{proxy}', which is not an IP address."));
        }

        builder.Services.Configure<ForwardedHeadersOptions>(forwarded =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in proxies)
            {
                forwarded.KnownProxies.Add(proxy);
            }
        });
        return builder;
    }
}
