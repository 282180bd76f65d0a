using HongqiFlow.Definitions.Model;
using HongqiFlow.Messages;

namespace HongqiFlow.Runtime;

/// <summary>
/// Personal tasks (<c>task:</c>): creating a task on entry, the person checks and signing on definition events, and
/// the task operations (claim, release, assign, transfer, delegate, resolve, add-signer, remove-signer, send-back,
/// recall, urge, copy, mark-read). Items without tasks never reach this code.
/// </summary>
internal sealed partial class Decider
{
    /// <summary>The person who completed the step the region just left, for the next task's recall.</summary>
    private string? _completedBy;

    /// <summary>Set by send-back and recall: who holds the task of the step entered next.</summary>
    private string? _enterHolder;

    /// <summary>A refusal of the task rules (<see cref="TaskRules"/>, which raise its message), as a rejection.</summary>
    private Rejection RejectTask(TaskRefusal refusal) =>
        new(refusal.Code, refusal.Message, new DeferredPermittedEvents(_definition, _original, _command.Actor, _now));

    private static ValueMap Data(params (string Key, object? Value)[] pairs) =>
        ValueMap.Of([.. pairs.Where(p => p.Value is not null)]);

    private string ActorName => _actor.Name ?? TaskRules.PersonName(_definition, _actor.Department, _actor.Person);

    /// <summary>
    /// Before a definition event fires in a task step: the person checks, and for a signing step the signature. Sets
    /// <paramref name="recordedOnly"/> when the signature was recorded and the signing is still undecided.
    /// </summary>
    private Rejection? TaskGate(CompiledRegion region, RegionState at, TransitionDefinition[] row, out bool recordedOnly)
    {
        var name = row[0].Event;
        recordedOnly = false;
        if (region.State(at.State).Task is not { } rule || Current.People?.Task(region.Name) is not { } task || task.State != at.State)
        {
            return null;
        }

        if (rule.Signing != SigningMode.Single && (name == rule.Approve || name == rule.Refuse))
        {
            var (index, refusal) = TaskRules.SignerSlot(_definition, Current, region, rule, task, _actor);
            if (refusal is { } refused)
            {
                return RejectTask(refused);
            }

            // A signature counts only where the step's condition holds (e.g. the shared records have arrived).
            if (row.Length == 1 && row[0].When is { } when && !EvaluateGuard(when, region, at.State, _command.Payload))
            {
                return RejectAt(when.At, RejectionCodes.GuardFalse, null, ("event", name), ("condition", when.Code), ("missing", MissingMaterials()));
            }

            Emit(CaseEventTypes.TaskSigned, region: region.Name, idempotent: true, data: Data(
                ("region", region.Name), ("state", at.State), ("index", index), ("slot", task.Signers[index].Slot), ("person", _actor.Person),
                ("name", ActorName), ("decision", name == rule.Approve ? "approve" : "refuse"), ("event", name),
                ("note", _command.Payload.GetString("note")), ("deputy", _actor.OnBehalfOf is null ? null : _actor.UserId)));
            recordedOnly = TaskRules.Conclusion(rule, Current.People!.Task(region.Name)!) is null;
            return null;
        }

        var check = rule.Signing != SigningMode.Single
            ? TaskRules.Eligible(_definition, Current, region, rule, task, _actor, null)
            : TaskRules.MayDecide(_definition, Current, region, rule, task, _actor);
        return check is { } no ? RejectTask(no) : null;
    }

