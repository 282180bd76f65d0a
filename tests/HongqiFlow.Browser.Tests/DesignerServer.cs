using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace HongqiFlow.Browser.Tests;

/// <summary>
/// A real <c>hongqi serve</c> on a loopback port with a fresh data folder, and Debian's Chromium driven by Playwright.
/// When either is missing the tests skip with the reason, except under CI=true, where a missing part is a failure.
/// </summary>
public class DesignerServer : IAsyncLifetime
{
    private const string ChromiumPath = "/usr/bin/chromium";
    private Process? _server;
    private string? _dataDir;

    public string? Unavailable { get; private set; }

    /// <summary>
    /// Runs a browser test's body with the pages it opens: skipped where no browser can run (a failure in CI), each page
    /// saved as a screenshot when the body fails, every page's context closed afterwards.
    /// </summary>
    public async Task RunPagesAsync(string name, Func<List<IPage>, Task> body)
    {
        if (Unavailable is { } reason)
        {
            if (Environment.GetEnvironmentVariable("CI") == "true")
            {
                throw new InvalidOperationException("browser tests cannot run in CI: " + reason);
            }

            Skip.If(true, reason);
        }

        var pages = new List<IPage>();
        try
        {
            await body(pages);
        }
        catch
        {
            var dir = Path.Combine(AppContext.BaseDirectory, "screenshots");
            Directory.CreateDirectory(dir);
            for (var i = 0; i < pages.Count; i++)
            {
                await pages[i].ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(dir, $"{name}-{i}.png"), FullPage = true });
            }

