using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace HongqiFlow.Server.Http;

/// <summary>
/// The document-wide parts of the contract: the bearer scheme, the problem schema every 4xx answer uses, which
/// fields are required, the tags' descriptions, and the server as <c>/</c> (the document is served by the server it
/// describes, so paths are relative to it).
/// <para>
/// Required fields. The generator lists every constructor parameter as required. A response leaves out null values
/// (<see cref="ServerJson"/>), so a response field is required exactly when it cannot be null. A request field is
/// required only where the handler refuses the request without it (<see cref="RequiredRequestFields"/>); every other
/// request field may be left out.
/// </para>
/// </summary>
public sealed class ApiContractDocument : IOpenApiDocumentTransformer
{
    public const string BearerScheme = "bearer";

    public const string ProblemSchema = "ProblemDetails";

    /// <summary>The request types (and the objects inside them), with the fields their handler cannot do without.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> RequiredRequestFields = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["StartCaseRequest"] = ["item", "applicant"],
        ["StartCaseApplicant"] = ["name"],
        ["SendEventRequest"] = ["event"],
        ["RateRequest"] = ["code", "level"],
        ["TicketNote"] = ["note"],
        ["TicketVerification"] = ["result", "note"],
        ["CertificateRequest"] = ["material", "type", "identifier", "issuer", "trust"],
        ["CreateDefinitionRequest"] = ["code"],
        ["ValidateRequest"] = ["yaml"],
        ["SaveDraftRequest"] = ["yaml"],
        ["SimulateRequest"] = ["yaml"],
        ["SimulateCase"] = [],
        ["SimulateStep"] = [],
        ["ExportRequest"] = [],
        ["ImportRequest"] = [],
        ["ImportFile"] = ["name", "yaml"],
        ["IssueTokenRequest"] = ["user", "roles"],
    };

    /// <summary>
    /// Response fields written as strings from a closed set (the handler formats an enum or picks a literal): the
    /// document lists the values, so clients get the literal types and the contract test refuses any other value.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string[]> EnumeratedFields = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["WorkTask.warning"] = ["none", "yellow", "red"],
        ["WorkTask.caseWarning"] = ["none", "yellow", "red"],
        ["WarnedCase.level"] = ["yellow", "red"],
        ["WarnedCase.status"] = ["running", "finished"],
        ["ChangeView.kind"] = ["added", "removed", "changed"],
        ["DefinitionDocument.source"] = ["draft", "version"],
        ["PersonalTask.view"] = ["pool", "mine", "done", "copied", "delegated"],
        ["PersonalWorklistPage.view"] = ["pool", "mine", "done", "copied", "delegated"],
        ["PersonalTask.warning"] = ["none", "yellow", "red"],
        ["PersonalTask.caseWarning"] = ["none", "yellow", "red"],
        ["TaskView.signing"] = ["single", "all", "any", "sequential", "vote"],
        ["CaseSearchResult.matchedBy"] = ["receipt", "idNumber", "name"],
        ["CaseSearchHit.status"] = ["running", "finished"],
        ["RatingView.stage"] = ["accepted", "finished"],
        ["RatingView.channel"] = ["window", "online", "app", "kiosk", "sms", "hotline"],
        ["CertificateView.trust"] = ["signed", "library", "presented"],
        ["Ticket.verification"] = ["confirmed", "unfounded"],
        ["OperationView.operation"] = [.. Storage.OperationKinds.All],
        ["OperationView.result"] = [.. Storage.OperationResults.All],
    };

    /// <summary>Response maps whose values may be null (the generator cannot see the nullable value type of a dictionary).</summary>
    public static readonly IReadOnlyList<string> NullableValueMaps = ["EventView.data"];

    private static readonly Dictionary<string, string> TagDescriptions = new(StringComparer.Ordinal)
    {
        ["cases"] = "Cases (办件): start at the window or online, read, send events, history, printable documents.",
        ["worklist"] = "A department's tasks (待办), most urgent first.",
        ["people"] = "People and personal tasks: the directory of positions and people, who I am and my deputy (代理), my worklists (待签收, 我的待办, 已办, 抄送我的, 我委派的).",
        ["progress"] = "The applicant's progress page (办件进度) and rating (好差评): anonymous, by receipt number and verification code, rate limited.",
        ["supervision"] = "Supervision (效能监察): indicators, warnings, bad-rating tickets.",
        ["audit"] = "The operations audit (安全审计, GB/T 22239-2019): an append-only SM3 chain of operations that are not case events, for the auditor (审计管理员) alone.",
        ["security"] = "The security administrator's (安全管理员) work: issuing bearer tokens with roles (三员管理: one separated administrator role per token).",
        ["definitions"] = "Item definitions (事项): catalog, drafts, validation, simulation, versions, calendars, organization.",
    };

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        document.Info.Title = "HongqiFlow API";
        document.Info.Description =
            "The HTTP API of HongqiFlow (红旗流程). Every operation but the progress page needs a bearer token (JWT) whose roles permit it; " +
            "every error is `application/problem+json` (RFC 9457) with an English `detail` and, where people read it, a Chinese `reason`.";
        document.Servers = [new OpenApiServer { Url = "/", Description = "the server that serves this document" }];
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "A token from `hongqi token` (HS256, signed with Hongqi:Jwt:Key); its `roles` claim holds window, department:<id>, supervisor, author, admin.",
        };

        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas[ProblemSchema] = Problem();

        // A ValidationProblem result declares its own schema for 400; every problem answer is described by ProblemDetails.
        document.Components.Schemas.Remove("HttpValidationProblemDetails");
        foreach (var (name, schema) in document.Components.Schemas)
        {
            if (name != ProblemSchema && schema is OpenApiSchema { Properties.Count: > 0 } concrete)
            {
                concrete.Required = RequiredRequestFields.TryGetValue(name, out var fields)
                    ? new HashSet<string>(fields, StringComparer.Ordinal)
                    : new HashSet<string>(concrete.Properties.Where(p => !AllowsNull(p.Value)).Select(p => p.Key), StringComparer.Ordinal);
            }
        }

        foreach (var (field, values) in EnumeratedFields)
        {
            if (Property(document, field) is { } concrete)
            {
                concrete.Enum = [.. values.Select(v => (System.Text.Json.Nodes.JsonNode)System.Text.Json.Nodes.JsonValue.Create(v))];
            }
            else
            {
                throw new InvalidOperationException($"ApiContractDocument.EnumeratedFields names {field}, which the document does not have");
            }
        }

        foreach (var field in NullableValueMaps)
        {
            if (Property(document, field) is { AdditionalProperties: OpenApiSchema { Type: { } valueType } values })
            {
                values.Type = valueType | JsonSchemaType.Null;
            }
            else
            {
                throw new InvalidOperationException($"ApiContractDocument.NullableValueMaps names {field}, which is not a map in the document");
            }
        }

        document.Tags ??= new HashSet<OpenApiTag>();
        foreach (var tag in document.Tags)
        {
            if (tag.Name is { } tagName && TagDescriptions.TryGetValue(tagName, out var description))
            {
                tag.Description = description;
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>The schema of <c>Type.property</c> among the document's components, or null.</summary>
    private static OpenApiSchema? Property(OpenApiDocument document, string field)
    {
        var dot = field.IndexOf('.', StringComparison.Ordinal);
        return document.Components?.Schemas?.TryGetValue(field[..dot], out var owner) == true && owner is OpenApiSchema { Properties: { } properties }
            && properties.TryGetValue(field[(dot + 1)..], out var schema) ? schema as OpenApiSchema : null;
    }

    private static bool AllowsNull(IOpenApiSchema schema) =>
        schema is OpenApiSchema concrete && (
            (concrete.Type is { } type && type.HasFlag(JsonSchemaType.Null))
            || (concrete.OneOf?.Any(s => s is OpenApiSchema { Type: JsonSchemaType.Null }) ?? false)
            || (concrete.AnyOf?.Any(s => s is OpenApiSchema { Type: JsonSchemaType.Null }) ?? false));

    /// <summary>RFC 9457 problem details with the members this API adds; other members may appear.</summary>
    private static OpenApiSchema Problem()
    {
        static OpenApiSchema Text(string description) => new() { Type = JsonSchemaType.String, Description = description };
        return new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "A problem (RFC 9457). `detail` says what went wrong in English; `reason`, where present, in Chinese for the person who reads it.",
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["type"] = Text("A URI that identifies the kind of problem."),
                ["title"] = Text("A short summary of the kind of problem."),
                ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Description = "The HTTP status." },
                ["detail"] = Text("What went wrong, in English."),
                ["instance"] = Text("The request that went wrong."),
                ["traceId"] = Text("The request's trace id, for the server log."),
                ["reason"] = Text("What went wrong, in Chinese (中文说明)."),
                ["code"] = Text("A stable code: the engine's rejection code, or `case-integrity`."),
                ["errors"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Description = "For 400: each refused field (a JSON path; `$` for the whole body) with its reasons.",
                    AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
                },
                ["permitted"] = new OpenApiSchema { Type = JsonSchemaType.Array, Description = "For a refused event: the events the caller may send now.", Items = new OpenApiSchema { Type = JsonSchemaType.Object } },
                ["retryAfter"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "date-time", Description = "For 429: when the receipt may be tried again." },
            },
            Required = new HashSet<string>(["status", "title"], StringComparer.Ordinal),
        };
    }
}
