using HongqiFlow.Definitions.Model;
using HongqiFlow.Runtime;
using HongqiFlow.Tests.Runtime.Support;
using static HongqiFlow.Tests.Runtime.Support.CaseDriver;

namespace HongqiFlow.Tests.Runtime;

public sealed class CertificateTests
{
    /// <summary>不动产权证书 (a type defined by 自然资源部, 11100000000013338W) with a valid check character.</summary>
    public const string PropertyType = "11100000000013338W009";

    public const string Identifier = "1.2.156.3005.2.11100000000013338W009.111101050000000004.BJ2024000123.001.C";

    /// <summary>The enterprise item whose premises proof may be an e-certificate of <see cref="PropertyType"/>, and its legal representative's ID card a shared one.</summary>
    private static CompiledDefinition WithCertificates()
    {
        var d = TestDefinitions.Enterprise();
        var materials = d.Materials.Select(m => m.Id switch
        {
            "premises" => m with { Certificates = new[] { PropertyType } },
            "legal-rep-id" => m with { Certificates = new[] { "11100000000013127D001" } },
            _ => m,
        });
        return TestDefinitions.Compile(d with { Materials = new(materials) });
    }

    private static ValueMap Reference(string type = PropertyType, string identifier = Identifier, string trust = CertificateTrust.Library, string material = "premises") =>
        Payload(("material", material), ("type", type), ("name", "不动产权证书"), ("identifier", identifier), ("issuer", "北京市东城区不动产登记中心"), ("trust", trust));

    [Theory]
    [InlineData("91350100M000100Y43", true)] // GB 32100-2015's own example
    [InlineData("91350100M000100Y42", false)]
    [InlineData("11100000000013338W", true)]
    [InlineData("9135010OM000100Y43", false)] // O is not in the code's alphabet
    public void IsCreditCode_ChecksTheGB32100CheckCharacter(string code, bool valid)
    {
        CertificateIdentifier.IsCreditCode(code).ShouldBe(valid);
    }

    [Fact]
    public void CheckCharacter_MatchesTheIso7064Mod3736Example()
    {
        // ISO/IEC 7064 MOD 37,36 as used by the Global Release Identifier: A1-2425G-ABC1234002-M.
        CertificateIdentifier.CheckCharacter("A12425GABC1234002").ShouldBe('M');
    }

    [Fact]
    public void TryParse_WellFormedIdentifier_GivesItsParts()
    {
        CertificateIdentifier.TryParse(Identifier, out var id, out var problem).ShouldBeTrue();

        problem.ShouldBeNull();
        id.ShouldBe(new CertificateIdentifier(PropertyType, "111101050000000004", "BJ2024000123", "001", 'C'));
        id!.ToString().ShouldBe(Identifier);
    }

    [Theory]
    [InlineData("2.16.156.3005.2.11100000000013338W009.111101050000000004.BJ2024000123.001.C", "prefix")]
    [InlineData("1.2.156.3005.2.11100000000013338W009.111101050000000004.BJ2024000123.001", "parts")]
    [InlineData("1.2.156.3005.2.11100000000013338X009.111101050000000004.BJ2024000123.001.C", "type")]
    [InlineData("1.2.156.3005.2.11100000000013338W009.111101050000000005.BJ2024000123.001.C", "issuer")]
    [InlineData("1.2.156.3005.2.11100000000013338W009.111101050000000004.bj2024.001.C", "number")]
    [InlineData("1.2.156.3005.2.11100000000013338W009.111101050000000004.BJ2024000123.1.C", "version")]
    [InlineData("1.2.156.3005.2.11100000000013338W009.111101050000000004.BJ2024000124.001.C", "check")]
    public void TryParse_MalformedIdentifier_NamesThePartThatIsWrong(string text, string expected)
    {
        CertificateIdentifier.TryParse(text, out _, out var problem).ShouldBeFalse();

        problem.ShouldBe(expected);
    }

    [Fact]
    public void Certificate_AcceptedType_SatisfiesTheMaterialAndIsRecorded()
    {
        var d = Started(WithCertificates(), submitted: ["application", "articles", "shareholder-resolution"]);
        d.State.Materials.Missing.ShouldBe(["premises"]);

        Types(d.Send("certificate", Window, Reference())).ShouldBe(["certificate"]);

        d.State.Materials.Missing.ShouldBeEmpty();
        d.State.Materials.Submitted.ShouldContain("premises");
        d.State.Materials.Certificates.ShouldBe([new CertificateReference("premises", PropertyType, "不动产权证书", Identifier, "北京市东城区不动产登记中心",
            "111101050000000004", CertificateTrust.Library, null, Monday)]);
        d.History[^1].Data.GetString("issuerCode").ShouldBe("111101050000000004");
    }

