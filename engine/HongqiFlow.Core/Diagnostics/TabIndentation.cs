using YamlDotNet.Core;

namespace HongqiFlow.Diagnostics;

/// <summary>
/// Where a tab used for indentation is. YamlDotNet refuses such a tab but reports it without a position (line 1,
/// column 1) or at the scalar before it; the tab itself is the first one in a line's leading whitespace after the
/// last thing the parser read (a tab inside an earlier block scalar is content, not indentation).
/// </summary>
public static class TabIndentation
{
    /// <summary>Whether the parser refused the text because of a tab.</summary>
    public static bool IsTabError(YamlException exception) =>
        exception.Message.Contains("tab", StringComparison.OrdinalIgnoreCase);

    /// <summary>The 1-based line and column of the offending tab, or null when the error is not about a tab or none is found.</summary>
    public static (int Line, int Column)? Find(string text, YamlException exception, Mark lastRead)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(exception);
        if (!IsTabError(exception))
        {
            return null;
        }

        // When the parser does say where, it is at the tab (its end mark); check rather than trust it.
        if (exception.End.Index > 0 && exception.End.Index < text.Length && text[(int)exception.End.Index] == '\t')
        {
            return ((int)exception.End.Line, (int)exception.End.Column);
        }

        var from = (int)Math.Clamp(lastRead.Index, 0, text.Length);
        var lineStart = from == 0 || text[from - 1] == '\n' ? from : text.IndexOf('\n', from) + 1;
        while (lineStart > 0 || from == 0)
        {
            for (var i = lineStart; i < text.Length && text[i] is ' ' or '\t'; i++)
            {
                if (text[i] == '\t')
                {
                    return (1 + text.AsSpan(0, i).Count('\n'), i - lineStart + 1);
                }
            }

            lineStart = text.IndexOf('\n', lineStart) + 1;
            from = -1;
        }

        return null;
    }
}
