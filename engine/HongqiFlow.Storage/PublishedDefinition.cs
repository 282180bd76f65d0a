namespace HongqiFlow.Storage;

/// <summary>An immutable published version of an item definition: running cases of <c>Code@Version</c> keep using it.</summary>
/// <param name="Source">Where the text came from: <c>draft</c> (published by an author) or <c>catalog</c> (imported from the git folder).</param>
public sealed record PublishedDefinition(string Code, int Version, string Yaml, string Author, DateTimeOffset PublishedAt, string Source = "draft")
{
    /// <summary>The definition id cases carry: <c>QYKB-0001@3</c>.</summary>
    public string DefinitionId => DefinitionIds.Of(Code, Version);
}
