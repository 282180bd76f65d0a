using System.Reflection;
using System.Runtime.Loader;

namespace HongqiFlow.Expressions;

/// <summary>
/// The compiled rules of one definition version, loaded into their own collectible context so that retiring the
/// version unloads the code (republishing a definition many times must not grow memory).
/// </summary>
internal sealed class CSharpRuleAssembly : IDisposable
{
    private Func<GuardContext, bool>[]? _rules;
    private RuleLoadContext? _context;

    private CSharpRuleAssembly(RuleLoadContext context, Func<GuardContext, bool>[] rules)
    {
        _context = context;
        _rules = rules;
    }

    /// <summary>The load context, for tests that prove it is collected after <see cref="Dispose"/>.</summary>
    internal WeakReference Context => new(_context);

    public static CSharpRuleAssembly Load(Stream image, int count)
    {
        var context = new RuleLoadContext();
        var assembly = context.LoadFromStream(image);
        var type = assembly.GetType(CSharpRuleCompiler.ClassName, throwOnError: true)!;
        var rules = new Func<GuardContext, bool>[count];
        for (var i = 0; i < count; i++)
        {
            rules[i] = type.GetMethod("G" + i, BindingFlags.Public | BindingFlags.Static)!.CreateDelegate<Func<GuardContext, bool>>();
        }

        return new CSharpRuleAssembly(context, rules);
    }

    public Func<GuardContext, bool> Rule(int index) =>
        (_rules ?? throw new ObjectDisposedException(nameof(GuardSet), "The guard set was disposed; compile the definition again."))[index];

    public void Dispose()
    {
        _rules = null;
        _context?.Unload();
        _context = null;
    }

    private sealed class RuleLoadContext() : AssemblyLoadContext("HongqiFlow.Rules", isCollectible: true)
    {
        private static readonly Assembly Engine = typeof(GuardContext).Assembly;

        /// <summary>Rules bind to the engine already loaded, never to a second copy, so GuardContext is one type.</summary>
        protected override Assembly? Load(AssemblyName assemblyName) =>
            assemblyName.Name == Engine.GetName().Name ? Engine : null;
    }
}
