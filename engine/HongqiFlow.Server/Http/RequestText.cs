using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace HongqiFlow.Server.Http;

/// <summary>
/// Text a request names things with — a path segment (<c>{code}</c>, <c>{id}</c>, <c>{receipt}</c>), a query value, a
/// code or folder in a body — never holds a NUL or another control character: such a value reaches no store, file or
/// log and is answered 400 problem+json naming the field, instead of failing deep inside (a NUL in a path is an
/// <see cref="ArgumentException"/>, in PostgreSQL text an error), which was a 500.
/// </summary>
public static class RequestText
{
    /// <summary>Refuses a request whose route values or query values hold a control character, naming each.</summary>
    public static IApplicationBuilder UseRequestTextCheck(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var errors = new Dictionary<string, string[]>();
        foreach (var (name, value) in context.Request.RouteValues)
        {
            if (value is string text && Problem(text) is { } problem)
            {
                errors[name] = [problem];
            }
        }

        foreach (var (name, values) in context.Request.Query)
        {
            if (Problem(name) is { } badName)
            {
                errors["?"] = [$"a query parameter's name {badName}"];
                continue;
            }

            foreach (var value in values)
            {
                if (value is not null && Problem(value) is { } problem)
                {
                    errors[name] = [problem];
                }
            }
        }

        if (errors.Count > 0)
        {
            await Problems.Fields(errors, "the request names something with a control character; no code, id, receipt or folder holds one")
                .ExecuteAsync(context);
            return;
        }

        await next(context);
    });

    /// <summary>Why <paramref name="value"/> cannot name anything (a control character, where), or null when it can.</summary>
    public static string? Problem(string? value)
    {
        if (value is null)
        {
            return null;
        }

        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsControl(value[i]))
            {
                return string.Create(CultureInfo.InvariantCulture, $"contains the control character U+{(int)value[i]:X4} at position {i + 1}; remove it");
            }
        }

        return null;
    }

    /// <summary>
    /// Why a YAML text cannot be stored (a NUL or another character YAML does not allow: a control character other than
    /// tab, line feed, carriage return and NEL), or null.
    /// </summary>
    public static string? YamlProblem(string? yaml)
    {
        if (yaml is null)
        {
            return null;
        }

        for (var i = 0; i < yaml.Length; i++)
        {
            if (char.IsControl(yaml[i]) && yaml[i] is not ('\t' or '\n' or '\r' or '\u0085'))
            {
                var line = 1 + yaml.AsSpan(0, i).Count('\n');
                return string.Create(CultureInfo.InvariantCulture, $"contains the control character U+{(int)yaml[i]:X4} on line {line}, which YAML does not allow; remove it");
            }
        }

        return null;
    }

    /// <summary>Adds the field's error when <paramref name="value"/> holds a control character.</summary>
    public static void Check(Dictionary<string, string[]> errors, string field, string? value)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (Problem(value) is { } problem)
        {
            errors[field] = [problem];
        }
    }
}
