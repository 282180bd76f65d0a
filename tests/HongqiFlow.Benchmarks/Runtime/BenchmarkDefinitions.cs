using HongqiFlow.Definitions.Catalog;
using HongqiFlow.Hosting;
using HongqiFlow.Runtime;

namespace HongqiFlow.Benchmarks.Runtime;

/// <summary>
/// The flows the runtime benchmarks run, written in YAML and compiled through the real path: the repository's catalog
/// (calendars, organization) loaded by <see cref="DefinitionLibrary"/>, the text checked by
/// <see cref="DefinitionChecker"/> (schema and semantic pass), then compiled by the library.
/// </summary>
internal static class BenchmarkDefinitions
{
    /// <summary>Four states in a line, one guardless window transition per step: the shape of a plain Stateless graph.</summary>
    public static readonly string Linear = Item("BENCH-0001", "基准线性流程", """
          received:
            initial: true
            on: { accept: { to: reviewing, by: window } }
          reviewing:
            on: { approve: { to: deciding, by: window } }
          deciding:
            on: { issue: { to: issued, by: window } }
          issued: { final: true, outcome: approved }
        """);

    /// <summary>Three automatic steps (<c>by: system</c>): the start command alone runs the case to its final state.</summary>
    public static readonly string ThreeAutomaticSteps = Item("BENCH-0002", "基准三步自动流程", """
          received:
            initial: true
            on: { check: { to: checked, by: system } }
          checked:
            on: { approve: { to: approved, by: system } }
          approved:
            on: { issue: { to: issued, by: system } }
          issued: { final: true, outcome: approved }
        """);

    public static readonly DateTimeOffset Now = new(2026, 11, 26, 10, 0, 0, TimeSpan.FromHours(8));

    public static readonly Actor Clerk = Actor.Window("clerk-1");

    /// <summary>A promised item (3 working days of 5) with one material, on the mainland calendar, and the given states.</summary>
    private static string Item(string code, string name, string states) => $$"""
        hongqiflow: 1
        item:
          code: {{code}}
          name: {{name}}
          version: 1
          kind: promised
          lead: government-service
          calendar: cn-mainland
          timeLimit: { statutory: 5wd, promised: 3wd }
        materials:
          - { id: application, name: 申请书, core: true }
        states:

        """ + states;

    /// <summary>Checks and compiles <paramref name="yaml"/>; throws with every diagnostic when it does not check.</summary>
    public static (DefinitionLibrary Library, CompiledDefinition Definition) Compile(string yaml, string fileName)
    {
        var library = DefinitionLibrary.Load(CatalogRoot());
        var checkedItem = new DefinitionChecker().CheckText(yaml, fileName, library.Environment);
        if (!checkedItem.IsValid)
        {
            library.Dispose();
            throw new InvalidOperationException($"{fileName} does not check:{Environment.NewLine}{string.Join(Environment.NewLine, checkedItem.Diagnostics)}");
        }

        return (library, library.Add(checkedItem.Model!, Path.GetFileNameWithoutExtension(fileName)));
    }

    public static Command Start(string caseId) => Command.StartCase(
        new CaseStart { CaseId = caseId, Receipt = "R-" + caseId, Applicant = new Applicant("张三"), Submitted = new[] { "application" } },
        Clerk);

    /// <summary>Decides a command that must be accepted, for setup.</summary>
    public static CaseState Accept(CompiledDefinition definition, CaseState state, Command command) =>
        Engine.Decide(definition, state, command, Now) is Accepted accepted
            ? accepted.NewState
            : throw new InvalidOperationException($"'{command.Event}' was rejected in setup.");

    /// <summary>definitions/ of the repository the benchmark runs from.</summary>
    private static string CatalogRoot() => Repository.Path("definitions");
}
