namespace HongqiFlow.Server;

/// <summary>Finds the catalog and the built web app when they are not given: in the working folder or a parent (a checkout), or next to the binary.</summary>
public static class Paths
{
    public static string? FindUpwards(string relative, string mustContain)
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, relative);
                if (File.Exists(Path.Combine(candidate, mustContain)))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    /// <summary>The catalog folder: as given when it exists, else (for the default) the nearest definitions/ with organization.yaml.</summary>
    /// <summary>Whether <paramref name="path"/> is <paramref name="root"/> or inside it (both full paths; no "..", no sibling with the same prefix).</summary>
    public static bool IsWithin(string path, string root) => Hosting.ContainedPaths.IsWithin(path, root);

    public static string ResolveDefinitions(string configured)
    {
        if (Directory.Exists(configured))
        {
            return Path.GetFullPath(configured);
        }

        if (configured is "definitions" or "definitions/" && FindUpwards("definitions", "organization.yaml") is { } found)
        {
            return found;
        }

        throw new DirectoryNotFoundException($"the catalog folder '{Path.GetFullPath(configured)}' does not exist; pass --definitions with the folder that holds organization.yaml");
    }

    /// <summary>The web app folder: as given, else designer/dist in a checkout, else wwwroot next to the binary; null when none is built.</summary>
    public static string? ResolveWeb(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return File.Exists(Path.Combine(configured, "index.html")) ? Path.GetFullPath(configured) : null;
        }

        var beside = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        return FindUpwards(Path.Combine("designer", "dist"), "index.html") ?? (File.Exists(Path.Combine(beside, "index.html")) ? beside : null);
    }
}
