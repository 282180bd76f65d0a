namespace HongqiFlow.Storage;

/// <summary>A published version without its text, for lists.</summary>
public sealed record DefinitionVersionInfo(string Code, int Version, string Author, DateTimeOffset PublishedAt, string Source)
{
    public string DefinitionId => DefinitionIds.Of(Code, Version);
}
