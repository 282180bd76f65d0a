using System.Net;

namespace HongqiFlow.Server.Tests;

public sealed class RateLimitedServer : IDisposable
{
    public ServerFixture Server { get; } = new() { ProgressPermitsPerMinute = 3 };

    public void Dispose() => Server.Dispose();
}

public sealed class RateLimitTests(RateLimitedServer limited) : IClassFixture<RateLimitedServer>
{
    [Fact]
    public async Task Progress_BeyondThePermitsOfAMinute_Answers429()
    {
        var anonymous = limited.Server.As(null);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await anonymous.GetAsync("/api/progress/20260101-0000000000?code=123456")).StatusCode);
        }

        statuses.ShouldBe([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests]);
    }
}
