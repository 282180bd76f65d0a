using System.Globalization;
using HongqiFlow.Definitions.Model;
using HongqiFlow.Definitions.Schema;

namespace HongqiFlow.Definitions.Parsing;

/// <summary>Reads a state's <c>task:</c> (who does the step, signing, returns, transfer).</summary>
internal sealed class TaskReader(ReadingContext context)
{
    private static readonly string[] Modes = ["single", "all", "any", "sequential", "vote"];

    public TaskRule? Read(YamlNode? node, string path)
    {
        var map = context.Map(node, path, typeof(TaskShape), $"'task'");
        if (map is null)
        {
            return null;
        }

        var (count, ratio) = ReadPass(map, path);
        var returns = context.Names(map, path, "returns");
        var any = returns.Count == 1 && returns[0] == "any";
        return new TaskRule
        {
            At = context.KeyAt(path),
            Position = context.Text(map, path, "position"),
            Person = context.Text(map, path, "person"),
            PersonFrom = context.Text(map, path, "personFrom"),
            SameAs = context.Text(map, path, "sameAs"),
            NotSameAs = context.Text(map, path, "notSameAs"),
            Signing = ReadMode(map, path),
            Signers = context.Names(map, path, "signers"),
            PassCount = count,
            PassRatio = ratio,
            Approve = context.Text(map, path, "approve") ?? "approve",
            Refuse = context.Text(map, path, "refuse") ?? "reject",
            ReturnsAny = any,
            Returns = any ? ValueList<string>.Empty : returns,
            Transfer = context.Bool(map, path, "transfer"),
        };
    }

    private SigningMode ReadMode(YamlMapNode map, string path)
    {
        var childPath = SourceMap.Child(path, "signing");
        var scalar = context.Scalar(map.Get("signing"), childPath, $"'signing'");
        switch (scalar?.Value)
        {
            case null or "single":
                return SigningMode.Single;
            case "all":
                return SigningMode.All;
            case "any":
                return SigningMode.Any;
            case "sequential":
                return SigningMode.Sequential;
            case "vote":
                return SigningMode.Vote;
            default:
                var suggestion = Diagnostics.Suggestions.Closest(scalar.Value, Modes);
                context.Error(
                    ParseCodes.InvalidValue,
                    suggestion is null
                        ? (FormattableString)$"'signing' must be single, all, any, sequential or vote, not '{scalar.Value}'"
                        : $"'signing' must be single, all, any, sequential or vote, not '{scalar.Value}'; did you mean '{suggestion}'?",
                    scalar,
                    childPath,
                    $"all 会签, any 或签, sequential 依次审批, vote 票签");
                return SigningMode.Single;
        }
    }

    private (int? Count, decimal? Ratio) ReadPass(YamlMapNode map, string path)
    {
        var childPath = SourceMap.Child(path, "pass");
        var scalar = context.Scalar(map.Get("pass"), childPath, $"'pass'");
        if (scalar is null)
        {
            return (null, null);
        }

        var text = scalar.Value.Trim();
        if (text.EndsWith('%') && decimal.TryParse(text[..^1], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var percent) && percent is > 0m and <= 100m)
        {
            return (null, percent / 100m);
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count >= 1)
        {
            return (count, null);
        }

        context.Error(ParseCodes.InvalidValue, $"'pass' must be a number of signers (2) or a share (67%), not '{scalar.Value}'", scalar, childPath, $"write e.g. pass: 2 or pass: 67%");
        return (null, null);
    }
}
