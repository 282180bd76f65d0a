using HongqiFlow.Runtime;

namespace HongqiFlow.Hosting.Demo;

/// <summary>
/// A data-sharing connector for demonstrations and tests: answers from records seeded per data source
/// (<see cref="Seeded"/>: every source of the reference catalog, shaped as its items' rules read them), each answer
/// naming the case's applicant. A source without a seeded record has no record for anyone (<c>data-refused</c>).
/// Never for real cases: it shares data nobody fetched.
/// </summary>
public sealed class DemoDataSharingConnector(IReadOnlyDictionary<string, ValueMap> records) : IDataSharingConnector
{
    /// <summary>The seeded records: 职工参保登记 finds the person matching and not yet insured, so it registers at once (秒批).</summary>
    public static IReadOnlyDictionary<string, ValueMap> SeededRecords { get; } = new Dictionary<string, ValueMap>(StringComparer.Ordinal)
    {
        ["population.id-card"] = ValueMap.Of(("match", true), ("validUntil", "2036-01-01")),
        ["population.household"] = ValueMap.Of(("household", "户主"), ("address", "示范市示范区人民路 1 号")),
        ["market.business-licence"] = ValueMap.Of(("creditCode", "91110000000000000X"), ("status", "存续")),
        ["hr.social-insurance"] = ValueMap.Of(("active", false), ("months", 36)),
        ["tax.income"] = ValueMap.Of(("yearlyIncome", 120000), ("year", 2025)),
        ["housing.contract"] = ValueMap.Of(("contractNo", "WQ-2026-000001"), ("filed", true)),
        ["realestate.certificate"] = ValueMap.Of(("certificateNo", "示范不动产权第0000001号"), ("mortgaged", false)),
        ["medical-insurance.record"] = ValueMap.Of(("insuredSince", "2018-07-01"), ("months", 96)),
        ["credit.record"] = ValueMap.Of(("badCredit", false)),
        ["civil-affairs.marriage"] = ValueMap.Of(("status", "已婚")),
        ["housing.ownership"] = ValueMap.Of(("homes", 0)),
        ["planning.permit"] = ValueMap.Of(("permitNo", "建字第000001号")),
        ["housing-fund.account"] = ValueMap.Of(("status", "正常缴存"), ("months", 48)),
        ["medical-insurance.settlement"] = ValueMap.Of(("selfPaid", 52000)),
        ["health.medical-record"] = ValueMap.Of(("diagnosis", "重大疾病"), ("hospital", "示范市人民医院")),
    };

    public static DemoDataSharingConnector Seeded { get; } = new(SeededRecords);

    public Task<SharedRecord?> FetchAsync(string source, CaseState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        cancellationToken.ThrowIfCancellationRequested();
        if (!records.TryGetValue(source, out var record))
        {
            return Task.FromResult<SharedRecord?>(null);
        }

        if (state.Applicant is { } applicant)
        {
            record = record.With("name", applicant.Name);
        }

        return Task.FromResult<SharedRecord?>(new SharedRecord(source, record));
    }
}
