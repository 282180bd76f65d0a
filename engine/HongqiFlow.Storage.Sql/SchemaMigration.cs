namespace HongqiFlow.Storage.Sql;

/// <summary>One numbered schema step; applied once, recorded in <c>schema_migrations</c>.</summary>
public sealed record SchemaMigration(int Version, string Description, string Sql);
