namespace HongqiFlow.Server.Configuration;

/// <summary>
/// One or more settings have values the server cannot run with; each problem names the setting (and its environment
/// variable). <c>hongqi serve</c> and <c>hongqi config check</c> print the problems and exit with
/// <see cref="ExitCode"/> instead of starting.
/// </summary>
public sealed class InvalidSettingsException : InvalidOperationException
{
    /// <summary>EX_CONFIG of sysexits.h: a systemd unit can stop restarting on it (RestartPreventExitStatus=78).</summary>
    public const int ExitCode = 78;

    public InvalidSettingsException(IReadOnlyList<string> problems)
        : base(string.Join(Environment.NewLine, problems)) => Problems = problems;

    public InvalidSettingsException()
        : this([])
    {
    }

    public InvalidSettingsException(string message)
        : this([message])
    {
    }

    public InvalidSettingsException(string message, Exception inner)
        : base(message, inner) => Problems = [message];

    public IReadOnlyList<string> Problems { get; }

    /// <summary>How an operator writes <paramref name="key"/> in the environment (<c>Hongqi__Jwt__Key</c>).</summary>
    public static string EnvironmentName(string key) => key.Replace(":", "__", StringComparison.Ordinal);

    /// <summary>The setting as the messages name it: <c>Hongqi:MaxBodyBytes (Hongqi__MaxBodyBytes)</c>.</summary>
    public static string Name(string key) => $"{key} ({EnvironmentName(key)})";
}
