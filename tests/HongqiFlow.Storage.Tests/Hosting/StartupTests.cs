using HongqiFlow.Hosting;
using HongqiFlow.Storage;
using HongqiFlow.Tests;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HongqiFlow.Storage.Tests.Hosting;

/// <summary>Registering a node does no I/O; the store and the catalog are opened asynchronously when the host starts.</summary>
public sealed class StartupTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("hongqi-startup-").FullName;

    private string Data => Path.Combine(_root, "data");

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task BuildingTheProvider_TouchesNoDataFolder_UntilTheHostStarts()
    {
        await using var node = Node(new HongqiHostOptions { DataFolder = Data, DefinitionsFolder = Repository.Path("definitions"), RunBackgroundServices = false });
        node.GetRequiredService<HongqiHostOptions>().DataFolder.ShouldBe(Data);
        Directory.Exists(Data).ShouldBeFalse("registration and building the provider must not open the store");
        Should.Throw<InvalidOperationException>(() => node.GetRequiredService<ICaseStore>()).Message.ShouldContain("not open yet");

        await StartingAsync(node);

        File.Exists(Path.Combine(Data, "hongqi.db")).ShouldBeTrue();
        node.GetRequiredService<DefinitionRegistry>().LastImport.Imported.ShouldNotBeEmpty();
        node.GetRequiredService<HongqiStores>().Cases.ShouldBeSameAs(node.GetRequiredService<ICaseStore>());
        await node.OpenHongqiFlowAsync(); // a second open is a no-op
        node.GetRequiredService<HongqiStartup>().IsOpen.ShouldBeTrue();
    }

    [Fact]
    public async Task AStoreThatFailsToOpen_FailsTheStartWithItsOwnError()
    {
        var refused = new InvalidOperationException("cannot use the store: refused");
        await using var node = Node(new HongqiHostOptions
        {
            DataFolder = Data,
            DefinitionsFolder = Repository.Path("definitions"),
            RunBackgroundServices = false,
            OpenStore = (_, _, _) => Task.FromException<ICaseStore>(refused),
        });

        (await Should.ThrowAsync<InvalidOperationException>(() => StartingAsync(node))).ShouldBeSameAs(refused);
        node.GetRequiredService<HongqiStartup>().IsOpen.ShouldBeFalse();
    }

    [Fact]
    public async Task TheChosenChainAlgorithm_IsAppliedToTheOpenedStore()
    {
        await using var node = Node(new HongqiHostOptions
        {
            DataFolder = Data, DefinitionsFolder = Repository.Path("definitions"), RunBackgroundServices = false, NewCaseChains = ChainAlgorithm.Sha256,
        });

        await StartingAsync(node);

        ((IChainAlgorithmChoice)node.GetRequiredService<ICaseStore>()).NewCaseChains.ShouldBe(ChainAlgorithm.Sha256);
        new HongqiHostOptions().NewCaseChains.ShouldBe(ChainAlgorithm.Sm3);
    }

    [Fact]
    public async Task CheckpointWriter_WritesASignedCheckpointWhenStarted()
    {
        await using var store = await global::HongqiFlow.Storage.Sqlite.SqliteCaseStore.OpenAsync(global::HongqiFlow.Storage.Sqlite.SqliteCaseStoreOptions.InFolder(Data));
        await store.AppendAsync(Contract.Requests.Create("c-1"));
        var (privatePem, publicPem) = global::HongqiFlow.Storage.Cryptography.Sm2.GenerateKeyPair();
        using var writer = new CheckpointWriter(store, new global::HongqiFlow.Storage.Checkpoints.Sm2FileSigner(privatePem), TimeSpan.FromHours(1), TimeProvider.System,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<CheckpointWriter>.Instance);

        await writer.StartAsync(CancellationToken.None);
        global::HongqiFlow.Storage.Checkpoints.CheckpointReport report;
        var waited = System.Diagnostics.Stopwatch.StartNew();
        do
        {
            await Task.Delay(50);
            report = await store.VerifyCheckpointsAsync(new global::HongqiFlow.Storage.Checkpoints.Sm2PublicKeyVerifier(publicPem));
        }
        while (report.Latest is null && waited.Elapsed < TimeSpan.FromSeconds(10));

        await writer.StopAsync(CancellationToken.None);
        report.Latest.ShouldNotBeNull().CaseCount.ShouldBe(1);
        report.Findings.ShouldBeEmpty();
    }

    [Fact]
    public void HostingAndServerRegistration_NeverBlockOnAsyncWork()
    {
        string[] files =
        [
            .. Directory.GetFiles(Repository.Path("engine", "HongqiFlow.Application", "Hosting"), "*.cs", SearchOption.AllDirectories),
            .. Directory.GetFiles(Repository.Path("engine", "HongqiFlow.Demo"), "*.cs"),
            Repository.Path("engine", "HongqiFlow.Server", "PostgresHosting.cs"),
            Repository.Path("engine", "HongqiFlow.Server", "ServerServices.cs"),
            Repository.Path("engine", "HongqiFlow.Server", "ServerHost.cs"),
        ];
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            text.ShouldNotContain(".GetAwaiter().GetResult()", Case.Sensitive, file);
            text.ShouldNotContain(".Wait()", Case.Sensitive, file);
        }
    }

    private static ServiceProvider Node(HongqiHostOptions options)
    {
        var services = new ServiceCollection();
        services.AddHongqiFlow(options);
        return services.BuildServiceProvider();
    }

    /// <summary>What the generic host does first: every lifecycle service's StartingAsync, before any StartAsync.</summary>
    private static async Task StartingAsync(IServiceProvider node)
    {
        foreach (var service in node.GetServices<IHostedService>().OfType<IHostedLifecycleService>())
        {
            await service.StartingAsync(CancellationToken.None);
        }
    }
}
