using System.Text.Json;
using HongqiFlow.Storage;

namespace HongqiFlow.Hosting;

/// <summary>
/// The designer's layout sidecar of an item (node positions, kept beside its drafts and versions, never part of the
/// definition): read as stored (<c>{}</c> when none), checked before it is saved, saved only for an item that exists.
/// </summary>
public sealed class DefinitionLayouts
{
    /// <summary>The layout of an item that has none.</summary>
    public const string None = "{}";

    private readonly IDefinitionStore _store;
    private readonly TimeProvider _time;

    public DefinitionLayouts(IDefinitionStore store, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(time);
        _store = store;
        _time = time;
    }

    /// <summary>The stored layout's JSON text, or <see cref="None"/>.</summary>
    public async Task<string> GetAsync(string code, CancellationToken cancellationToken = default) =>
        await _store.GetLayoutAsync(code, cancellationToken).ConfigureAwait(false) ?? None;

    /// <summary>
    /// What is wrong with a layout, by JSON path: <c>$</c> when it is not an object, <c>positions</c> when that is not
    /// an object, <c>positions.&lt;node&gt;</c> for a node without a finite x and y. Empty when it may be saved.
    /// </summary>
    public static Dictionary<string, string[]> Problems(JsonElement layout)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (layout.ValueKind != JsonValueKind.Object)
        {
            errors["$"] = ["the layout is a JSON object (node id → position)"];
            return errors;
        }

        if (!layout.TryGetProperty("positions", out var positions))
        {
            return errors;
        }

        if (positions.ValueKind != JsonValueKind.Object)
        {
            errors["positions"] = ["an object: node id → {x, y}"];
            return errors;
        }

        foreach (var node in positions.EnumerateObject())
        {
            static bool Finite(JsonElement p, string axis) =>
                p.TryGetProperty(axis, out var v) && v.ValueKind == JsonValueKind.Number && double.IsFinite(v.GetDouble());
            if (node.Value.ValueKind != JsonValueKind.Object || !Finite(node.Value, "x") || !Finite(node.Value, "y"))
            {
                errors[$"positions.{node.Name}"] = ["{x, y} with numbers"];
            }
        }

        return errors;
    }

    /// <summary>Saves a layout that has no <see cref="Problems"/>; false (nothing saved) when the item has neither a draft nor a published version.</summary>
    public async Task<bool> SaveAsync(string code, JsonElement layout, CancellationToken cancellationToken = default)
    {
        if (Problems(layout).Count > 0)
        {
            throw new ArgumentException("the layout has problems; check it with DefinitionLayouts.Problems first", nameof(layout));
        }

        if (await _store.GetDraftAsync(code, cancellationToken).ConfigureAwait(false) is null
            && (await _store.ListVersionsAsync(code, cancellationToken).ConfigureAwait(false)).Count == 0)
        {
            return false;
        }

        await _store.SaveLayoutAsync(code, layout.GetRawText(), _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        return true;
    }
}
