using System.Globalization;
using HongqiFlow.Server.DataSharing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace HongqiFlow.Server.Configuration;

/// <summary>
/// Binds <see cref="ServerOptions"/> from configuration and checks every value before anything starts: a value that
/// does not convert or is out of range is an <see cref="InvalidSettingsException"/> naming the setting, never a stack
/// trace from deep inside the host. The same checks run as <see cref="IValidateOptions{TOptions}"/> (ValidateOnStart).
/// </summary>
public sealed partial class ServerSettings : IValidateOptions<ServerOptions>
{
    private static readonly string[] Directions = ["atLeast", "atMost"];

    /// <summary>The bound and checked options, or <see cref="InvalidSettingsException"/>.</summary>
    public static ServerOptions Load(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = Bind<ServerOptions>(configuration, ServerOptions.Section);
        var problems = Check(options);
        return problems.Count == 0 ? options : throw new InvalidSettingsException(problems);
    }

    /// <summary>Binds a section, turning the binder's conversion failures into a message that names the setting and the value.</summary>
    public static T Bind<T>(IConfiguration configuration, string section)
        where T : new()
    {
        ArgumentNullException.ThrowIfNull(configuration);
        try
        {
            return configuration.GetSection(section).Get<T>() ?? new T();
        }
        catch (InvalidOperationException e) when (ConversionFailure().Match(e.Message) is { Success: true } failure)
        {
            var (key, type) = (failure.Groups["key"].Value, failure.Groups["type"].Value);
            throw new InvalidSettingsException($"{InvalidSettingsException.Name(key)}: '{configuration[key]}' is not {Expected(type)}", e);
        }
    }

    public ValidateOptionsResult Validate(string? name, ServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = Check(options);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    /// <summary>Every problem of <paramref name="options"/>, each naming its setting; empty when they are usable.</summary>
    public static IReadOnlyList<string> Check(ServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        void Require(bool ok, string key, string rule, object? value)
        {
            if (!ok)
            {
                problems.Add($"{InvalidSettingsException.Name($"{ServerOptions.Section}:{key}")} {rule} (got '{Convert.ToString(value, CultureInfo.InvariantCulture)}')");
            }
        }

        Require(!string.IsNullOrWhiteSpace(options.Data), "Data", "must name the folder of the SQLite store", options.Data);
        Require(!string.IsNullOrWhiteSpace(options.Definitions), "Definitions", "must name the catalog folder", options.Definitions);
        Require(options.MaxBodyBytes > 0, "MaxBodyBytes", "must be a positive number of bytes", options.MaxBodyBytes);
        Require(options.ProgressPermitsPerMinute > 0, "ProgressPermitsPerMinute", "must be 1 or more", options.ProgressPermitsPerMinute);
        Require(options.ProgressFailuresPerReceipt > 0, "ProgressFailuresPerReceipt", "must be 1 or more", options.ProgressFailuresPerReceipt);
        Require(options.SupervisionCacheCases > 0, "SupervisionCacheCases", "must be 1 or more cases", options.SupervisionCacheCases);
        Require(options.DeputyRefresh >= TimeSpan.Zero, "DeputyRefresh", "must be zero (only at start) or a positive time span such as 00:00:30", options.DeputyRefresh);

        var sharing = options.DataSharing;
        var connector = sharing.Effective(options.Demo);
        if (connector is not (DataSharingOptions.Http or DataSharingOptions.Demo or DataSharingOptions.None))
        {
            problems.Add($"{ServerOptions.Section}:DataSharing:Connector is '{connector}'; use {DataSharingOptions.Http}, {DataSharingOptions.Demo} or {DataSharingOptions.None} ({InvalidSettingsException.EnvironmentName($"{ServerOptions.Section}:DataSharing:Connector")})");
        }

        Require(sharing.Timeout > TimeSpan.Zero, "DataSharing:Timeout", "must be a positive time span such as 00:00:10", sharing.Timeout);
        Require(sharing.Attempts >= 1, "DataSharing:Attempts", "must be 1 or more", sharing.Attempts);
        Require(sharing.RetryDelay >= TimeSpan.Zero, "DataSharing:RetryDelay", "must not be negative", sharing.RetryDelay);
        Require(sharing.FetchTimeout > TimeSpan.Zero, "DataSharing:FetchTimeout", "must be a positive time span such as 00:01:00", sharing.FetchTimeout);
        foreach (var (source, endpoint) in sharing.Sources)
        {
            if (endpoint.BaseUrl is not { IsAbsoluteUri: true } url || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            {
                problems.Add($"{ServerOptions.Section}:DataSharing:Sources:{source}:BaseUrl must be an absolute http(s) URL (got '{endpoint.BaseUrl}')");
            }

            Require(endpoint.Timeout is null || endpoint.Timeout > TimeSpan.Zero, $"DataSharing:Sources:{source}:Timeout", "must be a positive time span", endpoint.Timeout);
        }

        foreach (var (indicator, target) in options.Targets)
        {
            Require(Directions.Contains(target.Direction, StringComparer.Ordinal), $"Targets:{indicator}:Direction", "must be atLeast or atMost", target.Direction);
            Require(double.IsFinite(target.Value) && target.Value >= 0, $"Targets:{indicator}:Value", "must be a number of 0 or more", target.Value);
        }

        return problems;
    }

    private static string Expected(string type) =>
        type.Contains("System.Int", StringComparison.Ordinal) ? "a whole number"
        : type.Contains("System.Double", StringComparison.Ordinal) ? "a number"
        : type.Contains("System.Boolean", StringComparison.Ordinal) ? "true or false"
        : type.Contains("System.TimeSpan", StringComparison.Ordinal) ? "a time span such as 00:00:30 (hh:mm:ss)"
        : type.Contains("System.Uri", StringComparison.Ordinal) ? "a URL"
        : $"a value of type {type}";

    [System.Text.RegularExpressions.GeneratedRegex("^Failed to convert configuration value .*at '(?<key>[^']+)' to type '(?<type>[^']+)'")]
    private static partial System.Text.RegularExpressions.Regex ConversionFailure();
}
