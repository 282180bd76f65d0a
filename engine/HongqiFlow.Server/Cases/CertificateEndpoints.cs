using System.Security.Claims;
using System.Text.Json;
using HongqiFlow.Runtime;
using HongqiFlow.Server.Http;
using HongqiFlow.Server.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace HongqiFlow.Server.Cases;

/// <summary>POST /api/cases/{id}/certificates: the window enters an e-certificate (电子证照) that stands in for a material.</summary>
public sealed record CertificateRequest(string? Material, string? Type, string? Name, string? Identifier, string? Issuer, string? Trust, string? IdempotencyKey);

/// <summary>
/// 电子证照 at the window: the reference is checked field by field here (so a typing error is a located 400), then sent
/// as the <c>certificate</c> event, where the engine checks it against what the material accepts.
/// </summary>
public static class CertificateEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/api/cases/{id}/certificates", EnterAsync).WithTags("cases").RequireAuthorization(Policies.Intake)
            .WithSummary("enter an e-certificate (电子证照) for a material: type, identifier (GB/T 36904 structure), issuer, trust level; 409 when the material does not accept the type")
            .WithName("enterCertificate").Problems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity, StatusCodes.Status503ServiceUnavailable);
    }

    internal static async Task<Results<Ok<SendEventResponse>, ValidationProblem, ProblemHttpResult>> EnterAsync(
        string id, CertificateRequest? body, [FromHeader(Name = CaseEndpoints.IdempotencyHeader)] string? idempotencyKey, CaseDesk desk, Receipts receipts, ClaimsPrincipal user, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        void Required(string field, string? value, string what)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                errors[field] = [$"required: {what}"];
            }
        }

        Required("material", body?.Material, "the material the certificate stands in for");
        Required("type", body?.Type, "the certificate-type code (证照类型代码)");
        Required("identifier", body?.Identifier, "the certificate identifier (证照标识)");
        Required("issuer", body?.Issuer, "the issuing department (颁发机构)");
        Required("trust", body?.Trust, $"the trust level: {string.Join(", ", CertificateTrust.All)}");
        FieldLimits.Text(errors, "material", body?.Material, FieldLimits.Code);
        FieldLimits.Text(errors, "type", body?.Type, FieldLimits.Code);
        FieldLimits.Text(errors, "name", body?.Name, FieldLimits.Name);
        FieldLimits.Text(errors, "identifier", body?.Identifier, FieldLimits.Name);
        FieldLimits.Text(errors, "issuer", body?.Issuer, FieldLimits.Name);
        if (body?.Type is { Length: > 0 } type && !errors.ContainsKey("type") && !CertificateIdentifier.IsTypeCode(type))
        {
            errors["type"] = ["not a certificate-type code: 18 characters of a unified social credit code with a correct check character, then 3 digits"];
        }

        if (body?.Identifier is { Length: > 0 } identifier && !errors.ContainsKey("identifier")
            && !CertificateIdentifier.TryParse(identifier.Trim(), out _, out var problem))
        {
            errors["identifier"] = [CertificateIdentifier.Explain(problem, identifier).English];
        }

        if (body?.Trust is { Length: > 0 } trust && !CertificateTrust.IsKnown(trust))
        {
            errors["trust"] = [$"one of {string.Join(", ", CertificateTrust.All)}"];
        }

        if (errors.Count > 0)
        {
            return Problems.Fields(errors);
        }

        var payload = new Dictionary<string, JsonElement>(StringComparer.Ordinal)
        {
            ["material"] = JsonSerializer.SerializeToElement(body!.Material!.Trim()),
            ["type"] = JsonSerializer.SerializeToElement(body.Type!.Trim()),
            ["identifier"] = JsonSerializer.SerializeToElement(body.Identifier!.Trim()),
            ["issuer"] = JsonSerializer.SerializeToElement(body.Issuer!.Trim()),
            ["trust"] = JsonSerializer.SerializeToElement(body.Trust),
        };
        if (!string.IsNullOrWhiteSpace(body.Name))
        {
            payload["name"] = JsonSerializer.SerializeToElement(body.Name.Trim());
        }

        var request = new SendEventRequest(BuiltInEvents.Certificate, null, payload, "window", body.IdempotencyKey);
        return await CaseEndpoints.SendAsync(id, request, idempotencyKey, desk, receipts, user, ct);
    }
}
