using System.Globalization;
using Acornima.Ast;
using HongqiFlow.Definitions.Model;
using HongqiFlow.Diagnostics;
using Jint;
using Jint.Native;
using Jint.Runtime;

namespace HongqiFlow.Expressions;

/// <summary>A JavaScript guard: parsed once, evaluated on this thread's sandbox.</summary>
internal sealed class JavaScriptGuard(ExpressionSource expression, Prepared<Script> script, JavaScriptSandboxPool sandboxes) : IGuard
{
    private readonly Prepared<Script> _script = script;
    private readonly SourceLocation _start = ExpressionMap.Start(expression);

    public bool Evaluate(GuardContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        JsValue result;
        try
        {
            result = sandboxes.Rent().Evaluate(in _script, context);
        }
        catch (ObjectDisposedException)
        {
            throw;
        }
        catch (Exception ex)
        {
            sandboxes.Discard();
            throw Failure(ex);
        }

        if (result.Type == Types.Boolean)
        {
            return result.AsBoolean();
        }

        throw new ExpressionException(
            $"the guard gave {Describe(result)}, not true or false; guards are not converted to booleans, so write a condition such as \"missing.length === 0\"",
            _start);
    }

    private ExpressionException Failure(Exception ex)
    {
        var limits = sandboxes.Limits;
        return ex switch
        {
            StatementsCountOverflowException => new(
                $"the guard ran more than {limits.MaxStatements} statements (an endless loop?)", _start, ex),
            MemoryLimitExceededException => new(
                $"the guard allocated more than {limits.MaxMemoryBytes / 1024} KB", _start, ex),
            RecursionDepthOverflowException => new(
                $"the guard nested calls deeper than {limits.MaxRecursion} (endless recursion?)", _start, ex),
            TimeoutException => new(
                $"the guard ran longer than {limits.Timeout.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)} ms", _start, ex),
            JavaScriptException js => new($"the guard threw: {js.Message}", Locate(js), ex),
            _ => new($"the guard failed: {ex.Message}", _start, ex),
        };
    }

    private SourceLocation Locate(JavaScriptException ex)
    {
        var start = ex.Location.Start;
        var codeLine = start.Line - 1;
        return codeLine >= 1 && codeLine <= expression.Code.Split('\n').Length
            ? ExpressionMap.At(expression, codeLine, start.Column)
            : _start;
    }

    private static string Describe(JsValue value) => value.Type switch
    {
        Types.Undefined => "undefined",
        Types.Null => "null",
        Types.String => $"the string \"{Shorten(value.AsString())}\"",
        Types.Number => $"the number {value}",
        _ => $"a{(value.Type == Types.Object ? "n" : string.Empty)} {value.Type.ToString().ToLowerInvariant()}",
    };

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
