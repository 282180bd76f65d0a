using System.CommandLine;
using Command = System.CommandLine.Command;
using RuntimeCommand = HongqiFlow.Runtime.Command;
using System.Globalization;
using HongqiFlow.Definitions.Catalog;
using HongqiFlow.Diagnostics;
using HongqiFlow.Hosting;
using HongqiFlow.Runtime;
using HongqiFlow.Samples;
using HongqiFlow.Time;

namespace HongqiFlow.Cli.Commands;

/// <summary>
/// <c>hongqi run FILE</c>: steps one case of a definition by hand in the terminal, on a virtual clock, listing the
/// permitted events and the clocks after every step. Reads commands from standard input, so it also runs scripted.
/// </summary>
internal static class RunCommand
{
    private const string Help = """
        commands:
          EVENT [as ROLE] [branch NAME] [key=value ...]   send an event (ROLE: window, applicant, lead, supervisor, system, department:ID)
                                                          a value with commas is a list: materials=articles,premises
          after DURATION                                  move the clock (5wd, 3wh, 2d…); due timers fire in order
          at INSTANT                                      move the clock to 2024-10-08T09:00+08:00
          status | history | help | quit
        """;

    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "A service-item definition (YAML)" };
        var clock = new Option<string?>("--clock") { Description = "Where the virtual clock starts (default: the next working day 09:00 in the calendar's zone)" };
        var submitted = new Option<string?>("--submitted") { Description = "Materials handed in at intake, comma-separated (default: all required ones)" };
        var applicant = new Option<string>("--applicant") { Description = "The applicant's name", DefaultValueFactory = _ => "张三" };
        var command = new Command("run", "Step a case of a definition by hand: permitted events, clocks and warnings after every step")
        {
            file,
            clock,
            submitted,
            applicant,
        };
        command.SetAction(parse => CliRun.Run(parse, output =>
        {
            var path = parse.GetValue(file)!;
            var root = DefinitionEnvironment.FindRoot(Path.GetDirectoryName(Path.GetFullPath(path)))
                ?? throw new InvalidOperationException($"no organization.yaml found at or above {path}");
            using var library = DefinitionLibrary.Load(root);
            var checkedItem = new DefinitionChecker().CheckFile(path, library.Environment);
            if (!checkedItem.IsValid)
            {
                throw new DefinitionException([.. checkedItem.Diagnostics.Where(d => d.Severity == Severity.Error)]);
            }

            var definition = library.Compile(checkedItem.Model!);
            var start = parse.GetValue(clock) is { } c
                ? DateTimeOffset.Parse(c, CultureInfo.InvariantCulture)
                : DefaultStart(definition);
            var materials = parse.GetValue(submitted) is { } s
                ? s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                : definition.Definition.Materials.Where(m => m.Shared is null && !m.Optional).Select(m => m.Id).ToArray();
            var session = new VirtualCase(definition, start);
            session.Start(new CaseStart
            {
                CaseId = "case-1",
                Receipt = "R" + start.ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture),
                Applicant = new Applicant(parse.GetValue(applicant)!),
                Submitted = materials,
            }, Channel.Window);
            output.WriteLine($"{definition.Definition.Item.Name} ({definition.Code}@{definition.Version}), clock {start:yyyy-MM-dd HH:mm zzz}");
            output.WriteLine(Help);
            Status(output, session);
            var input = Console.In;
            while (true)
            {
                output.Write("> ");
                var line = input.ReadLine();
                if (line is null || line.Trim() is "quit" or "exit" or "q")
                {
                    return 0;
                }

                Execute(output, session, line.Trim());
            }
        }));
        return command;
    }

    internal static void Execute(TextWriter output, VirtualCase session, string line)
    {
        if (line.Length == 0)
        {
            return;
        }

        var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        switch (words[0])
        {
            case "help":
                output.WriteLine(Help);
                return;
            case "status":
                Status(output, session);
                return;
            case "history":
                foreach (var e in session.Events)
                {
                    output.WriteLine($"  #{e.Sequence} {e.At:MM-dd HH:mm} {e.Type} by {e.Actor.RoleText} {(e.Data.Count > 0 ? e.Data.ToString() : string.Empty)}");
                }

                return;
            case "after" when words.Length == 2:
                if (!Duration.TryParse(words[1], out var duration, out var error))
                {
                    output.WriteLine("error: " + error);
                    return;
                }

                Fired(output, session.Advance(duration));
                Status(output, session);
                return;
            case "at" when words.Length == 2:
                if (!DateTimeOffset.TryParse(words[1], CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) || at < session.Now)
                {
                    output.WriteLine($"error: '{words[1]}' is not an instant after {session.Now:O}");
                    return;
                }

                Fired(output, session.AdvanceTo(at));
                Status(output, session);
                return;
        }

        string by = "window";
        string? branch = null;
        var payload = new Dictionary<string, object?>(StringComparer.Ordinal);
        for (var i = 1; i < words.Length; i++)
        {
            if (words[i] == "as" && i + 1 < words.Length)
            {
                by = words[++i];
            }
            else if (words[i] == "branch" && i + 1 < words.Length)
            {
                branch = words[++i];
            }
            else if (words[i].Split('=', 2) is [var key, var value])
            {
                payload[key] = value.Contains(',', StringComparison.Ordinal) || key == "materials"
                    ? value.Split(',', StringSplitOptions.RemoveEmptyEntries)
                    : decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var number) ? number : value;
            }
            else
            {
                output.WriteLine($"error: cannot read '{words[i]}'; type help");
                return;
            }
        }

        var actor = session.ActorOf(by, null, branch);
        if (actor is null)
        {
            output.WriteLine($"error: '{by}' is not a role: window, applicant, lead, supervisor, system, department:ID");
            return;
        }

        switch (session.Send(RuntimeCommand.Send(words[0], actor, Channel.Window, ValueMap.From(payload), branch)))
        {
            case Accepted accepted:
                Fired(output, accepted.Events);
                Status(output, session);
                break;
            case Rejected rejected:
                output.WriteLine($"rejected {rejected.Rejection.Code}: {rejected.Rejection.Reason}");
                output.WriteLine($"         {rejected.Rejection.ReasonEnglish}");
                break;
        }
    }

    private static void Fired(TextWriter output, IReadOnlyList<CaseEvent> events)
    {
        foreach (var e in events)
        {
            output.WriteLine($"  + {e.Type}{(e.Region is { } r ? " [" + r + "]" : string.Empty)} {(e.Data.Count > 0 ? e.Data.ToString() : string.Empty)}");
        }
    }

    internal static void Status(TextWriter output, VirtualCase session)
    {
        var state = session.State;
        var clock = session.Clock();
        output.WriteLine($"now      {session.Now:yyyy-MM-dd HH:mm ddd}");
        output.WriteLine($"state    {string.Join("  ", state.Regions.Select(r => $"{r.Region}={r.State}"))}{(state.Outcome is { } o ? $"  outcome={o}" : string.Empty)}");
        var promised = clock.RemainingPromised is { } rp ? $", promised left {session.Show(rp)}" : string.Empty;
        var statutory = clock.RemainingStatutory is { } rs ? $", statutory left {session.Show(rs)}" : string.Empty;
        output.WriteLine($"clock    {(clock.Started ? clock.Paused ? "paused" : clock.Stopped ? "stopped" : "running" : "not started")}, elapsed {session.Show(clock.Elapsed)}{promised}{statutory}");
        if (state.Materials.Missing.Count > 0)
        {
            output.WriteLine($"missing  {string.Join(", ", state.Materials.Missing)}");
        }

        foreach (var obligation in state.Obligations.Where(x => x.IsOpen))
        {
            output.WriteLine($"owes     {obligation.Id} by {obligation.Due:yyyy-MM-dd HH:mm}");
        }

        if (state.Warnings.Count > 0)
        {
            output.WriteLine($"warnings {string.Join(", ", state.Warnings.Select(VirtualCase.WarningText))}");
        }

        var roles = new List<string> { "window", "applicant", "lead", "supervisor" };
        roles.AddRange(session.Definition.Regions.Where(r => r.Branch is not null).Select(r => "department:" + r.Branch!.Department).Distinct());
        foreach (var role in roles)
        {
            var permitted = session.Permitted(session.ActorOf(role)!);
            if (permitted.Count > 0)
            {
                output.WriteLine($"{role,-28} may: {string.Join(", ", permitted.Select(p => p.Region == "main" ? p.Event : $"{p.Event} ({p.Region})"))}");
            }
        }
    }

    private static DateTimeOffset DefaultStart(CompiledDefinition definition)
    {
        var calendar = definition.Calendar;
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, calendar.TimeZone).DateTime);
        while (!calendar.IsWorkingDay(day))
        {
            day = day.AddDays(1);
        }

        var local = day.ToDateTime(new TimeOnly(9, 0));
        return new DateTimeOffset(local, calendar.TimeZone.GetUtcOffset(local));
    }
}
