using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NJsonSchema;

namespace HongqiFlow.Server.Tests;

/// <summary>
/// The server's own OpenAPI document as a checker of answers: finds the operation a request hit, and says what in an
/// answer the document does not declare (the status, the media type, a JSON body that does not match the schema).
/// Component schemas are checked with NJsonSchema (their <c>#/components/schemas/</c> references read as definitions).
/// </summary>
internal sealed class OpenApiContract
{
    private readonly JsonObject _document;
    private readonly string _definitions;
    private readonly List<(string Method, string Template, Regex Pattern, JsonObject Operation)> _operations = [];
    private readonly Dictionary<string, JsonSchema> _schemas = new(StringComparer.Ordinal);

    private OpenApiContract(JsonObject document)
    {
        _document = document;
        _definitions = (document["components"]?["schemas"]?.ToJsonString() ?? "{}").Replace("#/components/schemas/", "#/definitions/", StringComparison.Ordinal);
        foreach (var (template, item) in document["paths"]!.AsObject())
        {
            var pattern = new Regex("^" + Regex.Replace(Regex.Escape(template), @"\\\{[^}]+}", "[^/]+") + "$");
            foreach (var (method, operation) in item!.AsObject())
            {
                _operations.Add((method.ToUpperInvariant(), template, pattern, operation!.AsObject()));
            }
        }
    }

    public JsonObject Document => _document;

    /// <summary>Every operation of the document: method, path template, the operation.</summary>
    public IEnumerable<(string Method, string Template, JsonObject Operation)> Operations => _operations.Select(o => (o.Method, o.Template, o.Operation));

    public static async Task<OpenApiContract> LoadAsync(HttpClient client)
    {
        var response = await client.GetAsync("/openapi/v1.json");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return new OpenApiContract(JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
    }

    /// <summary>The operation <paramref name="method"/> <paramref name="path"/> hits (literal segments before parameters), or null.</summary>
    public (string Method, string Template, JsonObject Operation)? Find(string method, string path)
    {
        var candidates = _operations.Where(o => o.Method == method && o.Pattern.IsMatch(path))
            .OrderBy(o => o.Template.Count(c => c == '{')).ToList();
        return candidates.Count == 0 ? null : (candidates[0].Method, candidates[0].Template, candidates[0].Operation);
    }

    /// <summary>What in the answer the document does not declare; empty when it conforms.</summary>
    public async Task<IReadOnlyList<string>> ViolationsAsync(string method, string path, HttpResponseMessage response)
    {
        var where = $"{method} {path} → {(int)response.StatusCode}";
        if (Find(method, path) is not { } found)
        {
            return [$"{where}: no operation in the document"];
        }

        var status = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var responses = found.Operation["responses"]!.AsObject();
        if ((responses[status] ?? responses["default"]) is not JsonObject declared)
        {
            return [$"{where}: status not declared for {found.Method} {found.Template} (declared: {string.Join(", ", responses.Select(r => r.Key))})"];
        }

        var body = await response.Content.ReadAsStringAsync();
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        var content = declared["content"] as JsonObject;
        if (body.Length == 0)
        {
            return content is { Count: > 0 } ? [$"{where}: an empty body, but the document declares {string.Join(", ", content.Select(c => c.Key))}"] : [];
        }

        if (content is null || mediaType is null || content[mediaType] is not JsonObject media)
        {
            return [$"{where}: media type '{mediaType}' not declared (declared: {string.Join(", ", content?.Select(c => c.Key) ?? [])})"];
        }

        if (!mediaType.EndsWith("json", StringComparison.Ordinal) || media["schema"] is not JsonNode schema)
        {
            return [];
        }

        var errors = (await SchemaAsync(schema)).Validate(body);
        return [.. errors.Select(e => $"{where}: body does not match the {found.Template} {status} schema at {e.Path}: {e.Kind} ({Trim(body)})")];
    }

    private async Task<JsonSchema> SchemaAsync(JsonNode schema)
    {
        var text = schema.ToJsonString().Replace("#/components/schemas/", "#/definitions/", StringComparison.Ordinal);
        if (!_schemas.TryGetValue(text, out var parsed))
        {
            parsed = await JsonSchema.FromJsonAsync($$"""{"definitions":{{_definitions}},"allOf":[{{text}}]}""");
            _schemas[text] = parsed;
        }

        return parsed;
    }

    private static string Trim(string body) => body.Length > 400 ? body[..400] + "…" : body;
}
