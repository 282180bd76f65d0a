namespace HongqiFlow.Runtime;

/// <summary>
/// The operations on personal tasks, sent as commands like any event (items with <c>task:</c> steps only; elsewhere
/// they are unknown events, as before). Payload keys are given per operation.
/// </summary>
public static class TaskOperations
{
    /// <summary>签收: take a department task (待签收) as one's own.</summary>
    public const string Claim = "claim";

    /// <summary>退签: give a claimed task back to the department pool.</summary>
    public const string Release = "release";

    /// <summary>{to}: 分派 — a holder of an <c>assigns</c> position gives the task to a person.</summary>
    public const string Assign = "assign";

    /// <summary>{to | department, reason}: 转办 — the holder hands the task on.</summary>
    public const string Transfer = "transfer";

    /// <summary>{to, reason}: 委派 — another person does the work; the task returns to the delegator.</summary>
    public const string Delegate = "delegate";

    /// <summary>{note}: the delegate hands the work back (委派办理完毕).</summary>
    public const string Resolve = "resolve";

    /// <summary>{signer, where: before|after|alongside}: 加签.</summary>
    public const string AddSigner = "add-signer";

    /// <summary>{signer}: 减签 — remove a pending signer.</summary>
    public const string RemoveSigner = "remove-signer";

    /// <summary>{to, reason}: 退回 to an earlier step the item allows.</summary>
    public const string SendBack = "send-back";

    /// <summary>撤回: the person who did the previous step takes it back while the next has not acted.</summary>
    public const string Recall = "recall";

    /// <summary>{note}: 催办 the holder (the lead, the window or a supervisor).</summary>
    public const string Urge = "urge";

    /// <summary>{to: [person:ID | department:ID | ID], note}: 抄送.</summary>
    public const string Copy = "copy";

    /// <summary>已阅: mark the copies sent to me read.</summary>
    public const string MarkRead = "mark-read";

    public static IReadOnlyList<string> All { get; } =
        [Claim, Release, Assign, Transfer, Delegate, Resolve, AddSigner, RemoveSigner, SendBack, Recall, Urge, Copy, MarkRead];

    public static bool IsOperation(string name) => All.Contains(name, StringComparer.Ordinal);
}
