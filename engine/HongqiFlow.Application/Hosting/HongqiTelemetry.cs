using System.Diagnostics;
using System.Diagnostics.Metrics;
using HongqiFlow.Runtime;
using HongqiFlow.Storage;

namespace HongqiFlow.Hosting;

/// <summary>
/// The node's metrics and traces: one <see cref="Meter"/> and one <see cref="ActivitySource"/>, both named
/// <see cref="Name"/>, fed by command handling (<see cref="CaseService"/>), the timer scheduler and the outbox
/// dispatcher. Instrument names are a contract with dashboards and alerts (docs/operations.md lists them): change
/// them only with the document. Tags carry item codes, event names, outcomes, rejection codes, timer kinds and
/// channel names — never case ids, receipts, actors or anything an applicant typed. Nothing is measured unless a
/// listener (the OpenTelemetry SDK, <c>dotnet-counters</c>, a test's <see cref="MeterListener"/>) subscribes.
/// </summary>
public static class HongqiTelemetry
{
    /// <summary>The meter's and the activity source's name (what <c>AddMeter</c> / <c>AddSource</c> take).</summary>
    public const string Name = "HongqiFlow";

    public const string CommandsInstrument = "hongqi.commands";
    public const string CommandDurationInstrument = "hongqi.command.duration";
    public const string RejectionsInstrument = "hongqi.rejections";
    public const string TimerLagInstrument = "hongqi.timer.lag";
    public const string TimersInstrument = "hongqi.timers";
    public const string OutboxBacklogInstrument = "hongqi.outbox.backlog";
    public const string OutboxDeliveriesInstrument = "hongqi.outbox.deliveries";

    /// <summary>The backlog gauge counts pending messages up to this many (a reading of this value means "at least").</summary>
    public const int BacklogSampleLimit = 1000;

    /// <summary>How often one dispatcher counts the backlog (only while someone listens to the gauge).</summary>
    public static readonly TimeSpan BacklogSampleInterval = TimeSpan.FromSeconds(15);

    public const string ItemTag = "hongqi.item";
    public const string EventTag = "hongqi.event";
    public const string OutcomeTag = "hongqi.outcome";
    public const string RejectionTag = "hongqi.rejection";
    public const string TimerKindTag = "hongqi.timer.kind";
    public const string ChannelTag = "hongqi.channel";

    private static readonly string? Version = typeof(HongqiTelemetry).Assembly.GetName().Version?.ToString();

    public static readonly Meter Meter = new(Name, Version);

    public static readonly ActivitySource Source = new(Name, Version);

    private static readonly Counter<long> Commands = Meter.CreateCounter<long>(CommandsInstrument, "{command}",
        "Commands handled (start, events, timer firings), by item, event and outcome.");

    private static readonly Histogram<double> CommandDuration = Meter.CreateHistogram<double>(CommandDurationInstrument, "s",
        "Time to handle one command: waiting for the case, deciding and the store's transaction.");

    private static readonly Counter<long> Rejections = Meter.CreateCounter<long>(RejectionsInstrument, "{command}",
        "Commands the engine refused, by item, event and rejection code.");

    private static readonly Histogram<double> TimerLag = Meter.CreateHistogram<double>(TimerLagInstrument, "s",
        "How late a timer was claimed for firing: claim time minus due time.");

    private static readonly Counter<long> Timers = Meter.CreateCounter<long>(TimersInstrument, "{timer}",
        "Timers the scheduler handled, by kind and outcome (fired, claim_lost, failed).");

    private static readonly Counter<long> Deliveries = Meter.CreateCounter<long>(OutboxDeliveriesInstrument, "{message}",
        "Outbox delivery attempts, by channel and outcome (delivered, failed, dead_lettered).");

    private static long _backlog = -1;

    private static readonly ObservableGauge<long> Backlog = Meter.CreateObservableGauge(OutboxBacklogInstrument, ObserveBacklog, "{message}",
        $"Outbox messages waiting for delivery (pending, retries included), counted up to {BacklogSampleLimit}.");

    private static IEnumerable<Measurement<long>> ObserveBacklog()
    {
        var value = Interlocked.Read(ref _backlog);
        return value < 0 ? [] : [new Measurement<long>(value)];
    }

    /// <summary>Starts measuring one command; dispose it after <see cref="CommandMeasurement.Done"/> or <see cref="CommandMeasurement.Failed"/>.</summary>
    internal static CommandMeasurement StartCommand(Command command, string? item) => new(command, item);

    /// <summary>Records the lag of a claimed timer and starts its activity.</summary>
    internal static Activity? TimerClaimed(ClaimedTimer timer, DateTimeOffset now)
    {
        if (TimerLag.Enabled)
        {
            TimerLag.Record(Math.Max(0, (now - timer.DueAt).TotalSeconds), new KeyValuePair<string, object?>(TimerKindTag, timer.Kind));
        }

        var activity = Source.StartActivity("hongqi.timer.fire");
        activity?.SetTag(TimerKindTag, timer.Kind);
        return activity;
    }

