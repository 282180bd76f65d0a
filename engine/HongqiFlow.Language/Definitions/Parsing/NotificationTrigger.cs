using HongqiFlow.Definitions.Model;

namespace HongqiFlow.Definitions.Parsing;

/// <summary>Reads <c>on:</c> of a notification: <c>enter STATE</c>, <c>event NAME</c>, <c>warning yellow|red</c>, <c>obligation ID PHASE</c> (<see cref="Phases"/>).</summary>
internal static class NotificationTrigger
{
    private static readonly string[] Phases = ["opened", "due", "overdue", "breached", "fulfilled"];
    private static readonly string[] Levels = ["yellow", "red"];

    public static (NotificationTriggerKind Kind, string Subject, string? Phase) Parse(ReadingContext context, YamlScalarNode on, string path)
    {
        var words = on.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        switch (words)
        {
            case ["enter", var state]:
                return (NotificationTriggerKind.EnterState, state, null);
            case ["event", var name]:
                return (NotificationTriggerKind.Event, name, null);
            case ["warning", var level] when Levels.Contains(level):
                return (NotificationTriggerKind.Warning, level, null);
            case ["warning", var level]:
                context.Error(ParseCodes.InvalidTrigger, $"'{level}' is not a warning level; use yellow or red", on, path, $"write 'warning yellow' or 'warning red'");
                return (NotificationTriggerKind.Warning, level, null);
            case ["obligation", var id, var phase] when Phases.Contains(phase):
                return (NotificationTriggerKind.Obligation, id, phase);
            case ["obligation", var id, var phase]:
                context.Error(ParseCodes.InvalidTrigger, $"'{phase}' is not an obligation phase; use opened, due, overdue, breached or fulfilled", on, path, $"write e.g. 'obligation {id} due'");
                return (NotificationTriggerKind.Obligation, id, phase);
            default:
                context.Error(
                    ParseCodes.InvalidTrigger,
                    $"'{on.Value}' is not a notification trigger",
                    on,
                    path,
                    $"write 'enter STATE', 'event NAME', 'warning yellow|red' or 'obligation ID opened|due|overdue|breached|fulfilled'");
                return (NotificationTriggerKind.EnterState, string.Empty, null);
        }
    }
}
