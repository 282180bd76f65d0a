namespace HongqiFlow.Storage.Sqlite;

/// <summary>Where and how the embedded store keeps its file.</summary>
public sealed record SqliteCaseStoreOptions
{
    /// <summary>The database file; <c>./data/hongqi.db</c> unless set. Its folder is created when missing.</summary>
    public string FilePath { get; init; } = Path.Combine("data", "hongqi.db");

    /// <summary>
    /// <see cref="SqliteSynchronous.Full"/> by default: government records must not lose an acknowledged command,
    /// even on power failure, and group commit pays the fsync once for a whole batch. See docs/operations.md.
    /// </summary>
    public SqliteSynchronous Synchronous { get; init; } = SqliteSynchronous.Full;

    /// <summary>At most this many queued writes share one transaction (group commit); 1 turns group commit off.</summary>
    public int MaxBatchSize { get; init; } = 256;

    /// <summary>The chain algorithm of cases created from now on; existing cases keep the one recorded with them.</summary>
    public ChainAlgorithm NewCaseChains { get; init; } = ChainAlgorithms.Default;

    public static SqliteCaseStoreOptions InFolder(string folder) => new() { FilePath = Path.Combine(folder, "hongqi.db") };
}
