using HongqiFlow.Server.Cases;
using HongqiFlow.Server.Definitions;
using HongqiFlow.Server.Supervision;
using Microsoft.AspNetCore.Routing;

namespace HongqiFlow.Server;

/// <summary>Every API group, in one place so the authorization matrix sees them all.</summary>
public static class ServerEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        DefinitionEndpoints.Map(app);
        MigrationEndpoints.Map(app);
        CaseEndpoints.Map(app);
        WorklistEndpoints.Map(app);
        People.PeopleEndpoints.Map(app);
        ProgressEndpoints.Map(app);
        SupervisionEndpoints.Map(app);
        RatingEndpoints.Map(app);
        CertificateEndpoints.Map(app);
        Audit.OperationsAuditSetup.Map(app);
    }
}
