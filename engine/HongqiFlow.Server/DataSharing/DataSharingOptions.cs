namespace HongqiFlow.Server.DataSharing;

/// <summary>
/// How the server answers <c>fetch-requested</c> (数据共享), section <c>Hongqi:DataSharing</c> (docs/operations.md).
/// <see cref="Connector"/> picks the connector: <c>http</c> calls each source's <see cref="Sources"/> entry,
/// <c>demo</c> answers from seeded records, <c>none</c> leaves requests unanswered. Unset: <c>http</c> when a
/// source is configured, else <c>demo</c> with <c>Hongqi:Demo</c> (<c>hongqi serve --demo</c>), else none.
/// </summary>
public sealed class DataSharingOptions
{
    public const string Http = "http";
    public const string Demo = "demo";
    public const string None = "none";

    public string? Connector { get; set; }

    /// <summary>The wait for one HTTP attempt.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>HTTP attempts per fetch (the first and the retries) on a timeout, a connection failure, 408, 429 or 5xx.</summary>
    public int Attempts { get; set; } = 3;

    /// <summary>The wait after the first failed attempt, doubled after each further one.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest one fetch may take, all attempts included; past it the source counts as refused. Below the outbox lease (2 min).</summary>
    public TimeSpan FetchTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Per data source id of organization.yaml (<c>population.id-card</c>): where its records are asked for.</summary>
    public Dictionary<string, DataSourceEndpoint> Sources { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The connector in effect: <see cref="Connector"/>, or the default described above.</summary>
    public string Effective(bool demo) =>
        Connector is { Length: > 0 } chosen ? chosen.Trim().ToLowerInvariant()
        : Sources.Count > 0 ? Http
        : demo ? Demo
        : None;
}

/// <summary>One data source's exchange endpoint: records are asked for with a POST to <see cref="BaseUrl"/> + <see cref="Path"/>.</summary>
public sealed class DataSourceEndpoint
{
    public Uri? BaseUrl { get; set; }

    /// <summary>Relative to <see cref="BaseUrl"/>; empty posts to the base URL itself.</summary>
    public string Path { get; set; } = string.Empty;

    /// <summary>Headers sent with every request (an API key, a caller id the exchange platform asks for).</summary>
    public Dictionary<string, string> Headers { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Overrides <see cref="DataSharingOptions.Timeout"/> for this source.</summary>
    public TimeSpan? Timeout { get; set; }
}
