namespace HongqiFlow.Storage.Sqlite;

/// <summary>SQLite's <c>PRAGMA synchronous</c> for the writer connection (with WAL).</summary>
public enum SqliteSynchronous
{
    /// <summary>Fsync at checkpoints only: a commit survives a process crash but may be lost on power failure.</summary>
    Normal = 1,

    /// <summary>Fsync the WAL at every commit: an acknowledged command survives power failure. The default.</summary>
    Full = 2,
}
