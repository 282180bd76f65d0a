using System.Reflection;
using System.Text.Json;
using NJsonSchema;
using NJsonSchema.Generation;

namespace HongqiFlow.Definitions.Schema;

/// <summary>
/// The JSON Schema of the language, generated with NJsonSchema from the document-shape types, then completed by hand
/// for the forms a C# type cannot say (shorthand strings, durations, <c>join</c>, guards). Editors use it through
/// the <c># yaml-language-server: $schema=</c> line; the checked-in copy under engine/schema must equal its output.
/// </summary>
public static class SchemaGenerator
{
    public const string ItemSchemaId = "https://hongqiflow.org/schema/hongqiflow.schema.json";
    public const string OrganizationSchemaId = "https://hongqiflow.org/schema/hongqiflow.organization.schema.json";

    private const string DurationPattern = @"^[0-9]+(\.[0-9]+)?(wd|wh|d|h|min)$";

    /// <summary>The schema of a service-item definition, as the text checked in at engine/schema/hongqiflow.schema.json.</summary>
    public static string Generate() => Generate(typeof(ItemDocumentShape), ItemSchemaId, "HongqiFlow 政务服务事项 / service item");

    /// <summary>The schema of organization.yaml, as checked in at engine/schema/hongqiflow.organization.schema.json.</summary>
    public static string GenerateOrganization() => Generate(typeof(OrganizationDocumentShape), OrganizationSchemaId, "HongqiFlow 组织目录 / organization directory");

    private static string Generate(Type rootShape, string id, string title)
    {
        var settings = new SystemTextJsonSchemaGeneratorSettings
        {
            SerializerOptions = new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.CamelCase },
            SchemaType = SchemaType.JsonSchema,
            DefaultReferenceTypeNullHandling = ReferenceTypeNullHandling.NotNull,
            FlattenInheritanceHierarchy = true,
            TypeNameGenerator = new ShapeTypeNameGenerator(),
        };
        var schema = new JsonSchema();
        var resolver = new JsonSchemaResolver(schema, settings);
        var generator = new JsonSchemaGenerator(settings);
        generator.Generate(schema, rootShape, resolver);

        // Transitions are reached only through the hand-written 'on' form, so NJsonSchema is asked for them explicitly.
        var transition = rootShape == typeof(ItemDocumentShape) ? generator.Generate(typeof(TransitionShape), resolver) : null;

        schema.Id = id;
        schema.Title = title;
        foreach (var shape in ShapesOf(rootShape))
        {
            var shapeSchema = shape == rootShape ? schema : schema.Definitions[ShapeTypeNameGenerator.NameOf(shape)];
            Complete(shape, shapeSchema, transition);
        }

