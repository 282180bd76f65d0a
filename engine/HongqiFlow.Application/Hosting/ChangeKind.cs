namespace HongqiFlow.Hosting;

public enum ChangeKind
{
    Added,
    Removed,
    Changed,
}
