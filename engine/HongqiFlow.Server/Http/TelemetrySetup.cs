using HongqiFlow.Hosting;
using HongqiFlow.Server.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OpenTelemetry.Metrics;

namespace HongqiFlow.Server.Http;

/// <summary>
/// The Prometheus scrape endpoint, bound from <c>Hongqi:Telemetry</c>. Off by default: then no OpenTelemetry SDK is
/// registered and <c>/metrics</c> is a 404 (the engine's <see cref="HongqiTelemetry.Meter"/> still answers local tools
/// such as <c>dotnet-counters</c>). On, the SDK collects the engine's instruments, ASP.NET Core's request metrics and
/// Npgsql's connection and command metrics, and serves them as Prometheus text at <see cref="PrometheusPath"/>.
/// </summary>
public sealed class TelemetrySetup
{
    public const string Section = "Hongqi:Telemetry";

    /// <summary>Serve the scrape endpoint (<c>Hongqi:Telemetry:Prometheus=true</c>).</summary>
    public bool Prometheus { get; set; }

    public string PrometheusPath { get; set; } = "/metrics";

    /// <summary>
    /// Let scrapers in without a token. Off: the endpoint asks for a bearer token with the <c>admin</c> role, like
    /// every other operator endpoint. On, <see cref="PrometheusHosts"/> must say where it answers.
    /// </summary>
    public bool PrometheusAnonymous { get; set; }

    /// <summary>
    /// Host patterns the endpoint answers on (<c>RequireHost</c>), comma-separated, e.g. <c>*:9464</c> for a port
    /// Kestrel listens on inside the operators' network only; other hosts and ports get 404.
    /// </summary>
    public string? PrometheusHosts { get; set; }

    public static TelemetrySetup From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var setup = configuration.GetSection(Section).Get<TelemetrySetup>() ?? new TelemetrySetup();
        if (setup.Prometheus && setup.PrometheusAnonymous && string.IsNullOrWhiteSpace(setup.PrometheusHosts))
        {
            throw new InvalidOperationException(
                $"{Section}:PrometheusAnonymous lets anyone read the metrics; set {Section}:PrometheusHosts (e.g. *:9464, a port only operators reach) as well, or leave it off and scrape with an admin token (docs/operations.md).");
        }

        if (setup.Prometheus && !setup.PrometheusPath.StartsWith('/'))
        {
            throw new InvalidOperationException($"{Section}:PrometheusPath must start with '/' (got '{setup.PrometheusPath}').");
        }

        return setup;
    }

    /// <summary>Registers the OpenTelemetry metrics pipeline when the endpoint is on.</summary>
    public static void Add(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var setup = From(builder.Configuration);
        builder.Services.AddSingleton(setup);
        if (!setup.Prometheus)
        {
            return;
        }

        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(HongqiTelemetry.Name)
            .AddAspNetCoreInstrumentation()
            .AddNpgsqlInstrumentation()
            .AddPrometheusExporter());
    }

    /// <summary>Maps the scrape endpoint when it is on: admin only, or anonymous on the configured hosts.</summary>
    public static void Map(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var setup = app.Services.GetRequiredService<TelemetrySetup>();
        if (!setup.Prometheus || !string.IsNullOrWhiteSpace(setup.PrometheusHosts))
        {
            // Off, or asked on another host or port: a 404 that says why, rather than the closed fallback's 401/403 or
            // the web app's page (a scraper must not take either for metrics). Host-bound endpoints win over this one.
            app.Map(setup.Prometheus ? setup.PrometheusPath : "/metrics", () => Problems.NotFound(setup.Prometheus
                    ? $"the metrics endpoint does not answer on this host or port (see {Section}:PrometheusHosts)"
                    : $"the metrics endpoint is off; set {Section}:Prometheus=true to serve it (docs/operations.md)"))
                .AllowAnonymous().ExcludeFromDescription();
        }

        if (!setup.Prometheus)
        {
            return;
        }

        // Not part of the JSON API: kept out of /openapi/v1.json.
        var endpoint = app.MapPrometheusScrapingEndpoint(setup.PrometheusPath).ExcludeFromDescription();
        if (!string.IsNullOrWhiteSpace(setup.PrometheusHosts))
        {
            endpoint.RequireHost([.. setup.PrometheusHosts.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)]);
        }

        if (setup.PrometheusAnonymous)
        {
            endpoint.AllowAnonymous();
        }
        else
        {
            endpoint.RequireAuthorization(Policies.Administration);
        }
    }
}
