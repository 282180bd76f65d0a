namespace HongqiFlow.Definitions.Schema;

/// <summary>The closed set of words a string property accepts; read by the reader's checks and by the schema generator.</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class ShapeValuesAttribute(params string[] values) : Attribute
{
    public IReadOnlyList<string> Values { get; } = values;
}
