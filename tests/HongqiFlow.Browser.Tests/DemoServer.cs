namespace HongqiFlow.Browser.Tests;

/// <summary>A real <c>hongqi serve --demo</c>: a fresh store filled with demonstration cases before it listens.</summary>
public sealed class DemoServer : DesignerServer
{
    protected override IEnumerable<string> ServeArguments => ["--demo"];

    protected override TimeSpan StartTimeout => TimeSpan.FromMinutes(3);
}

[CollectionDefinition(Name)]
public sealed class DemoCollection : ICollectionFixture<DemoServer>
{
    public const string Name = "demo";
}
