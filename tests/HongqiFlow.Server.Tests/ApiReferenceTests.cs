using System.Net;
using System.Text.RegularExpressions;

namespace HongqiFlow.Server.Tests;

/// <summary>
/// /api-docs is Scalar's reference page, served whole by the server: the page, its script and the document come from
/// here, nothing from a CDN (the server often runs where the internet is not reachable).
/// </summary>
public sealed partial class ApiReferenceTests
{
    [Fact]
    public async Task ApiDocs_IsScalarsPage_WithItsScriptAndDocumentFromThisServer()
    {
        using var server = new ServerFixture();
        var anonymous = server.As(null);

        var response = await anonymous.GetAsync("/api-docs");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        var page = await response.Content.ReadAsStringAsync();

        // Scalar's page lives under /api-docs/ (it redirects there) and loads the document from the server's root.
        response.RequestMessage!.RequestUri!.AbsolutePath.ShouldBe("/api-docs/");
        page.ShouldContain("\"url\":\"openapi/v1.json\"");
        page.ShouldContain("'%2Fapi-docs%2F'");
        var scripts = ScriptSource().Matches(page).Select(m => m.Groups["src"].Value).ToList();
        scripts.ShouldBe(["scalar.js", "scalar.aspnetcore.js"], ignoreOrder: true);
        foreach (var script in scripts)
        {
            script.ShouldNotContain("//", customMessage: $"the page loads {script} from elsewhere");
            var asset = await anonymous.GetAsync(new Uri(response.RequestMessage!.RequestUri!, script));
            asset.StatusCode.ShouldBe(HttpStatusCode.OK, $"{script} is not served");
            (await asset.Content.ReadAsByteArrayAsync()).Length.ShouldBeGreaterThan(1_000);
        }

        ExternalUrl().Matches(page).Select(m => m.Value).ShouldBeEmpty();
        (await anonymous.GetAsync("/openapi/v1.json")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [GeneratedRegex("<script[^>]*\\bsrc=\"(?<src>[^\"]+)\"", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptSource();

    /// <summary>An absolute http(s) URL the page itself would fetch (a script, a stylesheet, a font, a proxy).</summary>
    [GeneratedRegex("https?://[^\"'\\s)]+", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalUrl();
}
