namespace HongqiFlow.Server.Cases;

/// <summary>Resident ID numbers (GB 11643): 17 digits and an ISO 7064 MOD 11-2 check character.</summary>
public static class IdNumbers
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckCharacters = "10X98765432";

    public static bool IsValid(string idNumber)
    {
        ArgumentNullException.ThrowIfNull(idNumber);
        var id = idNumber.Trim().ToUpperInvariant();
        if (id.Length != 18 || !id[..17].All(char.IsAsciiDigit))
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (id[i] - '0') * Weights[i];
        }

        return id[17] == CheckCharacters[sum % 11];
    }
}
