using System.Net;

namespace HongqiFlow.Server.Tests;

/// <summary>
/// 电子证照 through the API: the window enters an e-certificate for 居住证办理 (JZZ-0801, whose proof of residence
/// accepts 不动产权证书), the case and the receipt show it, and malformed or unaccepted references are refused.
/// </summary>
public sealed class CertificateApiTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    public const string PropertyType = "11100000000013338W009";

    public const string Identifier = "1.2.156.3005.2.11100000000013338W009.111101050000000004.BJ2024000123.001.C";

    private static object Certificate(string type = PropertyType, string identifier = Identifier, string trust = "library", string material = "residence-proof") =>
        new { material, type, name = "不动产权证书", identifier, issuer = "北京市东城区不动产登记中心", trust };

    internal static async Task<string> StartResidencePermitAsync(HttpClient window, string[] submitted) =>
        (await StartResidencePermitWithCodeAsync(window, submitted)).CaseId;

    /// <summary>As <see cref="StartResidencePermitAsync"/>, with the applicant's verification code (the applicant rates with it).</summary>
    internal static async Task<(string CaseId, string Code)> StartResidencePermitWithCodeAsync(HttpClient window, string[] submitted)
    {
        var response = await window.PostJson("/api/cases", new { item = "JZZ-0801", applicant = new { name = "曹二", idNumber = "11010519491231002X" }, submitted });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var start = await response.Json();
        return (start.GetProperty("caseId").GetString()!, start.GetProperty("verificationCode").GetString()!);
    }

    /// <summary>The applicant's rating through the progress page's API (the only way a case is rated).</summary>
    internal static Task<HttpResponseMessage> RateAsync(HttpClient anonymous, string caseId, string code, int level, string? category = null, string? comment = null, string? channel = null) =>
        anonymous.PostJson($"/api/progress/{caseId}/rating", new { code, level, category, comment, channel });

    [Fact]
    public async Task EnterCertificate_AcceptedType_SatisfiesTheMaterial_AndShowsInTheCaseAndOnTheReceipt()
    {
        var window = server.As("window");
        var caseId = await StartResidencePermitAsync(window, ["application", "employment-proof"]);

        var response = await window.PostJson($"/api/cases/{caseId}/certificates", Certificate());

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var materials = (await response.Json()).GetProperty("case").GetProperty("materials");
        materials.GetProperty("missing").GetArrayLength().ShouldBe(0);
        var certificate = materials.GetProperty("certificates").EnumerateArray().Single();
        certificate.GetProperty("material").GetString().ShouldBe("residence-proof");
        certificate.GetProperty("identifier").GetString().ShouldBe(Identifier);
        certificate.GetProperty("issuerCode").GetString().ShouldBe("111101050000000004");
        certificate.GetProperty("trust").GetString().ShouldBe("library");
        var history = await (await window.GetAsync($"/api/cases/{caseId}/history")).Json();
        history.EnumerateArray().Select(e => e.GetProperty("type").GetString()).ShouldContain("certificate");

        (await window.PostJson($"/api/cases/{caseId}/events", new { @event = "accept" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var receipt = await (await window.GetAsync($"/api/cases/{caseId}/documents/receipt")).Content.ReadAsStringAsync();
        receipt.ShouldContain("以下材料以电子证照代替纸质材料");
        receipt.ShouldContain($"data-certificate=\"{Identifier}\"");
        receipt.ShouldContain("北京市东城区不动产登记中心");
        receipt.ShouldContain("证照库核验");
    }

    [Fact]
    public async Task EnterCertificate_TypeTheMaterialDoesNotAccept_Is409WithHQ6075()
    {
        var window = server.As("window");
        var caseId = await StartResidencePermitAsync(window, ["application", "employment-proof"]);
        var idCard = "1.2.156.3005.2.11100000000013127D001.111101050000000004.T1.001." + HongqiFlow.Runtime.CertificateIdentifier.CheckCharacter("11100000000013127D001111101050000000004T1001");

        var response = await window.PostJson($"/api/cases/{caseId}/certificates", Certificate(type: "11100000000013127D001", identifier: idCard));

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var problem = await response.Json();
        problem.GetProperty("code").GetString().ShouldBe("HQ6075");
        problem.GetProperty("reason").GetString()!.ShouldContain("11100000000013338W009");
    }

    [Fact]
    public async Task EnterCertificate_MalformedFields_Are400NamingEachField()
    {
        var window = server.As("window");
        var caseId = await StartResidencePermitAsync(window, ["application"]);

        var response = await window.PostJson($"/api/cases/{caseId}/certificates", new
        {
            material = "residence-proof", type = "11100000000013338X009", identifier = Identifier[..^1] + "D", trust = "trusted",
        });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await response.Json()).GetProperty("errors");
        errors.EnumerateObject().Select(p => p.Name).Order().ShouldBe(["identifier", "issuer", "trust", "type"]);
        errors.GetProperty("identifier")[0].GetString().ShouldBe($"E-certificate identifier '{Identifier[..^1]}D' has a wrong check character.");
    }

    [Fact]
    public async Task EnterCertificate_ByADepartment_IsForbidden()
    {
        var caseId = await StartResidencePermitAsync(server.As("window"), ["application"]);

        var response = await server.As("department:public-security").PostJson($"/api/cases/{caseId}/certificates", Certificate());

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}

/// <summary>
/// The rating rules of GB/T 39734-2020 through the API on 居住证办理 (JZZ-0801: 一事一评, categories, verification
/// required): a bad rating is verified, rectified and followed up; the export lists it; the indicators follow.
/// </summary>
public sealed class RatingRulesApiTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private async Task<(string CaseId, string Code)> IssuedAsync()
    {
        var window = server.As("window");
        var (caseId, code) = await CertificateApiTests.StartResidencePermitWithCodeAsync(window, ["application", "residence-proof", "employment-proof"]);
        var police = server.As("department:public-security");
        foreach (var (client, @event) in new[] { (window, "accept"), (police, "approve"), (police, "produced"), (window, "collect") })
        {
            var response = await client.PostJson($"/api/cases/{caseId}/events", new { @event });
            response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        }

        return (caseId, code);
    }

    [Fact]
    public async Task BadRating_IsVerifiedRectifiedAndFollowedUp_ThenExportedAndCounted()
    {
        var window = server.As("window");
        var supervisor = server.As("supervisor");
        var (bad, badCode) = await IssuedAsync();
        var (good, goodCode) = await IssuedAsync();
        var applicant = server.As(null);

        // The progress page offers the item's bad-rating categories, so the applicant can name one.
        var offered = (await (await applicant.GetAsync($"/api/progress/{bad}?code={badCode}")).Json()).GetProperty("ratingCategories");
        offered.EnumerateArray().Select(c => c.GetProperty("id").GetString()).ShouldContain("efficiency");
        var uncategorised = await CertificateApiTests.RateAsync(applicant, bad, badCode, 1);
        uncategorised.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await uncategorised.Json()).GetProperty("code").GetString().ShouldBe("HQ6053");
        (await CertificateApiTests.RateAsync(applicant, bad, badCode, 1, "efficiency", "等了很久", "hotline"))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        (await CertificateApiTests.RateAsync(applicant, good, goodCode, 3)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var ticket = (await (await supervisor.GetAsync("/api/tickets")).Json()).EnumerateArray().Single(t => t.GetProperty("caseId").GetString() == bad);
        ticket.GetProperty("category").GetString().ShouldBe("efficiency");
        ticket.GetProperty("channel").GetString().ShouldBe("hotline");
        ticket.GetProperty("verificationRequired").GetBoolean().ShouldBeTrue();
        ticket.TryGetProperty("verification", out _).ShouldBeFalse();

        var early = await supervisor.PostJson($"/api/tickets/{bad}/rectify", new { note = "增加制证班次" });
        early.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await early.Json()).GetProperty("code").GetString().ShouldBe("HQ6054");
        (await supervisor.PostJson($"/api/tickets/{bad}/verify", new { result = "maybe", note = "x" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await supervisor.PostJson($"/api/tickets/{bad}/verify", new { result = "confirmed", note = "制证排队确实较长" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await supervisor.PostJson($"/api/tickets/{bad}/rectify", new { note = "增加制证班次" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await supervisor.PostJson($"/api/tickets/{bad}/feedback", new { note = "已回访", method = "pigeon" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await supervisor.PostJson($"/api/tickets/{bad}/feedback", new { note = "电话回访，申请人认可", method = "phone", satisfied = true })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var export = await supervisor.GetAsync("/api/ratings/export");
        export.StatusCode.ShouldBe(HttpStatusCode.OK);
        export.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var lines = (await export.Content.ReadAsStringAsync()).TrimEnd('\n').Split('\n');
        lines[0].ShouldBe("receipt,item,itemName,lead,stage,level,levelName,good,channel,category,categoryName,comment,ratedAt,defaulted,verification,verifiedAt,rectifyDue,rectifiedAt,rectification,feedbackAt,feedbackMethod,feedbackSatisfied,feedback,status");
        var row = lines.Skip(1).Select(l => l.Split(',')).Single(c => c[0] == bad);
        row[1..12].ShouldBe(["JZZ-0801", "居住证办理", "public-security", "finished", "1", "非常不满意", "false", "hotline", "efficiency", "办事效率", "等了很久"]);
        row[14].ShouldBe("confirmed");
        row[18].ShouldBe("增加制证班次");
        row[20..].ShouldBe(["phone", "true", "电话回访，申请人认可", "closed"]);
        lines.Skip(1).Select(l => l.Split(',')).Single(c => c[0] == good)[7].ShouldBe("true");

        var overall = (await (await supervisor.GetAsync("/api/metrics")).Json()).GetProperty("overall");
        overall.GetProperty("ratings").GetInt32().ShouldBe(2);
        overall.GetProperty("goodRatingRate").GetDouble().ShouldBe(0.5, "基本满意 is a good rating (GB/T 39734-2020)");
        overall.GetProperty("badRatings").GetInt32().ShouldBe(1);
        overall.GetProperty("rectificationRate").GetDouble().ShouldBe(1);
        overall.GetProperty("feedbackRate").GetDouble().ShouldBe(1);
    }

    [Fact]
    public async Task UnfoundedBadRating_IsLeftOutOfTheRectificationRate_ButNotOutOfTheFollowUpRate()
    {
        using var fresh = new ServerFixture();
        var window = fresh.As("window");
        var supervisor = fresh.As("supervisor");
        var police = fresh.As("department:public-security");
        var (caseId, code) = await CertificateApiTests.StartResidencePermitWithCodeAsync(window, ["application", "residence-proof", "employment-proof"]);
        foreach (var (client, @event) in new[] { (window, "accept"), (police, "approve"), (police, "produced"), (window, "collect") })
        {
            (await client.PostJson($"/api/cases/{caseId}/events", new { @event })).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        (await CertificateApiTests.RateAsync(fresh.As(null), caseId, code, 2, "other")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await supervisor.PostJson($"/api/tickets/{caseId}/verify", new { result = "unfounded", note = "与本事项无关" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var rectify = await supervisor.PostJson($"/api/tickets/{caseId}/rectify", new { note = "x" });
        var metricsBefore = (await (await supervisor.GetAsync("/api/metrics")).Json()).GetProperty("overall");
        (await supervisor.PostJson($"/api/tickets/{caseId}/feedback", new { note = "已向申请人说明", method = "sms" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var overall = (await (await supervisor.GetAsync("/api/metrics")).Json()).GetProperty("overall");

        rectify.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await rectify.Json()).GetProperty("code").GetString().ShouldBe("HQ6051");
        metricsBefore.GetProperty("feedbackRate").GetDouble().ShouldBe(0);
        overall.TryGetProperty("rectificationRate", out _).ShouldBeFalse("no founded bad rating owes a rectification");
        overall.GetProperty("feedbackRate").GetDouble().ShouldBe(1);
        (await (await supervisor.GetAsync("/api/tickets?open=true")).Json()).GetArrayLength().ShouldBe(0);
    }
}
