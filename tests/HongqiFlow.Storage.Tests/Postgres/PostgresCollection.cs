namespace HongqiFlow.Storage.Tests.Postgres;

/// <summary>One cluster for every PostgreSQL test class; they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "postgres";
}
