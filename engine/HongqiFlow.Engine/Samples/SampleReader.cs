using System.Globalization;
using HongqiFlow.Definitions.Model;
using TabIndentation = HongqiFlow.Definitions.Parsing.TabIndentation;
using HongqiFlow.Diagnostics;
using HongqiFlow.Time;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace HongqiFlow.Samples;

/// <summary>Reads a sample file; every problem comes back located (HQ5xxx), the reader never throws for bad input.</summary>
public static class SampleReader
{
    private const long MaxFileBytes = 1024 * 1024;

    private static readonly string[] TopKeys = ["sample", "definition", "clock", "case", "steps", "expect"];
    private static readonly string[] CaseKeys = ["channel", "assisted", "applicant", "submitted", "data"];
    private static readonly string[] StepKeys = ["after", "at", "send", "branch", "by", "user", "onBehalfOf", "channel", "payload", "rejected", "expect"];
    private static readonly string[] ExpectKeys = ["state", "branches", "outcome", "elapsed", "obligations", "warnings", "notifications", "events", "missing", "due", "remaining"];

    public static (Sample? Sample, IReadOnlyList<Diagnostic> Diagnostics) ReadFile(string path)
    {
        var info = new FileInfo(path);
        if (info.Exists && info.Length > MaxFileBytes)
        {
            return (null, [Diagnostic.Of("HQ5001", Severity.Error, $"the sample file is {info.Length} bytes, over the limit of {MaxFileBytes}", new SourceLocation(path, 1, 1, "/"))]);
        }

        return Read(File.ReadAllText(path), path);
    }

    public static (Sample? Sample, IReadOnlyList<Diagnostic> Diagnostics) Read(string text, string file)
    {
        var bag = new DiagnosticBag();
        var stream = new YamlStream();
        var parser = new Parser(new StringReader(text));
        try
        {
            stream.Load(parser);
        }
        catch (YamlException ex) when (TabIndentation.Find(text, ex, parser.Current?.End ?? Mark.Empty) is var (line, column))
        {
            bag.Report(Severity.Error, "HQ5001", $"the sample is not valid YAML: a tab is used for indentation; YAML indents with spaces only", new SourceLocation(file, line, column, "/"), $"replace the tab with spaces");
            return (null, bag.Sorted());
        }
        catch (YamlException ex)
        {
            bag.Report(Severity.Error, "HQ5001", $"the sample is not valid YAML: {ex.Message}", new SourceLocation(file, (int)ex.Start.Line, (int)ex.Start.Column, "/"));
            return (null, bag.Sorted());
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            bag.Report(Severity.Error, "HQ5001", $"a sample is a mapping with sample, definition, clock, case, steps and expect", new SourceLocation(file, 1, 1, "/"));
            return (null, bag.Sorted());
        }

        var r = new Reader(file, bag);
        r.CheckKeys(root, "", TopKeys);
        var name = r.String(root, "sample", "", required: true) ?? string.Empty;
        var definition = r.String(root, "definition", "", required: true) ?? string.Empty;
        var clock = r.Instant(root, "clock", "", required: true) ?? default;
        var sampleCase = r.Case(root);
        var steps = r.Steps(root);
        var expect = root.Children.TryGetValue(new YamlScalarNode("expect"), out var e) ? r.Expectation(e, "/expect") : new SampleExpectation();
        if (bag.HasErrors)
        {
            return (null, bag.Sorted());
        }

        return (new Sample
        {
            Name = name,
            Definition = definition,
            Clock = clock,
            Case = sampleCase,
            Steps = steps,
            Expect = expect,
            SourceFile = file,
            At = r.Loc(root, "/"),
        }, bag.Sorted());
    }

    private sealed class Reader(string file, DiagnosticBag bag)
    {
        public SourceLocation Loc(YamlNode node, string path) => new(file, (int)node.Start.Line, (int)node.Start.Column, path);

        public void CheckKeys(YamlMappingNode map, string path, string[] allowed)
        {
            foreach (var key in map.Children.Keys)
            {
                var k = (key as YamlScalarNode)?.Value ?? string.Empty;
                if (!allowed.Contains(k, StringComparer.Ordinal))
                {
                    FormattableString fix = Suggestions.DidYouMeanText(k, allowed) is { } near
                        ? (FormattableString)$"allowed here: {string.Join(", ", allowed)}; {near}"
                        : $"allowed here: {string.Join(", ", allowed)}";

                    bag.Report(Severity.Error, "HQ5002", $"unknown key '{k}' in a sample", Loc(key, $"{path}/{k}"), fix);
                }
            }
        }

