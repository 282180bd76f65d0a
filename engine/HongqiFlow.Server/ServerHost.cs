using System.Threading.RateLimiting;
using HongqiFlow.Server.ApiReference;
using HongqiFlow.Server.Health;
using HongqiFlow.Server.Http;
using HongqiFlow.Server.Logging;
using HongqiFlow.Server.Security;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HongqiFlow.Server;

/// <summary>Builds the HTTP server: services, the middleware pipeline and every endpoint group.</summary>
public static partial class ServerHost
{
    public const string ProgressRateLimit = "progress";

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);
        AddServices(builder);
        var app = builder.Build();
        UsePipeline(app);
        return app;
    }

    public static void AddServices(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // Checked before anything is built from it, so a bad value is a message naming the setting (exit 78 from hongqi serve).
        var options = Configuration.ServerSettings.Load(builder.Configuration);
        builder.Services.AddOptions<ServerOptions>().Bind(builder.Configuration.GetSection(ServerOptions.Section)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ServerOptions>, Configuration.ServerSettings>();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = options.MaxBodyBytes);

        ConsoleLog.Add(builder);

        // One line per request at Information drowns the log; configuration (Logging:LogLevel) still overrides this.
        if (builder.Configuration["Logging:LogLevel:Microsoft.AspNetCore"] is null)
        {
            builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        }

        var jwt = JwtSettings.From(builder.Configuration);
        if (jwt.IsDevelopmentKey && !string.IsNullOrWhiteSpace(builder.Configuration[JwtSettings.KeySetting]) && !builder.Environment.IsDevelopment())
        {
            // Configured on purpose, yet public: refused outside Development rather than left to a warning nobody reads.
            throw new InvalidOperationException(
                $"{JwtSettings.KeySetting} is the public development key (docs/api.md); anyone can mint tokens with it. Set a secret key of at least 32 bytes (environment: {builder.Environment.EnvironmentName}).");
        }

        builder.Services.AddSingleton(jwt);
        builder.Services.AddSingleton(VerificationSecret.Load(builder.Configuration, options.Data, jwt));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services
            .AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(bearer =>
            {
                bearer.MapInboundClaims = false;
                bearer.TokenValidationParameters = jwt.ValidationParameters();
            });
        OidcSetup.Add(builder.Services, builder.Configuration, jwt);
        builder.Services.AddAuthorization(Policies.Add);
        builder.Services.AddProblemDetails();

        // Binding failures are thrown rather than answered with a bare 400, so that BadRequests can say where and why.
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(routes => routes.ThrowOnBadRequest = true);
        builder.Services.AddExceptionHandler<BadRequests>();
        builder.Services.AddExceptionHandler<TamperedSnapshots>();
        builder.Services.AddExceptionHandler<CommandProblems>();
        builder.Services.AddOpenApi(ApiContract.Configure);
        builder.Services.ConfigureHttpJsonOptions(json => ServerJson.Configure(json.SerializerOptions));
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(ProgressRateLimit, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = options.ProgressPermitsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });
        builder.Services.AddHealthChecks()
            .AddCheck<StoreHealthCheck>("store", tags: ["ready"])
            .AddCheck<DefinitionsHealthCheck>("definitions", tags: ["ready"]);
        ServerServices.Add(builder.Services, options, PersonalDataSettings.Load(builder.Configuration, builder.Environment.IsDevelopment()));
        Audit.OperationsAuditSetup.Add(builder);
        TelemetrySetup.Add(builder);
    }

    public static void UsePipeline(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.Services.GetRequiredService<IOptions<ServerOptions>>().Value;
        var jwt = app.Services.GetRequiredService<JwtSettings>();
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("HongqiFlow.Server");
        if (jwt.IsDevelopmentKey)
        {
            LogDevelopmentKey(log, JwtSettings.KeySetting);
        }

        if (app.Services.GetRequiredService<Hosting.HongqiHostOptions>().PersonalData is { IsDevelopment: true })
        {
            LogDevelopmentPersonalDataKeys(log, PersonalDataSettings.KeyFileSetting);
        }

        var secret = app.Services.GetRequiredService<VerificationSecret>();
        if (secret.Generated)
        {
            LogVerificationKeyGenerated(log, secret.Source, VerificationSecret.KeySetting);
        }

        if (secret.LegacyKey is not null)
        {
            LogLegacyCodes(log, VerificationSecret.LegacySetting);
        }

        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseBodySizeLimit(options.MaxBodyBytes);
        app.UseRequestTextCheck();

        var web = Web.EmbeddedWebApp.Resolve(options.Web);
        if (web is { Files: var files, Source: var source })
        {
            app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
            app.UseStaticFiles(new StaticFileOptions { FileProvider = files });
            LogWebApp(log, source);
        }

        app.UseAuthentication();
        Audit.OperationsAuditSetup.Use(app);
        app.UseAuthorization();
        app.UseRateLimiter();

        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapApiReference();
        app.MapHealth();
        TelemetrySetup.Map(app);
        ServerEndpoints.Map(app);

        // An unknown API path is a 404 with the reason, for every caller, rather than the fallback policy's bare 403; a
        // known path with another method or a body that is not JSON is told so (405, 415).
        app.Map("/api/{**rest}", (string? rest, HttpContext http, EndpointDataSource endpoints) => ApiFallback.Answer(http, endpoints, rest))
            .AllowAnonymous().ExcludeFromDescription();
        app.Map("/health/{**rest}", (string? rest) => Problems.NotFound($"no health endpoint /health/{rest}; use /health/live or /health/ready"))
            .AllowAnonymous().ExcludeFromDescription();
        if (web is not null)
        {
            // Client-side routes get index.html; unknown API paths stay errors, never the page (`/health` and `/metrics` too: a probe
            // that reads the page as an answer would take any listening server for a healthy one).
            app.MapFallbackToFile("{*path:nonfile:regex(^(?!(api|openapi|health|metrics)(/|$)).*$)}", "index.html", new StaticFileOptions { FileProvider = web.Value.Files }).AllowAnonymous();
        }
    }

    /// <summary>What the catalog folder gave at start: a file that did not load or drifted from the store is said out loud, not only on /health.</summary>
    internal static void LogCatalog(ILogger log, string folder, Hosting.DefinitionRegistry registry)
    {
        var report = registry.LastImport;
        LogCatalogLoaded(log, Path.GetFullPath(folder), report.Imported.Count, report.Unchanged.Count, report.Drift.Count, report.Invalid.Count);
        foreach (var diagnostic in report.Invalid)
        {
            LogCatalogInvalid(log, diagnostic.ToString());
        }

        foreach (var drift in report.Drift)
        {
            LogCatalogDrift(log, drift.ToString());
        }
    }

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "Catalog {Folder}: {Imported} item version(s) published now, {Unchanged} already in the store, {Drift} drifted, {Invalid} error(s)")]
    private static partial void LogCatalogLoaded(ILogger logger, string folder, int imported, int unchanged, int drift, int invalid);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "Catalog file not loaded: {Diagnostic}")]
    private static partial void LogCatalogInvalid(ILogger logger, string diagnostic);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "Catalog drift (the store keeps its version): {Drift}")]
    private static partial void LogCatalogDrift(ILogger logger, string drift);

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "No signing key is configured ({Setting}): bearer tokens use the PUBLIC DEVELOPMENT KEY. Anyone can mint tokens. Set {Setting} before serving real cases.")]
    private static partial void LogDevelopmentKey(ILogger logger, string setting);

    [LoggerMessage(EventId = 7, Level = LogLevel.Warning, Message = "Verification codes: a new key was generated at {Path}. Back it up with the store (printed codes depend on it); several nodes must share it or set {Setting}.")]
    private static partial void LogVerificationKeyGenerated(ILogger logger, string path, string setting);

    [LoggerMessage(EventId = 8, Level = LogLevel.Warning, Message = "Verification codes derived from the signing key (printed before codes had their own key) are still accepted ({Setting}); turn it off once those cases are done.")]
    private static partial void LogLegacyCodes(ILogger logger, string setting);

    [LoggerMessage(EventId = 9, Level = LogLevel.Warning, Message = "No keys for personal data are configured ({Setting}): ID and phone numbers are encrypted with the PUBLIC DEVELOPMENT KEYS (Development environment only).")]
    private static partial void LogDevelopmentPersonalDataKeys(ILogger logger, string setting);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Serving the web app from {Source}")]
    private static partial void LogWebApp(ILogger logger, string source);
}
