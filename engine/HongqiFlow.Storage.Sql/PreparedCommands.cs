using System.Data.Common;

namespace HongqiFlow.Storage.Sql;

/// <summary>
/// Commands kept for the life of one connection, keyed by their SQL text. SQLite compiles a statement when a
/// command first runs and keeps it while the command lives, so the writer pays the parse and plan once, not
/// once per append. Each SQL text is always called with the same parameter names in the same order.
/// </summary>
public sealed class PreparedCommands(DbConnection connection) : IAsyncDisposable
{
    private readonly Dictionary<string, DbCommand> _commands = new(StringComparer.Ordinal);

    public DbCommand Get(DbTransaction? transaction, string sql, (string Name, object? Value)[] parameters)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = SqlCommands.Command(connection, transaction, sql, parameters);
            _commands.Add(sql, command);
            return command;
        }

        command.Transaction = transaction;
        for (var i = 0; i < parameters.Length; i++)
        {
            command.Parameters[i].Value = parameters[i].Value ?? DBNull.Value;
        }

        return command;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var command in _commands.Values)
        {
            await command.DisposeAsync();
        }

        _commands.Clear();
    }
}
