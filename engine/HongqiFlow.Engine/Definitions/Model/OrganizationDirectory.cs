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

    /// <summary>岗位: the positions of the department (handler, reviewer, leader…).</summary>
    public ValueList<PositionDefinition> Positions { get; init; } = ValueList<PositionDefinition>.Empty;

    /// <summary>The department's people, for assigning and naming (the token stays the identity).</summary>
    public ValueList<PersonDefinition> People { get; init; } = ValueList<PersonDefinition>.Empty;

    public PositionDefinition? Position(string id)
    {
        foreach (var p in Positions)
        {
            if (p.Id == id)
            {
                return p;
            }
        }

        return null;
    }

    public PersonDefinition? Person(string id)
    {
        foreach (var p in People)
        {
            if (p.Id == id)
            {
                return p;
            }
        }

        return null;
    }
}

/// <summary>A position (岗位) of a department, e.g. 承办人, 审核人, 分管领导.</summary>
public sealed record PositionDefinition : ModelNode
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    /// <summary>Holders may assign the department's tasks, add or remove signers (分派、加签、减签): a leader.</summary>
    public bool Assigns { get; init; }
}

/// <summary>A person of a department: id (the token's <c>sub</c>), name and positions.</summary>
public sealed record PersonDefinition : ModelNode
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public ValueList<string> Positions { get; init; } = ValueList<string>.Empty;
}

/// <summary>A system another department runs, from which materials are fetched (数据共享).</summary>
public sealed record DataSourceDefinition : ModelNode
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    /// <summary>The department that owns the data.</summary>
    public string? Owner { get; init; }
}
