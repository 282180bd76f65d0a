namespace HongqiFlow.Runtime;

/// <summary>The result of <see cref="Engine.Decide"/>: <see cref="Accepted"/> or <see cref="Rejected"/>.</summary>
public abstract record Decision
{
    private protected Decision()
    {
    }

    public bool IsAccepted => this is Accepted;
}