    /// <summary>After the move out of a task step: who did it (for four-eyes, recall and 已办).</summary>
    private void CompleteTask(CompiledRegion region, string state, string @event, CaseTask? task)
    {
        _completedBy = null;
        if (region.State(state).Task is null || !TaskRules.IsPerson(_actor))
        {
            return;
        }

        Emit(CaseEventTypes.TaskCompleted, region: region.Name, data: Data(
            ("region", region.Name), ("state", state), ("person", _actor.Person), ("name", ActorName), ("event", @event),
            ("department", task?.Department ?? _actor.Department), ("since", task?.CreatedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture)),
            ("positions", _actor.Positions is { Count: > 0 } positions ? positions.ToList() : null),
            ("deputy", _actor.OnBehalfOf is null ? null : _actor.UserId)));
        _completedBy = _actor.Person;
    }

    /// <summary>On entering a task step: the task, in the pool or already held (a named person, sameAs, sent back, recalled).</summary>
    private void CreateTask(CompiledRegion region, StateDefinition state, TaskRule rule, string? from)
    {
        var department = CompiledDefinition.DepartmentOf(region, state.Name) ?? string.Empty;
        var holder = _enterHolder
            ?? rule.Person
            ?? (rule.PersonFrom is { } key ? Current.Data.GetString(key) : null)
            ?? (rule.SameAs is { } same ? Current.People?.LastDone(region.Name, same)?.Person : null);
        if (rule.Signing != SigningMode.Single)
        {
            holder = null;
        }

        var cameFromTask = from is not null && region.HasState(from) && region.State(from).Task is not null;
        Emit(CaseEventTypes.TaskCreated, region: region.Name, data: Data(
            ("region", region.Name), ("state", state.Name), ("department", department),
            ("holder", holder), ("holderName", holder is null ? null : TaskRules.PersonName(_definition, department, holder)),
            ("from", cameFromTask ? from : null), ("fromPerson", cameFromTask ? _completedBy : null),
            ("signers", rule.Signers.Count > 0 ? rule.Signers.ToList() : null)));
        _enterHolder = null;
        _completedBy = null;
    }

    // ---- operations -----------------------------------------------------------------------------------------

    private Rejection? TaskOperation()
    {
        var name = _command.Event;
        if (name == TaskOperations.Copy)
        {
            return Copy();
        }

        if (name == TaskOperations.MarkRead)
        {
            return MarkRead();
        }

        if (FindTask() is not { } found)
        {
            return Current.Outcome is { } outcome
                ? Reject(RejectionCodes.CaseFinal, null, ("outcome", outcome), ("event", name))
                : Reject(RejectionCodes.TaskNotOpen, "no-task", ("event", name));
        }

        var (region, at, rule, task) = found;
        return name switch
        {
            TaskOperations.Claim => Claim(region, at, rule, task),
            TaskOperations.Release => Release(region, task),
            TaskOperations.Assign => Assign(region, rule, task),
            TaskOperations.Transfer => Transfer(region, rule, task),
            TaskOperations.Delegate => DelegateTask(region, task),
            TaskOperations.Resolve => Resolve(region, task),
            TaskOperations.AddSigner => AddSigner(region, rule, task),
            TaskOperations.RemoveSigner => RemoveSigner(region, rule, task),
            TaskOperations.SendBack => SendBack(region, at, rule, task),
            TaskOperations.Recall => Recall(),
            _ => Urge(region, task),
        };
    }

    /// <summary>The task an operation is about: in the named branch, else the actor's own (held, delegated, signable, recallable), else the first.</summary>
    private (CompiledRegion Region, RegionState At, TaskRule Rule, CaseTask Task)? FindTask()
    {
        if (Current.People is not { } people)
        {
            return null;
        }

        var candidates = people.Tasks.Where(t => _command.Branch is not { } b || t.Region == b || t.Region.EndsWith("/" + b, StringComparison.Ordinal)).ToList();
        var mine = candidates.FirstOrDefault(t => t.Holder == _actor.Person || t.Delegate == _actor.Person || t.FromPerson == _actor.Person
            || t.Signers.Any(x => x.Person == _actor.Person))
            ?? candidates.FirstOrDefault(t => t.Department == _actor.Department)
            ?? candidates.FirstOrDefault();
        if (mine is null || _definition.Region(mine.Region) is not { } region || Current.Region(mine.Region) is not { } at
            || at.State != mine.State || region.State(at.State).Task is not { } rule)
        {
            return null;
        }

        return (region, at, rule, mine);
    }

    private Rejection? Claim(CompiledRegion region, RegionState at, TaskRule rule, CaseTask task)
    {
        var step = TaskRules.Step(region, at.State);
        if (rule.Signing != SigningMode.Single)
        {
            return Reject(RejectionCodes.TaskNotOpen, "signed-step", ("step", step));
        }

        if (task.Holder is { } holder)
        {
            return holder == _actor.Person
                ? Reject(RejectionCodes.TaskNotOpen, "yours", ("step", step))
                : RejectTask(TaskRules.HeldByOther(region, task, _actor));
        }

        if (TaskRules.Eligible(_definition, Current, region, rule, task, _actor, rule.Position) is { } no)
        {
            return RejectTask(no);
        }

        Emit(CaseEventTypes.TaskClaimed, region: region.Name, idempotent: true, data: Data(
            ("region", region.Name), ("state", at.State), ("person", _actor.Person), ("name", ActorName), ("deputy", _actor.OnBehalfOf is null ? null : _actor.UserId)));
        return null;
    }

    private Rejection? Release(CompiledRegion region, CaseTask task)
    {
        if (task.Holder != _actor.Person || !TaskRules.IsPerson(_actor))
        {
            return task.Holder is null
                ? Reject(RejectionCodes.TaskNotOpen, "not-held", ("step", TaskRules.Step(region, task.State)))
                : RejectTask(TaskRules.HeldByOther(region, task, _actor));
        }

        if (task.Delegate is not null)
        {
            return Reject(RejectionCodes.TaskNotOpen, "release-delegated", ("step", TaskRules.Step(region, task.State)));
        }

        Emit(CaseEventTypes.TaskReleased, region: region.Name, idempotent: true, data: Data(("region", region.Name), ("state", task.State), ("person", _actor.Person)));
        return null;
    }

    private Rejection? Assign(CompiledRegion region, TaskRule rule, CaseTask task)
    {
        if (!TaskRules.Assigns(_definition, task, _actor))
        {
            return Reject(RejectionCodes.OperationNotAllowed, "assign",
                ("department", TaskRules.Department(_definition, task.Department)), ("step", TaskRules.Step(region, task.State)));
        }

        if (rule.Signing != SigningMode.Single)
        {
            return Reject(RejectionCodes.TaskNotOpen, "assign-signers", ("step", TaskRules.Step(region, task.State)));
        }

        if (_command.Payload.GetString("to") is not { Length: > 0 } to)
        {
            return Reject(RejectionCodes.InvalidPayload, "assign-to");
        }

        if (TaskRules.Receiver(_definition, Current, region, rule, task, to, task.Department) is { } no)
        {
            return RejectTask(no);
        }

        Emit(CaseEventTypes.TaskAssigned, region: region.Name, idempotent: true, data: Data(
            ("region", region.Name), ("state", task.State), ("from", task.Holder), ("to", to), ("name", TaskRules.PersonName(_definition, task.Department, to)),
            ("by", _actor.Person), ("reason", _command.Payload.GetString("reason"))));
        return null;
    }

    private Rejection? Transfer(CompiledRegion region, TaskRule rule, CaseTask task)
    {
        if (HolderCheck(region, task, TaskOperations.Transfer) is { } notHolder)
        {
            return notHolder;
        }

        if (_command.Payload.GetString("reason") is not { Length: > 0 } reason)
        {
            return Reject(RejectionCodes.InvalidPayload, "transfer-reason");
        }

        if (_command.Payload.GetString("department") is { Length: > 0 } department && department != task.Department)
        {
            if (!rule.Transfer)
            {
                return Reject(RejectionCodes.OperationNotAllowed, "transfer-department", ("step", TaskRules.Step(region, task.State)));
            }

            if (_definition.Department(department) is null)
            {
                return Reject(RejectionCodes.InvalidPayload, "unknown-department", ("department", department));
            }

            Emit(CaseEventTypes.TaskTransferred, region: region.Name, idempotent: true, data: Data(
                ("region", region.Name), ("state", task.State), ("from", _actor.Person), ("department", department), ("reason", reason)));
            return null;
        }

        if (_command.Payload.GetString("to") is not { Length: > 0 } to || to == _actor.Person)
        {
            return Reject(RejectionCodes.InvalidPayload, "transfer-to");
        }

        if (TaskRules.Receiver(_definition, Current, region, rule, task, to, task.Department) is { } no)
        {
            return RejectTask(no);
        }

        Emit(CaseEventTypes.TaskTransferred, region: region.Name, idempotent: true, data: Data(
            ("region", region.Name), ("state", task.State), ("from", _actor.Person), ("to", to), ("name", TaskRules.PersonName(_definition, task.Department, to)), ("reason", reason)));
        return null;
    }

    private Rejection? HolderCheck(CompiledRegion region, CaseTask task, string operationName)
    {
        var operation = new Localized(TaskPermissions.Title(operationName), operationName);
        if (task.Holder is null)
        {
            return Reject(RejectionCodes.TaskNotOpen, "claim-first", ("step", TaskRules.Step(region, task.State)), ("operation", operation));
        }

        if (task.Holder != _actor.Person || !TaskRules.IsPerson(_actor))
        {
            return RejectTask(TaskRules.HeldByOther(region, task, _actor));
        }

        return task.Delegate is not null
            ? Reject(RejectionCodes.TaskNotOpen, "holder-delegated", ("step", TaskRules.Step(region, task.State)), ("operation", operation))
            : null;
    }

    private Rejection? DelegateTask(CompiledRegion region, CaseTask task)
    {
        if (HolderCheck(region, task, TaskOperations.Delegate) is { } notHolder)
        {
            return notHolder;
        }

        if (_command.Payload.GetString("to") is not { Length: > 0 } to || to == _actor.Person)
        {
            return Reject(RejectionCodes.InvalidPayload, "delegate-to");
        }

        if (_definition.Department(task.Department) is { People.Count: > 0 } department && department.Person(to) is null)
        {
            return Reject(RejectionCodes.NotEligible, "not-listed", ("person", to), ("department", new Localized(department.Name, task.Department)));
        }

        Emit(CaseEventTypes.TaskDelegated, region: region.Name, idempotent: true, data: Data(
            ("region", region.Name), ("state", task.State), ("from", _actor.Person), ("to", to), ("name", TaskRules.PersonName(_definition, task.Department, to)),
            ("reason", _command.Payload.GetString("reason"))));
        return null;
    }

    private Rejection? Resolve(CompiledRegion region, CaseTask task)
    {
        if (task.Delegate is null || task.Delegate != _actor.Person)
        {
            return Reject(RejectionCodes.TaskNotOpen, "not-delegated", ("step", TaskRules.Step(region, task.State)), ("person", _actor.Person));
        }

        Emit(CaseEventTypes.TaskResolved, region: region.Name, idempotent: true, data: Data(
            ("region", region.Name), ("state", task.State), ("person", _actor.Person), ("to", task.Holder), ("note", _command.Payload.GetString("note"))));
        return null;
    }

    private Rejection? AddSigner(CompiledRegion region, TaskRule rule, CaseTask task)
    {
        if (rule.Signing == SigningMode.Single)
        {
            return Reject(RejectionCodes.TaskNotOpen, "add-signer", ("step", TaskRules.Step(region, task.State)));
        }

        var ownSlot = task.Signers.ToList().FindIndex(x => x.Pending && (x.Person == _actor.Person || (x.Person is null && _actor.Holds(x.Slot))));
        var signed = task.Signers.Any(x => x.Person == _actor.Person);
        if (!TaskRules.Assigns(_definition, task, _actor) && ownSlot < 0 && !signed)
        {
            return Reject(RejectionCodes.OperationNotAllowed, "add-signer", ("step", TaskRules.Step(region, task.State)), ("department", task.Department));
        }

        if (_command.Payload.GetString("signer") is not { Length: > 0 } signer)
        {
            return Reject(RejectionCodes.InvalidPayload, "signer");
        }

        var department = _definition.Department(task.Department);
        var slot = signer.StartsWith("person:", StringComparison.Ordinal) || department?.Position(signer) is null && !signer.Contains(':', StringComparison.Ordinal)
            ? (signer.StartsWith("person:", StringComparison.Ordinal) ? signer : "person:" + signer)
            : signer;
        var person = slot.StartsWith("person:", StringComparison.Ordinal) ? slot["person:".Length..] : null;
        if (person is not null && department is { People.Count: > 0 } && department.Person(person) is null)
        {
            return Reject(RejectionCodes.NotEligible, "not-listed", ("person", person), ("department", new Localized(department.Name, task.Department)));
        }

        if (person is not null && task.Signers.Any(x => x.Person == person))
        {
            return Reject(RejectionCodes.InvalidPayload, "already-signer", ("person", person), ("step", TaskRules.Step(region, task.State)));
        }

        var where = _command.Payload.GetString("where") ?? "after";
        if (where is not ("before" or "after" or "alongside"))
        {
            return Reject(RejectionCodes.InvalidPayload, "signer-where");
        }

        var firstPending = task.Signers.ToList().FindIndex(x => x.Pending);
        var index = where switch
        {
            "before" => ownSlot >= 0 ? ownSlot : Math.Max(firstPending, 0),
            "after" when ownSlot >= 0 => ownSlot + 1,
            _ => task.Signers.Count,
        };
        Emit(CaseEventTypes.SignerAdded, region: region.Name, idempotent: true, data: Data(
            ("region", region.Name), ("state", task.State), ("slot", slot), ("index", index), ("where", where), ("by", _actor.Person)));
        return null;
    }

    private Rejection? RemoveSigner(CompiledRegion region, TaskRule rule, CaseTask task)
    {
        if (rule.Signing == SigningMode.Single)
        {
            return Reject(RejectionCodes.TaskNotOpen, "remove-signer", ("step", TaskRules.Step(region, task.State)));
        }

        if (!TaskRules.Assigns(_definition, task, _actor))
        {
            return Reject(RejectionCodes.OperationNotAllowed, "remove-signer", ("department", TaskRules.Department(_definition, task.Department)));
        }

        var signer = _command.Payload.GetString("signer") ?? string.Empty;
        var index = task.Signers.ToList().FindIndex(x => x.Pending && (x.Slot == signer || x.Slot == "person:" + signer || x.Person == signer));
        if (index < 0)
        {
            return Reject(RejectionCodes.NotSigner, "not-pending", ("signer", signer), ("step", TaskRules.Step(region, task.State)));
        }

        var remaining = task.Signers.Count - 1;
        if (remaining == 0 || (rule.Signing == SigningMode.Vote && rule.PassCount is { } count && count > remaining))
        {
            return Reject(RejectionCodes.OperationNotAllowed, "signing-unreachable", ("step", TaskRules.Step(region, task.State)));
        }

        Emit(CaseEventTypes.SignerRemoved, region: region.Name, idempotent: true, data: Data(
            ("region", region.Name), ("state", task.State), ("slot", task.Signers[index].Slot), ("index", index), ("by", _actor.Person)));
        var after = Current.People!.Task(region.Name)!;
        if (TaskRules.Conclusion(rule, after) is { } decided)
        {
            // Removing the last pending signer may decide the signing: fire as if the last signer had just signed.
            var @event = decided == "approve" ? rule.Approve : rule.Refuse;
            if (region.Row(task.State, @event) is { } row)
            {
                return Fire(region, Current.Region(region.Name)!, row[0], ValueMap.Empty, checkGuard: true);
            }
        }

        return null;
    }

    private Rejection? SendBack(CompiledRegion region, RegionState at, TaskRule rule, CaseTask task)
    {
        var step = TaskRules.Step(region, at.State);
        var check = rule.Signing != SigningMode.Single
            ? TaskRules.SignerSlot(_definition, Current, region, rule, task, _actor).Refusal
            : TaskRules.MayDecide(_definition, Current, region, rule, task, _actor);
        if (check is { } no)
        {
            return RejectTask(no);
        }

        if (!rule.MaySendBack)
        {
            return Reject(RejectionCodes.ReturnNotAllowed, null, ("step", step));
        }

        if (_command.Payload.GetString("reason") is not { Length: > 0 } reason)
        {
            return Reject(RejectionCodes.InvalidPayload, "send-back-reason");
        }

        var people = Current.People!;
        var to = _command.Payload.GetString("to") ?? people.Done.LastOrDefault(d => d.Region == region.Name && d.State != at.State)?.State;
        var allowed = to is not null && to != at.State && region.HasState(to)
            && (rule.Returns.Contains(to) || (rule.ReturnsAny && people.LastDone(region.Name, to) is not null));
        if (!allowed)
        {
            var choices = rule.ReturnsAny
                ? people.Done.Where(d => d.Region == region.Name && d.State != at.State).Select(d => d.State).Distinct().ToList()
                : [.. rule.Returns];
            return Reject(RejectionCodes.ReturnNotAllowed, "to", ("step", step),
                ("to", to is null ? Message.Of(RejectionCodes.ReturnNotAllowed + ".unnamed") : TaskRules.Step(region, to)),
                ("allowed", choices.Count == 0 ? Message.Of(RejectionCodes.ReturnNotAllowed + ".none") : choices.Select(c => TaskRules.Step(region, c)).ToList()));
        }

        var holder = people.LastDone(region.Name, to!)?.Person;
        Move(region, to, CaseEventTypes.SentBack, Data(("region", region.Name), ("from", at.State), ("to", to), ("reason", reason), ("person", _actor.Person), ("name", ActorName),
            ("toPerson", holder)), idempotent: true);
        _enterHolder = holder;
        _completedBy = null;
        Enter(region, to!, at.State);
        return null;
    }

    private Rejection? Recall()
    {
        var people = Current.People!;
        var mine = people.Tasks.Where(t => t.FromPerson == _actor.Person && (_command.Branch is not { } b || t.Region.EndsWith("/" + b, StringComparison.Ordinal) || t.Region == b)).ToList();
        if (mine.Count == 0 && TaskRules.IsPerson(_actor) && people.Done.LastOrDefault(d => d.Person == _actor.Person) is { } did
            && people.Done.LastOrDefault(d => d.Region == did.Region && d.Sequence > did.Sequence) is { } next)
        {
            var r = _definition.Region(next.Region)!;
            return Reject(RejectionCodes.RecallNotAllowed, "next-done",
                ("next", TaskRules.Step(r, next.State)), ("person", TaskRules.Person(next.Name, next.Person)), ("step", TaskRules.Step(r, did.State)));
        }

        if (mine.Count == 0 || !TaskRules.IsPerson(_actor))
        {
            return Reject(RejectionCodes.RecallNotAllowed, "nothing", ("person", _actor.Person));
        }

        var task = mine.FirstOrDefault(t => !t.Acted);
        if (task is null)
        {
            var acted = mine[0];
            var region0 = _definition.Region(acted.Region)!;
            return Reject(RejectionCodes.RecallNotAllowed, "next-acted", ("next", TaskRules.Step(region0, acted.State)), ("step", TaskRules.Step(region0, acted.From!)));
        }

        var region = _definition.Region(task.Region)!;
        Move(region, task.From, CaseEventTypes.Recalled, Data(("region", region.Name), ("from", task.State), ("to", task.From), ("person", _actor.Person), ("name", ActorName)), idempotent: true);
        _enterHolder = _actor.Person;
        _completedBy = null;
        Enter(region, task.From!, task.State);
        return null;
    }

    private Rejection? Urge(CompiledRegion region, CaseTask task)
    {
        if (_actor.Role is not (ActorRole.Window or ActorRole.Supervisor) && !Roles.IsLead(_definition, _actor))
        {
            return Reject(RejectionCodes.OperationNotAllowed, "urge", ("actor", _actor.RoleText));
        }

        var recipient = task.Holder is { } holder ? $"person:{holder}" : $"department:{task.Department}";
        var note = _command.Payload.GetString("note");
        Emit(CaseEventTypes.Urged, region: region.Name, idempotent: true, data: Data(
            ("region", region.Name), ("state", task.State), ("holder", task.Holder), ("department", task.Department), ("note", note), ("by", _actor.UserId)));
        var sequence = NextSequence;
        Emit(CaseEventTypes.Notification, data: ValueMap.Of(
            ("recipient", recipient),
            ("channel", "portal"),
            ("template", "urge"),
            ("title", Message.Of("notification.urge.title").Chinese),
            ("body", Message.Of("notification.urge", ("receipt", Current.Receipt), ("item", _definition.Definition.Item.Name), ("step", TaskRules.Step(region, task.State)),
                ("note", note is null ? Message.Of("notification.urge.end") : Message.Of("notification.urge.note", ("note", note)))).Chinese),
            ("dedupKey", $"{Current.CaseId}:{sequence}:urge")));
        return null;
    }

    private Rejection? Copy()
    {
        if (_actor.Role is ActorRole.Applicant or ActorRole.System || BuiltInAuthority.IsOutsider(_definition, _actor))
        {
            return Reject(RejectionCodes.OperationNotAllowed, "copy", ("actor", _actor.RoleText));
        }

        var recipients = _command.Payload.GetStrings("to")
            .Select(r => r.StartsWith("person:", StringComparison.Ordinal) || r.StartsWith("department:", StringComparison.Ordinal) ? r : "person:" + r)
            .Distinct(StringComparer.Ordinal).ToList();
        if (recipients.Count == 0)
        {
            return Reject(RejectionCodes.InvalidPayload, "copy-to");
        }

        var unknown = recipients.Where(r => r.StartsWith("department:", StringComparison.Ordinal)
            && BuiltInAuthority.IsOutsider(_definition, Actor.OfDepartment(r["department:".Length..], "copy"))).ToList();
        if (unknown.Count > 0)
        {
            return Reject(RejectionCodes.InvalidPayload, "copy-department", ("departments", unknown));
        }

        Emit(CaseEventTypes.Copied, idempotent: true, data: Data(("recipients", recipients), ("note", _command.Payload.GetString("note")), ("by", _actor.UserId)));
        return null;
    }

    private Rejection? MarkRead()
    {
        if (BuiltInAuthority.IsOutsider(_definition, _actor))
        {
            return Reject(RejectionCodes.TaskNotOpen, "no-copy");
        }

        var mine = (Current.People?.Copies ?? ValueList<CaseCopy>.Empty)
            .Where(c => c.ReadAt is null && (c.Recipient == $"person:{_actor.Person}" || (_actor.Department is { } d && c.Recipient == $"department:{d}")))
            .Select(c => c.Recipient).Distinct(StringComparer.Ordinal).ToList();
        if (mine.Count == 0)
        {
            return Reject(RejectionCodes.TaskNotOpen, "no-copy");
        }

        Emit(CaseEventTypes.CopyRead, idempotent: true, data: Data(("recipients", mine), ("person", _actor.Person)));
        return null;
    }
}
