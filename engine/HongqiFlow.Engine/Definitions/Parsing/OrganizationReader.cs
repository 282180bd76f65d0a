using HongqiFlow.Definitions.Model;
using HongqiFlow.Definitions.Schema;

namespace HongqiFlow.Definitions.Parsing;

/// <summary>Maps <c>organization.yaml</c> onto <see cref="OrganizationDirectory"/>.</summary>
internal sealed class OrganizationReader(ReadingContext context)
{
    public OrganizationDirectory? Read(YamlNode root)
    {
        var doc = context.Map(root, string.Empty, typeof(OrganizationDocumentShape), $"the organization file");
        if (doc is null)
        {
            return null;
        }

        VersionReader.Read(context, doc, root);
        const string path = "/organization";
        var map = context.Map(doc.Get("organization"), path, typeof(OrganizationShape), $"'organization'");
        if (map is null)
        {
            return new OrganizationDirectory { At = context.At(root, string.Empty) };
        }

        return new OrganizationDirectory
        {
            At = context.KeyAt(path),
            Departments = ReadNamed(map, path, "departments", (node, p, id) =>
            {
                var m = context.Map(node, p, typeof(DepartmentShape), $"the department '{id}'");
                return m is null
                    ? new DepartmentDefinition { At = context.KeyAt(p), Id = id, Name = string.Empty }
                    : new DepartmentDefinition
                    {
                        At = context.KeyAt(p),
                        Id = id,
                        Name = context.Text(m, p, "name") ?? string.Empty,
                        Positions = ReadNamed(m, p, "positions", (pn, pp, pid) =>
                        {
                            var pm = context.Map(pn, pp, typeof(PositionShape), $"the position '{pid}'");
                            return new PositionDefinition
                            {
                                At = context.KeyAt(pp),
                                Id = pid,
                                Name = pm is null ? string.Empty : context.Text(pm, pp, "name") ?? string.Empty,
                                Assigns = pm is not null && context.Bool(pm, pp, "assigns"),
                            };
                        }),
                        People = ReadNamed(m, p, "people", (pn, pp, pid) =>
                        {
                            var pm = context.Map(pn, pp, typeof(PersonShape), $"the person '{pid}'");
                            return new PersonDefinition
                            {
                                At = context.KeyAt(pp),
                                Id = pid,
                                Name = pm is null ? string.Empty : context.Text(pm, pp, "name") ?? string.Empty,
                                Positions = pm is null ? ValueList<string>.Empty : context.Names(pm, pp, "positions"),
                            };
                        }),
                    };
            }),
            DataSources = ReadNamed(map, path, "dataSources", (node, p, id) =>
            {
                var m = context.Map(node, p, typeof(DataSourceShape), $"the data source '{id}'");
                return new DataSourceDefinition
                {
                    At = context.KeyAt(p),
                    Id = id,
                    Name = m is null ? string.Empty : context.Text(m, p, "name") ?? string.Empty,
                    Owner = m is null ? null : context.Text(m, p, "owner"),
                };
            }),
            Templates = ReadNamed(map, path, "templates", (node, p, id) => ItemReader.ReadTemplate(context, node, p, id)),
        };
    }

    private ValueList<T> ReadNamed<T>(YamlMapNode map, string parent, string key, Func<YamlNode, string, string, T> read)
    {
        var path = SourceMap.Child(parent, key);
        var named = context.NamedMap(map.Get(key), path, $"'{key}'");
        if (named is null)
        {
            return ValueList<T>.Empty;
        }

        var items = new List<T>(named.Entries.Count);
        foreach (var (name, value) in named.Entries)
        {
            items.Add(read(value, SourceMap.Child(path, name.Value), name.Value));
        }

        return items;
    }
}