    [Fact]
    public void Certificate_TypeTheMaterialDoesNotAccept_IsRejectedWithHQ6075AndTheAcceptedTypes()
    {
        var d = Started(WithCertificates(), submitted: ["application", "articles", "shareholder-resolution"]);

        var rejection = d.Refuse("certificate", Window, Reference(type: "11100000000013127D001"));

        rejection.Code.ShouldBe("HQ6075");
        rejection.Reason.ShouldBe("材料“住所（经营场所）使用证明”不接受“11100000000013127D001”类电子证照；接受的证照类型为 11100000000013338W009。");
        d.State.Materials.Missing.ShouldBe(["premises"]);
    }

    [Fact]
    public void Certificate_ForAMaterialThatTakesOnlyPaper_IsRejectedWithHQ6075()
    {
        var rejection = Started(WithCertificates()).Refuse("certificate", Window, Reference(material: "articles"));

        rejection.Code.ShouldBe("HQ6075");
        rejection.Reason.ShouldBe("材料“公司章程”不接受电子证照，须提交纸质材料。");
    }

    [Fact]
    public void Certificate_WrongCheckCharacter_IsRejectedWithHQ6076()
    {
        var rejection = Started(WithCertificates()).Refuse("certificate", Window, Reference(identifier: Identifier[..^1] + "D"));

        rejection.Code.ShouldBe("HQ6076");
        rejection.Reason.ShouldBe($"电子证照标识“{Identifier[..^1]}D”的校验位不正确。");
    }

    [Fact]
    public void Certificate_UnknownTrustLevel_IsRejectedWithHQ6076()
    {
        Started(WithCertificates()).Refuse("certificate", Window, Reference(trust: "trusted")).Code.ShouldBe("HQ6076");
    }

    [Fact]
    public void Certificate_FulfilsTheSupplementObligationOfATolerableMaterial()
    {
        var d = Started(WithCertificates(), submitted: ["application", "articles", "shareholder-resolution"]);
        d.Send("accept-tolerated", Window);
        d.State.OpenObligation("supplement").ShouldNotBeNull();

        Types(d.Send("certificate", ApplicantActor, Reference())).ShouldBe(["certificate", "obligation-fulfilled"]);
    }

    [Fact]
    public void DataShared_RecordWithACertificate_RecordsItForTheSharedMaterial()
    {
        var d = Started(WithCertificates());
        var record = ValueMap.Of(("name", "张三"), ("certificate", ValueMap.Of(("type", "11100000000013127D001"), ("name", "居民身份证"),
            ("identifier", IdentifierOf("11100000000013127D001", "111101050000000004", "110101199001011234")), ("issuer", "北京市公安局东城分局"), ("trust", "signed"))));

        var events = d.Accept(Command.Send("data-shared", Actor.System, Channel.Window, Payload(("source", "population.id-card"), ("record", record))));

        Types(events).ShouldBe(["data-shared", "certificate"]);
        d.State.Materials.Certificates.Single().ShouldBe(new CertificateReference("legal-rep-id", "11100000000013127D001", "居民身份证",
            IdentifierOf("11100000000013127D001", "111101050000000004", "110101199001011234"), "北京市公安局东城分局", "111101050000000004", "signed", "population.id-card", Monday));
    }

    [Fact]
    public void DataShared_CertificateOfAnotherType_IsRejected()
    {
        var record = ValueMap.Of(("certificate", ValueMap.Of(("type", PropertyType), ("identifier", Identifier), ("issuer", "x"), ("trust", "library"))));

        var rejection = Started(WithCertificates()).Refuse("data-shared", Actor.System, Payload(("source", "population.id-card"), ("record", record)));

        rejection.Code.ShouldBe("HQ6075");
    }

    [Fact]
    public void PermittedEvents_ItemWithCertificateMaterials_OffersCertificateToTheWindow()
    {
        var d = Started(WithCertificates());

        Engine.PermittedEvents(d.Definition, d.State, Window, d.Now).Select(p => p.Event).ShouldContain("certificate");
        Engine.PermittedEvents(Started().Definition, Started().State, Window, d.Now).Select(p => p.Event).ShouldNotContain("certificate");
    }

    [Fact]
    public void Certificate_SentByADepartment_IsRejectedWithHQ6005()
    {
        Started(WithCertificates()).Refuse("certificate", Market, Reference()).Code.ShouldBe("HQ6005");
    }

    public static string IdentifierOf(string type, string issuer, string number, string version = "001") =>
        $"{CertificateIdentifier.Prefix}{type}.{issuer}.{number}.{version}.{CertificateIdentifier.CheckCharacter(type + issuer + number + version)}";
}
