namespace HongqiFlow.Storage;

/// <summary>A store that wraps another (encryption at rest): what the wrapped store offers besides cases is found through it.</summary>
public interface ICaseStoreDecorator
{
    ICaseStore Inner { get; }
}

/// <summary>Finds a capability of a store (<see cref="IDefinitionStore"/>, the operations log, checkpoints…) through its decorators.</summary>
public static class CaseStoreFeatures
{
    public static T? Find<T>(this ICaseStore store)
        where T : class
    {
        for (ICaseStore? s = store; s is not null; s = (s as ICaseStoreDecorator)?.Inner)
        {
            if (s is T feature)
            {
                return feature;
            }
        }

        return null;
    }
}