            throw;
        }
        finally
        {
            foreach (var page in pages)
            {
                await page.Context.CloseAsync();
            }
        }
    }

    public Uri BaseUrl { get; private set; } = new("http://127.0.0.1/");

    public string Token { get; private set; } = string.Empty;

    public IPlaywright? Playwright { get; private set; }

    public IBrowser? Browser { get; private set; }

    public static string RepositoryRoot => Repository.Root;

    /// <summary>More arguments for <c>hongqi serve</c> (a fixture with demonstration data adds <c>--demo</c>).</summary>
    protected virtual IEnumerable<string> ServeArguments => [];

    /// <summary>How long the server may take to answer (seeding demonstration data takes a while).</summary>
    protected virtual TimeSpan StartTimeout => TimeSpan.FromSeconds(60);

    private static string Cli => Path.Combine(AppContext.BaseDirectory, "hongqi.dll");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            Unavailable = $"{ChromiumPath} is missing (apt-get install -y chromium fonts-noto-cjk)";
            return;
        }

        var help = await RunCliAsync("serve", "--help").ConfigureAwait(false);
        if (help.ExitCode != 0)
        {
            Unavailable = "this build of hongqi has no serve command";
            return;
        }

        if (!File.Exists(Path.Combine(RepositoryRoot, "designer", "dist", "index.html")))
        {
            Unavailable = "designer/dist is missing (the server build runs npm run build unless HONGQI_SKIP_WEB=1)";
            return;
        }

        var port = FreePort();
        BaseUrl = new Uri($"http://127.0.0.1:{port}/");
        _dataDir = Directory.CreateTempSubdirectory("hongqi-browser-").FullName;
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = RepositoryRoot, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { Cli, "serve", "--urls", BaseUrl.ToString().TrimEnd('/'), "--data", _dataDir }.Concat(ServeArguments))
        {
            start.ArgumentList.Add(a);
        }

        // hongqi serve runs in Production here, which refuses to start without keys for personal data.
        start.Environment["Hongqi__PersonalData__Keys__test"] = Convert.ToBase64String(Enumerable.Range(1, 16).Select(i => (byte)i).ToArray());
        start.Environment["Hongqi__PersonalData__LookupKey"] = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
        _server = Process.Start(start)!;
        _server.OutputDataReceived += (_, _) => { };
        _server.ErrorDataReceived += (_, _) => { };
        _server.BeginOutputReadLine();
        _server.BeginErrorReadLine();
        await WaitUntilUpAsync().ConfigureAwait(false);

        var token = await RunCliAsync("token", "--role", "author").ConfigureAwait(false);
        Token = token.Output.Trim();

        Playwright = await Microsoft.Playwright.Playwright.CreateAsync().ConfigureAwait(false);
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        }).ConfigureAwait(false);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync().ConfigureAwait(false);
        }

        Playwright?.Dispose();
        if (_server is { HasExited: false })
        {
            _server.Kill(entireProcessTree: true);
            await _server.WaitForExitAsync().ConfigureAwait(false);
        }

        if (_dataDir is not null)
        {
            Directory.Delete(_dataDir, recursive: true);
        }
    }

    /// <summary>A page with the author token in localStorage, at a 1600×1000 viewport.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser!.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1600, Height = 1000 }, Locale = "zh-CN" }).ConfigureAwait(false);
        await context.AddInitScriptAsync($"localStorage.setItem('hongqi.token', {System.Text.Json.JsonSerializer.Serialize(Token)});").ConfigureAwait(false);
        return await context.NewPageAsync().ConfigureAwait(false);
    }

    /// <summary>A token from <c>hongqi token</c>, e.g. <c>TokenAsync("--role", "department", "--department", "tax")</c>.</summary>
    public async Task<string> TokenAsync(params string[] arguments)
    {
        var result = await RunCliAsync(["token", .. arguments]).ConfigureAwait(false);
        return result.ExitCode == 0 ? result.Output.Trim() : throw new InvalidOperationException("hongqi token " + string.Join(' ', arguments) + " failed");
    }

    /// <summary>A page signed in with <paramref name="token"/> (none: the applicant, who has no login) at a given viewport.</summary>
    public async Task<IPage> NewPageAsync(string? token, int width = 1600, int height = 1000, bool mobile = false)
    {
        var context = await Browser!.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "zh-CN",
            IsMobile = mobile,
            HasTouch = mobile,
            DeviceScaleFactor = mobile ? 2 : 1,
        }).ConfigureAwait(false);
        await context.AddInitScriptAsync(token is null
            ? "localStorage.removeItem('hongqi.token');"
            : $"localStorage.setItem('hongqi.token', {System.Text.Json.JsonSerializer.Serialize(token)});").ConfigureAwait(false);
        return await context.NewPageAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// A new item <paramref name="code"/> whose draft is <paramref name="yaml"/>, through the API as an author would make it:
    /// created from the basic template, then saved over the revision that creation returned. Returns the draft's revision.
    /// </summary>
    public async Task<int> CreateDraftAsync(string code, string name, string yaml)
    {
        using var http = Http();
        using var create = await http.PostAsync("api/definitions", JsonContent.Create(new { code, name, template = "basic" })).ConfigureAwait(false);
        await EnsureAsync(create, $"POST api/definitions ({code})").ConfigureAwait(false);
        var revision = (await create.Content.ReadFromJsonAsync<JsonElement>().ConfigureAwait(false)).GetProperty("revision").GetInt32();
        using var draft = await http.PutAsync($"api/definitions/{code}/draft", JsonContent.Create(new { yaml, baseRevision = revision })).ConfigureAwait(false);
        await EnsureAsync(draft, $"PUT api/definitions/{code}/draft").ConfigureAwait(false);
        return (await draft.Content.ReadFromJsonAsync<JsonElement>().ConfigureAwait(false)).GetProperty("revision").GetInt32();
    }

    /// <summary>
    /// A copy of the item <paramref name="from"/> under the new code <paramref name="code"/> (its <c>item.code</c> rewritten),
    /// so that a test which edits, saves or publishes works on a definition of its own and leaves the others as they were.
    /// </summary>
    public async Task CopyDefinitionAsync(string from, string code)
    {
        using var http = Http();
        var source = await http.GetFromJsonAsync<JsonElement>($"api/definitions/{from}").ConfigureAwait(false);
        var yaml = source.GetProperty("yaml").GetString()!;
        var codeLine = new Regex($"^(  code: ){Regex.Escape(from)}( |$)", RegexOptions.Multiline);
        codeLine.Count(yaml).ShouldBe(1, $"item.code of {from}");
        var name = source.GetProperty("model").GetProperty("name").GetString()!;
        await CreateDraftAsync(code, name, codeLine.Replace(yaml, "${1}" + code + "${2}")).ConfigureAwait(false);
    }

    /// <summary>An HTTP client for the API, signed in as the author.</summary>
    public HttpClient Http()
    {
        var http = new HttpClient { BaseAddress = BaseUrl };
        http.DefaultRequestHeaders.Authorization = new("Bearer", Token);
        return http;
    }

    private static async Task EnsureAsync(HttpResponseMessage response, string what)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{what}: HTTP {(int)response.StatusCode} {await response.Content.ReadAsStringAsync().ConfigureAwait(false)}");
        }
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    private async Task WaitUntilUpAsync()
    {
        using var http = new HttpClient();
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartTimeout)
        {
            if (_server!.HasExited)
            {
                throw new InvalidOperationException($"hongqi serve exited with code {_server.ExitCode}");
            }

            try
            {
                // ready: the store answers and the catalog folder is imported (the tests open its items)
                using var r = await http.GetAsync(new Uri(BaseUrl, "health/ready")).ConfigureAwait(false);
                if (r.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(200).ConfigureAwait(false);
        }

        throw new TimeoutException($"hongqi serve was not ready ({BaseUrl}health/ready) within {StartTimeout.TotalSeconds} s");
    }

    private static async Task<(int ExitCode, string Output)> RunCliAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = RepositoryRoot, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Cli);
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var p = Process.Start(start)!;
        var output = await p.StandardOutput.ReadToEndAsync().ConfigureAwait(false);
        await p.StandardError.ReadToEndAsync().ConfigureAwait(false);
        await p.WaitForExitAsync().ConfigureAwait(false);
        return (p.ExitCode, output);
    }
}
