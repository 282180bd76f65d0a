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
