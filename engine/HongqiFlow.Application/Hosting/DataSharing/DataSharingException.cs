namespace HongqiFlow.Hosting;

/// <summary>
/// A data source did not answer a fetch (timed out, failed after its retries, or is not configured). The message is
/// the reason recorded with <c>data-refused</c>, shown to the window staff who then ask for the material itself.
/// </summary>
public sealed class DataSharingException : Exception
{
    public DataSharingException()
    {
    }

    public DataSharingException(string message)
        : base(message)
    {
    }

    public DataSharingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
