using System.Globalization;

namespace HongqiFlow.Storage;

/// <summary>The <c>CODE@version</c> form a case row keeps as its definition id.</summary>
public static class DefinitionIds
{
    public static string Of(string code, int version) => string.Create(CultureInfo.InvariantCulture, $"{code}@{version}");

    /// <summary>Splits <c>QYKB-0001@3</c>; false when the text has no <c>@</c> followed by a whole number.</summary>
    public static bool TryParse(string definitionId, out string code, out int version)
    {
        ArgumentNullException.ThrowIfNull(definitionId);
        var at = definitionId.LastIndexOf('@');
        code = at < 0 ? definitionId : definitionId[..at];
        version = 0;
        return at > 0 && int.TryParse(definitionId.AsSpan(at + 1), NumberStyles.None, CultureInfo.InvariantCulture, out version);
    }
}
