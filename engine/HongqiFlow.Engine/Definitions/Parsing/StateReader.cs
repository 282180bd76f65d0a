using HongqiFlow.Diagnostics;
using HongqiFlow.Definitions.Model;
using HongqiFlow.Definitions.Schema;

namespace HongqiFlow.Definitions.Parsing;

/// <summary>Reads states with their transitions, timers and parallel branches; shared by the main flow, branches and fragments.</summary>
internal sealed class StateReader(ReadingContext context)
{
    public ValueList<StateDefinition> ReadStates(YamlNode? node, string path)
    {
        var map = context.NamedMap(node, path, $"'states'");
        if (map is null)
        {
            return ValueList<StateDefinition>.Empty;
        }

        var states = new List<StateDefinition>(map.Entries.Count);
        foreach (var (name, value) in map.Entries)
        {
            states.Add(ReadState(value, SourceMap.Child(path, name.Value), name.Value));
        }

        return states;
    }

    private StateDefinition ReadState(YamlNode node, string path, string name)
    {
        var map = context.Map(node, path, typeof(StateShape), $"the state '{name}'");
        if (map is null)
        {
            return new StateDefinition { Name = name, At = context.KeyAt(path) };
        }

        return new StateDefinition
        {
            At = context.KeyAt(path),
            Name = name,
            Title = context.Text(map, path, "title"),
            Initial = context.Bool(map, path, "initial"),
            Final = context.Bool(map, path, "final"),
            Outcome = context.Text(map, path, "outcome"),
            Clock = ReadClock(context.Text(map, path, "clock")),
            PausedFor = context.Text(map, path, "pausedFor"),
            Limit = context.Duration(map, path, "limit"),
            Department = context.Text(map, path, "department"),
            Transitions = ReadTransitions(map.Get("on"), SourceMap.Child(path, "on")),
            Timers = ReadTimers(map.Get("after"), SourceMap.Child(path, "after")),
            Parallel = ReadParallel(map.Get("parallel"), SourceMap.Child(path, "parallel")),
            OnDone = context.Text(map, path, "onDone"),
            Opens = context.Names(map, path, "opens"),
            Fetch = context.Names(map, path, "fetch"),
            Task = new TaskReader(context).Read(map.Get("task"), SourceMap.Child(path, "task")),
        };
    }

    private static ClockMode? ReadClock(string? text) => text switch
    {
        "running" => ClockMode.Running,
        "not-started" => ClockMode.NotStarted,
        "waiting-applicant" => ClockMode.WaitingApplicant,
        "special-procedure" => ClockMode.SpecialProcedure,
        "stopped" => ClockMode.Stopped,
        _ => null,
    };

    private ValueList<TransitionDefinition> ReadTransitions(YamlNode? node, string path)
    {
        var map = context.NamedMap(node, path, $"'on'");
        if (map is null)
        {
            return ValueList<TransitionDefinition>.Empty;
        }

        var transitions = new List<TransitionDefinition>();
        foreach (var (key, value) in map.Entries)
        {
            var eventPath = SourceMap.Child(path, key.Value);
            if (value is YamlListNode list)
            {
                // Several transitions for one event: the first whose guard holds wins, in the order written.
                for (var i = 0; i < list.Items.Count; i++)
                {
                    var itemPath = SourceMap.Child(eventPath, i);
                    transitions.Add(ReadTransition(list.Items[i], itemPath, key.Value, context.At(list.Items[i], itemPath)));
                }
            }
            else
            {
                transitions.Add(ReadTransition(value, eventPath, key.Value, context.KeyAt(eventPath)));
            }
        }

        return transitions;
    }

    private TransitionDefinition ReadTransition(YamlNode node, string path, string eventName, Diagnostics.SourceLocation at)
    {
        if (node is YamlScalarNode { IsNull: false } shorthand)
        {
            return new TransitionDefinition { At = at, Event = eventName, Target = shorthand.Value };
        }

        var map = node is YamlScalarNode ? null : context.Map(node, path, typeof(TransitionShape), $"the transition on '{eventName}'");
        if (map is null)
        {
            return new TransitionDefinition { At = at, Event = eventName };
        }

        return new TransitionDefinition
        {
            At = at,
            Event = eventName,
            Target = context.Text(map, path, "to"),
            By = context.Names(map, path, "by"),
            When = ReadGuard(map.Get("when"), SourceMap.Child(path, "when")),
            Tolerance = context.Bool(map, path, "tolerance"),
            Commitment = context.Bool(map, path, "commitment"),
            Notice = context.Text(map, path, "notice") switch
            {
                "one-time" => NoticeKind.OneTime,
                "correction" => NoticeKind.Correction,
                _ => NoticeKind.None,
            },
            Opens = context.Names(map, path, "opens"),
            Fulfils = context.Names(map, path, "fulfils"),
            Title = context.Text(map, path, "title"),
        };
    }

