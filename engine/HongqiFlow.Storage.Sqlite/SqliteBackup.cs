using HongqiFlow.Progress;
using HongqiFlow.Storage.Sql;
using Microsoft.Data.Sqlite;

namespace HongqiFlow.Storage.Sqlite;

/// <summary>What a backup, or the check of a backup file, found.</summary>
/// <param name="Integrity">The answer of <c>PRAGMA integrity_check</c>: <c>ok</c>, or the first problems it lists.</param>
/// <param name="Findings">The cases whose history or snapshot does not verify (<c>hongqi audit verify</c>'s check).</param>
public sealed record BackupCheck(string Integrity, int SchemaVersion, long Cases, long Events, IReadOnlyList<AuditFinding> Findings)
{
    public bool IsSound => Integrity == "ok";
}

/// <summary>
/// Backup and restore of the embedded store for <c>hongqi backup</c> and <c>hongqi restore</c>. A backup copies the
/// live file with SQLite's online backup API from its own connection — a consistent snapshot of one moment while the
/// server keeps writing (in WAL mode readers never block the writer) — into one self-contained file (rollback
/// journal, no <c>-wal</c> beside it), then checks the copy: <c>PRAGMA integrity_check</c>, the schema version, and
/// every case's hash chain and snapshot seal. A restore checks a backup the same way and copies it into an empty folder.
/// </summary>
public static class SqliteBackup
{
    /// <summary>The name of the store file in a data folder.</summary>
    public const string FileName = "hongqi.db";

