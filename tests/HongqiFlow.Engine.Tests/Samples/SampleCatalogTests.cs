using HongqiFlow.Samples;

namespace HongqiFlow.Tests.Samples;

/// <summary>Every sample under samples/ runs under <c>dotnet test</c>, exactly as <c>hongqi test samples/</c> runs it.</summary>
public sealed class SampleCatalogTests : IClassFixture<SampleCatalogTests.Suite>
{
    private readonly Suite _suite;

    public SampleCatalogTests(Suite suite) => _suite = suite;

    public static TheoryData<string> SampleFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in SampleSuite.Files([Repository.Path("samples")]))
        {
            data.Add(Path.GetRelativePath(Repository.Root, file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SampleFiles))]
    public void Sample_Passes(string file)
    {
        var result = _suite.Value.Run(Repository.Path(file));

        var report = string.Join(Environment.NewLine, result.Diagnostics.Select(d => d.ToString())
            .Concat(result.Outcome?.Failures.Select(f => f.ToString()) ?? []));
        result.Passed.ShouldBeTrue(report);
    }

    [Fact]
    public void Catalog_HasAtLeastEightEnterpriseSamples() =>
        SampleSuite.Files([Repository.Path("samples", "enterprise-establishment")]).Count.ShouldBeGreaterThanOrEqualTo(8);

    public sealed class Suite : IDisposable
    {
        public SampleSuite Value { get; } = new();

        public void Dispose() => Value.Dispose();
    }
}
