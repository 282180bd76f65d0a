namespace HongqiFlow.Definitions.Schema;

/// <summary>
/// Marks a document-shape property whose YAML surface a C# type cannot express (a shorthand string or a full map,
/// a duration with its unit…); the schema generator rewrites the property to <see cref="Form"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class ShapeFormAttribute(ShapeForm form) : Attribute
{
    public ShapeForm Form { get; } = form;
}