    internal static void TimerHandled(ClaimedTimer timer, string outcome, Activity? activity)
    {
        Timers.Add(1, new KeyValuePair<string, object?>(TimerKindTag, timer.Kind), new KeyValuePair<string, object?>(OutcomeTag, outcome));
        activity?.SetTag(OutcomeTag, outcome);
        if (outcome != "fired")
        {
            activity?.SetStatus(ActivityStatusCode.Error);
        }
    }

    internal static Activity? DeliveryStarted(OutboxMessage message)
    {
        var activity = Source.StartActivity("hongqi.outbox.deliver");
        activity?.SetTag(ChannelTag, message.Channel);
        return activity;
    }

    /// <summary>Counts one delivery attempt: <c>delivered</c>, <c>failed</c> (retried later) or <c>dead_lettered</c>.</summary>
    internal static void DeliveryAttempted(OutboxMessage message, string outcome, Activity? activity)
    {
        Deliveries.Add(1, new KeyValuePair<string, object?>(ChannelTag, message.Channel), new KeyValuePair<string, object?>(OutcomeTag, outcome));
        activity?.SetTag(OutcomeTag, outcome);
        if (outcome != "delivered")
        {
            activity?.SetStatus(ActivityStatusCode.Error);
        }
    }

    /// <summary>
    /// Counts the pending outbox (up to <see cref="BacklogSampleLimit"/>) when the gauge has a listener and the last
    /// count is older than <see cref="BacklogSampleInterval"/>; the dispatcher calls it once per poll.
    /// </summary>
    internal static async Task SampleBacklogAsync(ICaseStore store, BacklogClock clock, DateTimeOffset now, CancellationToken ct)
    {
        if (!Backlog.Enabled || (clock.LastSample is { } last && now - last < BacklogSampleInterval))
        {
            return;
        }

        clock.LastSample = now;
        var pending = await store.QueryOutboxAsync(new OutboxQuery(OutboxState.Pending, Limit: BacklogSampleLimit), ct);
        Interlocked.Exchange(ref _backlog, pending.Count);
    }

    /// <summary>When one dispatcher last counted the backlog.</summary>
    internal sealed class BacklogClock
    {
        public DateTimeOffset? LastSample { get; set; }
    }

    /// <summary>One command's activity, duration and counters; outcomes: accepted, repeat, rejected, busy, not_found, error.</summary>
    internal sealed class CommandMeasurement : IDisposable
    {
        private readonly Command _command;
        private readonly string? _item;
        private readonly long _started = Stopwatch.GetTimestamp();
        private readonly Activity? _activity;

        public CommandMeasurement(Command command, string? item)
        {
            _command = command;
            _item = item;
            _activity = Source.StartActivity("hongqi.command");
            _activity?.SetTag(EventTag, command.Event);
        }

        public void Done(CaseResult result)
        {
            var item = result.State?.DefinitionCode ?? _item;
            if (result.Rejection is { } rejection)
            {
                // An event the definition does not know is named by whoever sent it: not a tag value (unbounded).
                var name = rejection.Code == RejectionCodes.UnknownEvent ? "(unknown)" : _command.Event;
                Rejections.Add(1, Tag(ItemTag, item), Tag(EventTag, name), Tag(RejectionTag, rejection.Code));
                Record(item, name, "rejected");
                _activity?.SetTag(RejectionTag, rejection.Code);
                return;
            }

            Record(item, _command.Event, result.IsRepeat ? "repeat" : "accepted");
        }

        public void Failed(Exception exception) => Record(_item, _command.Event, exception switch
        {
            CaseBusyException => "busy",
            CaseNotFoundException => "not_found",
            IdempotencyKeyReusedException => "key_reused",
            OperationCanceledException => "cancelled",
            _ => "error",
        });

        public void Dispose() => _activity?.Dispose();

        private void Record(string? item, string name, string outcome)
        {
            var tags = new TagList { { ItemTag, item ?? "(none)" }, { EventTag, name }, { OutcomeTag, outcome } };
            Commands.Add(1, tags);
            CommandDuration.Record(Stopwatch.GetElapsedTime(_started).TotalSeconds, tags);
            _activity?.SetTag(ItemTag, item);
            _activity?.SetTag(OutcomeTag, outcome);
            if (outcome is "busy" or "error")
            {
                _activity?.SetStatus(ActivityStatusCode.Error);
            }
        }

        private static KeyValuePair<string, object?> Tag(string key, string? value) => new(key, value ?? "(none)");
    }
}
