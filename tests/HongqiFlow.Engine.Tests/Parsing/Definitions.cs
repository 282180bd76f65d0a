namespace HongqiFlow.Tests.Parsing;

/// <summary>Finds the repository's definitions folder from the test output directory.</summary>
internal static class Definitions
{
    public static string Root => Repository.Root;

    public static string Path(string relative) => System.IO.Path.Combine(Root, relative);
}
