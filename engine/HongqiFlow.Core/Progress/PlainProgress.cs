using System.Globalization;
using HongqiFlow.Messages;

namespace HongqiFlow.Progress;

/// <summary>
/// Progress for a log or a CI run (no terminal): one line per activity at most every <c>interval</c> (5 s unless
/// given) with the count, the share done and the time left, and a closing line with the time taken — only for an
/// activity that ran long enough to write a line, so quick operations stay quiet. Lines come from the message catalog
/// (<c>progress.*</c>).
/// </summary>
public sealed class PlainProgress : IOperationProgress
{
    private readonly TextWriter _writer;
    private readonly TimeProvider _time;
    private readonly TimeSpan _interval;
    private readonly Language _language;
    private readonly Lock _gate = new();

    public PlainProgress(TextWriter writer, TimeProvider? time = null, TimeSpan? interval = null, Language language = Language.English)
    {
        ArgumentNullException.ThrowIfNull(writer);
        _writer = writer;
        _time = time ?? TimeProvider.System;
        _interval = interval ?? TimeSpan.FromSeconds(5);
        _language = language;
    }

    public IProgressCounter Start(string activity, long total, string unit)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(activity);
        return new Counter(this, activity, Math.Max(0, total), unit ?? string.Empty, _time.GetTimestamp());
    }

    /// <summary>A duration as people read it in a log: <c>&lt;1 s</c>, <c>42 s</c>, <c>3 min 05 s</c>, <c>2 h 07 min</c>.</summary>
    public static string Duration(TimeSpan span)
    {
        if (span < TimeSpan.FromSeconds(1))
        {
            return "<1 s";
        }

        var seconds = (long)Math.Round(span.TotalSeconds);
        return seconds switch
        {
            < 60 => string.Create(CultureInfo.InvariantCulture, $"{seconds} s"),
            < 3600 => string.Create(CultureInfo.InvariantCulture, $"{seconds / 60} min {seconds % 60:00} s"),
            _ => string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600} h {seconds / 60 % 60:00} min"),
        };
    }

    private void Write(Message message)
    {
        lock (_gate)
        {
            _writer.WriteLine(message.Text(_language == Language.Chinese));
            _writer.Flush();
        }
    }

    private sealed class Counter(PlainProgress owner, string activity, long total, string unit, long started) : IProgressCounter
    {
        private readonly Lock _gate = new();
        private long _done;
        private long _total = total;
        private readonly long _started = started;
        private long _lastLine = started;
        private bool _wrote;
        private bool _finished;

        public void Advance(long count = 1)
        {
            Message? line = null;
            lock (_gate)
            {
                _done += count;
                var now = owner._time.GetTimestamp();
                // All done: the closing line says so.
                var complete = _total > 0 && _done >= _total;
                if (!_finished && !complete && owner._time.GetElapsedTime(_lastLine, now) >= owner._interval)
                {
                    _lastLine = now;
                    _wrote = true;
                    line = Line(owner._time.GetElapsedTime(_started, now));
                }
            }

            if (line is not null)
            {
                owner.Write(line);
            }
        }

        public void SetTotal(long total)
        {
            lock (_gate)
            {
                _total = Math.Max(0, total);
            }
        }

        public void Dispose()
        {
            Message? line = null;
            lock (_gate)
            {
                if (_finished)
                {
                    return;
                }

                _finished = true;
                if (_wrote)
                {
                    line = Message.Of("progress.done", ("activity", activity), ("done", Count(_done)), ("unit", unit),
                        ("elapsed", Duration(owner._time.GetElapsedTime(_started))));
                }
            }

            if (line is not null)
            {
                owner.Write(line);
            }
        }

        private Message Line(TimeSpan elapsed)
        {
            if (_total <= 0 || _done <= 0)
            {
                return Message.Of("progress.counting", ("activity", activity), ("done", Count(_done)), ("unit", unit), ("elapsed", Duration(elapsed)));
            }

            var done = Math.Min(_done, _total);
            var left = TimeSpan.FromTicks((long)(elapsed.Ticks * (double)(_total - done) / done));
            return Message.Of("progress.line", ("activity", activity), ("done", Count(done)), ("total", Count(_total)), ("unit", unit),
                ("percent", (int)(100 * done / _total)), ("left", Duration(left)));
        }

        private static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
    }
}
