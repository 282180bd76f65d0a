using System.Text.Json.Serialization;
using HongqiFlow.Definitions.Model;
using HongqiFlow.Runtime;

namespace HongqiFlow.Hosting.Json;

/// <summary>
/// The envelope of a stored event in format 2 (<see cref="CaseJson.SerializeEvents"/>): only what the event adds to
/// the history. Defaults (nulls, empty strings and maps, false) are left out, and so are the fields an earlier event
/// or the row already holds: the sequence (the row's version), and the time, actor, channel and regions when they are
/// the previous event's.
/// </summary>
internal sealed record CompactEventDocument(int Format, CompactEvent? Event);

/// <summary>The body of a format-2 event; a missing field is a default or the previous event's value.</summary>
internal sealed class CompactEvent
{
    public string? Type { get; set; }

    /// <summary>Left out when it is the previous event's instant (with the same offset).</summary>
    public DateTimeOffset? At { get; set; }

    /// <summary>Left out when it is the previous event's actor.</summary>
    public Actor? Actor { get; set; }

    /// <summary>Left out when it is the previous event's channel.</summary>
    public Channel? Channel { get; set; }

    /// <summary>Left out when null, and on <c>timer-set</c>, where the timer names it.</summary>
    public string? Region { get; set; }

    /// <summary>Left out when they are the regions of the previous event (the state before, for a decision's first).</summary>
    public ValueList<RegionState>? Regions { get; set; }

    /// <summary>Left out when empty, and on <c>timer-set</c>, where it is the timer's <c>{due, id, kind}</c>.</summary>
    public ValueMap? Data { get; set; }

    public CaseStart? Start { get; set; }

    public DueTimer? Timer { get; set; }

    public Obligation? Obligation { get; set; }

    public string? Key { get; set; }

    public bool Flagged { get; set; }
}

/// <summary>Source-generated metadata for format-2 events: every default value is left out when written.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    IgnoreReadOnlyProperties = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault,
    UseStringEnumConverter = true,
    Converters = [typeof(ValueMapConverter), typeof(ValueListConverterFactory)])]
[JsonSerializable(typeof(CompactEventDocument))]
[JsonSerializable(typeof(RegionState))]
[JsonSerializable(typeof(string))]
internal sealed partial class CompactEventJsonContext : JsonSerializerContext;
