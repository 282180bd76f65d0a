using System.CommandLine;
using HongqiFlow.Definitions.Catalog;
using HongqiFlow.Definitions.Graph;
using HongqiFlow.Diagnostics;

namespace HongqiFlow.Cli.Commands;

/// <summary><c>hongqi graph FILE --format mermaid|dot</c>: the item's states, branches and transitions as a diagram.</summary>
internal static class GraphCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "A service-item definition (YAML)" };
        var format = new Option<string>("--format") { Description = "mermaid or dot", DefaultValueFactory = _ => "mermaid" };
        format.AcceptOnlyFromAmong("mermaid", "dot");
        var command = new Command("graph", "Draw a definition as a Mermaid state diagram or a Graphviz DOT graph") { file, format };
        command.SetAction(parse => CliRun.Run(parse, output =>
        {
            var path = parse.GetValue(file)!;
            var checkedItem = new DefinitionChecker().CheckFile(path);
            if (checkedItem.Model is null || checkedItem.HasErrors)
            {
                throw new DefinitionException([.. checkedItem.Diagnostics.Where(d => d.Severity == Severity.Error)]);
            }

            var graph = DefinitionGraph.From(checkedItem.Model);
            output.Write(parse.GetValue(format) == "dot" ? DotWriter.Write(graph, checkedItem.Model.Item.Code) : MermaidWriter.Write(graph));
        }));
        return command;
    }
}