    /// <summary>
    /// Copies the store <paramref name="storeFile"/> into <paramref name="destination"/> (which must not exist) and checks
    /// the copy. The copy is written beside the destination as <c>.partial</c> and renamed once complete; a copy that
    /// fails the integrity check, or of a store newer than this build, is deleted. A copy whose cases do not verify is
    /// kept (it is a faithful copy; the findings say what is altered).
    /// </summary>
    public static async Task<BackupCheck> BackupAsync(string storeFile, string destination, IOperationProgress progress, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(storeFile);
        ArgumentException.ThrowIfNullOrWhiteSpace(destination);
        ArgumentNullException.ThrowIfNull(progress);
        if (!File.Exists(storeFile))
        {
            throw new FileNotFoundException($"no store at {Path.GetFullPath(storeFile)}", storeFile);
        }

        destination = Path.GetFullPath(destination);
        if (File.Exists(destination))
        {
            throw new IOException($"{destination} already exists");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        var partial = destination + ".partial";
        File.Delete(partial);
        try
        {
            await CopyAsync(storeFile, partial, progress, cancellationToken);
            var check = await CheckAsync(partial, progress, cancellationToken);
            if (!check.IsSound)
            {
                File.Delete(partial);
                return check;
            }

            File.Move(partial, destination);
            return check;
        }
        catch
        {
            File.Delete(partial);
            throw;
        }
    }

    /// <summary>
    /// Checks the backup <paramref name="backupFile"/> and copies it into <paramref name="dataFolder"/> as
    /// <see cref="FileName"/>. Refuses a folder that holds anything (<see cref="RestoreTargetNotEmptyException"/>);
    /// writes nothing when the backup is unsound or some case does not verify (the returned check says why).
    /// </summary>
    public static async Task<BackupCheck> RestoreAsync(string backupFile, string dataFolder, IOperationProgress progress, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(backupFile);
        ArgumentException.ThrowIfNullOrWhiteSpace(dataFolder);
        ArgumentNullException.ThrowIfNull(progress);
        if (!File.Exists(backupFile))
        {
            throw new FileNotFoundException($"no backup at {Path.GetFullPath(backupFile)}", backupFile);
        }

        dataFolder = Path.GetFullPath(dataFolder);
        if (Directory.Exists(dataFolder) && Directory.EnumerateFileSystemEntries(dataFolder).Select(Path.GetFileName).Order(StringComparer.Ordinal).Take(4).ToList() is { Count: > 0 } entries)
        {
            throw new RestoreTargetNotEmptyException(dataFolder, entries!);
        }

        var check = await CheckAsync(backupFile, progress, cancellationToken);
        if (!check.IsSound || check.Findings.Count > 0)
        {
            return check;
        }

        Directory.CreateDirectory(dataFolder);
        var target = Path.Combine(dataFolder, FileName);
        var partial = target + ".partial";
        try
        {
            await CopyAsync(backupFile, partial, progress, cancellationToken);
            File.Move(partial, target);
        }
        catch
        {
            File.Delete(partial);
            throw;
        }

        return check;
    }

    /// <summary>
    /// Checks a store or backup file without changing it: integrity, schema version (a newer one than this build knows is
    /// refused with <see cref="StoreSchemaTooNewException"/>), counts, and every case's chain and seal.
    /// </summary>
    public static async Task<BackupCheck> CheckAsync(string file, IOperationProgress progress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var path = Path.GetFullPath(file);
        await using var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await c.OpenAsync(cancellationToken);
        string integrity;
        try
        {
            var problems = await SqlCommands.QueryAsync(c, null, "PRAGMA integrity_check(5)", r => r.GetString(0), cancellationToken);
            integrity = string.Join("; ", problems);
        }
        catch (SqliteException e)
        {
            return new BackupCheck(e.Message, 0, 0, 0, []);
        }

        if (integrity != "ok")
        {
            return new BackupCheck(integrity, 0, 0, 0, []);
        }

        var hasSchema = await SqlCommands.QueryAsync(c, null, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'", r => r.GetInt64(0), cancellationToken);
        if (hasSchema[0] == 0)
        {
            return new BackupCheck("no schema_migrations table: not a HongqiFlow store", 0, 0, 0, []);
        }

        var version = (int)(await SqlCommands.QueryAsync(c, null, "SELECT coalesce(max(version), 0) FROM schema_migrations", r => r.GetInt64(0), cancellationToken))[0];
        if (version > SqliteCaseStore.LatestSchemaVersion)
        {
            throw new StoreSchemaTooNewException(path, version, SqliteCaseStore.LatestSchemaVersion);
        }

        var cases = (await SqlCommands.QueryAsync(c, null, "SELECT count(*) FROM cases", r => r.GetInt64(0), cancellationToken))[0];
        var events = (await SqlCommands.QueryAsync(c, null, "SELECT count(*) FROM events", r => r.GetInt64(0), cancellationToken))[0];
        var findings = await SqlCaseOperations.VerifyAuditAsync(c, progress, cancellationToken);
        return new BackupCheck(integrity, version, cases, events, findings);
    }

    private static async Task CopyAsync(string sourceFile, string destinationFile, IOperationProgress progress, CancellationToken cancellationToken)
    {
        // ReadWrite without Create: the source must exist, and reading it may need to join its WAL index.
        await using var source = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.GetFullPath(sourceFile), Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString());
        await using var destination = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.GetFullPath(destinationFile), Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ToString());
        await source.OpenAsync(cancellationToken);
        await SqlCommands.ExecuteAsync(source, null, "PRAGMA busy_timeout = 10000", cancellationToken);
        await destination.OpenAsync(cancellationToken);
        var pages = (await SqlCommands.QueryAsync(source, null, "PRAGMA page_count", r => r.GetInt64(0), cancellationToken))[0];
        using (var counter = progress.Start("copy", pages, "pages"))
        {
            // One step: the copy is the database as of one moment, however much the server writes meanwhile.
            await Task.Run(() => source.BackupDatabase(destination), cancellationToken);
            var copied = (await SqlCommands.QueryAsync(destination, null, "PRAGMA page_count", r => r.GetInt64(0), cancellationToken))[0];
            counter.SetTotal(copied);
            counter.Advance(copied);
        }

        // One self-contained file: no -wal or -shm to carry along.
        await SqlCommands.ExecuteAsync(destination, null, "PRAGMA journal_mode = DELETE", cancellationToken);
    }
}

/// <summary><c>hongqi restore</c> never writes into a folder that holds anything: an existing store there would be overwritten.</summary>
public sealed class RestoreTargetNotEmptyException : StorageException
{
    public RestoreTargetNotEmptyException(string folder, IReadOnlyList<string> entries)
        : base($"{folder} is not empty ({string.Join(", ", entries)})")
    {
        Folder = folder;
        Entries = entries;
    }

    public string Folder { get; }

    /// <summary>The first few names found in the folder.</summary>
    public IReadOnlyList<string> Entries { get; }
}
