using System.Text;
using HongqiFlow.Storage.Cryptography;
using Shouldly;
using Xunit;

namespace HongqiFlow.Storage.Tests.Cryptography;

public sealed class Sm3Tests
{
    // The two examples of GB/T 32905-2016, appendix A.
    [Theory]
    [InlineData("abc", "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0")]
    [InlineData("abcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcd", "debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732")]
    public void Hash_matches_the_standard_examples(string message, string expected)
    {
        Sm3.HashHex(message).ShouldBe(expected);
        using var stream = new MemoryStream(Encoding.ASCII.GetBytes(message));
        Convert.ToHexStringLower(Sm3.Hash(stream)).ShouldBe(expected);
    }

    [Fact]
    public void Hmac_is_the_RFC_2104_construction_over_SM3()
    {
        var key = Encoding.ASCII.GetBytes("hongqi-lookup-key");
        var data = Encoding.UTF8.GetBytes("110101199003077777");
        var padded = new byte[64];
        key.CopyTo(padded, 0);
        var inner = Sm3.Hash([.. padded.Select(b => (byte)(b ^ 0x36)), .. data]);
        var expected = Sm3.Hash([.. padded.Select(b => (byte)(b ^ 0x5c)), .. inner]);

        Sm3.Hmac(key, data).ShouldBe(expected);
        Sm3.Hmac(Encoding.ASCII.GetBytes("another-key"), data).ShouldNotBe(expected);
    }
}
