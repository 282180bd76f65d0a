namespace HongqiFlow.Storage;

/// <summary>A published version is immutable: writing <c>Code@Version</c> a second time is refused.</summary>
public sealed class VersionAlreadyPublishedException : StorageException
{
    public VersionAlreadyPublishedException(string code, int version)
        : base($"'{DefinitionIds.Of(code, version)}' is already published and published versions never change; raise item.version to publish again")
    {
        Code = code;
        Version = version;
    }

    public string Code { get; }

    public int Version { get; }
}
