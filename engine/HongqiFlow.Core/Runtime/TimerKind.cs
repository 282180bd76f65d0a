namespace HongqiFlow.Runtime;

/// <summary>What a due time is for.</summary>
public enum TimerKind
{
    /// <summary><c>after:</c> on a state: go to the target.</summary>
    After,

    /// <summary>A branch limit passed: warn red, deem approval or refusal per <c>onTimeout</c>.</summary>
    BranchLimit,

    /// <summary>A branch is near its limit: warn yellow.</summary>
    BranchWarning,

    /// <summary>A step (state) is near its limit: warn yellow.</summary>
    StepWarning,

    /// <summary>A step limit passed: warn red.</summary>
    StepLimit,

    /// <summary>The case reached warnAt of its limit: warn yellow.</summary>
    CaseYellow,

    /// <summary>The case reached its promised limit: warn red.</summary>
    CaseRed,

    /// <summary>An obligation is due: breach it if still open.</summary>
    ObligationDue,

    /// <summary>An obligation reminder.</summary>
    ObligationReminder,

    /// <summary>An unrated finished case gets the default rating.</summary>
    RatingDefault,

    /// <summary>An instant item (即办件) still open at the end of its day.</summary>
    InstantDayEnd,

    /// <summary>A special procedure (特别程序) reached its <c>max</c>: the clock resumes by itself.</summary>
    ProcedureMax,

    /// <summary>The case reached its statutory limit (法定时限): a <c>statutory-overdue</c> event and a red warning.</summary>
    StatutoryLimit,
}
