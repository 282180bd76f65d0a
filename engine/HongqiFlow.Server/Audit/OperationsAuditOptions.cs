using HongqiFlow.Messages;

namespace HongqiFlow.Server.Audit;

/// <summary>The operations audit's settings (section <c>Hongqi:OperationsAudit</c>).</summary>
public sealed class OperationsAuditOptions
{
    public const string Section = "Hongqi:OperationsAudit";

    /// <summary>The least retention the law allows (网络安全法 第二十一条: network logs kept no less than six months).</summary>
    public const int MinimumRetentionDays = 180;

    /// <summary>
    /// How long entries are kept, in days: at least <see cref="MinimumRetentionDays"/>, else the server refuses to
    /// start. The server never removes an entry; this is the period a deployment's archiving must respect.
    /// </summary>
    public int RetentionDays { get; set; } = MinimumRetentionDays;

    /// <summary>Throws the start-up refusal, in English and Chinese, when the retention is shorter than the law's.</summary>
    public void Validate()
    {
        if (RetentionDays < MinimumRetentionDays)
        {
            var message = Message.Of("audit.retention-too-short", ("setting", Section + ":RetentionDays"), ("days", RetentionDays));
            throw new InvalidOperationException($"{message.English} ({message.Chinese})");
        }
    }
}
