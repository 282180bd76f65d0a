using System.Text.RegularExpressions;
using HongqiFlow.Server.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HongqiFlow.Server.Cases;

/// <summary>
/// Bounds on the free text a case request carries, so that a pasted document or a runaway client is refused with the
/// field named instead of being stored in every event and shown on every worklist.
/// </summary>
internal static partial class FieldLimits
{
    /// <summary>A person's or an enterprise's name (企业名称 run to about 50 characters).</summary>
    public const int Name = 200;

    public const int IdempotencyKey = 200;

    /// <summary>A material, event or branch code.</summary>
    public const int Code = 100;

    public const int Materials = 200;

    /// <summary>A comment or note people write: a rating's comment, a rectification or feedback note.</summary>
    public const int Comment = 2000;

    /// <summary>An event's payload as JSON text (reasons, materials, data): room for what a step records, not for a document.</summary>
    public const int Payload = 16 * 1024;

    /// <summary>An event's payload over <see cref="Payload"/> characters of JSON is refused, the field named.</summary>
    public static void PayloadSize(Dictionary<string, string[]> errors, string field, IReadOnlyDictionary<string, System.Text.Json.JsonElement>? payload)
    {
        if (payload is null)
        {
            return;
        }

        var length = System.Text.Json.JsonSerializer.Serialize(payload).Length;
        if (length > Payload)
        {
            errors[field] = [$"at most {Payload} characters of JSON; this one has {length}"];
        }
    }

    public static void Text(Dictionary<string, string[]> errors, string field, string? value, int max)
    {
        if (value is { Length: var length } && length > max)
        {
            errors[field] = [TooLong(max, length)];
        }
        else
        {
            RequestText.Check(errors, field, value);
        }
    }

    /// <summary>
    /// A comment or note over <see cref="Comment"/> characters refused with the field named, and in Chinese for the
    /// person who typed it (<paramref name="whatZh"/>: 评价意见, 说明); null when it fits.
    /// </summary>
    public static ValidationProblem? CommentTooLong(string field, string? value, string whatZh) =>
        value is { Length: > Comment } ? Problems.Field(field, TooLong(Comment, value.Length), $"{whatZh}最多 {Comment} 字，现有 {value.Length} 字") : null;

    private static string TooLong(int max, int length) => $"at most {max} characters; this one has {length}";

    /// <summary>A phone number as people write it: digits, an optional leading +, spaces and hyphens (5–20 characters); blank is none.</summary>
    public static void Phone(Dictionary<string, string[]> errors, string field, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value) && !PhonePattern().IsMatch(value.Trim()))
        {
            errors[field] = ["not a phone number: digits, optionally a leading + and spaces or hyphens, 5 to 20 characters (e.g. 13812345678, 010-12345678)"];
        }
    }

    public static void Codes(Dictionary<string, string[]> errors, string field, IReadOnlyList<string>? codes)
    {
        if (codes is null)
        {
            return;
        }

        if (codes.Count > Materials)
        {
            errors[field] = [$"at most {Materials} entries; this list has {codes.Count}"];
            return;
        }

        for (var i = 0; i < codes.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(codes[i]))
            {
                errors[$"{field}[{i}]"] = ["empty: name a material code"];
            }
            else
            {
                Text(errors, $"{field}[{i}]", codes[i], Code);
            }
        }
    }

    [GeneratedRegex(@"^\+?[0-9][0-9 \-]{3,18}[0-9]$")]
    private static partial Regex PhonePattern();
}