    private ExpressionSource? ReadGuard(YamlNode? node, string path)
    {
        switch (node)
        {
            case null or YamlScalarNode { IsNull: true }:
                return null;
            case YamlScalarNode scalar:
                return context.Expression(scalar, path, GuardLanguage.JavaScript);
            case YamlMapNode map when map.Entries.Count == 1 && map.Entries[0].Key.Value is "js" or "csharp":
                var (key, value) = map.Entries[0];
                var language = key.Value == "js" ? GuardLanguage.JavaScript : GuardLanguage.CSharp;
                var childPath = SourceMap.Child(path, key.Value);
                return context.Scalar(value, childPath, $"'{key.Value}'") is { } code ? context.Expression(code, childPath, language) : null;
            case YamlMapNode map:
                var keys = map.Entries.Select(e => e.Key).ToList();
                var first = keys.Find(k => k.Value is not ("js" or "csharp")) ?? keys.FirstOrDefault();
                var suggestion = first is null ? null : Suggestions.Closest(first.Value, ["js", "csharp"]);
                context.Error(
                    ParseCodes.WrongType,
                    suggestion is null
                        ? (FormattableString)$"'when' must be an expression, or a map with exactly one of 'js' or 'csharp'"
                        : $"'when' must be an expression, or a map with exactly one of 'js' or 'csharp'; did you mean '{suggestion}'?",
                    (YamlNode?)first ?? map,
                    first is null ? path : SourceMap.Child(path, first.Value),
                    $"write when: \"...\" for JavaScript, or when: {{ csharp: \"...\" }}");
                return null;
            default:
                context.Error(ParseCodes.WrongType, $"'when' must be an expression, not {node.KindName}", node, path, $"write the guard as one expression");
                return null;
        }
    }

    private ValueList<TimerDefinition> ReadTimers(YamlNode? node, string path)
    {
        var map = context.NamedMap(node, path, $"'after'");
        if (map is null)
        {
            return ValueList<TimerDefinition>.Empty;
        }

        var timers = new List<TimerDefinition>();
        foreach (var (key, value) in map.Entries)
        {
            var timerPath = SourceMap.Child(path, key.Value);
            var after = context.Duration(key, timerPath, $"the timer's key");
            var target = context.Scalar(value, timerPath, $"the target of the timer '{key.Value}'");
            if (after is { } duration && target is not null)
            {
                timers.Add(new TimerDefinition { At = context.KeyAt(timerPath), After = duration, Target = target.Value });
            }
        }

        return timers;
    }

    private ParallelDefinition? ReadParallel(YamlNode? node, string path)
    {
        var map = context.Map(node, path, typeof(ParallelShape), $"'parallel'");
        if (map is null)
        {
            return null;
        }

        var branchesPath = SourceMap.Child(path, "branches");
        var branchMap = context.NamedMap(map.Get("branches"), branchesPath, $"'branches'");
        var branches = new List<BranchDefinition>();
        foreach (var (name, value) in branchMap?.Entries ?? [])
        {
            branches.Add(ReadBranch(value, SourceMap.Child(branchesPath, name.Value), name.Value));
        }

        return new ParallelDefinition
        {
            At = context.KeyAt(path),
            Join = ReadJoin(map.Get("join"), SourceMap.Child(path, "join")),
            OnReject = ReadRefusal(map, path),
            Branches = branches,
        };
    }

    private JoinPolicy ReadJoin(YamlNode? node, string path)
    {
        switch (node)
        {
            case null or YamlScalarNode { IsNull: true }:
                return new JoinPolicy();
            case YamlScalarNode { Value: "all" } all:
                return new JoinPolicy { At = context.At(all, path), Kind = JoinKind.All };
            case YamlScalarNode { Value: "any" } any:
                return new JoinPolicy { At = context.At(any, path), Kind = JoinKind.Any };
            case YamlMapNode map when map.Entries.Count == 1 && map.Entries[0].Key.Value == "atLeast":
                return new JoinPolicy { At = context.At(map, path), Kind = JoinKind.AtLeast, Count = context.Int(map, path, "atLeast") ?? 0 };
            default:
                var suggestion = node is YamlScalarNode s ? Suggestions.Closest(s.Value, ["all", "any"]) : null;
                context.Error(
                    ParseCodes.InvalidValue,
                    suggestion is null
                        ? (FormattableString)$"'join' must be all, any or {{ atLeast: N }}"
                        : $"'join' must be all, any or {{ atLeast: N }}; did you mean '{suggestion}'?",
                    node,
                    path,
                    suggestion is null ? (FormattableString)$"write join: all, join: any or join: {{ atLeast: 2 }}" : $"write '{suggestion}'");
                return new JoinPolicy { At = context.At(node, path) };
        }
    }

    private RefusalPolicy ReadRefusal(YamlMapNode map, string path)
    {
        var refusalPath = SourceMap.Child(path, "onReject");
        var scalar = context.Scalar(map.Get("onReject"), refusalPath, $"'onReject'");
        return scalar switch
        {
            null => new RefusalPolicy(),
            { Value: "suspend" } => new RefusalPolicy { At = context.At(scalar, refusalPath), Kind = RefusalKind.Suspend },
            _ => new RefusalPolicy { At = context.At(scalar, refusalPath), Kind = RefusalKind.End, Target = scalar.Value },
        };
    }

    private BranchDefinition ReadBranch(YamlNode node, string path, string name)
    {
        var map = context.Map(node, path, typeof(BranchShape), $"the branch '{name}'");
        if (map is null)
        {
            return new BranchDefinition { Name = name, Department = string.Empty, At = context.KeyAt(path) };
        }

        return new BranchDefinition
        {
            At = context.KeyAt(path),
            Name = name,
            Department = context.Text(map, path, "department") ?? string.Empty,
            Title = context.Text(map, path, "title"),
            Limit = context.Duration(map, path, "limit"),
            OnTimeout = context.Text(map, path, "onTimeout") switch
            {
                "approve" => BranchTimeout.Approve,
                "reject" => BranchTimeout.Reject,
                _ => BranchTimeout.Warn,
            },
            Use = context.Text(map, path, "use"),
            States = ReadStates(map.Get("states"), SourceMap.Child(path, "states")),
        };
    }
}
