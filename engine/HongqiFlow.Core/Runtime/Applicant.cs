namespace HongqiFlow.Runtime;

/// <summary>
/// The applicant as the case knows them. <see cref="BadCredit"/> excludes tolerance (容缺) and
/// <see cref="FalsePledge"/> (a past false pledge) excludes commitment (告知承诺).
/// </summary>
public sealed record Applicant(string Name, string? IdNumber = null, string? Phone = null, bool BadCredit = false, bool FalsePledge = false)
{
    /// <summary>The ID number as shown to people who do not need it in full: 110101********1234.</summary>
    public string? MaskedIdNumber => IdNumber is null ? null : PersonalDataMask.IdNumber(IdNumber);

    public string? MaskedPhone => Phone is null ? null : PersonalDataMask.Phone(Phone);

    /// <summary>Never print personal data by accident (logs, test failures).</summary>
    public override string ToString() =>
        $"Applicant {{ Name = {Name}, IdNumber = {MaskedIdNumber}, Phone = {MaskedPhone}, BadCredit = {BadCredit}, FalsePledge = {FalsePledge} }}";
}
