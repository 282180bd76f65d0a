using System.Net;
using HongqiFlow.Server.Security;
using HongqiFlow.Server.Supervision;
using HongqiFlow.Storage.PersonalData;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace HongqiFlow.Server.Tests;

/// <summary>The window's search (receipt, name, full ID number by keyed hash, shown masked) and where the personal-data keys come from.</summary>
public sealed class CaseSearchTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private const string IdNumber = "110101199003071233";
    private const string MaskedId = "110101********1233";

    private async Task<string> StartAsync(string name, string? idNumber, string phone)
    {
        var response = await server.As("window").PostJson("/api/cases",
            new { item = "QYKB-0001", applicant = new { name, idNumber, phone }, submitted = Journey.CompleteMaterials, channel = "window" });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Json()).GetProperty("caseId").GetString()!;
    }

    private async Task<(string MatchedBy, List<string> Cases, string Text)> SearchAsync(string q, string role = "window")
    {
        var response = await server.As(role).GetAsync("/api/cases/search?q=" + Uri.EscapeDataString(q));
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        var json = await response.Json();
        return (json.GetProperty("matchedBy").GetString()!, [.. json.GetProperty("cases").EnumerateArray().Select(c => c.GetProperty("caseId").GetString()!)], text);
    }

    [Fact]
    public async Task Search_ByReceiptNameOrFullIdNumber_FindsTheCase_WithTheIdNumberMasked()
    {
        var first = await StartAsync("欧阳明月", IdNumber, "13912345678");
        var second = await StartAsync("欧阳明日", null, "13900001111");

        var byId = await SearchAsync(IdNumber.ToLowerInvariant());
        byId.MatchedBy.ShouldBe("idNumber");
        byId.Cases.ShouldBe([first]);
        byId.Text.ShouldContain(MaskedId);
        byId.Text.ShouldNotContain(IdNumber);
        byId.Text.ShouldNotContain("13912345678");

        var byReceipt = await SearchAsync(second);
        byReceipt.MatchedBy.ShouldBe("receipt");
        byReceipt.Cases.ShouldBe([second]);

        var byName = await SearchAsync("欧阳明");
        byName.MatchedBy.ShouldBe("name");
        byName.Cases.ShouldBe([second, first], ignoreOrder: true);
        byName.Text.ShouldContain("欧阳明月");

        // The ID is matched in full only: a part of it finds nothing (it is no receipt and no name).
        (await SearchAsync(IdNumber[..14])).Cases.ShouldBeEmpty();
        (await SearchAsync("110101199003071234")).Cases.ShouldBeEmpty();
    }

    [Fact]
    public async Task SearchByName_FindsNamePartsInTheStoreIndex_AndReadsNoOtherCase()
    {
        var first = await StartAsync("司马相如", null, "13912345678");
        var second = await StartAsync("司马光", null, "13900001111");
        var records = server.Services.GetRequiredService<CaseRecords>();
        var before = records.Statistics;

        var bySurname = await SearchAsync("司马");
        bySurname.MatchedBy.ShouldBe("name");
        bySurname.Cases.ShouldBe([second, first], ignoreOrder: true);
        (await SearchAsync("相如")).Cases.ShouldBe([first]);
        (await SearchAsync("司马相如")).Cases.ShouldBe([first]);
        (await SearchAsync("司马如")).Cases.ShouldBeEmpty();

        // The search reads the cases it shows by their snapshots, never the case records of every case.
        records.Statistics.ShouldBe(before);
    }

    [Fact]
    public async Task Search_WithoutAQueryOrOutsideTheWindow_IsRefused()
    {
        var empty = await server.As("window").GetAsync("/api/cases/search?q=%20");
        empty.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await empty.Content.ReadAsStringAsync()).ShouldContain("\"q\"");
        (await server.As("window").GetAsync("/api/cases/search?q=" + new string('张', 65))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await server.As("department:tax").GetAsync("/api/cases/search?q=" + IdNumber)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await server.As("supervisor").GetAsync("/api/cases/search?q=" + IdNumber)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public void Keys_FromAKeyFileOrSettings_DevelopmentDefaultOnlyInDevelopment()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, $$$"""{"cipher":"aes","currentKey":"2026","lookupKey":"{{{Convert.ToBase64String(new byte[32])}}}","keys":{"2025":"{{{Convert.ToBase64String(new byte[16])}}}","2026":"{{{Convert.ToBase64String(new byte[32])}}}"}}""");
            var fromFile = PersonalDataSettings.Load(Settings((PersonalDataSettings.KeyFileSetting, file)), isDevelopment: false);
            fromFile.CurrentKeyId.ShouldBe("2026");
            fromFile.Cipher.ShouldBe(FieldCipher.AesGcm);
            fromFile.KeyIds.ShouldBe(["2025", "2026"], ignoreOrder: true);

            // A setting given directly wins over the file's.
            PersonalDataSettings.Load(Settings((PersonalDataSettings.KeyFileSetting, file), (PersonalDataSettings.CurrentKeySetting, "2025"), (PersonalDataSettings.CipherSetting, "SM4")), false)
                .CurrentKeyId.ShouldBe("2025");
        }
        finally
        {
            File.Delete(file);
        }

        PersonalDataSettings.Load(Settings(), isDevelopment: true).IsDevelopment.ShouldBeTrue();
        Should.Throw<InvalidOperationException>(() => PersonalDataSettings.Load(Settings(), isDevelopment: false)).Message.ShouldContain(PersonalDataSettings.KeyFileSetting);
        Should.Throw<InvalidOperationException>(() => PersonalDataSettings.Load(Settings((PersonalDataSettings.KeysSection + ":a", "AAAA")), false)).Message.ShouldContain(PersonalDataSettings.LookupKeySetting);
        Should.Throw<InvalidOperationException>(() => PersonalDataSettings.Load(Settings((PersonalDataSettings.KeyFileSetting, "/nonexistent/keys.json")), false)).Message.ShouldContain("/nonexistent/keys.json");
        Should.Throw<InvalidOperationException>(() => PersonalDataSettings.Load(Settings((PersonalDataSettings.KeysSection + ":a", "not base64!"), (PersonalDataSettings.LookupKeySetting, "AAAA")), false)).Message.ShouldContain("Hongqi:PersonalData:Keys:a");
    }

    [Fact]
    public async Task Serve_OutsideDevelopmentWithoutKeys_RefusesToStartNamingTheSetting()
    {
        var data = Directory.CreateTempSubdirectory("hongqi-nokeys-").FullName;
        try
        {
            var start = ServeProcess.Cli(Repository.Root, "serve", "--urls", "http://127.0.0.1:0", "--data", data);
            foreach (var name in ServeProcess.PersonalDataKeys.Keys)
            {
                start.Environment.Remove(name);
            }

            start.Environment.Remove("ASPNETCORE_ENVIRONMENT");
            start.Environment.Remove("DOTNET_ENVIRONMENT");
            using var process = System.Diagnostics.Process.Start(start)!;
            var errors = process.StandardError.ReadToEndAsync();
            _ = process.StandardOutput.ReadToEndAsync();
            using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
            {
                await process.WaitForExitAsync(timeout.Token);
            }

            process.ExitCode.ShouldBe(1);
            (await errors).ShouldContain("serve: No keys for personal data are configured: set Hongqi:PersonalData:KeyFile");
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private static IConfiguration Settings(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();
}
