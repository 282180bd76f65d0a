using System.Collections.Concurrent;
using System.Net;
using System.Reflection;
using HongqiFlow.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace HongqiFlow.Server.Tests;

/// <summary>
/// An event through <c>POST /api/cases/{id}/events</c> reads the case from the store once: the read of the visibility
/// check is the state the command is decided on, not read again for the decision.
/// </summary>
public sealed class CommandReadsTests
{
    [Fact]
    public async Task Event_ReadsTheCaseFromTheStoreOnce()
    {
        var loads = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        using var own = new ServerFixture();
        using var counted = own.WithWebHostBuilder(web => web.ConfigureServices(services => services.AddSingleton(sp => new CaseService(
            CountingStore.Wrap(sp.GetRequiredService<HongqiStores>().Cases, loads), sp.GetRequiredService<DefinitionRegistry>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<CaseServiceOptions>()))));
        HttpClient Client(string role)
        {
            var client = counted.CreateClient();
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", ServerFixture.Token(role, "reader"));
            return client;
        }

        var caseId = await Journey.StartAsync(Client("window"));
        object[] commands = [new { @event = "accept" }, new { @event = "procedure-start", payload = new { procedure = "name-verification" } }, new { @event = "procedure-end" }];
        var roles = (string[])["window", "department:market-regulation", "department:market-regulation"];
        for (var i = 0; i < commands.Length; i++)
        {
            loads.Clear();
            using var response = await Client(roles[i]).PostJson($"/api/cases/{caseId}/events", commands[i], $"once-{i}");
            response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            loads.GetValueOrDefault(caseId).ShouldBe(1, $"command {i} read the case {loads.GetValueOrDefault(caseId)} times");
        }
    }

    /// <summary>An <see cref="Storage.ICaseStore"/> that counts <c>LoadAsync</c> per case and forwards every call.</summary>
    public class CountingStore : DispatchProxy
    {
        private Storage.ICaseStore _inner = null!;
        private ConcurrentDictionary<string, int> _loads = null!;

        public static Storage.ICaseStore Wrap(Storage.ICaseStore inner, ConcurrentDictionary<string, int> loads)
        {
            var proxy = Create<Storage.ICaseStore, CountingStore>();
            var counting = (CountingStore)(object)proxy;
            counting._inner = inner;
            counting._loads = loads;
            return proxy;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            ArgumentNullException.ThrowIfNull(targetMethod);
            if (targetMethod.Name == nameof(Storage.ICaseStore.LoadAsync) && args is [string caseId, ..])
            {
                _loads.AddOrUpdate(caseId, 1, (_, n) => n + 1);
            }

            try
            {
                return targetMethod.Invoke(_inner, args);
            }
            catch (TargetInvocationException e) when (e.InnerException is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerException);
                throw;
            }
        }
    }
}
