using System.Net;
using System.Text;
using HongqiFlow.Server.Cases;
using HongqiFlow.Server.Security;
using Microsoft.Extensions.Configuration;

namespace HongqiFlow.Server.Tests;

/// <summary>The verification codes' own secret, the legacy codes derived from the signing key, and the public signing key refused.</summary>
public sealed class VerificationSecretTests(ServerFixture server) : IClassFixture<ServerFixture>, IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "hongqi-secret-" + Guid.NewGuid().ToString("N"));

    private static IConfiguration Config(params (string Key, string? Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();

    private static readonly JwtSettings Signing = new(new string('s', 40), false);

    [Fact]
    public void Load_WithoutASetting_GeneratesAKeyFileOwnerOnly_AndReadsTheSameKeyNextTime()
    {
        var first = VerificationSecret.Load(Config(), _folder, Signing);
        first.Generated.ShouldBeTrue();
        var file = Path.Combine(_folder, VerificationSecret.FileName);
        File.Exists(file).ShouldBeTrue();
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(file).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        var second = VerificationSecret.Load(Config(), _folder, Signing);
        second.Generated.ShouldBeFalse();
        second.Key.ShouldBe(first.Key);
        first.Key.Length.ShouldBeGreaterThanOrEqualTo(32);
    }

    [Fact]
    public void Codes_DoNotDependOnTheSigningKey_AndLegacyCodesNeedTheSetting()
    {
        const string Receipt = "20261126-ABCDEF0123";
        var secret = VerificationSecret.Load(Config(), _folder, Signing);
        var receipts = new Receipts(secret);
        var otherSigning = new Receipts(VerificationSecret.Load(Config(), _folder, new JwtSettings(new string('t', 40), false)));
        otherSigning.VerificationCode(Receipt).ShouldBe(receipts.VerificationCode(Receipt));

        var legacy = Receipts.LegacyCode(Signing.Key, Receipt);
        legacy.ShouldNotBe(receipts.VerificationCode(Receipt));
        receipts.Verify(Receipt, legacy).ShouldBeFalse();

        var accepting = new Receipts(VerificationSecret.Load(Config((VerificationSecret.LegacySetting, "true")), _folder, Signing));
        accepting.Verify(Receipt, legacy).ShouldBeTrue();
        accepting.Verify(Receipt, receipts.VerificationCode(Receipt)).ShouldBeTrue();
        accepting.VerificationCode(Receipt).ShouldBe(receipts.VerificationCode(Receipt));
    }

    [Fact]
    public void Load_RefusesShortKeys_TheSigningKey_AndLegacyCodesOfThePublicKey()
    {
        Should.Throw<InvalidOperationException>(() => VerificationSecret.Load(Config((VerificationSecret.KeySetting, "short")), _folder, Signing))
            .Message.ShouldContain("at least 32 bytes");
        Should.Throw<InvalidOperationException>(() => VerificationSecret.Load(Config((VerificationSecret.KeySetting, Signing.Key)), _folder, Signing))
            .Message.ShouldContain("must differ");
        Should.Throw<InvalidOperationException>(() => VerificationSecret.Load(Config((VerificationSecret.LegacySetting, "true")), _folder, new JwtSettings(JwtSettings.DevelopmentKey, true)))
            .Message.ShouldContain("public development key");
        var configured = VerificationSecret.Load(Config((VerificationSecret.KeySetting, new string('v', 32))), _folder, Signing);
        configured.Key.ShouldBe(Encoding.UTF8.GetBytes(new string('v', 32)));
        File.Exists(Path.Combine(_folder, VerificationSecret.FileName)).ShouldBeFalse();
    }

    [Fact]
    public async Task Server_CodeFromTheDevelopmentKey_OpensNothing()
    {
        var (caseId, code) = await Journey.StartWithCodeAsync(server.As("window"));
        var legacy = Receipts.LegacyCode(JwtSettings.DevelopmentKey, caseId);
        legacy.ShouldNotBe(code);
        (await server.As(null).GetAsync($"/api/progress/{caseId}?code={legacy}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await server.As(null).GetAsync($"/api/progress/{caseId}?code={code}")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public void Server_ConfiguredWithThePublicSigningKey_RefusesToStartOutsideDevelopment()
    {
        string[] args = ["--environment=Production", $"--{JwtSettings.KeySetting}={JwtSettings.DevelopmentKey}", $"--Hongqi:Data={_folder}", $"--Hongqi:Definitions={Repository.Path("definitions")}"];
        Should.Throw<InvalidOperationException>(() => ServerHost.Build(args)).Message.ShouldContain("public development key");
        JwtSettings.From(Config((JwtSettings.KeySetting, JwtSettings.DevelopmentKey))).IsDevelopmentKey.ShouldBeTrue();
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
