using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using HongqiFlow.Storage.Cryptography;
using Xunit.Abstractions;

namespace HongqiFlow.Server.Tests;

/// <summary>
/// The release artefacts of scripts/release: the linux-x64 tarball's <c>hongqi</c> runs from a temporary folder with no
/// .NET on the PATH and no DOTNET_ROOT, on the embedded SQLite store, and serves the web app embedded in it; the
/// linux-arm64 one is built (an aarch64 executable), not started. Takes already built artefacts from
/// HONGQI_RELEASE_DIR when set, else runs the script once (about two publishes).
/// </summary>
public sealed class ReleaseTests(ITestOutputHelper log)
{
    [Fact]
    public async Task Release_X64RunsWithoutAnSdk_ServingTheEmbeddedWebApp_AndArm64IsBuilt()
    {
        var root = Directory.CreateTempSubdirectory("hongqi-release-").FullName;
        try
        {
            var artefacts = Environment.GetEnvironmentVariable("HONGQI_RELEASE_DIR") is { Length: > 0 } given ? given : await BuildAsync(Path.Combine(root, "out"));
            var tarballs = Directory.GetFiles(artefacts, "hongqi-*.tar.gz").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
            var x64 = tarballs.Single(t => t!.EndsWith("-linux-x64.tar.gz", StringComparison.Ordinal))!;
            var arm64 = tarballs.Single(t => t!.EndsWith("-linux-arm64.tar.gz", StringComparison.Ordinal))!;

            // Both checksum files list every tarball with the right hash.
            foreach (var (file, hash) in new (string, Func<Stream, byte[]>)[] { ("SHA256SUMS", SHA256.HashData), ("SM3SUMS", Sm3.Hash) })
            {
                var sums = File.ReadAllLines(Path.Combine(artefacts, file)).Where(l => l.Length > 0).ToDictionary(l => l[66..], l => l[..64], StringComparer.Ordinal);
                sums.Keys.Order(StringComparer.Ordinal).ShouldBe(tarballs!);
                foreach (var tarball in tarballs)
                {
                    using var stream = File.OpenRead(Path.Combine(artefacts, tarball!));
                    sums[tarball!].ShouldBe(Convert.ToHexStringLower(hash(stream)), $"{file}: {tarball}");
                }
            }

            var installed = Path.Combine(root, "opt");
            Directory.CreateDirectory(installed);
            await RunAsync("tar", installed, "-xzf", Path.Combine(artefacts, x64));
            await RunAsync("tar", installed, "-xzf", Path.Combine(artefacts, arm64));
            var x64Folder = Path.Combine(installed, x64[..^".tar.gz".Length]);
            var arm64Folder = Path.Combine(installed, arm64[..^".tar.gz".Length]);
            Directory.GetFileSystemEntries(x64Folder).Select(Path.GetFileName).Order(StringComparer.Ordinal).ShouldBe(["README.txt", "definitions", "hongqi"]);
            Machine(Path.Combine(x64Folder, "hongqi")).ShouldBe(0x3E, "x86-64");
            Machine(Path.Combine(arm64Folder, "hongqi")).ShouldBe(0xB7, "aarch64");

            await ServeAsync(x64Folder, Path.Combine(root, "home"));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private async Task ServeAsync(string folder, string home)
    {
        Directory.CreateDirectory(home);
        var emptyBin = Directory.CreateDirectory(Path.Combine(home, "bin")).FullName;
        var port = FreePort();
        var start = new ProcessStartInfo(Path.Combine(folder, "hongqi")) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "serve", "--urls", $"http://127.0.0.1:{port}" })
        {
            start.ArgumentList.Add(argument);
        }

        // No SDK and no shared runtime to be found: nothing of .NET on the PATH, no DOTNET_* or ASPNETCORE_* variables.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("DOTNET_", StringComparison.Ordinal) || k.StartsWith("ASPNETCORE_", StringComparison.Ordinal) || k.StartsWith("Hongqi", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["PATH"] = emptyBin;
        start.Environment["HOME"] = home;
        foreach (var (name, value) in ServeProcess.PersonalDataKeys)
        {
            start.Environment[name] = value;
        }

        start.Environment["Logging__LogLevel__Default"] = "Information";
        var output = new List<string>();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { lock (output) { if (e.Data is not null) { output.Add(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { lock (output) { if (e.Data is not null) { output.Add(e.Data); } } };
        var watch = Stopwatch.StartNew();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(10) };
            HttpStatusCode? ready = null;
            while (watch.Elapsed < TimeSpan.FromSeconds(90) && !process.HasExited)
            {
                try
                {
                    ready = (await client.GetAsync("/health/ready")).StatusCode;
                    if (ready == HttpStatusCode.OK)
                    {
                        break;
                    }
                }
                catch (HttpRequestException)
                {
                }

                await Task.Delay(250);
            }

            string Logs()
            {
                lock (output)
                {
                    return string.Join("\n", output);
                }
            }

            ready.ShouldBe(HttpStatusCode.OK, Logs());
            log.WriteLine($"the release binary answered /health/ready after {watch.Elapsed.TotalSeconds:F1} s");
            var page = await client.GetAsync("/");
            page.StatusCode.ShouldBe(HttpStatusCode.OK);
            page.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
            var html = await page.Content.ReadAsStringAsync();
            html.ShouldBe(await File.ReadAllTextAsync(Repository.Path("designer", "dist", "index.html")));
            var script = System.Text.RegularExpressions.Regex.Match(html, "src=\"(/assets/[^\"]+\\.js)\"").Groups[1].Value;
            (await client.GetAsync(script)).StatusCode.ShouldBe(HttpStatusCode.OK, script);
            (await client.GetAsync("/worklist")).StatusCode.ShouldBe(HttpStatusCode.OK, "a client-side route gets the page");
            Logs().ShouldContain("Serving the web app from the binary");
            File.Exists(Path.Combine(folder, "data", "hongqi.db")).ShouldBeTrue("the embedded SQLite store in ./data");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync();
        }
    }

    private async Task<string> BuildAsync(string output)
    {
        File.Exists(Repository.Path("designer", "dist", "index.html")).ShouldBeTrue("the release embeds designer/dist: build the web app first (dotnet build without HONGQI_SKIP_WEB, or npm run build in designer/)");
        var watch = Stopwatch.StartNew();
        var start = new ProcessStartInfo("bash") { WorkingDirectory = Repository.Root, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { Repository.Path("scripts", "release"), "--out", output, "--version", "test" })
        {
            start.ArgumentList.Add(argument);
        }

        // The web app is already built (the test checks the page against it); the publish embeds it as it is. The test
        // host's MSBuild variables would steer the nested publish.
        start.Environment["HONGQI_SKIP_WEB"] = "1";
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || k.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }
        var text = await RunAsync(start, TimeSpan.FromMinutes(20));
        log.WriteLine(text);
        log.WriteLine($"scripts/release took {watch.Elapsed.TotalSeconds:F0} s");
        return output;
    }

    private static Task<string> RunAsync(string file, string folder, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return RunAsync(start, TimeSpan.FromMinutes(2));
    }

    private static async Task<string> RunAsync(ProcessStartInfo start, TimeSpan limit)
    {
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using (var timeout = new CancellationTokenSource(limit))
        {
            await process.WaitForExitAsync(timeout.Token);
        }

        var text = await output + await error;
        process.ExitCode.ShouldBe(0, $"{start.FileName} {string.Join(' ', start.ArgumentList)}:\n{text}");
        return text;
    }

    /// <summary>The e_machine field of an ELF executable's header.</summary>
    private static int Machine(string path)
    {
        var header = new byte[20];
        using (var file = File.OpenRead(path))
        {
            file.ReadExactly(header);
        }

        header[..4].ShouldBe(new byte[] { 0x7F, (byte)'E', (byte)'L', (byte)'F' });
        return header[18] | (header[19] << 8);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
