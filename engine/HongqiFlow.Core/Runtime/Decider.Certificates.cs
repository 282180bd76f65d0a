using HongqiFlow.Definitions.Model;
using HongqiFlow.Messages;

namespace HongqiFlow.Runtime;

/// <summary>电子证照: an e-certificate reference satisfies a material instead of paper (docs/dsl.md, "E-certificates").</summary>
internal sealed partial class Decider
{
    private Rejection? Certificate()
    {
        var payload = _command.Payload;
        string? source = null;
        if (_command.Actor.Role == ActorRole.System && payload.GetString("source") is not null)
        {
            if (SharingSource() is { } unknown)
            {
                return unknown;
            }

            source = payload.GetString("source");
        }

        if (Current.Outcome is { } outcome && Current.OpenObligation(Obligation.SupplementId) is null)
        {
            return Reject(RejectionCodes.CaseFinal, "supplement", ("outcome", outcome));
        }

        var material = payload.GetString("material");
        if (material is null || _definition.Material(material) is not { } definition)
        {
            return Reject(RejectionCodes.InvalidPayload, "unknown-materials", ("materials", new[] { material ?? string.Empty }));
        }

        return PresentCertificate(definition, payload, source);
    }

    /// <summary>
    /// Checks <paramref name="reference"/> against what <paramref name="material"/> accepts and records it: the
    /// <c>certificate</c> event, then the supplement obligation fulfilled if this was the last tolerated material.
    /// </summary>
    private Rejection? PresentCertificate(MaterialDefinition material, ValueMap reference, string? source)
    {
        if (CheckCertificate(material, reference) is { } refused)
        {
            return refused;
        }

        var identifier = reference.GetString("identifier")!;
        var issuerCode = CertificateIdentifier.TryParse(identifier, out var parsed, out _) ? parsed.IssuerCode : string.Empty;
        var open = Current.OpenObligation(Obligation.SupplementId);
        Emit(BuiltInEvents.Certificate, data: ValueMap.Of(
            ("material", material.Id),
            ("type", reference.GetString("type")),
            ("name", reference.GetString("name")),
            ("identifier", identifier),
            ("issuer", reference.GetString("issuer")),
            ("issuerCode", issuerCode),
            ("trust", reference.GetString("trust")),
            ("source", source)), idempotent: true);
        if (open is not null && open.Materials.All(m => Current.Materials.Submitted.Contains(m)))
        {
            Emit(CaseEventTypes.ObligationFulfilled, data: ValueMap.Of(("id", Obligation.SupplementId)));
            NotifyObligation(Obligation.SupplementId, "fulfilled");
        }

        return null;
    }

    private Rejection? CheckCertificate(MaterialDefinition material, ValueMap reference)
    {
        var type = reference.GetString("type");
        var name = new Localized(material.Name, material.Id);
        if (material.Certificates.Count == 0)
        {
            return Reject(RejectionCodes.CertificateNotAccepted, "none", ("material", name));
        }

        if (type is null || !material.Certificates.Contains(type))
        {
            return Reject(RejectionCodes.CertificateNotAccepted, null, ("material", name), ("type", type ?? string.Empty), ("accepted", material.Certificates.ToList()));
        }

        var identifier = reference.GetString("identifier");
        if (!CertificateIdentifier.TryParse(identifier, out var parsed, out var problem))
        {
            return new Rejection(RejectionCodes.InvalidCertificate, CertificateIdentifier.Explain(problem, identifier ?? string.Empty),
                new DeferredPermittedEvents(_definition, _original, _command.Actor, _now));
        }

        if (parsed.TypeCode != type)
        {
            return Reject(RejectionCodes.InvalidCertificate, "type-mismatch", ("identifier", identifier), ("type", type));
        }

        if (string.IsNullOrWhiteSpace(reference.GetString("issuer")))
        {
            return Reject(RejectionCodes.InvalidCertificate, "issuer-missing", ("identifier", identifier));
        }

        var trust = reference.GetString("trust");
        return CertificateTrust.IsKnown(trust) ? null
            : Reject(RejectionCodes.InvalidCertificate, "trust", ("trust", trust ?? string.Empty), ("known", CertificateTrust.All.ToList()));
    }

    /// <summary>A data-sharing record may carry an e-certificate (<c>record.certificate</c>) for the materials shared from its source.</summary>
    private Rejection? SharedCertificates(string source, ValueMap record)
    {
        if (record.GetMap("certificate") is not { } reference)
        {
            return null;
        }

        foreach (var material in _definition.Definition.Materials.Where(m => m.Shared == source && m.Certificates.Count > 0))
        {
            if (PresentCertificate(material, reference, source) is { } refused)
            {
                return refused;
            }
        }

        return null;
    }
}
