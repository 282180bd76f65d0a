namespace HongqiFlow.Browser.Tests;

[CollectionDefinition(Name)]
public sealed class DesignerCollection : ICollectionFixture<DesignerServer>
{
    public const string Name = "designer";
}
