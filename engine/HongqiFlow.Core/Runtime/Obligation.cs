using HongqiFlow.Definitions.Model;

namespace HongqiFlow.Runtime;

/// <summary>
/// A duty of the case with a due instant, resolved on the calendar when opened (so a later calendar change does not
/// move it). <see cref="Details"/> holds e.g. the tolerated materials, or whether rectify/feedback were recorded.
/// </summary>
public sealed record Obligation(string Id, ObligationKind Kind, DateTimeOffset Opened, DateTimeOffset Due, ObligationStatus Status, ValueMap Details)
{
    /// <summary>Built-in obligation ids; the guard language names them (<c>obligations.open('supplement')</c>).</summary>
    public const string SupplementId = "supplement";
    public const string VerificationId = "verification";
    public const string RectificationId = "rectification";

    public bool IsOpen => Status == ObligationStatus.Open;

    public ValueList<string> Materials => new(Details.GetStrings("materials"));
}
