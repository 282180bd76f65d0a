using System.Globalization;
using HongqiFlow.Runtime;
using HongqiFlow.Samples;

namespace HongqiFlow.Tests.Runtime;

/// <summary>
/// A notice names the due time of the obligation it speaks of: one acceptance may open the 容缺 supplement and the 告知承诺
/// verification together, and each notice must then give its own obligation's date, not whichever opened last.
/// </summary>
public sealed class ObligationNoticeTests
{
    [Fact]
    public void ToleranceWithCommitment_EachNotice_NamesItsOwnObligationsDueTime()
    {
        using var suite = new SampleSuite();
        var result = suite.Run(Repository.Path("samples", "construction-permit", "06-tolerance-with-commitment.yaml"));
        result.Passed.ShouldBeTrue(string.Join("\n", result.Diagnostics.Select(x => x.ToString()).Concat(result.Outcome?.Failures.Select(f => f.ToString()) ?? [])));
        var events = result.Outcome!.Events;

        string DueOf(string obligation) => events.Single(e => e.Type == CaseEventTypes.ObligationOpened && e.Obligation?.Id == obligation).Obligation!.Due
            .ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        string BodyOf(string template) => events.Single(e => e.Type == CaseEventTypes.Notification && e.Data.GetString("template") == template).Data.GetString("body")!;

        var supplementDue = DueOf(Obligation.SupplementId);
        var verificationDue = DueOf(Obligation.VerificationId);
        supplementDue.ShouldNotBe(verificationDue);
        BodyOf("tolerance-notice").ShouldContain($"请于 {supplementDue} 前补齐");
        BodyOf("tolerance-notice").ShouldNotContain(verificationDue);
        BodyOf("verification-notice").ShouldContain($"将于 {verificationDue} 前接受核查");
    }
}
