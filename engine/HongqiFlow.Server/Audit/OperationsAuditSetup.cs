using HongqiFlow.Hosting;
using HongqiFlow.Server.Security;
using HongqiFlow.Storage;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace HongqiFlow.Server.Audit;

/// <summary>
/// The operations audit (等保 安全审计) and the separated administrator roles (三员管理) wired into the server: the
/// retention check at start, the recorder and the settings check, the refusal of tokens with two separated roles,
/// the middleware, and the auditor's and the security administrator's endpoints.
/// </summary>
public static class OperationsAuditSetup
{
    public static void Add(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Configuration.GetSection(OperationsAuditOptions.Section).Get<OperationsAuditOptions>() ?? new OperationsAuditOptions();
        options.Validate();
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(provider => provider.GetRequiredService<ICaseStore>().Find<IOperationsLog>()
            ?? throw new InvalidOperationException($"the store {provider.GetRequiredService<ICaseStore>().GetType().Name} keeps no operations log (IOperationsLog)"));
        builder.Services.AddSingleton<OperationsAudit>();
        builder.Services.AddSingleton<SettingsAudit>();
        builder.Services.AddStoreBoundHostedService<SettingsAudit>();
        builder.Services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, bearer =>
        {
            bearer.Events ??= new JwtBearerEvents();
            var validated = bearer.Events.OnTokenValidated;
            bearer.Events.OnTokenValidated = async context =>
            {
                await validated(context);
                var held = Roles.SeparatedAmong(context.Principal?.FindAll(Roles.ClaimType).Select(c => c.Value) ?? []);
                if (held.Count > 1)
                {
                    var reason = Roles.TwoSeparatedRoles(held);
                    context.HttpContext.Items[OperationsAudit.AuthenticationFailureItem] = reason;
                    context.Fail(reason);
                }
            };
            var failed = bearer.Events.OnAuthenticationFailed;
            bearer.Events.OnAuthenticationFailed = async context =>
            {
                await failed(context);
                context.HttpContext.Items[OperationsAudit.AuthenticationFailureItem] = context.Exception.Message;
            };
        });
    }

    /// <summary>The middleware, between authentication and authorization.</summary>
    public static void Use(IApplicationBuilder app) => app.UseMiddleware<OperationsAuditMiddleware>();

    public static void Map(IEndpointRouteBuilder app)
    {
        OperationsAuditEndpoints.Map(app);
        TokenEndpoints.Map(app);
    }
}
