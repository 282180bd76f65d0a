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

    public void Error(string code, string message, SourceLocation at, string? fix = null) => Bag.Error(code, message, Fixed(at), fix);

    public void Warning(string code, string message, SourceLocation at, string? fix = null) => Bag.Warning(code, message, Fixed(at), fix);

    /// <summary>
    /// Where the value under <paramref name="key"/> of <paramref name="node"/> is written: the precise location when the
    /// model or the source map has it, else the node's own location with the value's path.
    /// </summary>
    public SourceLocation ValueAt(ModelNode node, string key, SourceLocation precise = default)
    {
        var path = node.At.Path + "/" + key;
        if (precise.IsKnown)
        {
            return string.IsNullOrEmpty(precise.Path) ? precise with { Path = path } : precise;
        }

        if (Context.Locate?.Invoke(path) is { IsKnown: true } found)
        {
            return found;
        }

        return node.At with { Path = path };
    }

    /// <summary>The day length of the item's calendar, to compare wd with wh.</summary>
    public TimeSpan? WorkingDayLength => Context.WorkingDayLength?.Invoke(Item.Item.Calendar);

    private SourceLocation Fixed(SourceLocation at) =>
        string.IsNullOrEmpty(at.File) && !string.IsNullOrEmpty(Item.SourceFile) ? at with { File = Item.SourceFile } : at;
}