        public string? String(YamlMappingNode map, string key, string path, bool required = false)
        {
            if (!map.Children.TryGetValue(new YamlScalarNode(key), out var node))
            {
                if (required)
                {
                    bag.Report(Severity.Error, "HQ5003", $"the sample needs '{key}'", Loc(map, path + "/"), $"add '{key}:'");
                }

                return null;
            }

            if (node is YamlScalarNode s)
            {
                return s.Value;
            }

            bag.Report(Severity.Error, "HQ5004", $"'{key}' must be a single value", Loc(node, $"{path}/{key}"));
            return null;
        }

        public DateTimeOffset? Instant(YamlMappingNode map, string key, string path, bool required = false)
        {
            var text = String(map, key, path, required);
            if (text is null)
            {
                return null;
            }

            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var value) && HasOffset(text))
            {
                return value;
            }

            bag.Report(Severity.Error, "HQ5005", $"'{text}' is not an instant with a time zone offset", Loc(map.Children[new YamlScalarNode(key)], $"{path}/{key}"), $"write e.g. 2024-09-27T09:00:00+08:00");
            return null;
        }

        private static bool HasOffset(string text) =>
            text.EndsWith('Z') || (text.Length > 6 && (text[^6] == '+' || text[^6] == '-') && text[^3] == ':');

        public SampleCase Case(YamlMappingNode root)
        {
            if (!root.Children.TryGetValue(new YamlScalarNode("case"), out var node))
            {
                return new SampleCase();
            }

            if (node is not YamlMappingNode map)
            {
                bag.Report(Severity.Error, "HQ5004", $"'case' must be a mapping", Loc(node, "/case"));
                return new SampleCase();
            }

            CheckKeys(map, "/case", CaseKeys);
            return new SampleCase
            {
                Channel = String(map, "channel", "/case") ?? "window",
                Assisted = Bool(map, "assisted", "/case") ?? false,
                Applicant = Dictionary(map, "applicant", "/case"),
                Submitted = List(map, "submitted", "/case") ?? ValueList<string>.Empty,
                Data = Dictionary(map, "data", "/case"),
                At = Loc(map, "/case"),
            };
        }

        public ValueList<SampleStep> Steps(YamlMappingNode root)
        {
            if (!root.Children.TryGetValue(new YamlScalarNode("steps"), out var node))
            {
                return ValueList<SampleStep>.Empty;
            }

            if (node is not YamlSequenceNode seq)
            {
                bag.Report(Severity.Error, "HQ5004", $"'steps' must be a list", Loc(node, "/steps"));
                return ValueList<SampleStep>.Empty;
            }

            var steps = new List<SampleStep>();
            for (var i = 0; i < seq.Children.Count; i++)
            {
                var path = $"/steps/{i}";
                if (seq.Children[i] is not YamlMappingNode map)
                {
                    bag.Report(Severity.Error, "HQ5004", $"a step must be a mapping such as {{ send: accept, by: window }}", Loc(seq.Children[i], path));
                    continue;
                }

                CheckKeys(map, path, StepKeys);
                Duration? after = null;
                if (String(map, "after", path) is { } afterText)
                {
                    if (Duration.TryParse(afterText, out var d, out var error))
                    {
                        after = d;
                    }
                    else
                    {
                        bag.Report(Severity.Error, "HQ5006", error!, Loc(map.Children[new YamlScalarNode("after")], path + "/after"));
                    }
                }

                var send = String(map, "send", path);
                var at = Instant(map, "at", path);
                if (send is null && after is null && at is null)
                {
                    bag.Report(Severity.Error, "HQ5007", $"a step must send an event or move the clock", Loc(map, path), $"add 'send:', 'after:' or 'at:'");
                }

                var (rejected, reason) = map.Children.TryGetValue(new YamlScalarNode("rejected"), out var rej) ? Rejection(rej, path + "/rejected") : (null, null);
                steps.Add(new SampleStep
                {
                    After = after,
                    AtTime = at,
                    Send = send,
                    Branch = String(map, "branch", path),
                    By = String(map, "by", path),
                    User = String(map, "user", path),
                    OnBehalfOf = String(map, "onBehalfOf", path),
                    Channel = String(map, "channel", path),
                    Payload = Dictionary(map, "payload", path),
                    Rejected = rejected is null ? null : rejected is "true" ? string.Empty : rejected,
                    RejectedReason = reason,
                    Expect = map.Children.TryGetValue(new YamlScalarNode("expect"), out var e) ? Expectation(e, path + "/expect") : null,
                    At = Loc(map, path),
                });
            }

            return steps;
        }

        public SampleExpectation Expectation(YamlNode node, string path)
        {
            if (node is not YamlMappingNode map)
            {
                bag.Report(Severity.Error, "HQ5004", $"'expect' must be a mapping", Loc(node, path));
                return new SampleExpectation();
            }

            CheckKeys(map, path, ExpectKeys);
            Duration? min = null, max = null;
            if (map.Children.TryGetValue(new YamlScalarNode("elapsed"), out var elapsed))
            {
                if (elapsed is YamlMappingNode em)
                {
                    CheckKeys(em, path + "/elapsed", ["min", "max"]);
                    min = DurationOf(em, "min", path + "/elapsed");
                    max = DurationOf(em, "max", path + "/elapsed");
                }
                else
                {
                    bag.Report(Severity.Error, "HQ5004", $"'elapsed' must be {{ min: …, max: … }}", Loc(elapsed, path + "/elapsed"));
                }
            }

            IReadOnlyDictionary<string, string>? branches = null;
            if (map.Children.TryGetValue(new YamlScalarNode("branches"), out var b))
            {
                branches = Dictionary(map, "branches", path).ToDictionary(kv => kv.Key, kv => Convert.ToString(kv.Value, CultureInfo.InvariantCulture) ?? string.Empty, StringComparer.Ordinal);
                _ = b;
            }

            return new SampleExpectation
            {
                State = String(map, "state", path),
                Branches = branches,
                Outcome = String(map, "outcome", path),
                ElapsedMin = min,
                ElapsedMax = max,
                Obligations = List(map, "obligations", path),
                Warnings = List(map, "warnings", path),
                Notifications = Notices(map, path),
                Due = map.Children.TryGetValue(new YamlScalarNode("due"), out var due) ? Due(due, path + "/due") : null,
                Remaining = map.Children.TryGetValue(new YamlScalarNode("remaining"), out var left) ? Remaining(left, path + "/remaining") : null,
                Events = List(map, "events", path),
                Missing = List(map, "missing", path),
                At = Loc(map, path),
            };
        }

        /// <summary><c>rejected: true</c>, <c>rejected: HQ6012</c>, or <c>rejected: { code: HQ6012, reason: 已办结 }</c>.</summary>
        private (string? Code, string? Reason) Rejection(YamlNode node, string path)
        {
            if (node is YamlScalarNode scalar)
            {
                return (scalar.Value, null);
            }

            if (node is not YamlMappingNode map)
            {
                bag.Report(Severity.Error, "HQ5004", $"'rejected' must be true, a code, or {{ code: …, reason: … }}", Loc(node, path));
                return (null, null);
            }

            CheckKeys(map, path, ["code", "reason"]);
            var code = String(map, "code", path);
            return (code is null or "true" ? string.Empty : code, String(map, "reason", path));
        }

        /// <summary>The notifications: a template (<c>decision</c>) or a template and its recipient (<c>{ template: decision, to: applicant }</c>).</summary>
        private ValueList<SampleNotice>? Notices(YamlMappingNode map, string path)
        {
            if (!map.Children.TryGetValue(new YamlScalarNode("notifications"), out var node))
            {
                return null;
            }

            path += "/notifications";
            if (node is not YamlSequenceNode seq)
            {
                bag.Report(Severity.Error, "HQ5004", $"'{"notifications"}' must be a list, e.g. [a, b]", Loc(node, path));
                return null;
            }

            var notices = new List<SampleNotice>();
            for (var i = 0; i < seq.Children.Count; i++)
            {
                switch (seq.Children[i])
                {
                    case YamlScalarNode { Value: { } template }:
                        notices.Add(new SampleNotice(template, null));
                        break;
                    case YamlMappingNode notice:
                        CheckKeys(notice, $"{path}/{i}", ["template", "to"]);
                        if (String(notice, "template", $"{path}/{i}", required: true) is { } named)
                        {
                            notices.Add(new SampleNotice(named, String(notice, "to", $"{path}/{i}")));
                        }

                        break;
                    default:
                        bag.Report(Severity.Error, "HQ5004", $"a notification is a template, or {{ template: …, to: … }}", Loc(seq.Children[i], $"{path}/{i}"));
                        break;
                }
            }

            return notices;
        }

        private SampleDueExpectation? Due(YamlNode node, string path)
        {
            if (node is not YamlMappingNode map)
            {
                bag.Report(Severity.Error, "HQ5004", $"'due' must be {{ promised: …, statutory: …, step: …, branches: {{ NAME: … }} }}", Loc(node, path));
                return null;
            }

            CheckKeys(map, path, ["promised", "statutory", "step", "branches"]);
            var branches = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
            if (map.Children.TryGetValue(new YamlScalarNode("branches"), out var b))
            {
                if (b is YamlMappingNode branchMap)
                {
                    foreach (var key in branchMap.Children.Keys.OfType<YamlScalarNode>())
                    {
                        if (key.Value is { } name && Instant(branchMap, name, path + "/branches") is { } instant)
                        {
                            branches[name] = instant;
                        }
                    }
                }
                else
                {
                    bag.Report(Severity.Error, "HQ5004", $"'{"branches"}' must be a mapping", Loc(b, path + "/branches"));
                }
            }

            return new SampleDueExpectation
            {
                Promised = Instant(map, "promised", path),
                Statutory = Instant(map, "statutory", path),
                Step = Instant(map, "step", path),
                Branches = branches,
            };
        }

        private SampleRemainingExpectation? Remaining(YamlNode node, string path)
        {
            if (node is not YamlMappingNode map)
            {
                bag.Report(Severity.Error, "HQ5004", $"'remaining' must be {{ promised: …, statutory: … }}", Loc(node, path));
                return null;
            }

            CheckKeys(map, path, ["promised", "statutory"]);
            var (promised, promisedOverdue) = SignedDurationOf(map, "promised", path);
            var (statutory, statutoryOverdue) = SignedDurationOf(map, "statutory", path);
            return new SampleRemainingExpectation { Promised = promised, PromisedOverdue = promisedOverdue, Statutory = statutory, StatutoryOverdue = statutoryOverdue };
        }

        /// <summary>A duration, or with a leading minus the time a limit is overdue by (<c>-2wh</c>).</summary>
        private (Duration? Value, bool Negative) SignedDurationOf(YamlMappingNode map, string key, string path)
        {
            var text = String(map, key, path);
            if (text is null)
            {
                return (null, false);
            }

            var negative = text.StartsWith('-');
            if (Duration.TryParse(negative ? text[1..] : text, out var d, out var error))
            {
                return (d, negative);
            }

            bag.Report(Severity.Error, "HQ5006", error!, Loc(map.Children[new YamlScalarNode(key)], $"{path}/{key}"));
            return (null, false);
        }

        private Duration? DurationOf(YamlMappingNode map, string key, string path)
        {
            var text = String(map, key, path);
            if (text is null)
            {
                return null;
            }

            if (Duration.TryParse(text, out var d, out var error))
            {
                return d;
            }

            bag.Report(Severity.Error, "HQ5006", error!, Loc(map.Children[new YamlScalarNode(key)], $"{path}/{key}"));
            return null;
        }

        private bool? Bool(YamlMappingNode map, string key, string path)
        {
            var text = String(map, key, path);
            return text switch
            {
                null => null,
                "true" => true,
                "false" => false,
                _ => Fail(),
            };

            bool? Fail()
            {
                bag.Report(Severity.Error, "HQ5004", $"'{key}' must be true or false", Loc(map.Children[new YamlScalarNode(key)], $"{path}/{key}"));
                return null;
            }
        }

        private ValueList<string>? List(YamlMappingNode map, string key, string path)
        {
            if (!map.Children.TryGetValue(new YamlScalarNode(key), out var node))
            {
                return null;
            }

            if (node is YamlSequenceNode seq)
            {
                var items = new List<string>();
                foreach (var child in seq.Children)
                {
                    if (child is YamlScalarNode s && s.Value is not null)
                    {
                        items.Add(s.Value);
                    }
                    else
                    {
                        bag.Report(Severity.Error, "HQ5004", $"'{key}' must list plain values", Loc(child, $"{path}/{key}"));
                    }
                }

                return items;
            }

            bag.Report(Severity.Error, "HQ5004", $"'{key}' must be a list, e.g. [a, b]", Loc(node, $"{path}/{key}"));
            return null;
        }

        private IReadOnlyDictionary<string, object?> Dictionary(YamlMappingNode map, string key, string path)
        {
            if (!map.Children.TryGetValue(new YamlScalarNode(key), out var node))
            {
                return new Dictionary<string, object?>();
            }

            if (node is YamlMappingNode m)
            {
                return (IReadOnlyDictionary<string, object?>)YamlValues.ToPlain(m)!;
            }

            bag.Report(Severity.Error, "HQ5004", $"'{key}' must be a mapping", Loc(node, $"{path}/{key}"));
            return new Dictionary<string, object?>();
        }
    }
}
