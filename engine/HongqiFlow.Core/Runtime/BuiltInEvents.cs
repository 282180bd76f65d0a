namespace HongqiFlow.Runtime;

/// <summary>Case-level events every item understands, besides the events its definition declares.</summary>
public static class BuiltInEvents
{
    /// <summary>收件: opens the case (<see cref="Command.Start"/>).</summary>
    public const string Start = "start";

    /// <summary>{materials}: the applicant hands in materials (补齐容缺材料 or 补正).</summary>
    public const string Supplement = "supplement";

    /// <summary>{result: passed|failed, note}: post-verification of a pledge (事后核查).</summary>
    public const string Verify = "verify";

    /// <summary>{procedure}: a declared special procedure (特别程序) starts; the clock pauses.</summary>
    public const string ProcedureStart = "procedure-start";

    /// <summary>The running special procedure ends; the clock resumes.</summary>
    public const string ProcedureEnd = "procedure-end";

    /// <summary>{level 1..5, comment}: 好差评, once per finished case.</summary>
    public const string Rate = "rate";

    /// <summary>{note}: rectification of a bad rating (整改).</summary>
    public const string Rectify = "rectify";

    /// <summary>{note}: answer to the applicant about a bad rating (回访反馈).</summary>
    public const string Feedback = "feedback";

    /// <summary>The lead reopens refused branches of a suspended parallel state (中止后恢复).</summary>
    public const string ReopenBranches = "reopen-branches";

    /// <summary>{source, record}: a data-sharing result (数据共享) enters the case.</summary>
    public const string DataShared = "data-shared";

    /// <summary>
    /// {source, reason}: the data owner refused or could not provide a record (共享失败). Materials shared from that
    /// source then count as missing until the applicant submits them, so the window asks for them like any other.
    /// </summary>
    public const string DataRefused = "data-refused";

    /// <summary>
    /// {material, type, name?, identifier, issuer, trust, source?}: an e-certificate (电子证照) satisfies a material
    /// instead of paper; the material counts as submitted.
    /// </summary>
    public const string Certificate = "certificate";

    /// <summary>{result: confirmed|unfounded, note}: 差评核实, whether a bad rating is founded.</summary>
    public const string VerifyRating = "verify-rating";

    /// <summary>{id}: a due time arrived.</summary>
    public const string Timer = "timer";

    public static IReadOnlyList<string> All { get; } =
        [Start, Supplement, Verify, ProcedureStart, ProcedureEnd, Rate, Rectify, Feedback, ReopenBranches, DataShared, DataRefused, Certificate, VerifyRating, Timer];

    public static bool IsBuiltIn(string name) => All.Contains(name, StringComparer.Ordinal);
}
