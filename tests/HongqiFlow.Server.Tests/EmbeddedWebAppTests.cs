using HongqiFlow.Server.Web;

namespace HongqiFlow.Server.Tests;

/// <summary>The web app carried as resources <c>web/…</c> (a release build); this test assembly embeds a two-file one.</summary>
public sealed class EmbeddedWebAppTests
{
    [Fact]
    public void Find_ServesTheEmbeddedFiles_ByPath()
    {
        var web = EmbeddedWebApp.Find(typeof(EmbeddedWebAppTests).Assembly).ShouldNotBeNull();
        web.Count.ShouldBe(2);
        var index = web.GetFileInfo("/index.html");
        index.Exists.ShouldBeTrue();
        using (var reader = new StreamReader(index.CreateReadStream()))
        {
            reader.ReadToEnd().ShouldContain("<div id=\"root\"></div>");
        }

        web.GetFileInfo("assets/app.js").Length.ShouldBeGreaterThan(0);
        web.GetFileInfo("/assets/missing.js").Exists.ShouldBeFalse();
        web.GetDirectoryContents("/").Select(f => f.Name).ShouldBe(["index.html"]);
        web.GetDirectoryContents("/assets").Select(f => f.Name).ShouldBe(["app.js"]);
        web.GetDirectoryContents("/nowhere").Exists.ShouldBeFalse();
    }

    [Fact]
    public void Find_WithoutAnEmbeddedApp_IsNull_AndTheServerFallsBackToDisk() =>
        EmbeddedWebApp.Find(typeof(Hosting.HongqiHostOptions).Assembly).ShouldBeNull();
}
