namespace HongqiFlow.Runtime;

/// <summary>Masks personal data wherever it is shown without need (rule 14).</summary>
public static class PersonalDataMask
{
    /// <summary>Keeps the 6-digit region code and the last 4 characters: 110101********1234.</summary>
    public static string IdNumber(string idNumber)
    {
        ArgumentNullException.ThrowIfNull(idNumber);
        if (idNumber.Length <= 10)
        {
            return new string('*', idNumber.Length);
        }

        return string.Concat(idNumber.AsSpan(0, 6), new string('*', idNumber.Length - 10), idNumber.AsSpan(idNumber.Length - 4));
    }

    /// <summary>Keeps the first 3 and the last 4 digits: 138****0000.</summary>
    public static string Phone(string phone)
    {
        ArgumentNullException.ThrowIfNull(phone);
        if (phone.Length <= 7)
        {
            return new string('*', phone.Length);
        }

        return string.Concat(phone.AsSpan(0, 3), new string('*', phone.Length - 7), phone.AsSpan(phone.Length - 4));
    }
}
