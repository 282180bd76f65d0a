using System.Text.RegularExpressions;
using HongqiFlow.Definitions.Parsing;
using HongqiFlow.Definitions.Schema;
using NJsonSchema;
using NJsonSchema.Validation;

namespace HongqiFlow.Tests.Parsing;

public sealed partial class SchemaTests
{
    private static string ReadDefinitionAsJson(string yaml) =>
        new DefinitionReader().ReadAsJson(yaml, "item.yaml").ShouldNotBeNull();

    [Fact]
    public void Generate_CheckedInItemSchema_IsUpToDate()
    {
        var checkedIn = File.ReadAllText(Definitions.Path("engine/schema/hongqiflow.schema.json"));

        checkedIn.ShouldBe(SchemaGenerator.Generate(), "engine/schema/hongqiflow.schema.json is stale; run `hongqi schema > engine/schema/hongqiflow.schema.json`");
    }

    [Fact]
    public void GenerateOrganization_CheckedInOrganizationSchema_IsUpToDate()
    {
        var checkedIn = File.ReadAllText(Definitions.Path("engine/schema/hongqiflow.organization.schema.json"));

        checkedIn.ShouldBe(SchemaGenerator.GenerateOrganization(), "engine/schema/hongqiflow.organization.schema.json is stale; run `hongqi schema --organization > engine/schema/hongqiflow.organization.schema.json`");
    }

    [Fact]
    public async Task Generate_ReferenceDefinition_ValidatesWithoutErrors()
    {
        var schema = await JsonSchema.FromJsonAsync(SchemaGenerator.Generate());
        var json = ReadDefinitionAsJson(File.ReadAllText(Definitions.Path("definitions/enterprise-establishment.yaml")));

        var errors = schema.Validate(json);

        errors.ShouldBeEmpty(string.Join("\n", errors.Select(e => $"{e.Path}: {e.Kind}")));
    }

    [Fact]
    public async Task GenerateOrganization_ReferenceDirectory_ValidatesWithoutErrors()
    {
        var schema = await JsonSchema.FromJsonAsync(SchemaGenerator.GenerateOrganization());
        var json = ReadDefinitionAsJson(File.ReadAllText(Definitions.Path("definitions/organization.yaml")));

        var errors = schema.Validate(json);

        errors.ShouldBeEmpty(string.Join("\n", errors.Select(e => $"{e.Path}: {e.Kind}")));
    }

    [Fact]
    public async Task Generate_UnknownKeyInAState_IsRejected()
    {
        var schema = await JsonSchema.FromJsonAsync(SchemaGenerator.Generate());
        var json = ReadDefinitionAsJson(Yaml.Minimal.Replace("{ final: true }", "{ final: true, tittle: 完成 }", StringComparison.Ordinal));

        var errors = schema.Validate(json);

        Flatten(errors).Select(e => (e.Kind, e.Path)).ShouldContain((ValidationErrorKind.NoAdditionalPropertiesAllowed, "#/states.b.tittle"));
    }

    [Theory]
    [InlineData("{ final: true, limit: P1D }")]
    [InlineData("{ final: true, clock: paused }")]
    [InlineData("{ final: true, after: { soon: a } }")]
    [InlineData("{ final: true, on: { go: { to: a, when: { python: x } } } }")]
    [InlineData("{ final: true, parallel: { join: most, branches: {} } }")]
    public async Task Generate_MalformedState_IsRejected(string state)
    {
        var schema = await JsonSchema.FromJsonAsync(SchemaGenerator.Generate());
        var json = ReadDefinitionAsJson(Yaml.Minimal.Replace("{ final: true }", state, StringComparison.Ordinal));

        schema.Validate(json).ShouldNotBeEmpty();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Generate_EveryProperty_HasAChineseAndEnglishDescription(bool organization)
    {
        var schema = await JsonSchema.FromJsonAsync(organization ? SchemaGenerator.GenerateOrganization() : SchemaGenerator.Generate());
        var checkedCount = 0;
        var missing = new List<string>();
        foreach (var (name, definition) in schema.Definitions.Append(new("(root)", schema)))
        {
            foreach (var (key, property) in definition.Properties)
            {
                checkedCount++;
                var description = property.Description ?? string.Empty;
                if (!BilingualPattern().IsMatch(description))
                {
                    missing.Add($"{name}.{key}");
                }
            }
        }

        checkedCount.ShouldBeGreaterThan(organization ? 6 : 80);
        missing.ShouldBeEmpty();
    }

    /// <summary>Chinese, then "/ ", then English.</summary>
    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}.*/ .*[A-Za-z]{3}")]
    private static partial Regex BilingualPattern();

    private static IEnumerable<ValidationError> Flatten(IEnumerable<ValidationError> errors) =>
        errors.SelectMany(e => e is ChildSchemaValidationError child ? [e, .. Flatten(child.Errors.SelectMany(c => c.Value))] : new[] { e });
}
