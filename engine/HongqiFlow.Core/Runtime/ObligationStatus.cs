namespace HongqiFlow.Runtime;

public enum ObligationStatus
{
    Open,
    Fulfilled,
    Breached,
}
