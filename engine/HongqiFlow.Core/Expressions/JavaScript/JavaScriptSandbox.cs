using System.Collections;
using System.Globalization;
using Acornima.Ast;
using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;
using Jint.Runtime.Descriptors;
using Jint.Runtime.Interop;

namespace HongqiFlow.Expressions;

/// <summary>
/// One Jint engine hardened for guards, owned by one thread at a time. Built-ins and the global object are frozen
/// once, so nothing a guard does survives into the next evaluation; the guard context is read through getters that
/// convert a value only when the guard asks for it.
/// </summary>
internal sealed class JavaScriptSandbox : IDisposable
{
    private const int MaxDataDepth = 32;

    /// <summary>Globals taken away because they make results depend on the clock, the machine or the collector.</summary>
    private static readonly string[] Removed =
        ["Date", "Temporal", "Intl", "WeakRef", "FinalizationRegistry", "SharedArrayBuffer", "Atomics", "ShadowRealm"];

    private readonly Engine _engine;
    private readonly JsValue?[] _converted = new JsValue?[JavaScriptGuardParser.ContextNames.Count - 1];
    private GuardContext? _context;
    private JsValue? _freeze;
    private JsValue? _getPrototypeOf;

    private readonly ExpressionLimits _limits;

    public JavaScriptSandbox(ExpressionLimits limits)
    {
        _limits = limits;
        _engine = new Engine(options =>
        {
            options
                .Strict()
                .LimitRecursion(limits.MaxRecursion)
                .MaxStatements(limits.MaxStatements)
                .LimitMemory(limits.MaxMemoryBytes)
                .TimeoutInterval(limits.Timeout)
                .DisableStringCompilation();

            // The time limit is checked between statements; one regular expression match (a catastrophic pattern such
            // as /^(a+)+$/) runs inside a single statement, so it gets the same limit as a match timeout of its own.
            options.Constraints.RegexTimeout = limits.Timeout;
        });
        Harden();
    }

    public JsValue Evaluate(in Prepared<Script> script, GuardContext context)
    {
        _context = context;
        try
        {
            return _engine.Evaluate(in script);
        }
        finally
        {
            _context = null;
            Array.Clear(_converted);
        }
    }

    public void Dispose() => _engine.Dispose();

    private void Harden()
    {
        var global = _engine.Global;
        foreach (var name in Removed)
        {
            global.Delete(name);
        }

        var objectConstructor = (ObjectInstance)global.Get("Object");
        _freeze = objectConstructor.Get("freeze");
        _getPrototypeOf = objectConstructor.Get("getPrototypeOf");
        var math = (ObjectInstance)global.Get("Math");
        math.Set("random", Function("random", (_, _) =>
            throw new JavaScriptException(_engine.Intrinsics.TypeError,
                "Math.random is not available in a guard: a guard must give the same answer when a case is replayed")));

        // String.prototype.repeat builds its result in one native allocation the memory limit only sees afterwards.
        var stringPrototype = (ObjectInstance)((ObjectInstance)global.Get("String")).Get("prototype");
        stringPrototype.Set("repeat", Function("repeat", Repeat));

        var seeds = _engine.Evaluate("""
            [Object.getPrototypeOf([][Symbol.iterator]()), Object.getPrototypeOf(new Map()[Symbol.iterator]()),
             Object.getPrototypeOf(new Set()[Symbol.iterator]()), Object.getPrototypeOf(''[Symbol.iterator]()),
             Object.getPrototypeOf('a'.matchAll(/a/g)), Object.getPrototypeOf(function*(){}),
             Object.getPrototypeOf(async function(){}), Object.getPrototypeOf(async function*(){})]
            """);
        var pending = new Stack<ObjectInstance>();
        foreach (var seed in (JsArray)seeds)
        {
            if (seed is ObjectInstance o)
            {
                pending.Push(o);
            }
        }

        foreach (var key in global.GetOwnPropertyKeys())
        {
            if (global.GetOwnProperty(key).Value is ObjectInstance value && !ReferenceEquals(value, global))
            {
                pending.Push(value);
            }
        }

        FreezeAll(pending, global);

        for (var i = 0; i < _converted.Length; i++)
        {
            var slot = i;
            var name = JavaScriptGuardParser.ContextNames[i];
            global.DefineOwnProperty(name, new GetSetPropertyDescriptor(Function("get " + name, (_, _) => Read(slot)), JsValue.Undefined, enumerable: true, configurable: false));
        }

        var obligations = new JsObject(_engine);
        obligations.Set("open", Function("open", (_, arguments) =>
            arguments.Length > 0 && arguments[0].IsString() && _context!.OpenObligations.Contains(arguments[0].AsString())
                ? JsBoolean.True
                : JsBoolean.False));
        Freeze(obligations);
        global.DefineOwnProperty("obligations", new PropertyDescriptor(obligations, writable: false, enumerable: true, configurable: false));
        Freeze(global);
    }

