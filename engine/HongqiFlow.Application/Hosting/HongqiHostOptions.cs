using HongqiFlow.Storage;

namespace HongqiFlow.Hosting;

/// <summary>How <see cref="HongqiServiceCollectionExtensions.AddHongqiFlow"/> sets up a node.</summary>
public sealed record HongqiHostOptions
{
    /// <summary>The SQLite file (<c>hongqi.db</c>) and the outbox log (<c>outbox.jsonl</c>) live here.</summary>
    public string DataFolder { get; init; } = "data";

    /// <summary>The catalog folder imported into the store at start; its calendars and organization compile every version.</summary>
    public string DefinitionsFolder { get; init; } = "definitions";

    /// <summary>
    /// Opens the store (which must also be an <see cref="IDefinitionStore"/> and an <see cref="IDeputyStore"/>). Null: SQLite in <see cref="DataFolder"/>.
    /// <c>HongqiFlow.Storage.Postgres</c> sets this with <c>UsePostgres(connectionString)</c>.
    /// </summary>
    public Func<HongqiHostOptions, TimeProvider, CancellationToken, Task<ICaseStore>>? OpenStore { get; init; }

    /// <summary>
    /// The keys ID and phone numbers are encrypted with at rest (<see cref="Storage.PersonalData.ProtectedCaseStore"/>);
    /// null stores them as written. At open, cases written before are encrypted and data keys re-wrapped with the
    /// current master key.
    /// </summary>
    public Storage.PersonalData.PersonalDataKeys? PersonalData { get; init; }

    /// <summary>
    /// Where opening the node reports the migrations it applies and the catalog items it imports; the command line shows
    /// it (a progress bar on a terminal, plain lines otherwise). Not a setting: nothing by default.
    /// </summary>
    public Progress.IOperationProgress Progress { get; init; } = HongqiFlow.Progress.OperationProgress.None;

    /// <summary>Names this node in timer and outbox leases; unique per running process.</summary>
    public string NodeId { get; init; } = $"{Environment.MachineName}-{Environment.ProcessId}";

    /// <summary>When set, notifications are also POSTed here (outbox channel <c>webhook</c>).</summary>
    public Uri? Webhook { get; init; }

    /// <summary>
    /// The connector that answers <c>fetch-requested</c> (数据共享): when set, each request is written to the outbox with
    /// the event and delivered by <see cref="DataSharingChannel"/>. Null: requests are recorded and wait unanswered.
    /// </summary>
    public Func<IServiceProvider, Runtime.IDataSharingConnector>? DataSharing { get; init; }

    /// <summary>The longest one fetch may take, its retries included, before the source counts as refused.</summary>
    public TimeSpan DataSharingTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Run the timer scheduler and the outbox dispatcher as hosted services (off for tools that only read).</summary>
    public bool RunBackgroundServices { get; init; } = true;

    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The hash chain of cases created from now on (SM3 unless a deployment chooses SHA-256); existing cases keep the
    /// algorithm recorded with them. Applied to any store that is an <see cref="IChainAlgorithmChoice"/>.
    /// </summary>
    public ChainAlgorithm NewCaseChains { get; init; } = ChainAlgorithms.Default;

    public string OutboxLogPath => Path.Combine(DataFolder, "outbox.jsonl");
}
