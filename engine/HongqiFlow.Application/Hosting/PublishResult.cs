using HongqiFlow.Diagnostics;
using HongqiFlow.Storage;

namespace HongqiFlow.Hosting;

/// <summary>The outcome of publishing a draft: the new version, or the diagnostics that refused it (nothing written).</summary>
public sealed record PublishResult(PublishedDefinition? Published, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool IsPublished => Published is not null;
}
