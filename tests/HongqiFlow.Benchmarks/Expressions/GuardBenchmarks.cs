using BenchmarkDotNet.Attributes;
using HongqiFlow.Definitions.Model;
using HongqiFlow.Diagnostics;
using HongqiFlow.Expressions;

namespace HongqiFlow.Benchmarks.Expressions;

/// <summary>
/// One guard evaluation, <c>missing.length === 0</c>, through the real <see cref="GuardCompiler"/> →
/// <see cref="GuardSet"/> → <see cref="IGuard"/>. Targets: JavaScript (prepared script, this thread's reused sandbox)
/// at most 2 µs and 2 KB; the C# rule (Roslyn-compiled delegate) at most 100 ns. The baseline is bare Jint: the same
/// prepared script on a plain engine with <c>missing</c> set once as a global array (no sandbox, no context, no limits),
/// the floor a JavaScript guard could reach; the plain C# lambda is the floor for a C# rule.
/// <para>Per evaluation the JavaScript guard rents this thread's sandbox, sets the context, runs the prepared script
/// (the <c>missing</c> getter converts the list to a JS array on first read), checks the result is a boolean and
/// clears the context. The C# guard calls the compiled rule through its delegate inside a try block.</para>
/// </summary>
[Config(typeof(RatioConfig))]
[MemoryDiagnoser]
public class GuardBenchmarks
{
    private static readonly Func<GuardContext, bool> PlainLambda = context => context.Missing.Count == 0;

    private GuardSet? _guards;
    private IGuard? _javaScript;
    private IGuard? _csharp;
    private GuardContext _context = new();
    private Jint.Engine? _bareJint;
    private Jint.Prepared<Acornima.Ast.Script> _bareScript;

    [GlobalSetup]
    public void Setup()
    {
        var javaScript = Source(GuardLanguage.JavaScript, "missing.length === 0", 40);
        var csharp = Source(GuardLanguage.CSharp, "Missing.Count == 0", 41);
        _guards = new GuardCompiler().Compile([javaScript, csharp]);
        _javaScript = _guards.For(javaScript);
        _csharp = _guards.For(csharp);
        _context = new GuardContext
        {
            Missing = [],
            Submitted = ["application", "articles", "premises"],
            Event = "accept",
            Role = "window",
            Channel = "window",
            State = "received",
        };
        _bareJint = new Jint.Engine();
        _bareJint.SetValue("missing", new Jint.Native.JsArray(_bareJint));
        _bareScript = Jint.Engine.PrepareScript("missing.length === 0");
        if (!BareJint() || !_javaScript.Evaluate(_context) || !_csharp.Evaluate(_context) || !PlainLambda(_context))
        {
            throw new InvalidOperationException("the guards disagree on an application with nothing missing");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _guards?.Dispose();
        _bareJint?.Dispose();
    }

    [Benchmark(Baseline = true)]
    public bool BareJint() => Jint.JsValueExtensions.AsBoolean(_bareJint!.Evaluate(in _bareScript));

    [Benchmark]
    public bool PlainCSharpLambda() => PlainLambda(_context);

    [Benchmark]
    public bool CSharpGuard() => _csharp!.Evaluate(_context);

    [Benchmark]
    public bool JavaScriptGuard() => _javaScript!.Evaluate(_context);

    private static ExpressionSource Source(GuardLanguage language, string code, int line) => new()
    {
        Language = language,
        Code = code,
        ContentLine = line,
        ContentColumn = 30,
        At = new SourceLocation("definitions/bench.yaml", line, 29, $"/states/received/on/accept/when"),
    };
}
