namespace HongqiFlow.Hosting.Demo;

/// <summary>The store already holds cases: demonstration data goes only into a fresh store unless forced.</summary>
public sealed class DemoStoreNotEmptyException : InvalidOperationException
{
    public DemoStoreNotEmptyException()
        : base("the store already holds cases; demonstration data goes only into a fresh store (use --force to add it anyway)")
    {
    }

    public DemoStoreNotEmptyException(string message)
        : base(message)
    {
    }

    public DemoStoreNotEmptyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
