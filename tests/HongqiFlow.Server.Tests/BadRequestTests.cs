using System.Net;
using System.Text;
using System.Text.Json;

namespace HongqiFlow.Server.Tests;

/// <summary>
/// Requests the framework cannot bind are told where and why, in the API's field-error shape, and write nothing:
/// broken JSON, a value of the wrong type (top level, nested, in a list), a query value that is not a number or a
/// date, another method than the path takes (405), a body that is not JSON (415).
/// </summary>
public sealed class BadRequestTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Theory]
    [InlineData("{", "$", "line 1")]
    [InlineData("<xml/>", "$", "line 1, column 1")]
    [InlineData("[]", "$", "expected an object")]
    [InlineData("""{"item": 5}""", "item", "expected a string (line 1, column 11)")]
    [InlineData("""{"item": "QYKB-0001", "applicant": {"name": 5}}""", "applicant.name", "expected a string")]
    [InlineData("""{"item": "QYKB-0001", "applicant": {"name": "甲"}, "submitted": [1]}""", "submitted[0]", "expected a string")]
    [InlineData("""{"item": "QYKB-0001", "applicant": {"name": "甲"}, "submitted": "application"}""", "submitted", "expected a list")]
    [InlineData("""{"item": "QYKB-0001", "applicant": {"name": "甲"}, "assisted": "yes"}""", "assisted", "expected true or false")]
    public async Task StartCase_WithABodyThatDoesNotBind_Answers400NamingTheField(string body, string field, string reason)
    {
        var window = server.As("window");
        var before = await CaseCountAsync(window);

        var response = await window.PostAsync("/api/cases", new StringContent(body, Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await response.Json();
        problem.GetProperty("title").GetString().ShouldBe("invalid request");
        problem.GetProperty("detail").GetString().ShouldBe("the request body is not the JSON this request takes");
        var errors = problem.GetProperty("errors");
        errors.TryGetProperty(field, out var messages).ShouldBeTrue(problem.GetRawText());
        messages[0].GetString()!.ShouldContain(reason);
        (await CaseCountAsync(window)).ShouldBe(before, "nothing was written");
    }

    [Theory]
    [InlineData("/api/cases?limit=abc", "window", "limit", "'abc' is not a whole number")]
    [InlineData("/api/metrics?from=yesterday", "supervisor", "from", "'yesterday' is not a date and time (ISO 8601")]
    public async Task Query_ValueOfTheWrongType_Answers400NamingTheParameter(string url, string role, string parameter, string reason)
    {
        var response = await server.As(role).GetAsync(url);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await response.Json();
        problem.GetProperty("detail").GetString().ShouldBe($"the value of '{parameter}' cannot be read");
        problem.GetProperty("errors").GetProperty(parameter)[0].GetString()!.ShouldStartWith(reason);
    }

    [Fact]
    public async Task KnownPath_OtherMethod_Answers405WithTheMethodsItTakes()
    {
        var response = await server.As("window").DeleteAsync("/api/cases");

        response.StatusCode.ShouldBe(HttpStatusCode.MethodNotAllowed);
        response.Content.Headers.Allow.Order().ShouldBe(["GET", "POST"]);
        (await response.Json()).GetProperty("detail").GetString().ShouldBe("DELETE is not taken here; /api/cases takes GET, POST");
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData(null)]
    public async Task KnownPath_BodyThatIsNotJson_Answers415(string? contentType)
    {
        var window = server.As("window");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/cases") { Content = new ByteArrayContent("item=QYKB-0001"u8.ToArray()) };
        if (contentType is not null)
        {
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        }

        var response = await window.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
        (await response.Json()).GetProperty("detail").GetString().ShouldBe(
            $"POST /api/cases takes a body of type application/json; the request had {(contentType is null ? "no Content-Type" : $"'{contentType}'")}");
    }

    [Fact]
    public async Task UnknownPath_StillAnswers404()
    {
        var response = await server.As("window").PostAsync("/api/no-such-thing", new StringContent("{}", Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.Json()).GetProperty("detail").GetString().ShouldBe("no API endpoint /api/no-such-thing; see /api-docs");
    }

    private static async Task<int> CaseCountAsync(HttpClient client) =>
        (await (await client.GetAsync("/api/cases?limit=1000")).Json()).GetProperty("cases").GetArrayLength();
}

/// <summary>Free text on a case request is bounded and phone numbers look like phone numbers; refused with the field named, nothing written.</summary>
public sealed class FieldLimitTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    public static TheoryData<string, object, string> Refused() => new()
    {
        { "applicant.name", new { item = "QYKB-0001", applicant = new { name = new string('甲', 201) } }, "at most 200 characters; this one has 201" },
        { "applicant.phone", new { item = "QYKB-0001", applicant = new { name = "甲", phone = "call me" } }, "not a phone number" },
        { "submitted[1]", new { item = "QYKB-0001", applicant = new { name = "甲" }, submitted = new[] { "application", " " } }, "empty: name a material code" },
        { "submitted", new { item = "QYKB-0001", applicant = new { name = "甲" }, submitted = Enumerable.Repeat("application", 201).ToArray() }, "at most 200 entries" },
        { "Idempotency-Key", new { item = "QYKB-0001", applicant = new { name = "甲" }, idempotencyKey = new string('k', 201) }, "at most 200 characters" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task StartCase_BeyondTheLimits_Answers400NamingTheField(string field, object body, string reason)
    {
        var window = server.As("window");
        var before = (await (await window.GetAsync("/api/cases?limit=1000")).Json()).GetProperty("cases").GetArrayLength();

        var response = await window.PostJson("/api/cases", body);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await response.Json()).GetProperty("errors");
        errors.GetProperty(field)[0].GetString()!.ShouldStartWith(reason);
        (await (await window.GetAsync("/api/cases?limit=1000")).Json()).GetProperty("cases").GetArrayLength().ShouldBe(before);
    }

    [Theory]
    [InlineData("13812345678")]
    [InlineData("+86 138 1234 5678")]
    [InlineData("010-12345678")]
    [InlineData("")]
    public async Task StartCase_PhoneAsPeopleWriteIt_IsTaken(string phone)
    {
        var response = await server.As("window").PostJson("/api/cases", new { item = "QYKB-0001", applicant = new { name = "甲", phone } });

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task SendEvent_OverlongEventName_Answers400()
    {
        var window = server.As("window");
        var id = await Journey.StartAsync(window);

        var response = await window.PostJson($"/api/cases/{id}/events", new { @event = new string('a', 101) });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Json()).GetProperty("errors").GetProperty("event")[0].GetString().ShouldBe("at most 100 characters; this one has 101");
    }
}
