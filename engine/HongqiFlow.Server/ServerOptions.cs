using HongqiFlow.Server.Supervision;

namespace HongqiFlow.Server;

/// <summary>
/// Where the server keeps and finds things, bound from configuration section <c>Hongqi</c> (<c>hongqi serve</c> sets
/// them from its options): the SQLite folder, or a PostgreSQL connection string, the catalog folder and the web app.
/// </summary>
public sealed class ServerOptions
{
    public const string Section = "Hongqi";

    /// <summary>The folder of the embedded SQLite store (hongqi.db).</summary>
    public string Data { get; set; } = "data";

    /// <summary>A PostgreSQL connection string; when set it is used instead of <see cref="Data"/>.</summary>
    public string? Store { get; set; }

    /// <summary>The catalog folder (organization.yaml, calendars/, item files).</summary>
    public string Definitions { get; set; } = "definitions";

    /// <summary>The built web app (index.html and assets); none served when null or missing.</summary>
    public string? Web { get; set; }

    /// <summary>The largest request body accepted, in bytes.</summary>
    public long MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// Applicant progress look-ups allowed per client address and minute: generous, as many applicants may share an
    /// office's address; guessing codes is stopped per receipt instead (<see cref="ProgressFailuresPerReceipt"/>).
    /// </summary>
    public int ProgressPermitsPerMinute { get; set; } = 120;

    /// <summary>
    /// Cases whose records worklists and metrics keep in memory between requests (state and indicator facts, not the
    /// history: 2.2 KB a case, 6.5 MB for 3,002 demonstration cases, measured after a full collection); past it the
    /// cache starts again empty and requests read again.
    /// </summary>
    public int SupervisionCacheCases { get; set; } = CaseRecords.DefaultCapacity;

    /// <summary>
    /// Read the running cases into that cache in the background once the server has started, so the first worklist
    /// after a restart is as quick as the next (finished cases are not read: the indicators come from their
    /// projection). Off leaves memory untouched until someone asks.
    /// </summary>
    public bool SupervisionWarmUp { get; set; } = true;

    /// <summary>Wrong verification codes allowed per receipt number and hour before it answers 429 for the rest of the hour.</summary>
    public int ProgressFailuresPerReceipt { get; set; } = 10;

    /// <summary>
    /// How often each node reads the deputies (代理) from the store again: a deputy named or ended on another node acts
    /// here within this delay (on the node that took the request, at once). Zero reads them only at start.
    /// </summary>
    public TimeSpan DeputyRefresh { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Seed demonstration data at start into an empty store (never on by default).</summary>
    public bool Demo { get; set; }

    /// <summary>How fetch requests are answered (section <c>Hongqi:DataSharing</c>).</summary>
    public DataSharing.DataSharingOptions DataSharing { get; set; } = new();

    /// <summary>The case chains' hash and the signed checkpoints (section <c>Hongqi:Audit</c>).</summary>
    public Security.AuditOptions Audit { get; set; } = new();

    /// <summary>The indicator targets the dashboard compares against (section <c>Hongqi:Targets</c>).</summary>
    public Dictionary<string, Supervision.IndicatorTarget> Targets { get; set; } = Supervision.IndicatorTarget.Programme();
}
