using HongqiFlow.Diagnostics;

namespace HongqiFlow.Hosting;

/// <summary>
/// Every file written from a name that came from outside (an item code, a request's folder) goes through
/// <see cref="Inside"/>: the path is resolved and must stay inside its folder, so <c>../../x</c>, an absolute path, a
/// NUL or another character no file name may hold never reaches the file system.
/// </summary>
public static class ContainedPaths
{
    /// <summary>
    /// The full path of <paramref name="relative"/> under <paramref name="folder"/>.
    /// </summary>
    /// <exception cref="PathOutsideFolderException">The path leaves the folder, is rooted, or holds a character a path cannot.</exception>
    public static string Inside(string folder, string relative)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        ArgumentNullException.ThrowIfNull(relative);
        var root = Path.GetFullPath(folder);
        if (!IsPathText(relative) || Path.IsPathRooted(relative))
        {
            throw new PathOutsideFolderException(relative, root);
        }

        var full = Path.GetFullPath(Path.Combine(root, relative));
        return IsWithin(full, root) && full != root ? full : throw new PathOutsideFolderException(relative, root);
    }

    /// <summary>Whether <paramref name="path"/> is <paramref name="root"/> or inside it (both full paths; no "..", no sibling with the same prefix).</summary>
    public static bool IsWithin(string path, string root)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(root);
        var relative = Path.GetRelativePath(root, path);
        return relative == "." || (relative != ".." && !relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            && !relative.StartsWith("../", StringComparison.Ordinal) && !Path.IsPathRooted(relative));
    }

    /// <summary>Whether <paramref name="text"/> can be part of a path at all: no NUL or other control character, none of the invalid path characters.</summary>
    public static bool IsPathText(string text) =>
        text is not null && !text.Any(c => char.IsControl(c) || Array.IndexOf(Path.GetInvalidPathChars(), c) >= 0);
}

/// <summary>A file would have been written outside its folder (or at a path no file can have); nothing was written.</summary>
public sealed class PathOutsideFolderException(string relative, string folder)
    : HongqiFlowException($"'{relative}' does not name a file inside {folder}; nothing was written there")
{
    public string Relative { get; } = relative;

    public string Folder { get; } = folder;
}
