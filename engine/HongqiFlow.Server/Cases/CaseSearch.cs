using System.Security.Claims;
using HongqiFlow.Hosting;
using HongqiFlow.Runtime;
using HongqiFlow.Server.Http;
using HongqiFlow.Server.Security;
using HongqiFlow.Server.Supervision;
using HongqiFlow.Storage.PersonalData;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HongqiFlow.Server.Cases;

/// <summary>One case the window's search found; the ID number is always masked, the name as the window reads it.</summary>
/// <param name="Receipt">The receipt number (受理编号), also the case id.</param>
/// <param name="MainState">The main region's state now.</param>
public sealed record CaseSearchHit(string CaseId, string Receipt, string Item, string ItemName, string ApplicantName, string? IdNumber, string Status, string MainState);

/// <summary>The window's search: what the query was taken as, and the cases found (newest receipt first, at most 50).</summary>
/// <param name="MatchedBy"><c>receipt</c>, <c>idNumber</c> (matched in full by its keyed hash) or <c>name</c> (the query is a part of the applicant's name: the whole name, a part between spaces or middle dots, or a run of one to four characters of a part; matched by its keyed hash).</param>
public sealed record CaseSearchResult(string MatchedBy, IReadOnlyList<CaseSearchHit> Cases);

/// <summary>
/// Finds a case by receipt number, by the applicant's full ID number, or by a part of the applicant's name. Neither
/// is compared in plaintext: each is looked up by its keyed hash (HMAC-SM3) in the store's index (the stored ID number
/// is encrypted; the name index holds only hashes), so a search reads only the cases it shows.
/// </summary>
public static class CaseSearch
{
    public const int MaxHits = 50;
    public const int MaxQueryLength = 64;

    private const int NamePage = 200;

    internal static async Task<Results<Ok<CaseSearchResult>, ValidationProblem>> SearchAsync(
        string? q, CaseDesk desk, HongqiStores stores, CaseRecords records, ClaimsPrincipal user, CancellationToken ct)
    {
        var query = q?.Trim() ?? "";
        if (query.Length == 0)
        {
            return Problems.Field("q", "required: a receipt number, the applicant's name or the applicant's full ID number");
        }

        if (query.Length > MaxQueryLength)
        {
            return Problems.Field("q", $"at most {MaxQueryLength} characters (it has {query.Length})");
        }

        var caller = Caller.From(user);
        var masked = CaseEndpoints.Masked(caller);
        if (IdNumbers.IsValid(query))
        {
            var idNumber = query.ToUpperInvariant();
            IReadOnlyList<string> ids = stores.PersonalData is { } personal
                ? await personal.FindByIdNumberAsync(idNumber, MaxHits, ct)
                : [.. (await records.ReadAsync(null, ct)).Where(r => r.State.Applicant?.IdNumber == idNumber).Select(r => r.State.CaseId)];
            var hits = new List<CaseSearchHit>();
            foreach (var id in ids)
            {
                if (await HitAsync(desk, caller, id, masked, ct) is { } hit)
                {
                    hits.Add(hit);
                }
            }

            return TypedResults.Ok(new CaseSearchResult("idNumber", Newest(hits)));
        }

        if (await HitAsync(desk, caller, query, masked, ct) is { } byReceipt)
        {
            return TypedResults.Ok(new CaseSearchResult("receipt", [byReceipt]));
        }

        if (stores.PersonalData is { } names)
        {
            return TypedResults.Ok(new CaseSearchResult("name", await ByNameAsync(names, desk, caller, query, masked, ct)));
        }

        // Without personal-data keys there is no keyed index: every case's applicant is read.
        var byName = (await records.ReadAsync(null, ct))
            .Where(r => r.State.Applicant?.Name is { } name && name.Contains(query, StringComparison.Ordinal) && CaseDesk.MaySee(caller, r.Definition))
            .Select(r => Hit(r.Definition, r.State, masked));
        return TypedResults.Ok(new CaseSearchResult("name", Newest(byName)));
    }

    /// <summary>
    /// The newest cases (at most <see cref="MaxHits"/>) the caller may see whose applicant's name has the query as a part,
    /// found by the part's keyed hash in the store's index; only the cases shown are read.
    /// </summary>
    private static async Task<List<CaseSearchHit>> ByNameAsync(ProtectedCaseStore names, CaseDesk desk, Caller caller, string query, bool masked, CancellationToken ct)
    {
        var hits = new List<CaseSearchHit>();
        var visible = new Dictionary<string, bool>(StringComparer.Ordinal);
        string? before = null;
        while (hits.Count < MaxHits)
        {
            var page = await names.FindByNameAsync(query, before, NamePage, ct);
            foreach (var match in page)
            {
                if (!visible.TryGetValue(match.DefinitionId, out var may))
                {
                    may = CaseDesk.MaySee(caller, await desk.Registry.ForCaseAsync(match.DefinitionId, ct));
                    visible[match.DefinitionId] = may;
                }

                if (may && hits.Count < MaxHits && await HitAsync(desk, caller, match.CaseId, masked, ct) is { } hit)
                {
                    hits.Add(hit);
                }
            }

            if (page.Count < NamePage)
            {
                break;
            }

            before = page[^1].CaseId;
        }

        return Newest(hits);
    }

    private static List<CaseSearchHit> Newest(IEnumerable<CaseSearchHit> hits) =>
        [.. hits.OrderByDescending(h => h.Receipt, StringComparer.Ordinal).Take(MaxHits)];

    private static async Task<CaseSearchHit?> HitAsync(CaseDesk desk, Caller caller, string caseId, bool masked, CancellationToken ct)
    {
        try
        {
            var (view, definition) = await desk.LoadAsync(caseId, ct);
            return CaseDesk.MaySee(caller, definition) ? Hit(definition, view.State, masked) : null;
        }
        catch (CaseNotFoundException)
        {
            return null;
        }
    }

    private static CaseSearchHit Hit(CompiledDefinition definition, CaseState state, bool masked)
    {
        var applicant = state.Applicant;
        var name = applicant is null ? "" : masked ? ApplicantView.MaskName(applicant.Name) : applicant.Name;
        return new CaseSearchHit(state.CaseId, state.Receipt, definition.Code, definition.Definition.Item.Name, name, applicant?.MaskedIdNumber,
            CaseService.StatusOf(state), state.MainState);
    }
}
