namespace HongqiFlow.Runtime;

/// <summary>Stable codes of refused commands; each is documented in docs/diagnostics/runtime.md.</summary>
public static class RejectionCodes
{
    public const string NotStarted = "HQ6001";
    public const string AlreadyStarted = "HQ6002";
    public const string UnknownEvent = "HQ6003";
    public const string NotPermittedInState = "HQ6004";
    public const string RoleNotAllowed = "HQ6005";
    public const string OtherDepartmentsBranch = "HQ6006";
    public const string AmbiguousBranch = "HQ6007";
    public const string DepartmentNotInItem = "HQ6009";
    public const string BranchClosed = "HQ6008";
    public const string GuardFalse = "HQ6010";
    public const string GuardFailed = "HQ6011";
    public const string CaseFinal = "HQ6012";
    public const string WrongVersion = "HQ6013";
    public const string InvalidPayload = "HQ6014";
    public const string ToleranceNotAllowed = "HQ6020";
    public const string ToleranceMaterialNotTolerable = "HQ6021";
    public const string ToleranceTooManyMissing = "HQ6022";
    public const string ToleranceBadCredit = "HQ6023";
    public const string ToleranceNothingMissing = "HQ6024";
    public const string CommitmentNotAllowed = "HQ6030";
    public const string CommitmentMaterialNotCommittable = "HQ6031";
    public const string CommitmentFalsePledge = "HQ6032";
    public const string IssueBlockedBySupplement = "HQ6033";
    public const string NoVerificationOpen = "HQ6034";
    public const string ProcedureNotDeclared = "HQ6040";
    public const string ProcedureNotAllowedNow = "HQ6041";
    public const string NoProcedureRunning = "HQ6042";
    public const string RatingNotAllowed = "HQ6050";
    public const string NoRectificationOpen = "HQ6051";
    public const string RatingChannelNotAllowed = "HQ6052";
    public const string RatingCategory = "HQ6053";
    public const string RatingNotVerified = "HQ6054";
    public const string NotSuspended = "HQ6060";
    public const string UnknownDataSource = "HQ6070";
    public const string CertificateNotAccepted = "HQ6075";
    public const string InvalidCertificate = "HQ6076";
    public const string NotEligible = "HQ6080";
    public const string TaskHeldByOther = "HQ6081";
    public const string FourEyes = "HQ6082";
    public const string TaskNotOpen = "HQ6083";
    public const string NotSigner = "HQ6084";
    public const string ReturnNotAllowed = "HQ6085";
    public const string RecallNotAllowed = "HQ6086";
    public const string OperationNotAllowed = "HQ6087";
    public const string AutomaticStepCycle = "HQ6090";
}
