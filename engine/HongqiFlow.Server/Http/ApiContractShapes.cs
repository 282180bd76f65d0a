namespace HongqiFlow.Server.Http;

/// <summary>GET /api/cases as the handler writes it: a page of cases and the id to pass as <c>after</c> for the next page.</summary>
public sealed record CaseListPage(IReadOnlyList<CaseListItem> Cases, string? Next);

/// <summary>One case in <see cref="CaseListPage"/>.</summary>
public sealed record CaseListItem(string CaseId, string DefinitionId, string Item, string ItemName, string Status, long Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>POST /api/tickets/{caseId}/rectify and /feedback as the handler writes it.</summary>
public sealed record TicketActionResponse(string CaseId, long Version, bool Repeat);
