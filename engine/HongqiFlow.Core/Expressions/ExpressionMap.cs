using HongqiFlow.Definitions.Model;
using HongqiFlow.Diagnostics;

namespace HongqiFlow.Expressions;

/// <summary>Maps a position inside an expression's code to the line and column of the YAML file it was written in.</summary>
internal static class ExpressionMap
{
    /// <summary>Where the expression's first character stands in the file.</summary>
    public static SourceLocation Start(ExpressionSource expression) =>
        expression.ContentLine > 0
            ? new SourceLocation(expression.At.File, expression.ContentLine, Math.Max(1, expression.ContentColumn), expression.At.Path)
            : expression.At;

    /// <summary>The file position of <paramref name="line"/> (1-based) and <paramref name="column"/> (0-based) inside the code.</summary>
    public static SourceLocation At(ExpressionSource expression, int line, int column)
    {
        if (expression.ContentLine <= 0)
        {
            return expression.At;
        }

        var code = expression.Code;
        var lines = code.Split('\n');
        if (line > lines.Length)
        {
            // Past the end (e.g. "unexpected end of input"): point just after the last character.
            line = lines.Length;
            column = int.MaxValue;
        }

        line = Math.Max(1, line);
        column = Math.Clamp(column, 0, lines[line - 1].Length);
        var file = expression.At.File;
        var path = expression.At.Path;
        var start = Math.Max(1, expression.ContentColumn);

        if (line == 1)
        {
            return new SourceLocation(file, expression.ContentLine, start + Width(lines[0], column, expression.Quoting), path);
        }

        if (expression.BlockIndentColumn > 0)
        {
            return new SourceLocation(file, expression.ContentLine + line - 1, expression.BlockIndentColumn + column, path);
        }

        if (expression.Quoting == ExpressionQuoting.DoubleQuoted)
        {
            // A line break inside a one-line double-quoted scalar was written as the escape \n on the same file line.
            var offset = 0;
            for (var i = 0; i < line - 1; i++)
            {
                offset += lines[i].Length + 1;
            }

            return new SourceLocation(file, expression.ContentLine, start + Width(code, offset + column, expression.Quoting), path);
        }

        // A flow scalar folded over several lines: its continuation lines start at the left margin of the text.
        return new SourceLocation(file, expression.ContentLine + line - 1, column + 1, path);
    }

    /// <summary>1-based line and 0-based column of a character offset in <paramref name="code"/>.</summary>
    public static (int Line, int Column) LineColumn(string code, int offset)
    {
        offset = Math.Clamp(offset, 0, code.Length);
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < offset; i++)
        {
            if (code[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        return (line, offset - lineStart);
    }

    private static int Width(string text, int length, ExpressionQuoting quoting)
    {
        var width = 0;
        for (var i = 0; i < length && i < text.Length; i++)
        {
            var c = text[i];
            width += quoting switch
            {
                ExpressionQuoting.DoubleQuoted when c is '"' or '\\' or '\n' or '\r' => 2,
                ExpressionQuoting.SingleQuoted when c == '\'' => 2,
                _ => 1,
            };
        }

        return width;
    }
}
