namespace HongqiFlow.Definitions.Model;

/// <summary>
/// The deployment's directory, <c>definitions/organization.yaml</c>: departments, data sources and shared templates
/// that every service item may name. Kept apart from items because departments outlive any one item.
/// </summary>
public sealed record OrganizationDirectory : ModelNode
{
    public ValueList<DepartmentDefinition> Departments { get; init; } = ValueList<DepartmentDefinition>.Empty;

    public ValueList<DataSourceDefinition> DataSources { get; init; } = ValueList<DataSourceDefinition>.Empty;

    public ValueList<TemplateDefinition> Templates { get; init; } = ValueList<TemplateDefinition>.Empty;

    public static OrganizationDirectory Empty { get; } = new();
}

public sealed record DepartmentDefinition : ModelNode
{
    public required string Id { get; init; }

    public required string Name { get; init; }
}

/// <summary>A system another department runs, from which materials are fetched (数据共享).</summary>
public sealed record DataSourceDefinition : ModelNode
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    /// <summary>The department that owns the data.</summary>
    public string? Owner { get; init; }
}
