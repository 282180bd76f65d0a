using HongqiFlow.Definitions.Model;
using HongqiFlow.Definitions.Parsing;
using HongqiFlow.Expressions;
using HongqiFlow.Runtime;
using HongqiFlow.Time;

namespace HongqiFlow.Tests.Runtime.Support;

/// <summary>The real catalog: definitions/*.yaml read by the parser, the cn-mainland calendar, guards on Jint.</summary>
internal static class ReferenceCatalog
{
    private static readonly Lazy<CalendarRegistry> Calendars = new(() => CalendarRegistry.LoadFolder(Parsing.Definitions.Path("definitions/calendars")));

    private static readonly Lazy<OrganizationDirectory> Directory = new(() =>
        new DefinitionReader().ReadOrganizationFile(Parsing.Definitions.Path("definitions/organization.yaml")).ModelOrThrow());

    public static ServiceItemDefinition Read(string text) =>
        new DefinitionReader().ReadItem(text, "definitions/enterprise-establishment.yaml").ModelOrThrow();

    public static string Text() => File.ReadAllText(Parsing.Definitions.Path("definitions/enterprise-establishment.yaml"));

    /// <summary>Every item of the catalog (definitions/*.yaml but the organization), compiled.</summary>
    public static IReadOnlyList<CompiledDefinition> All() =>
        [.. System.IO.Directory.GetFiles(Parsing.Definitions.Path("definitions"), "*.yaml")
            .Where(f => System.IO.Path.GetFileName(f) != "organization.yaml")
            .Order(StringComparer.Ordinal)
            .Select(f => CompileDefinition(new DefinitionReader().ReadItem(File.ReadAllText(f), "definitions/" + System.IO.Path.GetFileName(f)).ModelOrThrow()))];

    public static CompiledDefinition Compile(string? text = null) => CompileDefinition(Read(text ?? Text()));

    private static CompiledDefinition CompileDefinition(ServiceItemDefinition definition)
    {
        var guards = new GuardCompiler().Compile(CompiledDefinition.Expressions(definition));
        return CompiledDefinition.Compile(definition, Calendars.Value.Get(definition.Item.Calendar), guards, Directory.Value);
    }
}
