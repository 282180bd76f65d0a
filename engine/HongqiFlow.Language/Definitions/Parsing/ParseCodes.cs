namespace HongqiFlow.Definitions.Parsing;

/// <summary>Stable codes of the reader and the schema pass (HQ1xxx), documented in docs/diagnostics/parsing.md.</summary>
public static class ParseCodes
{
    public const string YamlSyntax = "HQ1001";
    public const string FileTooLarge = "HQ1002";
    public const string TooDeep = "HQ1003";
    public const string AliasBudget = "HQ1004";
    public const string DuplicateKey = "HQ1005";
    public const string UnknownKey = "HQ1006";
    public const string WrongType = "HQ1007";
    public const string InvalidValue = "HQ1008";
    public const string MissingKey = "HQ1009";
    public const string InvalidDuration = "HQ1010";
    public const string MissingVersion = "HQ1011";
    public const string UnsupportedVersion = "HQ1012";
    public const string InvalidTrigger = "HQ1013";
    public const string FileUnreadable = "HQ1014";
    public const string UnknownAlias = "HQ1015";
    public const string MultipleDocuments = "HQ1016";
}
