using System.Text.Json;
using HongqiFlow.Tests.Time;

namespace HongqiFlow.Tests.Cli;

/// <summary><c>hongqi validate</c> for an item written outside the catalog folder: which organization it is checked against.</summary>
public sealed class ValidateCatalogOptionTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static readonly string Catalog = Repository.Path("definitions");

    private string Outside(string replace = "", string with = "")
    {
        var text = File.ReadAllText(Path.Combine(Catalog, "residence-permit.yaml"));
        return _folder.Write("residence-permit.yaml", replace.Length == 0 ? text : text.Replace(replace, with, StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_OutsideAnyCatalog_SaysNoOrganizationWasFound_InsteadOfListingEveryDepartment()
    {
        var file = Outside();

        var (exit, output, _) = Hongqi.Run("validate", file);

        exit.ShouldBe(0);
        output.ShouldStartWith($"no organization found: there is no organization.yaml at or above the folder of {file} (nor in a definitions/ beside one), "
            + "so departments, data sources, shared templates and calendars are not checked; give one with --catalog DIR");
        output.ShouldNotContain("HQ2030");
        output.ShouldNotContain("HQ2034");
        output.ShouldNotContain("HQ2036");
        output.ShouldEndWith("1 file(s) checked: 0 error(s), 0 warning(s)" + Environment.NewLine);
    }

    [Fact]
    public void Validate_OutsideAnyCatalog_InChinese_SaysHowToGiveOne()
    {
        var (_, output, _) = Hongqi.Run("validate", Outside(), "--lang", "zh");

        output.ShouldStartWith("未找到组织目录：");
        output.ShouldContain("用 --catalog DIR 指定事项目录");
    }

    [Fact]
    public void Validate_WithCatalog_ChecksAgainstItsOrganizationAndSaysWhichOne()
    {
        var file = Outside("department: public-security", "department: public-securty");

        var (exit, output, _) = Hongqi.Run("validate", file, "--catalog", Catalog);

        exit.ShouldBe(1);
        output.ShouldStartWith($"organization: {Path.Combine(Catalog, "organization.yaml")} (12 departments, ");
        output.ShouldContain("calendars: cn-mainland)");
        output.ShouldContain("error HQ2030: state 'review' names department 'public-securty', which is not in organization.yaml");
        output.ShouldContain("did you mean 'public-security'?");
    }

    [Fact]
    public void Validate_WithCatalog_ChecksTheCalendarToo()
    {
        var file = Outside("calendar: cn-mainland", "calendar: cn-mainlnd");

        var (exit, output, _) = Hongqi.Run("validate", file, "--catalog", Catalog);

        exit.ShouldBe(1);
        output.ShouldContain("error HQ2033: calendar 'cn-mainlnd' does not exist under definitions/calendars");
    }

    [Fact]
    public void Validate_WithCatalogAsTheRepositoryOrTheOrganizationFile_FindsTheSameOrganization()
    {
        var file = Outside();

        foreach (var given in new[] { Repository.Path(), Path.Combine(Catalog, "organization.yaml") })
        {
            var (exit, output, _) = Hongqi.Run("validate", file, "--catalog", given);

            exit.ShouldBe(0, output);
            output.ShouldStartWith($"organization: {Path.Combine(Catalog, "organization.yaml")} ");
        }
    }

    [Fact]
    public void Validate_WithCatalogWithoutOrganization_IsAClearError()
    {
        var (exit, _, error) = Hongqi.Run("validate", Outside(), "--catalog", _folder.Path);

        exit.ShouldBe(1);
        error.ShouldBe($"error: --catalog {_folder.Path}: no organization.yaml there (nor in {Path.Combine(_folder.Path, "definitions")}); name the folder that holds it" + Environment.NewLine);
    }

    [Fact]
    public void Validate_Json_NamesTheOrganizationOfEachFile()
    {
        var file = Outside();

        var (_, withCatalog, _) = Hongqi.Run("validate", file, "--catalog", Catalog, "--format", "json");
        var (_, without, _) = Hongqi.Run("validate", file, "--format", "json");

        JsonDocument.Parse(withCatalog).RootElement.GetProperty("files")[0].GetProperty("organization").GetString()
            .ShouldBe(Path.Combine(Catalog, "organization.yaml"));
        JsonDocument.Parse(without).RootElement.GetProperty("files")[0].GetProperty("organization").ValueKind.ShouldBe(JsonValueKind.Null);
    }
}
