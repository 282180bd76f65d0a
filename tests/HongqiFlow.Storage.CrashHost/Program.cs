using System.Globalization;
using HongqiFlow.Scheduling;
using HongqiFlow.Storage;
using HongqiFlow.Storage.CrashHost;
using HongqiFlow.Storage.Sqlite;

// Applies commands to a SQLite store until it is killed. Prints "ack <command> [<timer>]" only after the append
// returned (committed), and "fired <timer>" after a timer's event committed; the crash test holds it to both.
if (args.Length != 2)
{
    Console.Error.WriteLine("usage: HongqiFlow.Storage.CrashHost <database file> <run number>");
    return 2;
}

var run = int.Parse(args[1], CultureInfo.InvariantCulture);
var time = TimeProvider.System;
await using var store = await SqliteCaseStore.OpenAsync(new SqliteCaseStoreOptions { FilePath = args[0] });
var output = Console.Out;
var handler = new CounterTimerHandler(store, time, id => output.WriteLine($"fired {id}"));
var scheduler = new TimerScheduler(store, handler, new TimerSchedulerOptions { NodeId = $"crash-{run}", Lease = TimeSpan.FromMilliseconds(500) }, time);

for (var i = 0; ; i++)
{
    var commandId = $"r{run}-{i}";
    var caseId = $"k-{i % 8}";
    var timerId = i % 3 == 0 ? $"tm-{commandId}" : null;
    var payload = $$"""{"command":"{{commandId}}","amount":{{i % 7 + 1}}}""";
    while (true)
    {
        var current = await store.LoadAsync(caseId);
        var state = current is null ? CounterState.Empty : CounterState.Parse(current.StateJson);
        try
        {
            await store.AppendAsync(new AppendRequest
            {
                CaseId = caseId,
                ExpectedVersion = current?.Version ?? 0,
                DefinitionId = "crash-counter",
                Events = [new EventRecord("added", payload, time.GetUtcNow())],
                Snapshot = new SnapshotRecord(state.Apply("added", payload).ToJson(), "running"),
                TimersToSchedule = timerId is null ? [] : [new TimerRecord(timerId, "deadline", time.GetUtcNow(), "{}")],
                IdempotencyKey = commandId,
                Now = time.GetUtcNow(),
            });
            break;
        }
        catch (ConcurrencyException)
        {
        }
    }

    output.WriteLine(timerId is null ? $"ack {commandId}" : $"ack {commandId} {timerId}");
    await scheduler.PollOnceAsync();
}
