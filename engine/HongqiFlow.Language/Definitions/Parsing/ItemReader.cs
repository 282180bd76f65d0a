using System.Globalization;
using HongqiFlow.Definitions.Model;
using HongqiFlow.Definitions.Schema;
using HongqiFlow.Time;

namespace HongqiFlow.Definitions.Parsing;

/// <summary>Maps a service-item YAML tree onto <see cref="ServiceItemDefinition"/>.</summary>
internal sealed class ItemReader(ReadingContext context)
{
    private readonly StateReader _states = new(context);

    public ServiceItemDefinition? Read(YamlNode root)
    {
        var doc = context.Map(root, string.Empty, typeof(ItemDocumentShape), $"the definition");
        if (doc is null)
        {
            return null;
        }

        var item = ReadHeader(context.Map(doc.Get("item"), "/item", typeof(ItemShape), $"'item'"));
        return new ServiceItemDefinition
        {
            At = context.At(root, string.Empty),
            SourceFile = context.File,
            Language = VersionReader.Read(context, doc, root),
            Item = item,
            Materials = ReadList(doc, "materials", ReadMaterial),
            Tolerance = ReadTolerance(context.Map(doc.Get("tolerance"), "/tolerance", typeof(ToleranceShape), $"'tolerance'")),
            Commitment = ReadCommitment(context.Map(doc.Get("commitment"), "/commitment", typeof(CommitmentShape), $"'commitment'")),
            Rating = ReadRating(context.Map(doc.Get("rating"), "/rating", typeof(RatingShape), $"'rating'")),
            States = _states.ReadStates(doc.Get("states"), "/states"),
            Fragments = ReadNamed(doc, "fragments", ReadFragment),
            Obligations = ReadNamed(doc, "obligations", ReadObligation),
            Templates = ReadNamed(doc, "templates", (node, path, name) => ReadTemplate(context, node, path, name)),
            Notify = ReadList(doc, "notify", ReadNotification),
        };
    }

    private ItemHeader ReadHeader(YamlMapNode? map)
    {
        const string path = "/item";
        if (map is null)
        {
            return new ItemHeader { Code = string.Empty, Name = string.Empty, Lead = string.Empty, At = context.KeyAt(path) };
        }

        var kind = context.Text(map, path, "kind") switch
        {
            "instant" => ItemKind.Instant,
            _ => ItemKind.Promised,
        };
        return new ItemHeader
        {
            At = context.KeyAt(path),
            Code = context.Text(map, path, "code") ?? string.Empty,
            Name = context.Text(map, path, "name") ?? string.Empty,
            Version = context.Int(map, path, "version") ?? 1,
            Kind = kind,
            Lead = context.Text(map, path, "lead") ?? string.Empty,
            Calendar = context.Text(map, path, "calendar") ?? "cn-mainland",
            Result = context.Text(map, path, "result"),
            Description = context.Text(map, path, "description"),
            TimeLimit = ReadTimeLimit(context.Map(map.Get("timeLimit"), "/item/timeLimit", typeof(TimeLimitShape), $"'timeLimit'")),
            SpecialProcedures = ReadList(map, path, "specialProcedures", ReadSpecialProcedure),
        };
    }

    private TimeLimit? ReadTimeLimit(YamlMapNode? map)
    {
        const string path = "/item/timeLimit";
        if (map is null)
        {
            return null;
        }

        return new TimeLimit
        {
            At = context.KeyAt(path),
            Statutory = context.Duration(map, path, "statutory"),
            Promised = context.Duration(map, path, "promised"),
            WarnAt = ReadPercent(map, path) ?? 0.75m,
            RequireWorkingDays = context.Bool(map, path, "requireWorkingDays"),
            DayCounting = context.Text(map, path, "dayCounting") is { } counting && DayCountingNames.TryParse(counting, out var rule) ? rule : null,
        };
    }

