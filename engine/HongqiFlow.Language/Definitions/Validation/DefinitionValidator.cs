using HongqiFlow.Definitions.Model;
using HongqiFlow.Diagnostics;

namespace HongqiFlow.Definitions.Validation;

/// <summary>
/// The semantic pass: checks a parsed service item against itself and its context and returns every problem,
/// never stopping at the first. Structure (keys, types, required fields) is the reader's schema pass, before this one.
/// </summary>
public sealed class DefinitionValidator
{
    // An instance method so hosts can inject and substitute the validator like the reader and the guard compiler.
#pragma warning disable CA1822
    /// <summary>Every HQ2xxx problem (and the expression hook's), ordered by file, line, column and code.</summary>
    public IReadOnlyList<Diagnostic> Validate(ServiceItemDefinition item, ValidationContext context)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(context);
        var run = new ValidationRun(item, context);
        StateGraphRules.Check(run);
        ParallelRules.Check(run);
        ReferenceRules.Check(run);
        MaterialRules.Check(run);
        CertificateRules.Check(run);
        RatingRules.Check(run);
        TimeLimitRules.Check(run);
        ExpressionRules.Check(run);
        ItemCodeRules.Check(run);
        PeopleRules.Check(run);
        return run.Bag.Sorted();
    }
#pragma warning restore CA1822
}
