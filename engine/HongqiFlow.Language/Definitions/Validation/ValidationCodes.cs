namespace HongqiFlow.Definitions.Validation;

/// <summary>The stable HQ2xxx codes of the semantic pass; docs/diagnostics/validation.md explains each with an example and the fix.</summary>
public static class ValidationCodes
{
    // States and the graph of each region (main flow, each inline branch, each fragment).
    public const string UnknownTarget = "HQ2001";
    public const string UnreachableState = "HQ2002";
    public const string NoInitialState = "HQ2003";
    public const string SeveralInitialStates = "HQ2004";
    public const string NoFinalStateReachable = "HQ2005";
    public const string DeadEndState = "HQ2006";
    public const string FinalStateWithExits = "HQ2007";
    public const string OutcomeOnNonFinalState = "HQ2008";
    public const string UnknownOutcome = "HQ2009";
    public const string DuplicateStateName = "HQ2010";
    public const string EventNameClash = "HQ2011";

    // Parallel states (并联审批), branches and fragments.
    public const string ParallelWithoutBranches = "HQ2020";
    public const string ParallelWithoutOnDone = "HQ2021";
    public const string JoinNeverSatisfied = "HQ2022";
    public const string BranchWithoutDepartment = "HQ2023";
    public const string UnknownFragment = "HQ2024";
    public const string BranchNeverApproves = "HQ2025";
    public const string BranchBodyAmbiguous = "HQ2026";
    public const string RefusalWithoutTarget = "HQ2027";
    public const string NestedParallel = "HQ2028";
    public const string UnusedFragment = "HQ2029";

    // Names that must exist somewhere else: the directory, the calendars, the item's own declarations.
    public const string UnknownDepartment = "HQ2030";
    public const string UnknownRole = "HQ2031";
    public const string BranchRoleOutsideBranch = "HQ2032";
    public const string UnknownCalendar = "HQ2033";
    public const string UnknownTemplate = "HQ2034";
    public const string UnknownMaterial = "HQ2035";
    public const string UnknownDataSource = "HQ2036";
    public const string UnknownObligation = "HQ2037";
    public const string UndeclaredSpecialProcedure = "HQ2038";
    public const string SpecialProcedureClockWithoutProcedure = "HQ2039";
    public const string PausedForWithoutSpecialProcedureClock = "HQ2040";
    public const string UnknownNotificationTrigger = "HQ2041";
    public const string UnknownRecipient = "HQ2042";
    public const string MainFlowClockInBranch = "HQ2043";
    public const string TemplateNotForTrigger = "HQ2044";

    // Materials, 容缺 and 告知承诺.
    public const string DuplicateMaterial = "HQ2050";
    public const string CoreMaterialTolerable = "HQ2051";
    public const string CoreMaterialCommittable = "HQ2052";
    public const string MaxMissingAboveTolerable = "HQ2053";
    public const string MaxMissingBelowOne = "HQ2054";
    public const string ToleranceWithoutTolerableMaterial = "HQ2055";
    public const string ToleranceTransitionWithoutRule = "HQ2056";
    public const string CommitmentTransitionWithoutRule = "HQ2057";
    public const string TolerableWithoutRule = "HQ2058";
    public const string CommittableWithoutRule = "HQ2059";

    // Time limits (办理时限).
    public const string SupplementLongerThanPromised = "HQ2060";
    public const string PromisedLongerThanStatutory = "HQ2061";
    public const string LimitsNotComparable = "HQ2062";
    public const string WarnAtOutOfRange = "HQ2063";
    public const string NaturalUnitWhereWorkingRequired = "HQ2064";
    public const string InstantItemTooLong = "HQ2065";
    public const string DuplicateDeclaration = "HQ2066";

    // The item's identity.
    public const string ItemCodeNotFileSafe = "HQ2070";

    // Personal tasks (岗位、会签、退回).
    public const string UnknownPosition = "HQ2080";
    public const string TaskWithoutDepartment = "HQ2081";
    public const string UnknownTaskStep = "HQ2082";
    public const string SigningRule = "HQ2083";
    public const string UnknownPerson = "HQ2084";
    public const string TaskWithoutWho = "HQ2085";
    public const string EventNamedLikeOperation = "HQ2086";

    // 电子证照 and 好差评 (GB/T 39734-2020).
    public const string MalformedCertificateType = "HQ2090";
    public const string DuplicateCertificateType = "HQ2091";
    public const string UnknownRatingChannel = "HQ2092";
    public const string DuplicateRatingCategory = "HQ2093";
    public const string RatingDefaultLevelOutOfRange = "HQ2094";
}