    private decimal? ReadPercent(YamlMapNode map, string path)
    {
        var childPath = SourceMap.Child(path, "warnAt");
        var scalar = context.Scalar(map.Get("warnAt"), childPath, $"'warnAt'");
        if (scalar is null)
        {
            return null;
        }

        var text = scalar.Value.Trim();
        var percent = text.EndsWith('%');
        if (decimal.TryParse(percent ? text[..^1] : text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            var fraction = percent ? value / 100m : value;
            if (fraction is > 0m and < 1m)
            {
                return fraction;
            }
        }

        context.Error(ParseCodes.InvalidValue, $"'warnAt' must be a share of the limit between 0% and 100%, not '{scalar.Value}'", scalar, childPath, $"write e.g. 75%");
        return null;
    }

    private SpecialProcedure ReadSpecialProcedure(YamlNode node, string path)
    {
        var map = context.Map(node, path, typeof(SpecialProcedureShape), $"a special procedure");
        return new SpecialProcedure
        {
            At = context.At(node, path),
            Id = map is null ? string.Empty : context.Text(map, path, "id") ?? string.Empty,
            Name = map is null ? string.Empty : context.Text(map, path, "name") ?? string.Empty,
            Max = map is null ? null : context.Duration(map, path, "max"),
        };
    }

    private MaterialDefinition ReadMaterial(YamlNode node, string path)
    {
        var map = context.Map(node, path, typeof(MaterialShape), $"a material");
        if (map is null)
        {
            return new MaterialDefinition { Id = string.Empty, Name = string.Empty, At = context.At(node, path) };
        }

        return new MaterialDefinition
        {
            At = context.At(node, path),
            Id = context.Text(map, path, "id") ?? string.Empty,
            Name = context.Text(map, path, "name") ?? string.Empty,
            Core = context.Bool(map, path, "core"),
            Tolerable = context.Bool(map, path, "tolerable"),
            Committable = context.Bool(map, path, "committable"),
            Shared = context.Text(map, path, "shared"),
            Optional = context.Bool(map, path, "optional"),
            Note = context.Text(map, path, "note"),
            Certificates = context.Names(map, path, "certificates"),
        };
    }

    private ToleranceRule? ReadTolerance(YamlMapNode? map)
    {
        const string path = "/tolerance";
        if (map is null)
        {
            return null;
        }

        return new ToleranceRule
        {
            At = context.KeyAt(path),
            MaxMissing = context.Int(map, path, "maxMissing") ?? 1,
            SupplementWithin = context.Duration(map, path, "supplementWithin") ?? default,
            OnBreach = context.Text(map, path, "onBreach") ?? string.Empty,
            ExcludeBadCredit = context.Bool(map, path, "excludeBadCredit", fallback: true),
        };
    }

    private CommitmentRule? ReadCommitment(YamlMapNode? map)
    {
        const string path = "/commitment";
        if (map is null)
        {
            return null;
        }

        return new CommitmentRule
        {
            At = context.KeyAt(path),
            VerifyWithin = context.Duration(map, path, "verifyWithin") ?? default,
            OnFalse = context.Text(map, path, "onFalse") ?? string.Empty,
            ExcludeFalsePledgeHistory = context.Bool(map, path, "excludeFalsePledgeHistory", fallback: true),
        };
    }

    private RatingPolicy ReadRating(YamlMapNode? map)
    {
        const string path = "/rating";
        if (map is null)
        {
            return new RatingPolicy();
        }

        var defaults = new RatingPolicy();
        return new RatingPolicy
        {
            At = context.KeyAt(path),
            Per = context.Text(map, path, "per") == "service" ? RatingPer.Service : RatingPer.Matter,
            Channels = context.Names(map, path, "channels"),
            Categories = ReadList(map, path, "categories", ReadRatingCategory),
            VerificationRequired = context.Text(map, path, "verification") == "required",
            RectifyWithin = context.Duration(map, path, "rectifyWithin") ?? defaults.RectifyWithin,
            DefaultAfter = context.Duration(map, path, "defaultAfter"),
            DefaultLevel = context.Int(map, path, "defaultLevel") ?? defaults.DefaultLevel,
        };
    }

    private RatingCategory ReadRatingCategory(YamlNode node, string path)
    {
        var map = context.Map(node, path, typeof(RatingCategoryShape), $"a bad-rating category");
        return new RatingCategory
        {
            At = context.At(node, path),
            Id = map is null ? string.Empty : context.Text(map, path, "id") ?? string.Empty,
            Name = map is null ? string.Empty : context.Text(map, path, "name") ?? string.Empty,
        };
    }

    private FragmentDefinition ReadFragment(YamlNode node, string path, string name)
    {
        var map = context.Map(node, path, typeof(FragmentShape), $"the fragment '{name}'");
        return new FragmentDefinition
        {
            At = context.KeyAt(path),
            Name = name,
            States = map is null ? ValueList<StateDefinition>.Empty : _states.ReadStates(map.Get("states"), SourceMap.Child(path, "states")),
        };
    }

    private ObligationDefinition ReadObligation(YamlNode node, string path, string id)
    {
        var map = context.Map(node, path, typeof(ObligationShape), $"the obligation '{id}'");
        if (map is null)
        {
            return new ObligationDefinition { Id = id, Name = string.Empty, Within = default, At = context.KeyAt(path) };
        }

        var remindPath = SourceMap.Child(path, "remind");
        var remind = new List<Time.Duration>();
        switch (map.Get("remind"))
        {
            case YamlListNode list:
                for (var i = 0; i < list.Items.Count; i++)
                {
                    if (context.Duration(list.Items[i], SourceMap.Child(remindPath, i), $"a reminder") is { } d)
                    {
                        remind.Add(d);
                    }
                }

                break;
            case { } single when context.Duration(single, remindPath, $"'remind'") is { } d:
                remind.Add(d);
                break;
        }

        return new ObligationDefinition
        {
            At = context.KeyAt(path),
            Id = id,
            Name = context.Text(map, path, "name") ?? string.Empty,
            Within = context.Duration(map, path, "within") ?? default,
            OnBreach = context.Text(map, path, "onBreach"),
            Remind = remind,
        };
    }

    internal static TemplateDefinition ReadTemplate(ReadingContext context, YamlNode node, string path, string id)
    {
        var map = context.Map(node, path, typeof(TemplateShape), $"the template '{id}'");
        return new TemplateDefinition
        {
            At = context.KeyAt(path),
            Id = id,
            Title = map is null ? string.Empty : context.Text(map, path, "title") ?? string.Empty,
            Body = map is null ? string.Empty : context.Text(map, path, "body") ?? string.Empty,
            For = map is null ? ValueList<string>.Empty : new(context.Names(map, path, "for").Select(t => string.Join(' ', t.Split(' ', StringSplitOptions.RemoveEmptyEntries)))),
        };
    }

    private NotificationRule ReadNotification(YamlNode node, string path)
    {
        var map = context.Map(node, path, typeof(NotificationShape), $"a notification");
        var (kind, subject, phase) = map?.Get("on") is YamlScalarNode { IsNull: false } on
            ? NotificationTrigger.Parse(context, on, SourceMap.Child(path, "on"))
            : (NotificationTriggerKind.EnterState, string.Empty, null);
        return new NotificationRule
        {
            At = context.At(node, path),
            Kind = kind,
            Subject = subject,
            Phase = phase,
            To = map is null ? string.Empty : context.Text(map, path, "to") ?? string.Empty,
            Template = map is null ? string.Empty : context.Text(map, path, "template") ?? string.Empty,
            Channel = map is null ? null : context.Text(map, path, "channel"),
        };
    }

    private ValueList<T> ReadList<T>(YamlMapNode map, string key, Func<YamlNode, string, T> read) =>
        ReadList(map, string.Empty, key, read);

    private ValueList<T> ReadList<T>(YamlMapNode map, string parent, string key, Func<YamlNode, string, T> read)
    {
        var path = SourceMap.Child(parent, key);
        var list = context.List(map.Get(key), path, $"'{key}'");
        if (list is null)
        {
            return ValueList<T>.Empty;
        }

        var items = new List<T>(list.Items.Count);
        for (var i = 0; i < list.Items.Count; i++)
        {
            items.Add(read(list.Items[i], SourceMap.Child(path, i)));
        }

        return items;
    }

    private ValueList<T> ReadNamed<T>(YamlMapNode map, string key, Func<YamlNode, string, string, T> read)
    {
        var path = SourceMap.Child(string.Empty, key);
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
