namespace HongqiFlow.Runtime;

/// <summary>
/// Fetches shared data at the edge (I/O never happens inside <see cref="Engine.Decide"/>). The host reacts to a
/// <c>fetch-requested</c> event by calling the connector and sending the result back as a <c>data-shared</c> command
/// (<see cref="DataSharing.ToCommand"/>).
/// </summary>
public interface IDataSharingConnector
{
    /// <summary>The record for the case's applicant from <paramref name="source"/> (e.g. <c>population.id-card</c>); null when none exists.</summary>
    Task<SharedRecord?> FetchAsync(string source, CaseState state, CancellationToken cancellationToken);
}
