using System.Reflection;
using HongqiFlow.Runtime;

namespace HongqiFlow.Tests.Docs;

/// <summary>
/// Every event the engine can record has a label in the web app's Chinese and English texts, so a history never shows
/// a bare English event id (the console looks events up as <c>ev_&lt;type&gt;</c>).
/// </summary>
public sealed class EventLabelTests
{
    public static TheoryData<string> EventTypes()
    {
        var data = new TheoryData<string>();
        foreach (var type in new[] { typeof(CaseEventTypes), typeof(BuiltInEvents) })
        {
            foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral && f.FieldType == typeof(string)))
            {
                data.Add((string)field.GetRawConstantValue()!);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EventTypes))]
    public void EveryEventType_HasALabel_InChineseAndEnglish(string eventType)
    {
        foreach (var language in new[] { "zh", "en" })
        {
            var texts = File.ReadAllText(Repository.Path("designer", "src", "i18n", language + ".ts"));
            var key = "ev_" + eventType;
            (texts.Contains($"\"{key}\":", StringComparison.Ordinal) || texts.Contains($" {key}:", StringComparison.Ordinal))
                .ShouldBeTrue($"designer/src/i18n/{language}.ts has no label {key}");
        }
    }
}
