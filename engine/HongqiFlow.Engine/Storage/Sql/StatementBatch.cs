using System.Data.Common;

namespace HongqiFlow.Storage.Sql;

/// <summary>
/// Statements of one transaction sent together: where the provider batches (PostgreSQL) they travel in ONE
/// round trip; otherwise (SQLite, in process) they run one after another on kept, compiled commands.
/// </summary>
internal sealed class StatementBatch(DbConnection connection, DbTransaction transaction, PreparedCommands? prepared)
{
    private readonly List<(string Sql, (string Name, object? Value)[] Parameters)> _statements = [];

    /// <summary>Queues a statement; its index is where its affected-row count is found after running.</summary>
    public int Add(string sql, params (string Name, object? Value)[] parameters)
    {
        _statements.Add((sql, parameters));
        return _statements.Count - 1;
    }

    /// <summary>Runs the queued statements and returns the rows each affected.</summary>
    public async Task<int[]> ExecuteAsync(CancellationToken ct)
    {
        var affected = new int[_statements.Count];
        if (connection.CanCreateBatch)
        {
            await using var batch = Build();
            await batch.ExecuteNonQueryAsync(ct);
            for (var i = 0; i < affected.Length; i++)
            {
                affected[i] = batch.BatchCommands[i].RecordsAffected;
            }
        }
        else
        {
            for (var i = 0; i < affected.Length; i++)
            {
                affected[i] = await RunAsync(i, ct);
            }
        }

        _statements.Clear();
        return affected;
    }

    /// <summary>Runs the queued statements, the last one a query, and returns the affected rows of the others and the query's rows.</summary>
    public async Task<(int[] Affected, List<T> Rows)> QueryLastAsync<T>(Func<DbDataReader, T> map, CancellationToken ct)
    {
        var affected = new int[_statements.Count - 1];
        var rows = new List<T>();
        if (connection.CanCreateBatch)
        {
            await using var batch = Build();
            await using (var reader = await batch.ExecuteReaderAsync(ct))
            {
                // Statements that return no rows may or may not surface as empty result sets, depending on the provider.
                while (reader.FieldCount == 0 && await reader.NextResultAsync(ct))
                {
                }

                while (await reader.ReadAsync(ct))
                {
                    rows.Add(map(reader));
                }
            }

            for (var i = 0; i < affected.Length; i++)
            {
                affected[i] = batch.BatchCommands[i].RecordsAffected;
            }
        }
        else
        {
            for (var i = 0; i < affected.Length; i++)
            {
                affected[i] = await RunAsync(i, ct);
            }

            var query = Command(affected.Length);
            try
            {
                await using var reader = await query.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                {
                    rows.Add(map(reader));
                }
            }
            finally
            {
                if (prepared is null)
                {
                    await query.DisposeAsync();
                }
            }
        }

        _statements.Clear();
        return (affected, rows);
    }

    private DbBatch Build()
    {
        var batch = connection.CreateBatch();
        batch.Transaction = transaction;
        foreach (var (sql, parameters) in _statements)
        {
            var command = batch.CreateBatchCommand();
            command.CommandText = sql;
            foreach (var (name, value) in parameters)
            {
                var p = command.CreateParameter();
                p.ParameterName = name;
                p.Value = value ?? DBNull.Value;
                command.Parameters.Add(p);
            }

            batch.BatchCommands.Add(command);
        }

        return batch;
    }

    private async Task<int> RunAsync(int index, CancellationToken ct)
    {
        var command = Command(index);
        try
        {
            return await command.ExecuteNonQueryAsync(ct);
        }
        finally
        {
            if (prepared is null)
            {
                await command.DisposeAsync();
            }
        }
    }

    private DbCommand Command(int index)
    {
        var (sql, parameters) = _statements[index];
        return prepared is not null ? prepared.Get(transaction, sql, parameters) : SqlCommands.Command(connection, transaction, sql, parameters);
    }
}
