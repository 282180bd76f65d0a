using HongqiFlow.Definitions.Model;
using HongqiFlow.Diagnostics;

namespace HongqiFlow.Definitions.Validation;

/// <summary>The state of one validation: the item, its context, its regions and the diagnostics found so far.</summary>
internal sealed class ValidationRun
{
    public static readonly string[] BuiltInObligations = ["supplement", "verification", "rectification"];

    public ValidationRun(ServiceItemDefinition item, ValidationContext context)
    {
        Item = item;
        Context = context;
        MainFlow = new Region(RegionKind.MainFlow, "main", item.States, item.At with { Path = "/states" });
        var regions = new List<Region> { MainFlow };
        foreach (var state in item.States.Where(s => s.Parallel is not null))
        {
            foreach (var branch in state.Parallel!.Branches.Where(b => !b.States.IsEmpty))
            {
                regions.Add(new Region(RegionKind.Branch, branch.Name, branch.States, branch.At));
            }
        }

        regions.AddRange(item.Fragments.Select(f => new Region(RegionKind.Fragment, f.Name, f.States, f.At)));
        Regions = regions;
        Departments = [.. context.Organization.Departments.Select(d => d.Id)];
        DataSources = [.. context.Organization.DataSources.Select(d => d.Id)];
        Templates = [.. item.Templates.Select(t => t.Id).Concat(context.Organization.Templates.Select(t => t.Id))];
        Obligations = [.. BuiltInObligations.Concat(item.Obligations.Select(o => o.Id))];
        Materials = [.. item.Materials.Select(m => m.Id)];
    }

    public ServiceItemDefinition Item { get; }

    public ValidationContext Context { get; }

    public DiagnosticBag Bag { get; } = new();

    public Region MainFlow { get; }

    /// <summary>The main flow, then inline branch bodies in order, then fragments.</summary>
    public IReadOnlyList<Region> Regions { get; }

    public HashSet<string> Departments { get; }

    public HashSet<string> DataSources { get; }

    public HashSet<string> Templates { get; }

    public HashSet<string> Obligations { get; }

    public HashSet<string> Materials { get; }

    /// <summary>
    /// Reports a problem. Message and fix are interpolated strings (<c>$"…"</c>, also when they hold no value), kept as
    /// format and values so that the Chinese is written from the same values (<see cref="DiagnosticChinese"/>).
    /// </summary>
    public void Error(string code, FormattableString message, SourceLocation at, FormattableString? fix = null) => Bag.Report(Severity.Error, code, message, Fixed(at), fix);

    public void Warning(string code, FormattableString message, SourceLocation at, FormattableString? fix = null) => Bag.Report(Severity.Warning, code, message, Fixed(at), fix);

    /// <summary>
    /// Where the value under the first of <paramref name="keys"/> that the source map knows is written (an empty key is
    /// the node's own value, e.g. the target of <c>approve: approved</c>); else the node's own location, so a
    /// diagnostic points at the offending value whenever the reader kept it.
    /// </summary>
    public SourceLocation ValueAt(ModelNode node, params string[] keys)
    {
        foreach (var key in keys)
        {
            var path = key.Length == 0 ? node.At.Path : node.At.Path + "/" + key;
            if (Context.Locate?.Invoke(path) is { IsKnown: true } found)
            {
                return found with { Path = path };
            }
        }

        return keys.Length == 0 || keys[0].Length == 0 ? node.At : node.At with { Path = node.At.Path + "/" + keys[0] };
    }

    /// <summary>The day length of the item's calendar, to compare wd with wh.</summary>
    public TimeSpan? WorkingDayLength => Context.WorkingDayLength?.Invoke(Item.Item.Calendar);

    private SourceLocation Fixed(SourceLocation at) =>
        string.IsNullOrEmpty(at.File) && !string.IsNullOrEmpty(Item.SourceFile) ? at with { File = Item.SourceFile } : at;
}
