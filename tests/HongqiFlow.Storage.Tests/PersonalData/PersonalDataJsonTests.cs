using HongqiFlow.Storage.PersonalData;

namespace HongqiFlow.Storage.Tests.PersonalData;

public sealed class PersonalDataJsonTests
{
    private static readonly byte[] DataKey = Enumerable.Range(1, 16).Select(i => (byte)i).ToArray();

    [Theory]
    [InlineData(FieldCipher.Sm4Gcm, "sm4")]
    [InlineData(FieldCipher.AesGcm, "aes")]
    public void Protect_ThenReveal_GivesBackTheExactText(FieldCipher cipher, string name)
    {
        byte[] key = cipher == FieldCipher.AesGcm ? [.. DataKey, .. DataKey] : DataKey;
        const string json = """{"format":1,"applicant":{"name":"张三","idNumber":"11010519491231002X","phone":"\u002B86 139 1234 5678"},"list":[{"phone":"13912345678"}],"note":"phone"}""";
        var ids = new List<string>();

        var sealedJson = PersonalDataJson.Protect(json, "c-1", key, cipher, ids);

        sealedJson.ShouldNotContain("11010519491231002X");
        sealedJson.ShouldNotContain("13912345678");
        sealedJson.ShouldNotContain("1234 5678");
        sealedJson.ShouldContain("\"name\":\"张三\"");
        sealedJson.ShouldContain("\"note\":\"phone\"");
        sealedJson.ShouldContain($"\"idNumber\":\"pd1:{name}:");
        ids.ShouldBe(["11010519491231002X"]);
        PersonalDataJson.Reveal(sealedJson, "c-1", key).ShouldBe(json);
        PersonalDataJson.Protect(sealedJson, "c-1", key, cipher).ShouldBe(sealedJson);
    }

    [Fact]
    public void Protect_TextWithoutPersonalFields_IsTheSameText()
    {
        const string json = """{"format":1,"type":"accepted","data":{"by":"w-001"}}""";
        PersonalDataJson.Protect(json, "c-1", DataKey, FieldCipher.Sm4Gcm).ShouldBeSameAs(json);
    }

    [Fact]
    public void Reveal_WithAnotherKeyOrCase_IsRefusedNotGarbled()
    {
        var sealedJson = PersonalDataJson.Protect("""{"phone":"13912345678"}""", "c-1", DataKey, FieldCipher.Sm4Gcm);
        var otherKey = DataKey.Select(b => (byte)(b ^ 0x55)).ToArray();

        Should.Throw<PersonalDataKeyException>(() => PersonalDataJson.Reveal(sealedJson, "c-1", otherKey)).Message.ShouldContain("case 'c-1'");
        Should.Throw<PersonalDataKeyException>(() => PersonalDataJson.Reveal(sealedJson, "c-2", DataKey));
        var altered = sealedJson.Replace("pd1:sm4:A", "pd1:sm4:B", StringComparison.Ordinal).Replace("pd1:sm4:a", "pd1:sm4:A", StringComparison.Ordinal);
        if (altered != sealedJson)
        {
            Should.Throw<PersonalDataKeyException>(() => PersonalDataJson.Reveal(altered, "c-1", DataKey));
        }
    }

    [Fact]
    public void Keys_WrapAndUnwrap_ADataKey_AndAWrongMasterKeyIsNamed()
    {
        var keys = new PersonalDataKeys(new Dictionary<string, byte[]> { ["k1"] = DataKey }, "k1", new byte[32]);
        var (dataKey, keyId, wrapped) = keys.NewDataKey("c-1");

        keyId.ShouldBe("k1");
        wrapped.ShouldStartWith("sm4:");
        keys.Unwrap("c-1", "k1", wrapped).ShouldBe(dataKey);
        var wrong = new PersonalDataKeys(new Dictionary<string, byte[]> { ["k1"] = new byte[16] }, "k1", new byte[32]);
        Should.Throw<PersonalDataKeyException>(() => wrong.Unwrap("c-1", "k1", wrapped)).Message.ShouldContain("master key 'k1' does not open");
        Should.Throw<PersonalDataKeyException>(() => keys.Unwrap("c-2", "k1", wrapped));
    }

    [Fact]
    public void IdNumberLookup_IsHmacSm3OfTheNormalisedNumber()
    {
        var keys = new PersonalDataKeys(new Dictionary<string, byte[]> { ["k1"] = DataKey }, "k1", new byte[32]);
        keys.IdNumberLookup(" 11010519491231002x ").ShouldBe(keys.IdNumberLookup("11010519491231002X"));
        keys.IdNumberLookup("11010519491231002X").ShouldBe(Convert.ToHexStringLower(
            HongqiFlow.Storage.Cryptography.Sm3.Hmac(new byte[32], "id-number:11010519491231002X"u8)));
    }
}
