using System.Globalization;
using System.Text;
using HongqiFlow.Storage.Cryptography;

namespace HongqiFlow.Storage;

/// <summary>
/// The SM3 hash chain of the operations audit: each entry hashes its fields, length-prefixed, and the previous entry's
/// hash, so altering, inserting or removing an entry breaks every later link.
/// </summary>
public static class OperationsChain
{
    /// <summary>The previous hash of the first entry.</summary>
    public static readonly string Genesis = new('0', 64);

    public static string Hash(long sequence, OperationRecord record, string previousHash)
    {
        ArgumentNullException.ThrowIfNull(record);
        var canonical = new StringBuilder("hongqi-operation-v1");
        Field(canonical, sequence.ToString(CultureInfo.InvariantCulture));
        Field(canonical, Timestamps.ToMillis(record.At).ToString(CultureInfo.InvariantCulture));
        Field(canonical, record.Actor);
        Field(canonical, record.Roles);
        Field(canonical, record.Address);
        Field(canonical, record.Operation);
        Field(canonical, record.Target);
        Field(canonical, record.Result);
        Field(canonical, record.Detail);
        Field(canonical, previousHash);
        return Sm3.HashHex(canonical.ToString());
    }

    /// <summary>The stored form of <paramref name="record"/> appended after the entry <paramref name="headSequence"/> with hash <paramref name="headHash"/>.</summary>
    public static StoredOperation Next(long headSequence, string headHash, OperationRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var truncated = record with { At = Timestamps.Truncate(record.At) };
        var sequence = headSequence + 1;
        var hash = Hash(sequence, truncated, headHash);
        return new StoredOperation(sequence, truncated.At, truncated.Actor, truncated.Roles, truncated.Address, truncated.Operation, truncated.Target,
            truncated.Result, truncated.Detail, hash, headHash);
    }

    private static void Field(StringBuilder canonical, string value) =>
        canonical.Append('\n').Append(value.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(value);
}

/// <summary>Checks the stored operations against their chain; fed the entries in sequence order.</summary>
public sealed class OperationsVerifier
{
    private long _expected = 1;
    private string _previous = OperationsChain.Genesis;

    public OperationsFinding? Finding { get; private set; }

    /// <summary>How many entries were checked.</summary>
    public long Count => _expected - 1;

    public void Add(StoredOperation e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (Finding is not null)
        {
            return;
        }

        if (e.Sequence != _expected)
        {
            Finding = new OperationsFinding(_expected, $"entry {_expected} is missing (the next stored entry is {e.Sequence})");
            return;
        }

        if (e.PreviousHash != _previous)
        {
            Finding = new OperationsFinding(e.Sequence, $"entry {e.Sequence} does not link to the hash of entry {e.Sequence - 1}");
            return;
        }

        var record = new OperationRecord(e.At, e.Actor, e.Roles, e.Address, e.Operation, e.Target, e.Result, e.Detail);
        if (OperationsChain.Hash(e.Sequence, record, e.PreviousHash) != e.Hash)
        {
            Finding = new OperationsFinding(e.Sequence, $"entry {e.Sequence} ({e.Operation} by {e.Actor}) was altered: its content no longer matches its SM3 hash");
            return;
        }

        _previous = e.Hash;
        _expected++;
    }

    /// <summary>Compares the end of the chain with the recorded head, which catches entries removed from the end.</summary>
    public OperationsFinding? Finish(long headSequence, string headHash)
    {
        if (Finding is not null)
        {
            return Finding;
        }

        var last = _expected - 1;
        if (last != headSequence)
        {
            Finding = new OperationsFinding(last + 1, $"the log's recorded head is entry {headSequence} but the stored entries end at {last}");
        }
        else if (headHash != _previous)
        {
            Finding = new OperationsFinding(last, $"the log's recorded head hash does not match entry {last}");
        }

        return Finding;
    }
}