        return schema.ToJson().ReplaceLineEndings("\n") + "\n";
    }

    private static void Complete(Type shape, JsonSchema shapeSchema, JsonSchema? transition)
    {
        shapeSchema.AllowAdditionalProperties = false;
        foreach (var property in shape.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var schemaProperty = shapeSchema.Properties[ShapeKeys.KeyOf(property)];

            // Shape properties are nullable only to mean "absent"; a key written with no value is not allowed.
            schemaProperty.Type &= ~JsonObjectType.Null;
            foreach (var nullOption in schemaProperty.OneOf.Where(o => o.Type == JsonObjectType.Null).ToList())
            {
                schemaProperty.OneOf.Remove(nullOption);
            }

            if (property.GetCustomAttribute<ShapeValuesAttribute>() is { } values)
            {
                schemaProperty.Type = JsonObjectType.String;
                foreach (var value in values.Values)
                {
                    schemaProperty.Enumeration.Add(value);
                }
            }

            if (property.GetCustomAttribute<ShapeFormAttribute>() is { } form)
            {
                Rewrite(schemaProperty, form.Form, transition);
            }
        }
    }

    private static void Rewrite(JsonSchemaProperty property, ShapeForm form, JsonSchema? transition)
    {
        // NJsonSchema describes an object-typed property as "anything"; the form replaces that entirely.
        property.Type = JsonObjectType.None;
        property.OneOf.Clear();
        switch (form)
        {
            case ShapeForm.Duration:
                property.Type = JsonObjectType.String;
                property.Pattern = DurationPattern;
                break;
            case ShapeForm.DurationList:
                property.OneOf.Add(Duration());
                property.OneOf.Add(new JsonSchema { Type = JsonObjectType.Array, Item = Duration() });
                break;
            case ShapeForm.Percent:
                property.OneOf.Add(new JsonSchema { Type = JsonObjectType.String, Pattern = @"^[0-9]+(\.[0-9]+)?%$" });
                property.OneOf.Add(new JsonSchema { Type = JsonObjectType.Number, Minimum = 0, IsExclusiveMinimum = true, Maximum = 1, IsExclusiveMaximum = true });
                break;
            case ShapeForm.CountOrPercent:
                property.OneOf.Add(new JsonSchema { Type = JsonObjectType.Integer, Minimum = 1 });
                property.OneOf.Add(new JsonSchema { Type = JsonObjectType.String, Pattern = @"^[0-9]+(\.[0-9]+)?%$" });
                break;
            case ShapeForm.NameOrList:
                property.OneOf.Add(new JsonSchema { Type = JsonObjectType.String });
                property.OneOf.Add(new JsonSchema { Type = JsonObjectType.Array, Item = new JsonSchema { Type = JsonObjectType.String } });
                break;
            case ShapeForm.Guard:
                property.OneOf.Add(new JsonSchema { Type = JsonObjectType.String, Description = "JavaScript" });
                property.OneOf.Add(SingleKey("js", "JavaScript 表达式（Jint）/ a JavaScript expression (Jint)"));
                property.OneOf.Add(SingleKey("csharp", "C# 表达式（Roslyn，开发人员编写）/ a C# expression (Roslyn, written by developers)"));
                break;
            case ShapeForm.Transitions:
                var one = new JsonSchema();
                one.OneOf.Add(new JsonSchema { Type = JsonObjectType.String, Description = "目标状态（简写）/ target state (shorthand)" });
                one.OneOf.Add(new JsonSchema { Reference = transition });
                property.Type = JsonObjectType.Object;
                property.AdditionalPropertiesSchema = new JsonSchema
                {
                    OneOf = { one, new JsonSchema { Type = JsonObjectType.Array, Item = one, MinItems = 1 } },
                };
                break;
            case ShapeForm.Timers:
                property.Type = JsonObjectType.Object;
                property.PatternProperties[DurationPattern] = new JsonSchemaProperty { Type = JsonObjectType.String, Description = "目标状态 / target state" };
                property.AllowAdditionalProperties = false;
                break;
            case ShapeForm.Join:
                property.OneOf.Add(new JsonSchema { Type = JsonObjectType.String, Enumeration = { "all", "any" } });
                var atLeast = SingleKey("atLeast", "至少 N 个分支同意 / at least N branches approve");
                atLeast.Properties["atLeast"].Type = JsonObjectType.Integer;
                atLeast.Properties["atLeast"].Minimum = 1;
                property.OneOf.Add(atLeast);
                break;
            case ShapeForm.NotifyTrigger:
                property.Type = JsonObjectType.String;
                property.Pattern = @"^(enter \S+|event \S+|warning (yellow|red)|obligation \S+ (opened|due|overdue|breached|fulfilled))$";
                break;
        }
    }

    private static JsonSchema Duration() => new() { Type = JsonObjectType.String, Pattern = DurationPattern };

    private static JsonSchema SingleKey(string key, string description)
    {
        var schema = new JsonSchema { Type = JsonObjectType.Object, AllowAdditionalProperties = false };
        schema.Properties[key] = new JsonSchemaProperty { Type = JsonObjectType.String, Description = description };
        schema.RequiredProperties.Add(key);
        return schema;
    }

    /// <summary>Every shape reachable from <paramref name="root"/>, in a stable order.</summary>
    private static List<Type> ShapesOf(Type root)
    {
        var seen = new List<Type>();
        var queue = new Queue<Type>([root]);
        if (root == typeof(ItemDocumentShape))
        {
            queue.Enqueue(typeof(TransitionShape));
        }

        while (queue.Count > 0)
        {
            var shape = queue.Dequeue();
            if (seen.Contains(shape))
            {
                continue;
            }

            seen.Add(shape);
            foreach (var property in shape.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                var type = property.PropertyType;
                var inner = type.IsGenericType ? type.GetGenericArguments()[^1] : type;
                if (inner.Name.EndsWith("Shape", StringComparison.Ordinal))
                {
                    queue.Enqueue(inner);
                }
            }
        }

        return seen;
    }
}
