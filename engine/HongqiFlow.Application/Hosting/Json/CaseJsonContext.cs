using System.Text.Json.Serialization;
using HongqiFlow.Runtime;

namespace HongqiFlow.Hosting.Json;

/// <summary>Source-generated metadata for the stored case documents (no reflection at run time).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    IgnoreReadOnlyProperties = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    UseStringEnumConverter = true,
    Converters = [typeof(ValueMapConverter), typeof(ValueListConverterFactory)])]
[JsonSerializable(typeof(CaseStateDocument))]
[JsonSerializable(typeof(CaseEventDocument))]
[JsonSerializable(typeof(RegionState))]
[JsonSerializable(typeof(Obligation))]
[JsonSerializable(typeof(DueTimer))]
[JsonSerializable(typeof(CaseWarning))]
[JsonSerializable(typeof(PauseInterval))]
[JsonSerializable(typeof(CaseEvent))]
[JsonSerializable(typeof(string))]
internal sealed partial class CaseJsonContext : JsonSerializerContext;
