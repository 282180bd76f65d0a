namespace HongqiFlow.Hosting;

/// <summary>One item definition file to import: its file name (for located diagnostics and drift) and its YAML text.</summary>
public sealed record CatalogFile(string Name, string Yaml);
