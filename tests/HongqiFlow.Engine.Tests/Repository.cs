namespace HongqiFlow.Tests;

/// <summary>
/// The repository checkout the tests (and benchmarks) run from, found by walking up to HongqiFlow.sln from the build
/// output, else from the working folder. One file, linked into every test project.
/// </summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(System.IO.Path.Combine(dir.FullName, "HongqiFlow.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException($"HongqiFlow.sln not found above {AppContext.BaseDirectory} or {Environment.CurrentDirectory}; run from the repository");
    }
}
