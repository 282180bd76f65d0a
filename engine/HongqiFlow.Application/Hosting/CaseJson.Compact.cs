using System.Text.Json;
using HongqiFlow.Definitions.Model;
using HongqiFlow.Hosting.Json;
using HongqiFlow.Runtime;

namespace HongqiFlow.Hosting;

/// <summary>
/// Compact stored events (format 2): what an event adds to the history and nothing it repeats. A history mixes both
/// formats (events already stored stay as stored: their hashes are over the text), and
/// <see cref="DeserializeHistory"/> reads either, in order, taking what a format-2 event leaves out from the event
/// before it.
/// </summary>
public static partial class CaseJson
{
    /// <summary>The format of compact events.</summary>
    public const int CompactEventFormat = 2;

    private const string CompactPrefix = "{\"format\":2,";

    /// <summary>
    /// Format 2 writes Chinese (and every other non-ASCII letter) as itself, not as <c>\uXXXX</c>: a third of the bytes.
    /// HTML-sensitive characters stay escaped.
    /// </summary>
    private static readonly JsonWriterOptions CompactWriting = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };

    [ThreadStatic]
    private static (System.Buffers.ArrayBufferWriter<byte> Buffer, Utf8JsonWriter Writer)? _compactWriter;

    /// <summary>
    /// The stored payloads of a decision's events, decided on <paramref name="before"/> (the state at the version before
    /// the first): each event in format 2, leaving out defaults, its sequence, and the time, actor, channel and regions
    /// when they are the previous event's (the regions of <paramref name="before"/> for the first), and on
    /// <c>timer-set</c> the details and region its timer names. An event whose fields do not follow those rules is
    /// written whole (format 1), so every event reads back equal to the decided one.
    /// </summary>
    public static string[] SerializeEvents(IReadOnlyList<CaseEvent> events, CaseState before)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(before);
        var payloads = new string[events.Count];
        CaseEvent? previous = null;
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            var expected = (previous?.Sequence ?? before.Version) + 1;
            ValueList<RegionState>? regionsBefore = previous is not null ? previous.Regions : before.Version > 0 ? before.Regions : (ValueList<RegionState>?)null;
            payloads[i] = e.Sequence == expected && Compact(e, previous, regionsBefore) is { } compact
                ? Write(new CompactEventDocument(CompactEventFormat, compact))
                : Serialize(e);
            previous = e;
        }

        return payloads;
    }

    /// <summary>
    /// A stored history (version and payload of each event, in order) as events: format-1 events as written, format-2
    /// events completed from the event before them.
    /// </summary>
    public static List<CaseEvent> DeserializeHistory(IEnumerable<(long Version, string PayloadJson)> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var events = new List<CaseEvent>(history.TryGetNonEnumeratedCount(out var count) ? count : 8);
        CaseEvent? previous = null;
        foreach (var (version, json) in history)
        {
            previous = IsCompact(json) ? DeserializeCompact(json, previous, version) : DeserializeEvent(json);
            events.Add(previous);
        }

        return events;
    }

    /// <summary>The document's JSON text, written through one buffer and writer kept per thread.</summary>
    private static string Write(CompactEventDocument document)
    {
        var (buffer, writer) = _compactWriter ??= (new System.Buffers.ArrayBufferWriter<byte>(1024), new Utf8JsonWriter(Stream.Null, CompactWriting));
        buffer.ResetWrittenCount();
        writer.Reset(buffer);
        JsonSerializer.Serialize(writer, document, CompactEventJsonContext.Default.CompactEventDocument);
        writer.Flush();
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static bool IsCompact(string json) => json is not null && json.StartsWith(CompactPrefix, StringComparison.Ordinal);

    private static CompactEvent? Compact(CaseEvent e, CaseEvent? previous, ValueList<RegionState>? regionsBefore)
    {
        var c = new CompactEvent
        {
            Type = e.Type,
            At = previous is not null && previous.At.EqualsExact(e.At) ? null : e.At,
            Actor = previous is not null && previous.Actor.Equals(e.Actor) ? null : e.Actor,
            Channel = previous is not null && previous.Channel == e.Channel ? null : e.Channel,
            Regions = regionsBefore is { } known && SameRegions(known, e.Regions) ? (ValueList<RegionState>?)null : e.Regions,
            Start = e.Start,
            Timer = e.Timer,
            Obligation = e.Obligation,
            Key = e.IdempotencyKey.Length == 0 ? null : e.IdempotencyKey,
            Flagged = e.Flagged,
        };
        if (e.Type == CaseEventTypes.TimerSet && e.Timer is { } timer)
        {
            // The timer names the event's region and details; an event that says otherwise is written whole.
            return e.Region == TimerRegion(timer) && e.Data.Equals(ValueMap.OfTimer(timer)) ? c : null;
        }

        c.Region = e.Region;
        c.Data = e.Data.Count == 0 ? null : e.Data;
        return c;
    }

    private static CaseEvent DeserializeCompact(string json, CaseEvent? previous, long? version)
    {
        var c = Read(json, CompactEventJsonContext.Default.CompactEventDocument, "case event").Event
            ?? throw new CaseJsonException("the case event document has no 'event'");
        var type = c.Type ?? throw new CaseJsonException("the case event document has no 'type'");
        var region = c.Region;
        var data = c.Data ?? ValueMap.Empty;
        if (type == CaseEventTypes.TimerSet && c.Timer is { } timer)
        {
            region ??= TimerRegion(timer);
            data = c.Data ?? ValueMap.OfTimer(timer);
        }

        return new CaseEvent
        {
            Sequence = version ?? (previous is null ? 0 : previous.Sequence + 1),
            Type = type,
            At = c.At ?? previous?.At ?? throw Missing(type, "at"),
            Actor = c.Actor ?? previous?.Actor ?? throw Missing(type, "actor"),
            Channel = c.Channel ?? previous?.Channel ?? throw Missing(type, "channel"),
            Region = region,
            Regions = c.Regions ?? previous?.Regions ?? throw Missing(type, "regions"),
            Data = data,
            Start = c.Start,
            Timer = c.Timer,
            Obligation = c.Obligation,
            IdempotencyKey = c.Key ?? string.Empty,
            Flagged = c.Flagged,
        };
    }

    private static CaseJsonException Missing(string type, string field) =>
        new($"the compact '{type}' event has no '{field}' and no event before it to take it from; read it with the history before it");

    private static string? TimerRegion(DueTimer timer) => timer.Region == DueTimerRegions.Case ? null : timer.Region;

    /// <summary>Equal regions with the same instants written the same way (an instant's offset is part of its text).</summary>
    private static bool SameRegions(ValueList<RegionState> a, ValueList<RegionState> b)
    {
        if (a.Count != b.Count)
        {
            return false;
        }

        for (var i = 0; i < a.Count; i++)
        {
            if (a[i].Region != b[i].Region || a[i].State != b[i].State || !a[i].EnteredAt.EqualsExact(b[i].EnteredAt))
            {
                return false;
            }
        }

        return true;
    }
}
