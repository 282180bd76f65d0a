using HongqiFlow.Messages;

namespace HongqiFlow.Storage;

/// <summary>
/// The store was migrated by a newer build than this one: its schema version is higher than any this build knows.
/// Migrations only go forward, so this build refuses to open it rather than read or write tables it does not know.
/// </summary>
public sealed class StoreSchemaTooNewException : StorageException
{
    public StoreSchemaTooNewException(string store, int found, int known)
        : this(Refusal.TooNew(store, found, known), store, found, known)
    {
    }

    private StoreSchemaTooNewException(Message text, string store, int found, int known)
        : base(text.English + " / " + text.Chinese)
    {
        Text = text;
        Store = store;
        Found = found;
        Known = known;
    }

    /// <summary>The refusal as a catalog message, for a reader in either language.</summary>
    public Message Text { get; }

    public string Store { get; }

    /// <summary>The highest schema version the store records.</summary>
    public int Found { get; }

    /// <summary>The highest schema version this build knows.</summary>
    public int Known { get; }
}

file static class Refusal
{
    public static Message TooNew(string store, int found, int known) =>
        Message.Of("store.schema-too-new", ("store", store), ("found", found), ("known", known));
}
