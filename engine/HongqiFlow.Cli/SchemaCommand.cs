using System.CommandLine;
using HongqiFlow.Definitions.Schema;

namespace HongqiFlow.Cli;

/// <summary><c>hongqi schema [--organization]</c>: prints the JSON Schema that engine/schema checks in.</summary>
internal static class SchemaCommand
{
    public static Command Create()
    {
        var organization = new Option<bool>("--organization") { Description = "print the schema of organization.yaml instead of a service item's" };
        var command = new Command("schema", "print the JSON Schema of the definition language") { organization };
        command.SetAction(result =>
        {
            Console.Out.Write(result.GetValue(organization) ? SchemaGenerator.GenerateOrganization() : SchemaGenerator.Generate());
            return 0;
        });
        return command;
    }
}