    /// <summary>Freezes every object reachable from the built-ins so a guard cannot change them for the next one.</summary>
    private void FreezeAll(Stack<ObjectInstance> pending, ObjectInstance global)
    {
        var seen = new HashSet<ObjectInstance>(ReferenceEqualityComparer.Instance) { global };
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            if (!seen.Add(current))
            {
                continue;
            }

            Freeze(current);
            if (_engine.Invoke(_getPrototypeOf!, current) is ObjectInstance prototype)
            {
                pending.Push(prototype);
            }

            foreach (var key in current.GetOwnPropertyKeys())
            {
                var descriptor = current.GetOwnProperty(key);
                foreach (var value in new[] { descriptor.Value, descriptor.Get, descriptor.Set })
                {
                    if (value is ObjectInstance reachable)
                    {
                        pending.Push(reachable);
                    }
                }
            }
        }
    }

    private JsString Repeat(JsValue thisObject, JsValue[] arguments)
    {
        var text = TypeConverter.ToString(thisObject);
        var count = arguments.Length > 0 ? TypeConverter.ToIntegerOrInfinity(arguments[0]) : 0;
        if (count < 0 || double.IsInfinity(count))
        {
            throw new JavaScriptException(_engine.Intrinsics.TypeError, $"Invalid count value: {count.ToString(CultureInfo.InvariantCulture)}");
        }

        if (text.Length * count * sizeof(char) > _limits.MaxMemoryBytes)
        {
            throw new MemoryLimitExceededException($"String.prototype.repeat would allocate {(text.Length * count * sizeof(char)).ToString(CultureInfo.InvariantCulture)} bytes");
        }

        return JsString.Create(new System.Text.StringBuilder(text.Length * (int)count).Insert(0, text, (int)count).ToString());
    }

    private void Freeze(ObjectInstance target) => _engine.Invoke(_freeze!, target);

    private ClrFunction Function(string name, Func<JsValue, JsValue[], JsValue> body) => new(_engine, name, body);

    private JsValue Read(int slot)
    {
        var context = _context ?? throw new InvalidOperationException("The guard context is read outside an evaluation.");
        return _converted[slot] ??= slot switch
        {
            0 => List(context.Missing),
            1 => List(context.Submitted),
            2 => List(context.Tolerated),
            3 => List(context.Committed),
            4 => Convert(context.Data, 0),
            5 => Convert(context.Applicant, 0),
            6 => Convert(context.Payload, 0),
            7 => JsString.Create(context.Event),
            8 => JsString.Create(context.Role),
            9 => JsString.Create(context.Channel),
            _ => JsString.Create(context.State),
        };
    }

    private JsArray List(IReadOnlyList<string> items)
    {
        var values = new JsValue[items.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = JsString.Create(items[i]);
        }

        return new JsArray(_engine, values);
    }

    private JsValue Convert(object? value, int depth)
    {
        if (depth > MaxDataDepth)
        {
            return JsValue.Null;
        }

        switch (value)
        {
            case null:
                return JsValue.Null;
            case string s:
                return JsString.Create(s);
            case bool b:
                return b ? JsBoolean.True : JsBoolean.False;
            case int or long or short or byte or sbyte or ushort or uint or ulong or float or double or decimal:
                return JsNumber.Create(System.Convert.ToDouble(value, CultureInfo.InvariantCulture));
            case DateTimeOffset instant:
                return JsString.Create(instant.ToString("O", CultureInfo.InvariantCulture));
            case DateTime time:
                return JsString.Create(time.ToString("O", CultureInfo.InvariantCulture));
            case IEnumerable<KeyValuePair<string, object?>> record:
                var result = new JsObject(_engine);
                foreach (var (key, item) in record)
                {
                    result.Set(key, Convert(item, depth + 1));
                }

                return result;
            case IEnumerable sequence:
                var items = new List<JsValue>();
                foreach (var item in sequence)
                {
                    items.Add(Convert(item, depth + 1));
                }

                return new JsArray(_engine, [.. items]);
            default:
                return JsString.Create(System.Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty);
        }
    }
}
