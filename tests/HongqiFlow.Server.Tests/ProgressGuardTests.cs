using System.Globalization;
using System.Net;
using HongqiFlow.Server.Cases;

namespace HongqiFlow.Server.Tests;

/// <summary>Wrong verification codes are capped per receipt, whatever address they come from.</summary>
public sealed class ProgressGuardTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public void Guard_TenWrongCodes_LockTheReceiptForTheRestOfTheHour_AndOnlyIt()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero));
        var guard = new ProgressGuard(clock, 10);
        for (var i = 0; i < 9; i++)
        {
            guard.RecordFailure("r-1");
            clock.Now += TimeSpan.FromMinutes(1);
        }

        guard.LockedUntil("r-1").ShouldBeNull();
        guard.RecordFailure("r-1");
        guard.LockedUntil("r-1").ShouldBe(new DateTimeOffset(2026, 11, 26, 10, 0, 0, TimeSpan.Zero));
        guard.LockedUntil("r-2").ShouldBeNull();

        clock.Now = new DateTimeOffset(2026, 11, 26, 10, 0, 0, TimeSpan.Zero);
        guard.LockedUntil("r-1").ShouldBeNull();
        guard.RecordFailure("r-1");
        guard.LockedUntil("r-1").ShouldBeNull("a new hour counts from its first wrong code");
    }

    [Fact]
    public void Guard_RightCode_ClearsTheCount()
    {
        var clock = new ManualClock(DateTimeOffset.UnixEpoch);
        var guard = new ProgressGuard(clock, 3);
        guard.RecordFailure("r-1");
        guard.RecordFailure("r-1");
        guard.RecordSuccess("r-1");
        guard.RecordFailure("r-1");
        guard.RecordFailure("r-1");

        guard.LockedUntil("r-1").ShouldBeNull();
    }

    [Fact]
    public async Task Progress_TenWrongCodes_Answer429EvenForTheRightCode_WithoutTouchingOtherReceipts()
    {
        var window = server.As("window");
        var locked = await Journey.StartWithCodeAsync(window);
        var other = await Journey.StartWithCodeAsync(window);
        var anonymous = server.As(null);

        for (var i = 0; i < 10; i++)
        {
            var wrong = ((int.Parse(locked.Code, CultureInfo.InvariantCulture) + 1 + i) % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
            (await anonymous.GetAsync($"/api/progress/{locked.CaseId}?code={wrong}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }

        var refused = await anonymous.GetAsync($"/api/progress/{locked.CaseId}?code={locked.Code}");
        refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        (await refused.Json()).GetProperty("detail").GetString()!.ShouldContain("10 wrong verification codes");
        (await anonymous.PostJson($"/api/progress/{locked.CaseId}/rating", new { code = locked.Code, level = 5 })).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        (await anonymous.GetAsync($"/api/progress/{other.CaseId}?code={other.Code}")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // A receipt that does not exist is capped the same way, so a 429 says nothing about which receipts exist.
        for (var i = 0; i < 10; i++)
        {
            await anonymous.GetAsync("/api/progress/20990101-0000000000?code=123456");
        }

        (await anonymous.GetAsync("/api/progress/20990101-0000000000?code=123456")).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
    }

    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
