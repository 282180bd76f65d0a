using System.Net;

namespace HongqiFlow.Server.Tests;

public sealed class WebAppServer : IDisposable
{
    public WebAppServer()
    {
        Directory.CreateDirectory(Path.Combine(Folder, "assets"));
        File.WriteAllText(Path.Combine(Folder, "index.html"), "<!doctype html><title>红旗流</title><div id=root></div>");
        File.WriteAllText(Path.Combine(Folder, "assets", "app.js"), "console.log('app');");
        Server = new ServerFixture { Web = Folder };
    }

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "hongqi-web-" + Guid.NewGuid().ToString("N"));

    public ServerFixture Server { get; }

    public void Dispose()
    {
        Server.Dispose();
        Directory.Delete(Folder, recursive: true);
    }
}

/// <summary>The built web app is served at the same address: files, the client-side routes, and never over the API.</summary>
public sealed class WebAppTests(WebAppServer web) : IClassFixture<WebAppServer>
{
    [Theory]
    [InlineData("/", "<title>红旗流</title>")]
    [InlineData("/designer/QYKB-0001", "<title>红旗流</title>")]
    [InlineData("/assets/app.js", "console.log('app');")]
    public async Task Get_ServesTheWebAppAnonymously(string path, string expected)
    {
        var response = await web.Server.As(null).GetAsync(path);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain(expected);
    }

    [Theory]
    [InlineData("/api/definitions", HttpStatusCode.Unauthorized)]
    [InlineData("/api/no-such-thing", HttpStatusCode.NotFound)]
    [InlineData("/api", HttpStatusCode.NotFound)]
    [InlineData("/health/nothing", HttpStatusCode.NotFound)]
    public async Task ApiRoutes_AreNotAnsweredByTheWebApp(string path, HttpStatusCode expected) =>
        (await web.Server.As("window").GetAsync(path)).StatusCode.ShouldBe(path == "/api/definitions" ? HttpStatusCode.OK : expected);

    [Fact]
    public async Task Health_IsTheLivenessCheck_NotTheWebApp()
    {
        var response = await web.Server.As(null).GetAsync("/health");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        (await response.Content.ReadAsStringAsync()).ShouldNotContain("<title>");
    }
}
