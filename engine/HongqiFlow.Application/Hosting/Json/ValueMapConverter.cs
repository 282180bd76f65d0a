using System.Text.Json;
using System.Text.Json.Serialization;
using HongqiFlow.Definitions.Model;
using HongqiFlow.Runtime;

namespace HongqiFlow.Hosting.Json;

/// <summary>
/// Case data as plain JSON: objects, arrays, strings, numbers (read back as decimal, as <see cref="ValueMap"/>
/// normalises them), booleans and null, so a map round-trips to an equal map.
/// </summary>
internal sealed class ValueMapConverter : JsonConverter<ValueMap>
{
    public override ValueMap Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.StartObject
            ? ReadMap(ref reader)
            : throw new JsonException($"expected an object for case data, found {reader.TokenType}");

    public override void Write(Utf8JsonWriter writer, ValueMap value, JsonSerializerOptions options) => WriteValue(writer, value);

    private static ValueMap ReadMap(ref Utf8JsonReader reader)
    {
        var items = new List<KeyValuePair<string, object?>>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var key = reader.GetString()!;
            reader.Read();
            items.Add(new(key, ReadValue(ref reader)));
        }

        return ValueMap.From(items);
    }

    private static object? ReadValue(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.True:
                return true;
            case JsonTokenType.False:
                return false;
            case JsonTokenType.String:
                return reader.GetString();
            case JsonTokenType.Number:
                return reader.GetDecimal();
            case JsonTokenType.StartObject:
                return ReadMap(ref reader);
            case JsonTokenType.StartArray:
                var list = new List<object?>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    list.Add(ReadValue(ref reader));
                }

                return new ValueList<object?>(list);
            default:
                throw new JsonException($"unexpected {reader.TokenType} in case data");
        }
    }

    private static void WriteValue(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string s:
                writer.WriteStringValue(s);
                break;
            case bool b:
                writer.WriteBooleanValue(b);
                break;
            case decimal d:
                writer.WriteNumberValue(d);
                break;
            case ValueMap map:
                writer.WriteStartObject();
                foreach (var (key, item) in map)
                {
                    writer.WritePropertyName(key);
                    WriteValue(writer, item);
                }

                writer.WriteEndObject();
                break;
            case ValueList<object?> list:
                writer.WriteStartArray();
                foreach (var item in list)
                {
                    WriteValue(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                throw new JsonException($"case data holds a {value.GetType().Name}, which ValueMap never produces");
        }
    }
}
