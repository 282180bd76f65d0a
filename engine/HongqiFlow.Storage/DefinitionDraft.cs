namespace HongqiFlow.Storage;

/// <summary>The working copy of an item definition; <see cref="Revision"/> goes up by one on every save.</summary>
public sealed record DefinitionDraft(string Code, string Yaml, int Revision, string Author, DateTimeOffset SavedAt);
