using HongqiFlow.Definitions.Model;
using HongqiFlow.Diagnostics;

namespace HongqiFlow.Definitions.Validation;

/// <summary>Every name an item uses must exist: departments, roles, the calendar, data sources, obligations, procedures, templates.</summary>
internal static class ReferenceRules
{
    public static readonly string[] Roles = ["window", "applicant", "system", "supervisor", "lead", "department"];

    private static readonly string[] Recipients = ["applicant", "window", "supervisor", "lead"];
    private static readonly string[] WarningLevels = ["yellow", "red"];
    private static readonly string[] ObligationPhases = ["opened", "due", "overdue", "breached", "fulfilled"];

    public static void Check(ValidationRun run)
    {
        var header = run.Item.Item;
        CheckDepartment(run, header.Lead, run.ValueAt(header, "lead"), $"the lead department");
        if (run.Context.CalendarIds is { } calendars && !calendars.Contains(header.Calendar))
        {
            run.Error(
                ValidationCodes.UnknownCalendar,
                $"calendar '{header.Calendar}' does not exist under definitions/calendars",
                run.ValueAt(header, "calendar"),
                Suggestions.FixText(header.Calendar, calendars, $"calendar"));
        }

        CheckDeclarations(run);
        foreach (var material in run.Item.Materials.Where(m => m.Shared is not null))
        {
            CheckDataSource(run, material.Shared!, run.ValueAt(material, "shared"));
        }

        foreach (var region in run.Regions)
        {
            foreach (var state in region.States)
            {
                CheckState(run, region, state);
            }
        }

        foreach (var state in run.Item.States.Where(s => s.Parallel is not null))
        {
            foreach (var branch in state.Parallel!.Branches.Where(b => !string.IsNullOrWhiteSpace(b.Department)))
            {
                CheckDepartment(run, branch.Department, run.ValueAt(branch, "department"), $"branch '{branch.Name}'");
            }
        }

        for (var i = 0; i < run.Item.Notify.Count; i++)
        {
            CheckNotification(run, run.Item.Notify[i]);
        }
    }

    private static void CheckDeclarations(ValidationRun run)
    {
        Duplicates(run, run.Item.Item.SpecialProcedures.Select(p => (p.Id, (ModelNode)p)), $"special procedure");
        Duplicates(run, run.Item.Templates.Select(t => (t.Id, (ModelNode)t)), $"template");
        Duplicates(run, run.Item.Obligations.Select(o => (o.Id, (ModelNode)o)), $"obligation");
        foreach (var obligation in run.Item.Obligations.Where(o => ValidationRun.BuiltInObligations.Contains(o.Id)))
        {
            run.Error(
                ValidationCodes.DuplicateDeclaration,
                $"obligation '{obligation.Id}' is built in; declaring it again would change its meaning",
                obligation.At,
                $"give the obligation another id, e.g. '{obligation.Id}-extra'");
        }
    }

