using HongqiFlow.Runtime;
using HongqiFlow.Server.Supervision;

namespace HongqiFlow.Server.People;

/// <summary>
/// Per person and per position (of a department): open tasks held (workload), steps done, the average handling time
/// (working hours from the task's creation to its completion, on the item's calendar), how many of those steps were
/// sent back (退回, and 退回率 = returned / done), transfers made (转办) and urges received (催办).
/// </summary>
internal static class PeopleMetrics
{
    private sealed class Tally
    {
        public string? Name;
        public int Open;
        public int Done;
        public int Timed;
        public double Hours;
        public int Returned;
        public int Transfers;
        public int Urged;
    }

    public static PeopleMetricsResponse Of(IReadOnlyList<CaseRecord> records, string? department, DateTimeOffset now)
    {
        _ = now;
        var people = new SortedDictionary<(string Department, string Key), Tally>();
        var positions = new SortedDictionary<(string Department, string Key), Tally>();
        var cases = 0;
        foreach (var record in records)
        {
            var (definition, state) = (record.Definition, record.State);
            if (state.People is not { } p)
            {
                continue;
            }

            cases++;
            IEnumerable<Tally> Tallies(string? dept, string person, IEnumerable<string>? held, string? name)
            {
                dept ??= string.Empty;
                if (department is not null && dept != department)
                {
                    yield break;
                }

                var tally = At(people, dept, person);
                tally.Name ??= name ?? definition.Department(dept)?.Person(person)?.Name;
                yield return tally;
                var listed = definition.Department(dept)?.Person(person);
                foreach (var position in held ?? (listed is null ? [] : listed.Positions))
                {
                    var positionTally = At(positions, dept, position);
                    positionTally.Name ??= definition.Department(dept)?.Position(position)?.Name;
                    yield return positionTally;
                }
            }

            foreach (var done in p.Done)
            {
                var hours = done.Since is { } since ? definition.Calendar.WorkingTimeBetween(since, done.At).TotalHours : (double?)null;
                foreach (var t in Tallies(done.Department, done.Person, done.Positions.Count > 0 ? done.Positions.ToList() : null, done.Name))
                {
                    t.Done++;
                    t.Returned += done.Returned ? 1 : 0;
                    if (hours is { } h)
                    {
                        t.Timed++;
                        t.Hours += h;
                    }
                }
            }

            foreach (var task in p.Tasks)
            {
                foreach (var person in task.Signers.Where(s => s.Pending && s.Person is not null).Select(s => s.Person!).Append(task.Holder).OfType<string>())
                {
                    foreach (var t in Tallies(task.Department, person, null, null))
                    {
                        t.Open++;
                    }
                }
            }

            foreach (var mark in p.Marks.Where(m => m.Kind is "transfer" or "urge" && !m.Person.StartsWith("department:", StringComparison.Ordinal)))
            {
                var region = definition.Region(mark.Region);
                var dept = region is null ? null : CompiledDefinition.DepartmentOf(region, mark.State);
                foreach (var t in Tallies(dept, mark.Person, null, null))
                {
                    if (mark.Kind == "transfer")
                    {
                        t.Transfers++;
                    }
                    else
                    {
                        t.Urged++;
                    }
                }
            }
        }

        return new PeopleMetricsResponse(null, null, cases, [.. people.Select(Metric)], [.. positions.Select(Metric)]);
    }

    private static Tally At(SortedDictionary<(string, string), Tally> map, string department, string key)
    {
        if (!map.TryGetValue((department, key), out var tally))
        {
            map[(department, key)] = tally = new Tally();
        }

        return tally;
    }

    private static PeopleMetric Metric(KeyValuePair<(string Department, string Key), Tally> entry)
    {
        var t = entry.Value;
        return new PeopleMetric(entry.Key.Key, t.Name, entry.Key.Department, t.Open, t.Done,
            t.Timed > 0 ? Math.Round(t.Hours / t.Timed, 3) : null, t.Returned, t.Done > 0 ? Math.Round((double)t.Returned / t.Done, 4) : null, t.Transfers, t.Urged);
    }
}
