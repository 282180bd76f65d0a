using System.Security.Claims;
using HongqiFlow.Hosting;
using HongqiFlow.Runtime;
using HongqiFlow.Server.Http;
using HongqiFlow.Server.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace HongqiFlow.Server.Definitions;

/// <summary>
/// Moving running cases to another version of their item (docs/definitions-lifecycle.md): the plan (nothing written) and
/// its execution. Authors plan (a plan writes nothing); only the roles <see cref="ExecutePolicy"/> admits execute, and
/// the plan tells its caller whether they may (<see cref="MigrationPlan.MayExecute"/>), so the designer can say so.
/// </summary>
public static class MigrationEndpoints
{
    /// <summary>Who may make a plan: the definition authors.</summary>
    public const string PlanPolicy = Policies.Authoring;

    /// <summary>Who may execute one (the plan's <c>mayExecute</c> and <c>executeRoles</c> are read from it).</summary>
    public const string ExecutePolicy = Policies.Administration;

    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/definitions/{code}/migrations").WithTags("definitions");
        group.MapPost("/plan", PlanAsync).RequireAuthorization(PlanPolicy)
            .WithSummary("where every running case of version from would stand on version to: clean, with consequences, or cannot move (nothing is written)")
            .WithName("planMigration").Problems(StatusCodes.Status404NotFound);
        group.MapPost("/execute", ExecuteAsync).RequireAuthorization(ExecutePolicy)
            .WithSummary("move the chosen cases (with the versions they were planned on), each in one transaction; a case changed since the plan is refused")
            .WithName("executeMigration").Problems(StatusCodes.Status404NotFound);
    }

    internal static async Task<Results<Ok<MigrationPlan>, ValidationProblem, ProblemHttpResult>> PlanAsync(string code, MigrationPlanRequest? body, CaseMigrator migrator, IAuthorizationService authorization, ClaimsPrincipal user, CancellationToken ct)
    {
        if (Invalid(body) is { } bad)
        {
            return bad;
        }

        var mayExecute = (await authorization.AuthorizeAsync(user, ExecutePolicy)).Succeeded;
        return await Run(code, body!, async () => await migrator.PlanAsync(code, body!.From!.Value, body.To!.Value, Mapping(body.Mapping), Actor.Supervisor(Caller.From(user).UserId), ct) with
        {
            MayExecute = mayExecute,
            ExecuteRoles = Policies.Admitted[ExecutePolicy],
        });
    }

    internal static async Task<Results<Ok<MigrationRun>, ValidationProblem, ProblemHttpResult>> ExecuteAsync(string code, MigrationExecuteRequest? body, CaseMigrator migrator, ClaimsPrincipal user, CancellationToken ct)
    {
        if (Invalid(body is null ? null : new MigrationPlanRequest(body.From, body.To, body.Mapping)) is { } bad)
        {
            return bad;
        }

        if (body!.Cases is not { Count: > 0 } cases || cases.Any(c => string.IsNullOrWhiteSpace(c.CaseId) || c.Version < 1))
        {
            return Problems.Field("cases", "name at least one case, each with its caseId and the version it was planned on", "请选择要迁移的办件（每件带计划时的版本号）");
        }

        return await Run(code, new MigrationPlanRequest(body.From, body.To, body.Mapping), () =>
            migrator.ExecuteAsync(code, body.From!.Value, body.To!.Value, Mapping(body.Mapping), [.. cases.Select(c => new MigrationSelection(c.CaseId, c.Version))], Actor.Supervisor(Caller.From(user).UserId), cancellationToken: ct));
    }

    private static ValidationProblem? Invalid(MigrationPlanRequest? body)
    {
        var errors = new Dictionary<string, string[]>();
        if (body?.From is not > 0)
        {
            errors["from"] = ["the published version the cases run on (a number)"];
        }

        if (body?.To is not > 0)
        {
            errors["to"] = ["the published version to move them to (a number)"];
        }
        else if (body.From == body.To)
        {
            errors["to"] = ["must differ from 'from'"];
        }

        return errors.Count > 0 ? Problems.Fields(errors, "from and to name two published versions of the item") : null;
    }

    private static StateMappingFile Mapping(Dictionary<string, string>? mapping) =>
        mapping is null ? StateMappingFile.Empty : StateMappingFile.FromPairs(mapping, "mapping");

    private static async Task<Results<Ok<T>, ValidationProblem, ProblemHttpResult>> Run<T>(string code, MigrationPlanRequest body, Func<Task<T>> run)
    {
        try
        {
            return TypedResults.Ok(await run());
        }
        catch (DefinitionNotFoundException)
        {
            return Problems.NotFound($"'{code}' has no published version {body.From} or {body.To}", $"“{code}”没有第 {body.From} 版或第 {body.To} 版");
        }
        catch (MigrationMappingException e)
        {
            return Problems.Fields(e.Errors.GroupBy(x => x.Location).ToDictionary(g => g.Key, g => g.Select(x => $"{x.MessageEnglish} / {x.Message}").ToArray()),
                "the state mapping names states the versions do not have");
        }
    }
}

/// <summary>POST /api/definitions/{code}/migrations/plan: the two versions and the declared mapping (old state → new state).</summary>
public sealed record MigrationPlanRequest(int? From, int? To, Dictionary<string, string>? Mapping);

/// <summary>POST /api/definitions/{code}/migrations/execute: the plan's versions and mapping, and the chosen cases.</summary>
public sealed record MigrationExecuteRequest(int? From, int? To, Dictionary<string, string>? Mapping, List<MigrationSelection>? Cases);