    private static void Duplicates(ValidationRun run, IEnumerable<(string Id, ModelNode Node)> declared, FormattableString what)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (id, node) in declared.Where(d => !seen.Add(d.Id)))
        {
            run.Error(ValidationCodes.DuplicateDeclaration, $"{what} '{id}' is declared twice", node.At, $"give each {what} its own id");
        }
    }

    private static void CheckState(ValidationRun run, Region region, StateDefinition state)
    {
        if (state.Department is { } department)
        {
            CheckDepartment(run, department, run.ValueAt(state, "department"), $"state '{state.Name}'");
        }

        for (var i = 0; i < state.Fetch.Count; i++)
        {
            CheckDataSource(run, state.Fetch[i], run.ValueAt(state, $"fetch/{i}", "fetch"));
        }

        for (var i = 0; i < state.Opens.Count; i++)
        {
            CheckObligation(run, state.Opens[i], run.ValueAt(state, $"opens/{i}", "opens"));
        }

        CheckProcedure(run, state);
        BranchClockRules.Check(run, region, state);
        foreach (var transition in state.Transitions)
        {
            for (var i = 0; i < transition.By.Count; i++)
            {
                CheckRole(run, region, transition.By[i], run.ValueAt(transition, $"by/{i}", "by"));
            }

            for (var i = 0; i < transition.Opens.Count; i++)
            {
                CheckObligation(run, transition.Opens[i], run.ValueAt(transition, $"opens/{i}", "opens"));
            }

            for (var i = 0; i < transition.Fulfils.Count; i++)
            {
                CheckObligation(run, transition.Fulfils[i], run.ValueAt(transition, $"fulfils/{i}", "fulfils"));
            }
        }
    }

    private static void CheckProcedure(ValidationRun run, StateDefinition state)
    {
        var procedures = run.Item.Item.SpecialProcedures.Select(p => p.Id).ToList();
        if (state.PausedFor is { } procedure)
        {
            if (!procedures.Contains(procedure))
            {
                run.Error(
                    ValidationCodes.UndeclaredSpecialProcedure,
                    $"state '{state.Name}' pauses the clock for '{procedure}', which is not one of the item's special procedures; only declared special procedures may pause the clock",
                    run.ValueAt(state, "pausedFor"),
                    procedures.Count == 0 ? $"declare it under item.specialProcedures" : Suggestions.FixText(procedure, procedures, $"special procedure"));
            }

            if (state.Clock is { } clock and not ClockMode.SpecialProcedure)
            {
                run.Error(
                    ValidationCodes.PausedForWithoutSpecialProcedureClock,
                    $"state '{state.Name}' names a special procedure but its clock is '{Kebab(clock)}'",
                    run.ValueAt(state, "clock"),
                    $"write 'clock: special-procedure'");
            }
        }
        else if (state.Clock == ClockMode.SpecialProcedure)
        {
            run.Error(
                ValidationCodes.SpecialProcedureClockWithoutProcedure,
                $"state '{state.Name}' pauses the clock for a special procedure but does not say which",
                run.ValueAt(state, "clock"),
                procedures.Count == 0 ? (FormattableString)$"declare the procedure under item.specialProcedures and add 'pausedFor: <id>'" : $"add 'pausedFor: {procedures[0]}'");
        }
    }

    private static string Kebab(ClockMode clock) => clock switch
    {
        ClockMode.NotStarted => "not-started",
        ClockMode.WaitingApplicant => "waiting-applicant",
        ClockMode.SpecialProcedure => "special-procedure",
        ClockMode.Stopped => "stopped",
        _ => "running",
    };

    private static void CheckRole(ValidationRun run, Region region, string role, SourceLocation at)
    {
        if (role.StartsWith("department:", StringComparison.Ordinal))
        {
            CheckDepartment(run, role["department:".Length..], at, $"role '{role}'");
            return;
        }

        if (role == "department" && !region.IsBranchBody)
        {
            run.Error(
                ValidationCodes.BranchRoleOutsideBranch,
                $"the role 'department' means the branch's own department and only works inside a branch; {region.Describe()} has none",
                at,
                $"name the department, e.g. 'department:market-regulation'");
            return;
        }

        if (!Roles.Contains(role))
        {
            run.Error(
                ValidationCodes.UnknownRole,
                $"'{role}' is not a role; who may act is one of window, applicant, system, supervisor, lead, department or department:<id>",
                at,
                Suggestions.FixText(role, Roles, $"role"));
        }
    }

    private static void CheckDepartment(ValidationRun run, string department, SourceLocation at, FormattableString what) =>
        CheckKnown(run, ValidationCodes.UnknownDepartment, department, run.Departments, $"department", at,
            $"{what} names department '{department}', which is not in organization.yaml");

    private static void CheckDataSource(ValidationRun run, string source, SourceLocation at) =>
        CheckKnown(run, ValidationCodes.UnknownDataSource, source, run.DataSources, $"data source", at,
            $"data source '{source}' is not in organization.yaml, so the material cannot be fetched");

    internal static void CheckObligation(ValidationRun run, string obligation, SourceLocation at) =>
        CheckKnown(run, ValidationCodes.UnknownObligation, obligation, run.Obligations, $"obligation", at,
            $"obligation '{obligation}' is neither built in (supplement, verification, rectification) nor declared under 'obligations:'");

    /// <summary>A name that must be one of <paramref name="known"/>: otherwise one located error with the closest name.</summary>
    private static void CheckKnown(ValidationRun run, string code, string name, IReadOnlyCollection<string> known, FormattableString what, SourceLocation at, FormattableString message)
    {
        if (!known.Contains(name))
        {
            run.Error(code, message, at, Suggestions.FixText(name, known, what));
        }
    }

    private static void CheckNotification(ValidationRun run, NotificationRule rule)
    {
        var on = run.ValueAt(rule, "on");
        switch (rule.Kind)
        {
            case NotificationTriggerKind.EnterState:
                var states = run.Regions.SelectMany(r => r.StateNames).ToHashSet(StringComparer.Ordinal);
                if (!states.Contains(rule.Subject))
                {
                    run.Error(ValidationCodes.UnknownNotificationTrigger, $"notification on entering '{rule.Subject}', which is not a state", on, Suggestions.FixText(rule.Subject, states, $"state"));
                }

                break;
            case NotificationTriggerKind.Event:
                var events = run.Regions.SelectMany(r => r.States).SelectMany(s => s.Transitions).Select(t => t.Event).ToHashSet(StringComparer.Ordinal);
                if (!events.Contains(rule.Subject))
                {
                    run.Error(ValidationCodes.UnknownNotificationTrigger, $"notification on event '{rule.Subject}', which no state has", on, Suggestions.FixText(rule.Subject, events, $"event"));
                }

                break;
            case NotificationTriggerKind.Warning:
                if (!WarningLevels.Contains(rule.Subject))
                {
                    run.Error(ValidationCodes.UnknownNotificationTrigger, $"'{rule.Subject}' is not a warning level; warnings are yellow or red", on, Suggestions.FixText(rule.Subject, WarningLevels, $"warning level"));
                }

                break;
            case NotificationTriggerKind.Obligation:
                CheckObligation(run, rule.Subject, on);
                if (rule.Phase is { } phase && !ObligationPhases.Contains(phase))
                {
                    run.Error(ValidationCodes.UnknownNotificationTrigger, $"'{phase}' is not an obligation phase; use opened, due, overdue, breached or fulfilled", on, Suggestions.FixText(phase, ObligationPhases, $"phase"));
                }

                break;
        }

        var to = run.ValueAt(rule, "to");
        if (rule.To.StartsWith("department:", StringComparison.Ordinal))
        {
            CheckDepartment(run, rule.To["department:".Length..], to, $"the notification");
        }
        else if (!Recipients.Contains(rule.To))
        {
            run.Error(
                ValidationCodes.UnknownRecipient,
                $"'{rule.To}' is not someone a notification can go to; use applicant, window, supervisor, lead or department:<id>",
                to,
                Suggestions.FixText(rule.To, Recipients, $"recipient"));
        }

        if (!run.Templates.Contains(rule.Template))
        {
            run.Error(
                ValidationCodes.UnknownTemplate,
                $"template '{rule.Template}' is declared neither in the item nor in organization.yaml",
                run.ValueAt(rule, "template"),
                Suggestions.FixText(rule.Template, run.Templates, $"template"));
        }

        // A text that states an outcome (许可已撤销、已记入信用记录) names the triggers where that outcome holds.
        var template = run.Item.Templates.FirstOrDefault(t => t.Id == rule.Template) ?? run.Context.Organization.Templates.FirstOrDefault(t => t.Id == rule.Template);
        if (template is { For.Count: > 0 } && !template.For.Contains(rule.Trigger))
        {
            var written = string.Join(", ", template.For);
            run.Error(
                ValidationCodes.TemplateNotForTrigger,
                $"template '{rule.Template}' states what happens on {written}, not on '{rule.Trigger}': the notice would state an outcome that did not happen",
                run.ValueAt(rule, "template"),
                $"send it on {written} only, or use a template written for '{rule.Trigger}'");
        }
    }
}
