using System.Text.Json;
using HongqiFlow.Server.Logging;
using Microsoft.Extensions.Logging;

namespace HongqiFlow.Server.Tests;

public sealed class LoggingTests
{
    [Theory]
    [InlineData("applicant 11010519491231002X called", "applicant 110105********002X called")]
    [InlineData("phone 13812345678.", "phone 138****5678.")]
    [InlineData("order 123456789012345678901 stays", "order 123456789012345678901 stays")]
    [InlineData("no personal data", "no personal data")]
    public void Redact_MasksIdAndPhoneNumbersOnly(string text, string expected) =>
        PersonalDataRedactor.Redact(text).ShouldBe(expected);

    [Fact]
    public void Format_WritesOneJsonLine_WithMessageAndValuesMasked()
    {
        var formatter = new MaskedJsonConsoleFormatter();
        var line = formatter.Format(LogLevel.Warning, "Cases", "start for 11010519491231002X", [new("Phone", "13812345678"), new("{OriginalFormat}", "start for {Id}")], new InvalidOperationException("id 11010519491231002X"));
        line.ShouldNotContain("11010519491231002X");
        line.ShouldNotContain("13812345678");
        var json = JsonDocument.Parse(line).RootElement;
        json.GetProperty("level").GetString().ShouldBe("Warning");
        json.GetProperty("message").GetString().ShouldBe("start for 110105********002X");
        json.GetProperty("state").GetProperty("Phone").GetString().ShouldBe("138****5678");
        json.GetProperty("state").TryGetProperty("{OriginalFormat}", out _).ShouldBeFalse();
    }
}
