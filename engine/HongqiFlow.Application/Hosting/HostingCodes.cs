namespace HongqiFlow.Hosting;

/// <summary>Diagnostic codes of publishing and the catalog (docs/diagnostics/hosting.md).</summary>
public static class HostingCodes
{
    /// <summary>Publish: there is no draft of the code.</summary>
    public const string NoDraft = "HQ6501";

    /// <summary>Publish: the draft's item.code is not the code it is saved under.</summary>
    public const string CodeMismatch = "HQ6502";

    /// <summary>Publish: item.version is not above every published version.</summary>
    public const string VersionNotRaised = "HQ6503";

    /// <summary>Catalog import: a file's code+version is published in the store with another text.</summary>
    public const string CatalogDrift = "HQ6504";
}
