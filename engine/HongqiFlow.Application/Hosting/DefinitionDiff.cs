using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using HongqiFlow.Definitions.Model;

namespace HongqiFlow.Hosting;

/// <summary>
/// The semantic difference between two versions of a definition: states, transitions (by state and event), branches,
/// materials, tolerance and commitment rules, limits, obligations, templates and notifications — added, removed or
/// changed with the values before and after. Source positions, formatting, comments and key order do not count.
/// </summary>
public sealed record DefinitionDiff(IReadOnlyList<DefinitionChange> Changes)
{
    // Where a node was written, and how an expression was quoted, is formatting, not meaning.
    private static readonly HashSet<string> Positional = new(StringComparer.Ordinal)
    {
        nameof(ModelNode.At), nameof(ServiceItemDefinition.SourceFile), nameof(ExpressionSource.ContentLine),
        nameof(ExpressionSource.ContentColumn), nameof(ExpressionSource.BlockIndentColumn), nameof(ExpressionSource.Quoting),
    };

    private static readonly JsonSerializerOptions Canonical = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        IgnoreReadOnlyProperties = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase), new DurationText(), new DecimalText() },
        TypeInfoResolver = new DefaultJsonTypeInfoResolver
        {
            Modifiers =
            {
                info =>
                {
                    foreach (var p in info.Properties.Where(p => Positional.Contains(ToPascal(p.Name))).ToList())
                    {
                        info.Properties.Remove(p);
                    }

                    // A material that accepts no e-certificate reads as it did before materials could accept one.
                    if (info.Type == typeof(MaterialDefinition) && info.Properties.FirstOrDefault(p => p.Name == "certificates") is { } certificates)
                    {
                        certificates.ShouldSerialize = static (_, value) => value is ValueList<string> { Count: > 0 };
                    }
                },
            },
        },
    };

    public bool IsEmpty => Changes.Count == 0;

    public static DefinitionDiff Compare(ServiceItemDefinition before, ServiceItemDefinition after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var changes = new List<DefinitionChange>();
        Node(changes, "item", before.Item.Code, Header(before.Item), Header(after.Item));
        Node(changes, "limit", "item", before.Item.TimeLimit, after.Item.TimeLimit);
        Keyed(changes, "limit", before.Item.SpecialProcedures, after.Item.SpecialProcedures, p => "procedure " + p.Id, p => p);
        Keyed(changes, "material", before.Materials, after.Materials, m => m.Id, m => m);
        Node(changes, "tolerance", "tolerance", before.Tolerance, after.Tolerance);
        Node(changes, "commitment", "commitment", before.Commitment, after.Commitment);
        Node(changes, "rating", "rating", before.Rating, after.Rating);
        Keyed(changes, "obligation", before.Obligations, after.Obligations, o => o.Id, o => o);
        Keyed(changes, "template", before.Templates, after.Templates, t => t.Id, t => t);
        Keyed(changes, "notification", Numbered(before.Notify, NotificationKey), Numbered(after.Notify, NotificationKey), n => n.Key, n => n.Value);

        var statesBefore = States(before);
        var statesAfter = States(after);
        Keyed(changes, "state", statesBefore, statesAfter, s => s.Key, s => StateShape(s.State));
        Keyed(changes, "limit", statesBefore.Where(s => s.State.Limit is not null), statesAfter.Where(s => s.State.Limit is not null), s => "state " + s.Key, s => s.State.Limit);
        Keyed(changes, "transition", Transitions(statesBefore), Transitions(statesAfter), t => t.Key, t => t.Value);
        var branchesBefore = Branches(before);
        var branchesAfter = Branches(after);
        Keyed(changes, "branch", branchesBefore, branchesAfter, b => b.Key, b => b.Value with { States = ValueList<StateDefinition>.Empty, Limit = null });
        Keyed(changes, "limit", branchesBefore.Where(b => b.Value.Limit is not null), branchesAfter.Where(b => b.Value.Limit is not null), b => "branch " + b.Key, b => b.Value.Limit);
        return new DefinitionDiff(changes);
    }

    public override string ToString() => IsEmpty ? "no semantic changes" : string.Join(Environment.NewLine, Changes);

    /// <summary>The compact JSON of a model node without positions: what the diff compares.</summary>
    public static string CanonicalJson(object? node) => JsonSerializer.Serialize(node, Canonical);

    private static ItemHeader Header(ItemHeader h) => h with { TimeLimit = null, SpecialProcedures = ValueList<SpecialProcedure>.Empty };

    private static StateDefinition StateShape(StateDefinition s) => s with
    {
        Transitions = ValueList<TransitionDefinition>.Empty,
        Limit = null,
        Parallel = s.Parallel is { } p ? p with { Branches = ValueList<BranchDefinition>.Empty } : null,
    };

    /// <summary>Every state with its region: main, branches (inline) and fragments.</summary>
    private static List<(string Key, StateDefinition State)> States(ServiceItemDefinition d)
    {
        var list = d.States.Select(s => ($"main:{s.Name}", s)).ToList();
        foreach (var state in d.States.Where(s => s.Parallel is not null))
        {
            foreach (var branch in state.Parallel!.Branches)
            {
                list.AddRange(branch.States.Select(s => ($"{state.Name}/{branch.Name}:{s.Name}", s)));
            }
        }

        foreach (var fragment in d.Fragments)
        {
            list.AddRange(fragment.States.Select(s => ($"fragment {fragment.Name}:{s.Name}", s)));
        }

        return list;
    }

    private static List<KeyValuePair<string, TransitionDefinition>> Transitions(List<(string Key, StateDefinition State)> states) =>
        [.. states.SelectMany(s => Numbered(s.State.Transitions, t => $"{s.Key}+{t.Event}"))];

    private static List<KeyValuePair<string, BranchDefinition>> Branches(ServiceItemDefinition d) =>
        [.. d.States.Where(s => s.Parallel is not null).SelectMany(s => s.Parallel!.Branches.Select(b => new KeyValuePair<string, BranchDefinition>($"{s.Name}/{b.Name}", b)))];

    private static string NotificationKey(NotificationRule n) =>
        $"{n.Kind.ToString().ToLowerInvariant()} {n.Subject}{(n.Phase is null ? string.Empty : ":" + n.Phase)} → {n.To}";

    /// <summary>Keys made unique in order (<c>key</c>, <c>key#2</c>…) where one key may repeat (guarded transitions on one event).</summary>
    private static List<KeyValuePair<string, T>> Numbered<T>(IEnumerable<T> items, Func<T, string> key)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var list = new List<KeyValuePair<string, T>>();
        foreach (var item in items)
        {
            var k = key(item);
            var n = seen[k] = seen.GetValueOrDefault(k) + 1;
            list.Add(new(n == 1 ? k : $"{k}#{n}", item));
        }

        return list;
    }

    private static void Keyed<T>(List<DefinitionChange> changes, string area, IEnumerable<T> before, IEnumerable<T> after, Func<T, string> key, Func<T, object?> shape)
    {
        var old = before.GroupBy(key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var now = after.GroupBy(key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var (k, item) in old)
        {
            if (!now.TryGetValue(k, out var other))
            {
                changes.Add(new DefinitionChange(ChangeKind.Removed, area, k, null, CanonicalJson(shape(item)), null));
            }
            else
            {
                Node(changes, area, k, shape(item), shape(other));
            }
        }

        foreach (var (k, item) in now.Where(kv => !old.ContainsKey(kv.Key)))
        {
            changes.Add(new DefinitionChange(ChangeKind.Added, area, k, null, null, CanonicalJson(shape(item))));
        }
    }

    /// <summary>Compares one node: added, removed, or one change per property that differs.</summary>
    private static void Node(List<DefinitionChange> changes, string area, string key, object? before, object? after)
    {
        var a = CanonicalJson(before);
        var b = CanonicalJson(after);
        if (a == b)
        {
            return;
        }

        if (before is null)
        {
            changes.Add(new DefinitionChange(ChangeKind.Added, area, key, null, null, b));
            return;
        }

        if (after is null)
        {
            changes.Add(new DefinitionChange(ChangeKind.Removed, area, key, null, a, null));
            return;
        }

        if (JsonNode.Parse(a) is JsonObject x && JsonNode.Parse(b) is JsonObject y)
        {
            foreach (var name in x.Select(p => p.Key).Union(y.Select(p => p.Key), StringComparer.Ordinal))
            {
                var xv = x[name]?.ToJsonString(Canonical);
                var yv = y[name]?.ToJsonString(Canonical);
                if (xv != yv)
                {
                    changes.Add(new DefinitionChange(ChangeKind.Changed, area, key, name, xv, yv));
                }
            }

            return;
        }

        changes.Add(new DefinitionChange(ChangeKind.Changed, area, key, null, a, b));
    }

    private static string ToPascal(string camel) => camel.Length == 0 ? camel : char.ToUpperInvariant(camel[0]) + camel[1..];

    /// <summary><c>5wd</c> and <c>5.0wd</c> mean the same: durations compare as their normalised text.</summary>
    private sealed class DurationText : JsonConverter<Time.Duration>
    {
        public override Time.Duration Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("the canonical form is written, never read");

        public override void Write(Utf8JsonWriter writer, Time.Duration value, JsonSerializerOptions options) =>
            writer.WriteStringValue(DecimalText.Normal(value.Value) + Time.Duration.Suffix(value.Unit));
    }

    /// <summary>Numbers without trailing zeros, so <c>0.80</c> and <c>0.8</c> are one value.</summary>
    private sealed class DecimalText : JsonConverter<decimal>
    {
        public static string Normal(decimal value) => value.ToString("0.############################", System.Globalization.CultureInfo.InvariantCulture);

        public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetDecimal();

        public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) => writer.WriteRawValue(Normal(value));
    }
}
