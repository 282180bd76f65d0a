using System.Text.RegularExpressions;
using HongqiFlow.Diagnostics;

namespace HongqiFlow.Definitions.Validation;

/// <summary>
/// The item code names files (an export writes <c>&lt;code&gt;.yaml</c> and <c>versions/&lt;code&gt;@&lt;version&gt;.yaml</c>)
/// and URLs (<c>/api/definitions/{code}</c>), so it must be a plain file name: letters, digits, '-', '_' and '.',
/// starting with a letter or digit, not ending with '.', at most 100 characters, and not a device name Windows
/// reserves. <c>../../etc/x</c>, <c>.</c>, <c>..</c>, a slash, a space or a NUL never reach a path.
/// </summary>
internal static class ItemCodeRules
{
    public static void Check(ValidationRun run)
    {
        var item = run.Item.Item;
        var code = item.Code;
        if (string.IsNullOrEmpty(code) || ItemCodes.IsFileSafe(code))
        {
            return;
        }

        run.Error(
            ValidationCodes.ItemCodeNotFileSafe,
            $"item.code '{code}' cannot name a file: a code is 1 to 100 letters, digits, '-', '_' or '.', starts with a letter or digit, does not end with '.' and is not a device name such as CON or NUL",
            run.ValueAt(item, "code"),
            $"e.g. '{ItemCodes.Suggest(code)}'");
    }
}

/// <summary>What an item code may be (<see cref="ItemCodeRules"/>); the server holds a new item's code to the same rule.</summary>
public static partial class ItemCodes
{
    public const int MaxLength = 100;

    /// <summary>Whether <paramref name="code"/> may be an item code (and so a file name and a URL segment as it is).</summary>
    public static bool IsFileSafe(string? code) =>
        code is not null && code.Length <= MaxLength && Pattern().IsMatch(code) && !Reserved().IsMatch(code);

    /// <summary>A code close to <paramref name="code"/> that is file-safe.</summary>
    public static string Suggest(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        var cleaned = Unsafe().Replace(code, "-").Trim('-', '.', '_');
        cleaned = cleaned.Length > MaxLength ? cleaned[..MaxLength].TrimEnd('.') : cleaned;
        return cleaned.Length == 0 || !IsFileSafe(cleaned) ? "QYKB-0001" : cleaned;
    }

    [GeneratedRegex(@"^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9_-])?$")]
    private static partial Regex Pattern();

    [GeneratedRegex(@"^(?:CON|PRN|AUX|NUL|COM[0-9]|LPT[0-9])(?:\..*)?$", RegexOptions.IgnoreCase)]
    private static partial Regex Reserved();

    [GeneratedRegex(@"[^A-Za-z0-9._-]+")]
    private static partial Regex Unsafe();
}
