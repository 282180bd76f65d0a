using HongqiFlow.Cli.Commands;
using HongqiFlow.Server.Cases;
using HongqiFlow.Server.Search;
using HongqiFlow.Server.Security;

namespace HongqiFlow.Server.Tests;

public sealed class SearchAndSecurityTests
{
    [Theory]
    [InlineData("企业开办", "QYKB")]
    [InlineData("不动产登记", "BDCDJ")]
    [InlineData("公积金贷款", "GJJDK")]
    [InlineData("食品经营许可2", "SPJYXK2")]
    public void PinyinInitials_OfCommonItemNames(string name, string initials) => PinyinInitials.Of(name).ShouldBe(initials);

    [Fact]
    public void PinyinInitials_Matches_NameCodeOrInitials()
    {
        PinyinInitials.Matches("qykb", "企业开办", "QYKB-0001").ShouldBeTrue();
        PinyinInitials.Matches("开办", "企业开办", "QYKB-0001").ShouldBeTrue();
        PinyinInitials.Matches("0001", "企业开办", "QYKB-0001").ShouldBeTrue();
        PinyinInitials.Matches("bdc", "企业开办", "QYKB-0001").ShouldBeFalse();
    }

    [Theory]
    [InlineData("11010519491231002X", true)]
    [InlineData("110105194912310021", false)]
    [InlineData("1101051949123100", false)]
    public void IdNumbers_CheckTheCheckDigit(string id, bool valid) => IdNumbers.IsValid(id).ShouldBe(valid);

    [Fact]
    public void TokenRoles_DepartmentNeedsAnId()
    {
        TokenCommand.Roles(["department"], "tax").ShouldBe(["department:tax"]);
        TokenCommand.Roles(["window,supervisor"], null).ShouldBe(["window", "supervisor"]);
        Should.Throw<ArgumentException>(() => TokenCommand.Roles(["department"], null)).Message.ShouldContain("--department");
    }

    [Fact]
    public void Mint_UnknownRole_IsRefused() =>
        Should.Throw<ArgumentException>(() => TokenIssuer.Mint(new JwtSettings(JwtSettings.DevelopmentKey, true), "u", ["windows"], DateTimeOffset.UnixEpoch, TimeSpan.FromHours(1)))
            .Message.ShouldStartWith("unknown role 'windows'");

    [Fact]
    public void VerificationCode_IsSixDigits_AndDependsOnTheKey()
    {
        var a = new Receipts(new VerificationSecret(System.Text.Encoding.UTF8.GetBytes(new string('a', 32))));
        var b = new Receipts(new VerificationSecret(System.Text.Encoding.UTF8.GetBytes(new string('k', 40))));
        a.VerificationCode("20261126-ABCDEF0123").Length.ShouldBe(6);
        a.Verify("20261126-ABCDEF0123", a.VerificationCode("20261126-ABCDEF0123")).ShouldBeTrue();
        b.Verify("20261126-ABCDEF0123", a.VerificationCode("20261126-ABCDEF0123")).ShouldBe(a.VerificationCode("20261126-ABCDEF0123") == b.VerificationCode("20261126-ABCDEF0123"));
    }

    [Theory]
    [InlineData("serve", "--urls", "notaurl", 1, "serve: --urls: Invalid url: 'notaurl' (write e.g. http://127.0.0.1:5080; several separated by ';')")]
    [InlineData("serve", "--store", "garbage", 1, "serve: --store is not a PostgreSQL connection string: ")]
    [InlineData("serve", "--store", "Host=127.0.0.1;Port=1;Username=nobody;Timeout=2", 1, "serve: cannot use the PostgreSQL store: Failed to connect to 127.0.0.1:1")]
    [InlineData("demo", "--store", "garbage", 1, "demo: --store is not a PostgreSQL connection string: ")]
    [InlineData("demo", "--cases", "-5", 1, "--cases must be 1 or more cases; got -5")]
    [InlineData("audit verify", "--store", "garbage", 2, "audit verify: --store is not a PostgreSQL connection string: ")]
    [InlineData("audit verify", "--store", "Host=127.0.0.1;Port=1;Username=nobody;Timeout=2", 2, "audit verify: cannot use the PostgreSQL store: Failed to connect to 127.0.0.1:1")]
    public async Task Cli_WithAWrongOption_SaysWhichInOneLine(string command, string option, string value, int exitCode, string line)
    {
        var data = Directory.CreateTempSubdirectory("hongqi-cli-").FullName;
        try
        {
            string[] listen = command == "serve" && option != "--urls" ? ["--urls", "http://127.0.0.1:0"] : [];
            string[] where = command == "audit verify" && option == "--store" ? [] : ["--data", data];
            using var process = System.Diagnostics.Process.Start(ServeProcess.Cli(Repository.Root, [.. command.Split(' '), .. where, .. listen, option, value]))!;
            var errors = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEndAsync();
            using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
            {
                await process.WaitForExitAsync(timeout.Token);
            }

            process.ExitCode.ShouldBe(exitCode, await output);
            var text = await errors;
            text.ShouldStartWith(line, Case.Sensitive, text);
            text.ShouldNotContain("   at ", Case.Sensitive, "no stack trace");
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Theory]
    [InlineData("/srv/data", "/srv/data", true)]
    [InlineData("/srv/data/export/2026", "/srv/data", true)]
    [InlineData("/srv/data2", "/srv/data", false)]
    [InlineData("/srv", "/srv/data", false)]
    [InlineData("/etc/cron.d", "/srv/data", false)]
    public void IsWithin_OnlyTheFolderAndBelow(string path, string root, bool within) =>
        Paths.IsWithin(path, root).ShouldBe(within);

    [Fact]
    public void ServeArguments_BecomeConfigurationKeys() =>
        ServeCommand.Arguments("http://127.0.0.1:5080", "d", null, "defs", null, false)
            .ShouldBe(["--urls=http://127.0.0.1:5080", "--Hongqi:Data=d", "--Hongqi:Definitions=defs"]);
}
