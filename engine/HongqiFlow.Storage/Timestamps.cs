namespace HongqiFlow.Storage;

/// <summary>Stores keep instants as UTC milliseconds since the Unix epoch, the precision that is hashed.</summary>
public static class Timestamps
{
    public static long ToMillis(DateTimeOffset value) => value.ToUnixTimeMilliseconds();

    public static DateTimeOffset FromMillis(long millis) => DateTimeOffset.FromUnixTimeMilliseconds(millis);

    public static DateTimeOffset Truncate(DateTimeOffset value) => FromMillis(ToMillis(value));
}
