using System.Text.Json;
using System.Text.Json.Nodes;

namespace HongqiFlow.Server.Tests;

/// <summary>
/// The web app's API types are generated from designer/src/api/openapi.json, the document the server serves at
/// /openapi/v1.json, checked in. This test fails when the two differ (an endpoint or a response type changed and the
/// checked-in document, hence the web types, did not follow). <c>scripts/openapi</c> rewrites the file (it runs this
/// test with <see cref="UpdateVariable"/> set) and regenerates designer/src/api/schema.d.ts from it.
/// </summary>
public sealed class OpenApiDocumentTests
{
    /// <summary>Set to 1 to write the served document over the checked-in one instead of comparing them.</summary>
    public const string UpdateVariable = "HONGQI_UPDATE_OPENAPI";

    public static readonly string CheckedIn = Repository.Path("designer", "src", "api", "openapi.json");

    [Fact]
    public async Task CheckedInDocument_IsWhatTheServerServes()
    {
        string served;
        using (var server = new ServerFixture())
        {
            served = Normalize(await server.As(null).GetStringAsync("/openapi/v1.json"));
        }

        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            await File.WriteAllTextAsync(CheckedIn, served);
            return;
        }

        File.Exists(CheckedIn).ShouldBeTrue($"{CheckedIn} is missing: run scripts/openapi to write it and the web app's types");
        var checkedIn = Normalize(await File.ReadAllTextAsync(CheckedIn));
        if (checkedIn != served)
        {
            var (line, expected, actual) = FirstDifference(checkedIn, served);
            checkedIn.ShouldBe(served,
                $"designer/src/api/openapi.json is stale: the server serves another document (first difference at line {line}: checked in '{expected}', served '{actual}'). " +
                "Run scripts/openapi to rewrite it and regenerate designer/src/api/schema.d.ts, then commit both.");
        }
    }

    [Fact]
    public void Normalize_IgnoresIndentationAndLineEndings_NotContent()
    {
        Normalize("{\"a\":1,\r\n \"b\":[2]}").ShouldBe(Normalize("{\n  \"a\": 1,\n  \"b\": [ 2 ]\n}"));
        Normalize("{\"a\":1}").ShouldNotBe(Normalize("{\"a\":2}"));
    }

    /// <summary>The document as indented JSON with LF line ends and a final newline: the checked-in form.</summary>
    internal static string Normalize(string json) =>
        JsonNode.Parse(json)!.ToJsonString(new JsonSerializerOptions
        {
            WriteIndented = true,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }).ReplaceLineEndings("\n") + "\n";

    private static (int Line, string Expected, string Actual) FirstDifference(string expected, string actual)
    {
        var a = expected.Split('\n');
        var b = actual.Split('\n');
        for (var i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            var left = i < a.Length ? a[i].Trim() : "(end)";
            var right = i < b.Length ? b[i].Trim() : "(end)";
            if (left != right)
            {
                return (i + 1, left, right);
            }
        }

        return (0, string.Empty, string.Empty);
    }
}
