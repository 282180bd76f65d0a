using System.Collections.Concurrent;

namespace HongqiFlow.Server.Cases;

/// <summary>
/// Caps wrong verification codes per receipt number: after <see cref="MaxFailures"/> wrong codes within
/// <see cref="Window"/>, that receipt answers 429 until the window ends, whoever asks and from however many
/// addresses. Guessing a 6-digit code then takes years, so the limit per address can stay generous for offices where
/// many applicants share one address. Failures are counted for any receipt asked for, existing or not, so the 429
/// tells nothing about which receipts exist.
/// </summary>
public sealed class ProgressGuard(TimeProvider time, int maxFailures)
{
    /// <summary>How long wrong codes count against a receipt.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromHours(1);

    private const int MaxTracked = 100_000;
    private readonly ConcurrentDictionary<string, (int Failures, DateTimeOffset Since)> _failures = new(StringComparer.Ordinal);

    public int MaxFailures { get; } = maxFailures;

    /// <summary>When the receipt may be tried again; null when it may be tried now.</summary>
    public DateTimeOffset? LockedUntil(string receipt)
    {
        var now = time.GetUtcNow();
        return _failures.TryGetValue(receipt, out var f) && now - f.Since < Window && f.Failures >= MaxFailures ? f.Since + Window : null;
    }

    public void RecordFailure(string receipt)
    {
        var now = time.GetUtcNow();
        if (_failures.Count >= MaxTracked)
        {
            foreach (var (key, value) in _failures)
            {
                if (now - value.Since >= Window)
                {
                    _failures.TryRemove(key, out _);
                }
            }
        }

        _failures.AddOrUpdate(receipt, (1, now), (_, f) => now - f.Since >= Window ? (1, now) : (f.Failures + 1, f.Since));
    }

    /// <summary>A right code clears the count, so an applicant who mistyped a few times is not held back later.</summary>
    public void RecordSuccess(string receipt) => _failures.TryRemove(receipt, out _);
}
