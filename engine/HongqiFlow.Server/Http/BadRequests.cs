using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace HongqiFlow.Server.Http;

/// <summary>
/// Requests the framework cannot bind — a body that is not JSON or has a value of the wrong type, a query value that
/// is not a number or a date — answer 400 (415 for a body that is not JSON at all) with where and why, in the same
/// shape as the API's own field errors, instead of a bare "Bad Request". Route handlers throw them
/// (<c>RouteHandlerOptions.ThrowOnBadRequest</c>) so that they reach this handler.
/// </summary>
public sealed partial class BadRequests(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        var (detail, errors) = Explain(bad);
        httpContext.Response.StatusCode = bad.StatusCode;
        var problem = new HttpValidationProblemDetails(errors)
        {
            Status = bad.StatusCode,
            Title = bad.StatusCode == StatusCodes.Status415UnsupportedMediaType ? "unsupported media type" : "invalid request",
            Detail = detail,
        };
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    /// <summary>The detail and the field errors for a request the framework could not bind.</summary>
    public static (string Detail, Dictionary<string, string[]> Errors) Explain(BadHttpRequestException bad)
    {
        ArgumentNullException.ThrowIfNull(bad);
        if (bad.InnerException is JsonException json)
        {
            var field = json.Path is null or "$" ? "$" : json.Path.StartsWith("$.", StringComparison.Ordinal) ? json.Path[2..] : json.Path;
            var where = json.LineNumber is { } line
                ? string.Create(CultureInfo.InvariantCulture, $" (line {line + 1}, column {(json.BytePositionInLine ?? 0) + 1})")
                : string.Empty;
            return ("the request body is not the JSON this request takes", new() { [field] = [JsonReason(json) + where] });
        }

        if (BindFailure().Match(bad.Message) is { Success: true } failure)
        {
            var name = failure.Groups["name"].Value;
            return ($"the value of '{name}' cannot be read", new() { [name] = [$"'{failure.Groups["value"].Value}' is not {Expected(failure.Groups["type"].Value)}"] });
        }

        if (MissingBody().IsMatch(bad.Message))
        {
            return ("the request needs a JSON body", new() { ["$"] = ["send a JSON object (Content-Type: application/json)"] });
        }

        return (bad.Message, []);
    }

    private static string JsonReason(JsonException json)
    {
        var message = json.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        message = cut > 0 ? message[..cut] : message;
        if (ConvertFailure().Match(message) is not { Success: true } convert)
        {
            return message.TrimEnd('.');
        }

        // The serializer names the type it was reading, often the request itself for a wrong value in one of its
        // fields: the field's own type is found by following the path.
        var type = typeof(BadRequests).Assembly.GetType(convert.Groups["type"].Value) ?? Type.GetType(convert.Groups["type"].Value);
        return type is null ? "this value has the wrong type" : $"expected {Expected(FieldType(type, json.Path))}";
    }

    /// <summary>
    /// The type of the field at <paramref name="path"/> (<c>$.applicant.name</c>). The serializer names the object it
    /// was reading, which may be the request or the nested object, so the path is followed from whichever of its
    /// segments <paramref name="reading"/> has.
    /// </summary>
    private static Type FieldType(Type reading, string? path)
    {
        var segments = (path ?? "$").Split('.').Skip(1).ToList();
        for (var from = 0; from < segments.Count; from++)
        {
            if (Follow(reading, segments.Skip(from)) is { } found)
            {
                return found;
            }
        }

        return reading;
    }

    private static Type? Follow(Type type, IEnumerable<string> segments)
    {
        foreach (var segment in segments)
        {
            var name = segment.Split('[')[0];
            var property = Element(type).GetProperty(name, System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.IgnoreCase);
            if (property is null)
            {
                return null;
            }

            type = segment.Contains('[', StringComparison.Ordinal) ? Element(property.PropertyType) : property.PropertyType;
        }

        return type;
    }

    private static Type Element(Type type) =>
        type == typeof(string) ? type
        : type.IsArray ? type.GetElementType()!
        : type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>)) is { } sequence && !IsMap(type) ? sequence.GetGenericArguments()[0]
        : type;

    private static bool IsMap(Type type) =>
        type.GetInterfaces().Append(type).Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>));

    /// <summary>What a field's type means to someone writing JSON.</summary>
    private static string Expected(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t == typeof(string) ? "a string"
            : t == typeof(int) || t == typeof(long) || t == typeof(short) ? "a whole number"
            : t == typeof(double) || t == typeof(decimal) || t == typeof(float) ? "a number"
            : t == typeof(bool) ? "true or false"
            : t == typeof(DateTimeOffset) || t == typeof(DateTime) ? DateTimeText
            : t == typeof(DateOnly) ? "a date (e.g. 2026-01-05)"
            : t.IsEnum ? "one of " + string.Join(", ", Enum.GetNames(t).Select(JsonNamingPolicy.CamelCase.ConvertName))
            : IsMap(t) || t == typeof(JsonElement) ? "an object"
            : Element(t) != t ? "a list"
            : "an object";
    }

    /// <summary>
    /// What a query parameter's type (as the framework names it: <c>Nullable&lt;int&gt;</c>) means: the same words as for
    /// a body field, through the type the name stands for.
    /// </summary>
    private static string Expected(string type)
    {
        var name = type.StartsWith("Nullable<", StringComparison.Ordinal) ? type[9..^1] : type.TrimEnd('?');
        return QueryTypes.TryGetValue(name, out var t) ? Expected(t) : $"a valid {name}";
    }

    private static readonly Dictionary<string, Type> QueryTypes = new(StringComparer.Ordinal)
    {
        ["int"] = typeof(int), ["long"] = typeof(long), ["short"] = typeof(short), ["Int32"] = typeof(int), ["Int64"] = typeof(long),
        ["double"] = typeof(double), ["decimal"] = typeof(decimal), ["float"] = typeof(float), ["Double"] = typeof(double), ["Decimal"] = typeof(decimal),
        ["bool"] = typeof(bool), ["Boolean"] = typeof(bool), ["string"] = typeof(string), ["String"] = typeof(string),
        ["DateTimeOffset"] = typeof(DateTimeOffset), ["DateTime"] = typeof(DateTime), ["DateOnly"] = typeof(DateOnly),
    };

    private const string DateTimeText = "a date and time (ISO 8601, e.g. 2026-01-05T09:00:00+08:00)";

    [GeneratedRegex("^Failed to bind parameter \"(?<type>.+) (?<name>[^ \"]+)\" from \"(?<value>.*)\"\\.$", RegexOptions.Singleline)]
    private static partial Regex BindFailure();

    [GeneratedRegex("^(Required parameter \".+\" was not provided from body|Implicit body inferred for parameter \".+\" but no body was provided)")]
    private static partial Regex MissingBody();

    [GeneratedRegex("could not be converted to (?<type>[^ .]+(\\.[^ .]+)*)")]
    private static partial Regex ConvertFailure();
}
