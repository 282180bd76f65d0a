using System.Text.Json;
using HongqiFlow.Hosting.Json;
using HongqiFlow.Runtime;

namespace HongqiFlow.Hosting;

/// <summary>
/// The stored JSON form of case states and events (snapshots, history payloads, command results). Every document
/// carries its format version (<c>"format": 1</c>) so a later format can still read old histories; values round-trip
/// exactly: <c>DeserializeState(Serialize(s)) == s</c>. Property names are camelCase, enums are their names as strings,
/// instants are ISO 8601 with their offset.
/// </summary>
public static partial class CaseJson
{
    /// <summary>The format this build writes.</summary>
    public const int FormatVersion = 1;

    public static string Serialize(CaseState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return JsonSerializer.Serialize(new CaseStateDocument(FormatVersion, state), CaseJsonContext.Default.CaseStateDocument);
    }

    public static string Serialize(CaseEvent @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        return JsonSerializer.Serialize(new CaseEventDocument(FormatVersion, @event), CaseJsonContext.Default.CaseEventDocument);
    }

    /// <summary>Reads a state written by <see cref="Serialize(CaseState)"/>; a clear error for unknown formats or broken text.</summary>
    public static CaseState DeserializeState(string json)
    {
        var document = Read(json, CaseJsonContext.Default.CaseStateDocument, "case state");
        Check(document.Format, "case state");
        return Upgraded(document.State ?? throw new CaseJsonException("the case state document has no 'state'"));
    }

    /// <summary>
    /// A state stored before ratings named their service and were listed (一次一评) reads as this build folds the same
    /// history: its one rating is about the finished case and is the list's only entry.
    /// </summary>
    private static CaseState Upgraded(CaseState state)
    {
        if (state.Rating is not { } rating || state.Ratings.Count > 0)
        {
            return state;
        }

        var finished = string.IsNullOrEmpty(rating.Stage) ? rating with { Stage = CaseRating.Stages.Finished } : rating;
        return state with { Rating = finished, Ratings = new Definitions.Model.ValueList<CaseRating>([finished]) };
    }

    public static CaseEvent DeserializeEvent(string json)
    {
        if (IsCompact(json))
        {
            return DeserializeCompact(json, null, null);
        }

        var document = Read(json, CaseJsonContext.Default.CaseEventDocument, "case event");
        Check(document.Format, "case event");
        return document.Event ?? throw new CaseJsonException("the case event document has no 'event'");
    }

    /// <summary>Options for callers that embed engine types in their own JSON (the server's responses).</summary>
    public static JsonSerializerOptions Options => CaseJsonContext.Default.Options;

    private static T Read<T>(string json, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> info, string what)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            return JsonSerializer.Deserialize(json, info) ?? throw new CaseJsonException($"the {what} document is null");
        }
        catch (JsonException ex)
        {
            throw new CaseJsonException($"the {what} document cannot be read at {ex.Path ?? "$"} (line {ex.LineNumber + 1}): {ex.Message}", ex);
        }
    }

    private static void Check(int format, string what)
    {
        if (format != FormatVersion)
        {
            throw new CaseJsonException($"the {what} document has format {format}; this build reads format {FormatVersion}");
        }
    }
}
