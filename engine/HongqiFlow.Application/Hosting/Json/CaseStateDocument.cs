using HongqiFlow.Runtime;

namespace HongqiFlow.Hosting.Json;

/// <summary>The envelope of a stored state: its format version and the state.</summary>
internal sealed record CaseStateDocument(int Format, CaseState? State);

/// <summary>The envelope of a stored event.</summary>
internal sealed record CaseEventDocument(int Format, CaseEvent? Event);
