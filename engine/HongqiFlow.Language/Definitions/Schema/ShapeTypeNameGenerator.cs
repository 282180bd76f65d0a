using NJsonSchema;

namespace HongqiFlow.Definitions.Schema;

/// <summary>Names schema definitions for the language's words (State, Transition…), not for the C# shape classes.</summary>
internal sealed class ShapeTypeNameGenerator : ITypeNameGenerator
{
    public static string NameOf(Type shape) =>
        shape.Name.EndsWith("Shape", StringComparison.Ordinal) ? shape.Name[..^"Shape".Length] : shape.Name;

    public string Generate(JsonSchema schema, string? typeNameHint, IEnumerable<string> reservedTypeNames) =>
        typeNameHint is not null && typeNameHint.EndsWith("Shape", StringComparison.Ordinal) ? typeNameHint[..^"Shape".Length] : typeNameHint ?? "Anonymous";
}
