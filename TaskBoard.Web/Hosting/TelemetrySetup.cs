using System.Net;
using Npgsql;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using TaskBoard.Data;
using TaskBoard.Data.Telemetry;
using TaskBoard.Web.Api;

namespace TaskBoard.Web.Hosting;

/// <summary>The <c>Telemetry</c> configuration section.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    public PrometheusOptions Prometheus { get; set; } = new();

    public OtlpOptions Otlp { get; set; } = new();

    public sealed class PrometheusOptions
    {
        /// <summary>Serve metrics for Prometheus at <see cref="TelemetrySetup.MetricsPath"/>.</summary>
        public bool Enabled { get; set; } = true;

        /// <summary>Loopback: the networks allowed when none are configured.</summary>
        public static readonly string[] Loopback = ["127.0.0.0/8", "::1/128"];

        /// <summary>
        /// Networks (CIDR) whose clients may scrape; everyone else gets 403. Behind a proxy, the
        /// client's address as forwarded. Empty (the default): <see cref="Loopback"/>. (Configured
        /// lists replace it rather than add to it, hence no default in the property itself.)
        /// </summary>
        public string[] AllowedNetworks { get; set; } = [];

        /// <summary>The networks in effect: the configured ones, else loopback.</summary>
        public IReadOnlyList<string> Networks() => AllowedNetworks.Length > 0 ? AllowedNetworks : Loopback;
    }

    public sealed class OtlpOptions
    {
        /// <summary>An OpenTelemetry collector (such as http://localhost:4317): traces and metrics are sent there. Unset: nothing is sent.</summary>
        public Uri? Endpoint { get; set; }

        /// <summary><c>grpc</c> (port 4317 by convention) or <c>http/protobuf</c> (port 4318).</summary>
        public string Protocol { get; set; } = "grpc";
    }
}

/// <summary>
/// OpenTelemetry: ASP.NET Core, Kestrel, runtime, Npgsql and TaskBoard's own metrics, scraped by
/// Prometheus at <c>/metrics</c> from allowed networks; with an OTLP endpoint, also traces of
/// requests, database commands and outgoing mail, and the metrics pushed there.
/// </summary>
public static class TelemetrySetup
{
    public const string MetricsPath = "/metrics";

    private static readonly string[] FrameworkMeters =
    [
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
        "Microsoft.AspNetCore.Http.Connections",
        "Microsoft.AspNetCore.Routing",
        "Microsoft.AspNetCore.Diagnostics",
        "Microsoft.AspNetCore.Authentication",
        "Microsoft.AspNetCore.Authorization",
        "Microsoft.AspNetCore.Components",
        "Microsoft.AspNetCore.Components.Server.Circuits",
        "Microsoft.EntityFrameworkCore",
        "System.Net.Http",
    ];

    public static WebApplicationBuilder AddTaskBoardTelemetry(this WebApplicationBuilder builder)
    {
        var options = builder.Services.AddSettings<TelemetryOptions>(builder.Configuration, TelemetryOptions.Section, Problems);
        var networks = options.Prometheus.Networks().Select(n => IPNetwork.Parse(n)).ToArray();
        var protocol = options.Otlp.Protocol == "http/protobuf" ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
        builder.Services.AddSingleton(new MetricsAccess(networks));
        MailKit.Telemetry.SmtpClient.Configure();
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("TaskBoard", serviceInstanceId: Environment.MachineName + ":" + Environment.ProcessId));
        telemetry.WithMetrics(metrics =>
        {
            metrics.AddAspNetCoreInstrumentation().AddRuntimeInstrumentation().AddNpgsqlInstrumentation()
                .AddMeter(FrameworkMeters).AddMeter(TaskBoardMetrics.MeterName, MailKit.Telemetry.SmtpClient.MeterName);
            if (options.Prometheus.Enabled)
            {
                metrics.AddPrometheusExporter();
            }

            if (options.Otlp.Endpoint is { } endpoint)
            {
                metrics.AddOtlpExporter(otlp => Export(otlp, endpoint, protocol, "v1/metrics"));
            }
        });
        if (options.Otlp.Endpoint is { } traceEndpoint)
        {
            telemetry.WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(o => o.Filter = http => !http.Request.Path.StartsWithSegments(MetricsPath))
                .AddNpgsql()
                .AddSource(MailKit.Telemetry.SmtpClient.ActivitySourceName)
                .AddOtlpExporter(otlp => Export(otlp, traceEndpoint, protocol, "v1/traces")));
        }

        builder.Services.AddScoped<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler, CircuitCounter>();
        return builder;
    }

    private static IEnumerable<string> Problems(TelemetryOptions options)
    {
        foreach (var network in options.Prometheus.Networks().Where(n => !IPNetwork.TryParse(n, out _)))
        {
            yield return $"{TelemetryOptions.Section}:Prometheus:AllowedNetworks contains '{network}', which is not a network such as 10.0.0.0/8 or ::1/128.";
        }

        if (options.Otlp.Endpoint is { IsAbsoluteUri: false })
        {
            yield return $"{TelemetryOptions.Section}:Otlp:Endpoint must be an absolute URL such as http://localhost:4317.";
        }

        if (options.Otlp.Protocol is not ("grpc" or "http/protobuf"))
        {
            yield return $"{TelemetryOptions.Section}:Otlp:Protocol is '{options.Otlp.Protocol}'; it must be grpc or http/protobuf.";
        }
    }

    /// <summary>Over HTTP each signal has its own path under the collector's address; over gRPC the address is all.</summary>
    private static void Export(OtlpExporterOptions otlp, Uri endpoint, OtlpExportProtocol protocol, string signalPath)
    {
        otlp.Protocol = protocol;
        otlp.Endpoint = protocol == OtlpExportProtocol.HttpProtobuf ? new Uri(endpoint, signalPath) : endpoint;
    }

    /// <summary>The scrape endpoint, answering 403 problem+json to clients outside the allowed networks.</summary>
    public static WebApplication MapTaskBoardMetrics(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<TelemetryOptions>().Prometheus.Enabled)
        {
            return app;
        }

        var access = app.Services.GetRequiredService<MetricsAccess>();
        app.MapPrometheusScrapingEndpoint(MetricsPath, meterProvider: null, configureBranchedPipeline: branch => branch.Use(async (http, next) =>
        {
            if (!access.Allows(http.Connection.RemoteIpAddress))
            {
                await ApiProblem.WriteAsync(http, StatusCodes.Status403Forbidden, ErrorCodes.Forbidden,
                    "Metrics are served only to the networks in Telemetry:Prometheus:AllowedNetworks.");
                return;
            }

            await next(http);
        }), optionsName: null);
        return app;
    }

    /// <summary>Which client addresses may scrape.</summary>
    private sealed class MetricsAccess(IReadOnlyList<IPNetwork> networks)
    {
        public bool Allows(IPAddress? address) =>
            address is not null && networks.Any(n => n.Contains(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address));
    }
}

/// <summary>Counts the browser circuits open on this instance (<c>taskboard.circuits_open</c>).</summary>
internal sealed class CircuitCounter : Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler
{
    public override Task OnCircuitOpenedAsync(Microsoft.AspNetCore.Components.Server.Circuits.Circuit circuit, CancellationToken cancellationToken)
    {
        TaskBoardMetrics.OpenCircuits.Add(1);
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Microsoft.AspNetCore.Components.Server.Circuits.Circuit circuit, CancellationToken cancellationToken)
    {
        TaskBoardMetrics.OpenCircuits.Add(-1);
        return Task.CompletedTask;
    }
}
