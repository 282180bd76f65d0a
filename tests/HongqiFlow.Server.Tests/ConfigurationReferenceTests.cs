using System.Reflection;
using System.Text.RegularExpressions;
using HongqiFlow.Cli.Commands;
using HongqiFlow.Server.Configuration;
using Microsoft.Extensions.Configuration;

namespace HongqiFlow.Server.Tests;

/// <summary>The configuration reference of docs/operations.md, the start-up checks of settings and <c>hongqi config check</c>.</summary>
public sealed partial class ConfigurationReferenceTests
{
    [Fact]
    public void EverySettingTheServerReads_HasARowInTheReferenceTable()
    {
        var rows = ReferenceRows();
        var missing = SettingsReference.Keys().Where(key => !rows.ContainsKey(Normal(key))).ToList();
        missing.ShouldBeEmpty($"add these settings to the configuration reference in docs/operations.md: {string.Join(", ", missing)}");
        foreach (var key in SettingsReference.Keys().Where(k => k.StartsWith("Hongqi:", StringComparison.Ordinal)))
        {
            rows[Normal(key)].ShouldBe(Normal(key).Replace(":", "__", StringComparison.Ordinal), $"the environment variable of {key}");
        }
    }

    [Fact]
    public void EveryOptionsClassBoundToASection_IsInTheReference()
    {
        // A class with `const string Section` is bound from configuration; a `const string …Setting` is a key read directly.
        var assemblies = new[] { typeof(ServerOptions).Assembly, typeof(Hosting.HongqiHostOptions).Assembly };
        var constants = assemblies.SelectMany(a => a.GetTypes())
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral && f.FieldType == typeof(string)).Select(f => (Type: t, Field: f)))
            .ToList();
        var sections = constants.Where(c => c.Field.Name == "Section").Select(c => (c.Type, Section: (string)c.Field.GetRawConstantValue()!)).ToList();
        sections.ShouldNotBeEmpty();
        foreach (var (type, section) in sections)
        {
            SettingsReference.Bound.ShouldContain(b => b.Type == type && b.Section == section, $"{type.Name} is bound to {section}: add it to SettingsReference.Bound");
        }

        foreach (var (type, field) in constants.Where(c => c.Field.Name.EndsWith("Setting", StringComparison.Ordinal)))
        {
            SettingsReference.Direct.ShouldContain(d => d.Key == (string)field.GetRawConstantValue()!, $"{type.Name}.{field.Name} is read from configuration: add it to SettingsReference.Direct");
        }
    }

    [Fact]
    public void ReferenceKeys_CoverNestedSectionsAndDictionaries()
    {
        var keys = SettingsReference.Keys();
        keys.ShouldContain("Hongqi:MaxBodyBytes");
        keys.ShouldContain("Hongqi:DataSharing:FetchTimeout");
        keys.ShouldContain("Hongqi:DataSharing:Sources:<id>:Headers:<name>");
        keys.ShouldContain("Hongqi:Targets:<indicator>:Direction");
        keys.ShouldContain("Hongqi:Telemetry:PrometheusHosts");
        keys.ShouldContain("Hongqi:Log:Format");
        keys.ShouldContain("Hongqi:Jwt:Key");
    }

    [Theory]
    [InlineData("Hongqi:MaxBodyBytes", "-5", "Hongqi:MaxBodyBytes (Hongqi__MaxBodyBytes) must be a positive number of bytes (got '-5')")]
    [InlineData("Hongqi:MaxBodyBytes", "lots", "Hongqi:MaxBodyBytes (Hongqi__MaxBodyBytes): 'lots' is not a whole number")]
    [InlineData("Hongqi:DeputyRefresh", "soon", "Hongqi:DeputyRefresh (Hongqi__DeputyRefresh): 'soon' is not a time span such as 00:00:30 (hh:mm:ss)")]
    [InlineData("Hongqi:DataSharing:Attempts", "0", "Hongqi:DataSharing:Attempts (Hongqi__DataSharing__Attempts) must be 1 or more (got '0')")]
    [InlineData("Hongqi:Targets:goodRatingRate:Direction", "up", "Hongqi:Targets:goodRatingRate:Direction (Hongqi__Targets__goodRatingRate__Direction) must be atLeast or atMost (got 'up')")]
    public void Load_WithABadValue_NamesTheSetting(string key, string value, string message)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new(key, value)]).Build();
        var problem = Should.Throw<InvalidSettingsException>(() => ServerSettings.Load(configuration));
        problem.Problems.ShouldBe([message]);
    }

    [Fact]
    public void Mask_HidesKeysPasswordsAndHeaders()
    {
        SettingsReference.Mask("Hongqi:Jwt:Key", "a-very-secret-signing-key-0123456789").ShouldBe("****");
        SettingsReference.Mask("Hongqi:VerificationKey", "x").ShouldBe("****");
        SettingsReference.Mask("Hongqi:DataSharing:Sources:pop:Headers:X-Api-Key", "abc").ShouldBe("****");
        SettingsReference.Mask("Hongqi:Store", "Host=db;Username=hongqi;Password=hunter2;Pooling=true").ShouldBe("Host=db;Username=hongqi;Password=****;Pooling=true");
        SettingsReference.Mask("Hongqi:Store", "Host=db; pwd = hunter2").ShouldBe("Host=db; pwd = ****");
        SettingsReference.Mask("Hongqi:Data", "/srv/data").ShouldBe("/srv/data");
    }

    [Fact]
    public void ConfigCheck_PrintsEverySettingWithItsSource_SecretsMasked()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = ConfigCommands.Check(
        [
            "--Hongqi:Jwt:Key=the-operators-signing-key-0123456789",
            "--Hongqi:Store=Host=db.internal;Username=hongqi;Password=hunter2",
            "--Hongqi:DataSharing:Sources:population.id-card:BaseUrl=https://exchange.example/",
            "--Hongqi:DataSharing:Sources:population.id-card:Headers:X-Api-Key=api-key-42",
            "--Hongqi:MaxBodyByts=5",
        ], output, error);

        var text = output.ToString();
        exit.ShouldBe(0, error.ToString());
        text.ShouldNotContain("the-operators-signing-key");
        text.ShouldNotContain("hunter2");
        text.ShouldNotContain("api-key-42");
        Row(text, "Hongqi:Jwt:Key").ShouldBe(("****", "command line"));
        Row(text, "Hongqi:Store").ShouldBe(("Host=db.internal;Username=hongqi;Password=****", "command line"));
        Row(text, "Hongqi:DataSharing:Sources:population.id-card:Headers:X-Api-Key").ShouldBe(("****", "command line"));
        Row(text, "Hongqi:MaxBodyBytes").ShouldBe(("1048576", "default"));
        Row(text, "Hongqi:DataSharing:FetchTimeout").ShouldBe(("00:01:00", "default"));
        text.ShouldContain("warning: Hongqi:MaxBodyByts (from command line) is not a setting the server reads");
        text.ShouldContain("config check: the configuration is valid");
    }

    [Fact]
    public void ConfigCheck_WithInvalidSettings_ListsEachAndExits78()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = ConfigCommands.Check(["--Hongqi:ProgressPermitsPerMinute=0", "--Hongqi:Log:Format=xml", "--Hongqi:Jwt:Key=short"], output, error);

        exit.ShouldBe(78);
        var lines = error.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        lines.ShouldContain("config check: Hongqi:ProgressPermitsPerMinute (Hongqi__ProgressPermitsPerMinute) must be 1 or more (got '0')");
        lines.ShouldContain("config check: Hongqi:Log:Format is 'xml'; use auto, text or json (Hongqi__Log__Format)");
        lines.ShouldContain(l => l.StartsWith("config check: Hongqi:Jwt:Key must be at least 32 bytes long", StringComparison.Ordinal));
        lines[^1].ShouldBe("config check: 3 invalid setting(s); hongqi serve would not start");
    }

    [Theory]
    [InlineData("Hongqi__MaxBodyBytes", "-5", "serve: invalid setting: Hongqi:MaxBodyBytes (Hongqi__MaxBodyBytes) must be a positive number of bytes (got '-5')")]
    [InlineData("Hongqi__DeputyRefresh", "soon", "serve: invalid setting: Hongqi:DeputyRefresh (Hongqi__DeputyRefresh): 'soon' is not a time span such as 00:00:30 (hh:mm:ss)")]
    [InlineData("Hongqi__Log__Format", "xml", "serve: invalid setting: Hongqi:Log:Format is 'xml'; use auto, text or json (Hongqi__Log__Format)")]
    public async Task Serve_WithABadSetting_SaysWhichAndExits78(string variable, string value, string message)
    {
        var data = Directory.CreateTempSubdirectory("hongqi-settings-").FullName;
        try
        {
            var start = ServeProcess.Cli(Repository.Root, "serve", "--data", data, "--urls", "http://127.0.0.1:0");
            start.Environment[variable] = value;
            using var process = System.Diagnostics.Process.Start(start)!;
            var errors = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEndAsync();
            using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
            {
                await process.WaitForExitAsync(timeout.Token);
            }

            var text = await errors;
            process.ExitCode.ShouldBe(78, text + await output);
            text.TrimEnd().ShouldBe(message);
            text.ShouldNotContain("   at ");
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    /// <summary>The reference table of docs/operations.md: setting (with &lt;…&gt; placeholders made alike) → its environment variable.</summary>
    private static Dictionary<string, string> ReferenceRows()
    {
        var text = File.ReadAllText(Repository.Path("docs", "operations.md"));
        var start = text.IndexOf("## Configuration reference", StringComparison.Ordinal);
        start.ShouldBeGreaterThanOrEqualTo(0, "docs/operations.md has a '## Configuration reference' section");
        var section = text[start..];
        var end = section.IndexOf("\n## ", 3, StringComparison.Ordinal);
        section = end > 0 ? section[..end] : section;
        var rows = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match row in ReferenceRow().Matches(section))
        {
            rows[Normal(row.Groups["key"].Value)] = Normal(row.Groups["env"].Value);
        }

        return rows;
    }

    private static string Normal(string key) => Placeholder().Replace(key, "<>");

    private static (string Value, string Source) Row(string output, string key)
    {
        var line = output.Split(Environment.NewLine).Single(l => l.TrimStart().StartsWith(key + " ", StringComparison.Ordinal));
        var match = Regex.Match(line.Trim(), @"^\S+\s+(?<value>.*?)\s+\[(?<source>[^\]]+)\]$");
        return (match.Groups["value"].Value, match.Groups["source"].Value);
    }

    [GeneratedRegex(@"^\| `(?<key>[^`]+)` \| `(?<env>[^`]+)` \|", RegexOptions.Multiline)]
    private static partial Regex ReferenceRow();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Placeholder();
}
