using HongqiFlow.Definitions.Model;

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

    private Rejection Reject(TaskRefusal refusal) => Reject(refusal.Code, refusal.Chinese, refusal.English);

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
        if (region.State(at.State).Task is not { } rule || _current.People?.Task(region.Name) is not { } task || task.State != at.State)
        {
            return null;
        }

        if (rule.Signing != SigningMode.Single && (name == rule.Approve || name == rule.Refuse))
        {
            var (index, refusal) = TaskRules.SignerSlot(_definition, _current, region, rule, task, _actor);
            if (refusal is { } refused)
            {
                return Reject(refused);
            }

            // A signature counts only where the step's condition holds (e.g. the shared records have arrived).
            if (row.Length == 1 && row[0].When is { } when && !EvaluateGuard(when, region, at.State, _command.Payload))
            {
                return Reject(RejectionCodes.GuardFalse, $"“{name}”的条件不满足：{when.Code}。", $"The condition of '{name}' does not hold: {when.Code}.", when.At);
            }

            Emit(CaseEventTypes.TaskSigned, region: region.Name, idempotent: true, data: Data(
                ("region", region.Name), ("state", at.State), ("index", index), ("slot", task.Signers[index].Slot), ("person", _actor.Person),
                ("name", ActorName), ("decision", name == rule.Approve ? "approve" : "refuse"), ("event", name),
                ("note", _command.Payload.GetString("note")), ("deputy", _actor.OnBehalfOf is null ? null : _actor.UserId)));
            recordedOnly = TaskRules.Conclusion(rule, _current.People!.Task(region.Name)!) is null;
            return null;
        }

        var check = rule.Signing != SigningMode.Single
            ? TaskRules.Eligible(_definition, _current, region, rule, task, _actor, null)
            : TaskRules.MayDecide(_definition, _current, region, rule, task, _actor);
        return check is { } no ? Reject(no) : null;
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
            ?? (rule.PersonFrom is { } key ? _current.Data.GetString(key) : null)
            ?? (rule.SameAs is { } same ? _current.People?.LastDone(region.Name, same)?.Person : null);
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
            return _current.Outcome is { } outcome
                ? Reject(RejectionCodes.CaseFinal, $"办件已办结（{outcome}），不能再“{name}”。", $"The case is finished ({outcome}); '{name}' is no longer possible.")
                : Reject(RejectionCodes.TaskNotOpen, $"办件当前没有可“{name}”的个人任务。", $"The case has no personal task to '{name}' now.");
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
        if (_current.People is not { } people)
        {
            return null;
        }

        var candidates = people.Tasks.Where(t => _command.Branch is not { } b || t.Region == b || t.Region.EndsWith("/" + b, StringComparison.Ordinal)).ToList();
        var mine = candidates.FirstOrDefault(t => t.Holder == _actor.Person || t.Delegate == _actor.Person || t.FromPerson == _actor.Person
            || t.Signers.Any(x => x.Person == _actor.Person))
            ?? candidates.FirstOrDefault(t => t.Department == _actor.Department)
            ?? candidates.FirstOrDefault();
        if (mine is null || _definition.Region(mine.Region) is not { } region || _current.Region(mine.Region) is not { } at
            || at.State != mine.State || region.State(at.State).Task is not { } rule)
        {
            return null;
        }

        return (region, at, rule, mine);
    }

    private Rejection? Claim(CompiledRegion region, RegionState at, TaskRule rule, CaseTask task)
    {
        var step = region.TitleOf(at.State);
        if (rule.Signing != SigningMode.Single)
        {
            return Reject(RejectionCodes.TaskNotOpen, $"“{step}”由签署人逐一签署，无需签收。", $"'{at.State}' is signed by its signers; it is not claimed.");
        }

        if (task.Holder is { } holder)
        {
            return holder == _actor.Person
                ? Reject(RejectionCodes.TaskNotOpen, $"“{step}”已由您签收。", $"You already hold '{at.State}'.")
                : Reject(TaskRules.HeldByOther(region, task, _actor));
        }

        if (TaskRules.Eligible(_definition, _current, region, rule, task, _actor, rule.Position) is { } no)
        {
            return Reject(no);
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
                ? Reject(RejectionCodes.TaskNotOpen, $"“{region.TitleOf(task.State)}”尚未被签收，无需退签。", $"'{task.State}' is not held by anyone.")
                : Reject(TaskRules.HeldByOther(region, task, _actor));
        }

        if (task.Delegate is not null)
        {
            return Reject(RejectionCodes.TaskNotOpen, $"“{region.TitleOf(task.State)}”已委派，收回前不能退签。", $"'{task.State}' is delegated; it cannot be released now.");
        }

        Emit(CaseEventTypes.TaskReleased, region: region.Name, idempotent: true, data: Data(("region", region.Name), ("state", task.State), ("person", _actor.Person)));
        return null;
    }

    private Rejection? Assign(CompiledRegion region, TaskRule rule, CaseTask task)
    {
        if (!TaskRules.Assigns(_definition, task, _actor))
        {
            return Reject(RejectionCodes.OperationNotAllowed,
                $"只有{TaskRules.DepartmentName(_definition, task.Department)}的负责人（可分派的岗位）才能分派“{region.TitleOf(task.State)}”。",
                $"Only a leader (a position that assigns) of {task.Department} may assign '{task.State}'.");
        }

        if (rule.Signing != SigningMode.Single)
        {
            return Reject(RejectionCodes.TaskNotOpen, $"“{region.TitleOf(task.State)}”由签署人签署，请用加签、减签调整签署人。", $"'{task.State}' is signed by signers; add or remove signers instead.");
        }

        if (_command.Payload.GetString("to") is not { Length: > 0 } to)
        {
            return Reject(RejectionCodes.InvalidPayload, "分派需要指明接收人（to）。", "assign needs the person to give the task to (to).");
        }

        if (TaskRules.Receiver(_definition, _current, region, rule, task, to, task.Department) is { } no)
        {
            return Reject(no);
        }

        Emit(CaseEventTypes.TaskAssigned, region: region.Name, idempotent: true, data: Data(
            ("region", region.Name), ("state", task.State), ("from", task.Holder), ("to", to), ("name", TaskRules.PersonName(_definition, task.Department, to)),
            ("by", _actor.Person), ("reason", _command.Payload.GetString("reason"))));
        return null;
    }

    private Rejection? Transfer(CompiledRegion region, TaskRule rule, CaseTask task)
    {
        if (HolderCheck(region, task, "转办", "transfer") is { } notHolder)
        {
            return notHolder;
        }

        if (_command.Payload.GetString("reason") is not { Length: > 0 } reason)
        {
            return Reject(RejectionCodes.InvalidPayload, "转办须填写理由（reason）。", "transfer needs a reason.");
        }

        if (_command.Payload.GetString("department") is { Length: > 0 } department && department != task.Department)
        {
            if (!rule.Transfer)
            {
                return Reject(RejectionCodes.OperationNotAllowed,
                    $"本事项不允许将“{region.TitleOf(task.State)}”转办到其他部门。",
                    $"The item does not allow '{task.State}' to be transferred to another department.");
            }

            if (_definition.Department(department) is null)
            {
                return Reject(RejectionCodes.InvalidPayload, $"“{department}”不是组织目录中的部门。", $"'{department}' is not a department of the organization.");
            }

            Emit(CaseEventTypes.TaskTransferred, region: region.Name, idempotent: true, data: Data(
                ("region", region.Name), ("state", task.State), ("from", _actor.Person), ("department", department), ("reason", reason)));
            return null;
        }

        if (_command.Payload.GetString("to") is not { Length: > 0 } to || to == _actor.Person)
        {
            return Reject(RejectionCodes.InvalidPayload, "转办需要指明另一位接收人（to）或部门（department）。", "transfer needs another person (to) or a department.");
        }

        if (TaskRules.Receiver(_definition, _current, region, rule, task, to, task.Department) is { } no)
        {
            return Reject(no);
        }

        Emit(CaseEventTypes.TaskTransferred, region: region.Name, idempotent: true, data: Data(
            ("region", region.Name), ("state", task.State), ("from", _actor.Person), ("to", to), ("name", TaskRules.PersonName(_definition, task.Department, to)), ("reason", reason)));
        return null;
    }

    private Rejection? HolderCheck(CompiledRegion region, CaseTask task, string zh, string en)
    {
        if (task.Holder is null)
        {
            return Reject(RejectionCodes.TaskNotOpen, $"“{region.TitleOf(task.State)}”尚未签收，请先签收再{zh}。", $"'{task.State}' is not held; claim it before you {en} it.");
        }

        if (task.Holder != _actor.Person || !TaskRules.IsPerson(_actor))
        {
            return Reject(TaskRules.HeldByOther(region, task, _actor));
        }

        return task.Delegate is not null
            ? Reject(RejectionCodes.TaskNotOpen, $"“{region.TitleOf(task.State)}”已委派，办理完毕前不能{zh}。", $"'{task.State}' is delegated; it cannot be {en}ed now.")
            : null;
    }

    private Rejection? DelegateTask(CompiledRegion region, CaseTask task)
    {
        if (HolderCheck(region, task, "委派", "delegate") is { } notHolder)
        {
            return notHolder;
        }

        if (_command.Payload.GetString("to") is not { Length: > 0 } to || to == _actor.Person)
        {
            return Reject(RejectionCodes.InvalidPayload, "委派需要指明另一位办理人（to）。", "delegate needs another person (to).");
        }

        if (_definition.Department(task.Department) is { People.Count: > 0 } department && department.Person(to) is null)
        {
            return Reject(RejectionCodes.NotEligible, $"{to}不是{department.Name}的人员。", $"{to} is not a person of {task.Department}.");
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
            return Reject(RejectionCodes.TaskNotOpen,
                $"“{region.TitleOf(task.State)}”没有委派给{_actor.Person}。",
                $"'{task.State}' is not delegated to {_actor.Person}.");
        }

        Emit(CaseEventTypes.TaskResolved, region: region.Name, idempotent: true, data: Data(
            ("region", region.Name), ("state", task.State), ("person", _actor.Person), ("to", task.Holder), ("note", _command.Payload.GetString("note"))));
        return null;
    }

    private Rejection? AddSigner(CompiledRegion region, TaskRule rule, CaseTask task)
    {
        if (rule.Signing == SigningMode.Single)
        {
            return Reject(RejectionCodes.TaskNotOpen, $"“{region.TitleOf(task.State)}”不是多人签署环节，不能加签。", $"'{task.State}' is not signed by several people; no signer can be added.");
        }

        var ownSlot = task.Signers.ToList().FindIndex(x => x.Pending && (x.Person == _actor.Person || (x.Person is null && _actor.Holds(x.Slot))));
        var signed = task.Signers.Any(x => x.Person == _actor.Person);
        if (!TaskRules.Assigns(_definition, task, _actor) && ownSlot < 0 && !signed)
        {
            return Reject(RejectionCodes.OperationNotAllowed,
                $"只有“{region.TitleOf(task.State)}”的签署人或部门负责人才能加签。",
                $"Only a signer of '{task.State}' or a leader of {task.Department} may add a signer.");
        }

        if (_command.Payload.GetString("signer") is not { Length: > 0 } signer)
        {
            return Reject(RejectionCodes.InvalidPayload, "加签需要指明签署人（signer：人员编号或岗位）。", "add-signer needs the signer (a person id or a position).");
        }

        var department = _definition.Department(task.Department);
        var slot = signer.StartsWith("person:", StringComparison.Ordinal) || department?.Position(signer) is null && !signer.Contains(':', StringComparison.Ordinal)
            ? (signer.StartsWith("person:", StringComparison.Ordinal) ? signer : "person:" + signer)
            : signer;
        var person = slot.StartsWith("person:", StringComparison.Ordinal) ? slot["person:".Length..] : null;
        if (person is not null && department is { People.Count: > 0 } && department.Person(person) is null)
        {
            return Reject(RejectionCodes.NotEligible, $"{person}不是{department.Name}的人员。", $"{person} is not a person of {task.Department}.");
        }

        if (person is not null && task.Signers.Any(x => x.Person == person))
        {
            return Reject(RejectionCodes.InvalidPayload, $"{person}已是“{region.TitleOf(task.State)}”的签署人。", $"{person} is already a signer of '{task.State}'.");
        }

        var where = _command.Payload.GetString("where") ?? "after";
        if (where is not ("before" or "after" or "alongside"))
        {
            return Reject(RejectionCodes.InvalidPayload, "加签位置（where）只能是 before、after 或 alongside。", "where must be before, after or alongside.");
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
            return Reject(RejectionCodes.TaskNotOpen, $"“{region.TitleOf(task.State)}”不是多人签署环节，不能减签。", $"'{task.State}' is not signed by several people; no signer can be removed.");
        }

        if (!TaskRules.Assigns(_definition, task, _actor))
        {
            return Reject(RejectionCodes.OperationNotAllowed,
                $"只有{TaskRules.DepartmentName(_definition, task.Department)}的负责人才能减签。",
                $"Only a leader of {task.Department} may remove a signer.");
        }

        var signer = _command.Payload.GetString("signer") ?? string.Empty;
        var index = task.Signers.ToList().FindIndex(x => x.Pending && (x.Slot == signer || x.Slot == "person:" + signer || x.Person == signer));
        if (index < 0)
        {
            return Reject(RejectionCodes.NotSigner, $"“{signer}”不是“{region.TitleOf(task.State)}”尚未签署的签署人。", $"'{signer}' is not a pending signer of '{task.State}'.");
        }

        var remaining = task.Signers.Count - 1;
        if (remaining == 0 || (rule.Signing == SigningMode.Vote && rule.PassCount is { } count && count > remaining))
        {
            return Reject(RejectionCodes.OperationNotAllowed,
                $"减签后“{region.TitleOf(task.State)}”的签署规则无法满足。",
                $"Without this signer the signing of '{task.State}' could never pass.");
        }

        Emit(CaseEventTypes.SignerRemoved, region: region.Name, idempotent: true, data: Data(
            ("region", region.Name), ("state", task.State), ("slot", task.Signers[index].Slot), ("index", index), ("by", _actor.Person)));
        var after = _current.People!.Task(region.Name)!;
        if (TaskRules.Conclusion(rule, after) is { } decided)
        {
            // Removing the last pending signer may decide the signing: fire as if the last signer had just signed.
            var @event = decided == "approve" ? rule.Approve : rule.Refuse;
            if (region.Row(task.State, @event) is { } row)
            {
                return Fire(region, _current.Region(region.Name)!, row[0], ValueMap.Empty, checkGuard: true);
            }
        }

        return null;
    }

    private Rejection? SendBack(CompiledRegion region, RegionState at, TaskRule rule, CaseTask task)
    {
        var step = region.TitleOf(at.State);
        var check = rule.Signing != SigningMode.Single
            ? TaskRules.SignerSlot(_definition, _current, region, rule, task, _actor).Refusal
            : TaskRules.MayDecide(_definition, _current, region, rule, task, _actor);
        if (check is { } no)
        {
            return Reject(no);
        }

        if (!rule.MaySendBack)
        {
            return Reject(RejectionCodes.ReturnNotAllowed, $"本事项不允许从“{step}”退回。", $"The item does not allow '{at.State}' to send the case back.");
        }

        if (_command.Payload.GetString("reason") is not { Length: > 0 } reason)
        {
            return Reject(RejectionCodes.InvalidPayload, "退回须填写理由（reason）。", "send-back needs a reason.");
        }

        var people = _current.People!;
        var to = _command.Payload.GetString("to") ?? people.Done.LastOrDefault(d => d.Region == region.Name && d.State != at.State)?.State;
        var allowed = to is not null && to != at.State && region.HasState(to)
            && (rule.Returns.Contains(to) || (rule.ReturnsAny && people.LastDone(region.Name, to) is not null));
        if (!allowed)
        {
            var choices = rule.ReturnsAny
                ? people.Done.Where(d => d.Region == region.Name && d.State != at.State).Select(d => d.State).Distinct().ToList()
                : [.. rule.Returns];
            return Reject(RejectionCodes.ReturnNotAllowed,
                $"“{step}”不能退回到“{(to is null ? "（未指明）" : region.TitleOf(to))}”；可退回：{(choices.Count == 0 ? "无" : string.Join("、", choices.Select(region.TitleOf)))}。",
                $"'{at.State}' cannot send the case back to '{to}'; allowed: {(choices.Count == 0 ? "none" : string.Join(", ", choices))}.");
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
        var people = _current.People!;
        var mine = people.Tasks.Where(t => t.FromPerson == _actor.Person && (_command.Branch is not { } b || t.Region.EndsWith("/" + b, StringComparison.Ordinal) || t.Region == b)).ToList();
        if (mine.Count == 0 && TaskRules.IsPerson(_actor) && people.Done.LastOrDefault(d => d.Person == _actor.Person) is { } did
            && people.Done.LastOrDefault(d => d.Region == did.Region && d.Sequence > did.Sequence) is { } next)
        {
            var r = _definition.Region(next.Region)!;
            return Reject(RejectionCodes.RecallNotAllowed,
                $"下一环节“{r.TitleOf(next.State)}”已由{next.Name ?? next.Person}办理，不能撤回“{r.TitleOf(did.State)}”。",
                $"The next step '{next.State}' has already been done by {next.Person}; '{did.State}' can no longer be recalled.");
        }

        if (mine.Count == 0 || !TaskRules.IsPerson(_actor))
        {
            return Reject(RejectionCodes.RecallNotAllowed,
                $"{_actor.Person}没有刚办理完、可撤回的环节（只能撤回本人办理的上一环节）。",
                $"{_actor.Person} has no step just done that could be recalled (only the person who did the previous step may recall it).");
        }

        var task = mine.FirstOrDefault(t => !t.Acted);
        if (task is null)
        {
            var acted = mine[0];
            var region0 = _definition.Region(acted.Region)!;
            return Reject(RejectionCodes.RecallNotAllowed,
                $"下一环节“{region0.TitleOf(acted.State)}”已开始办理，不能撤回“{region0.TitleOf(acted.From!)}”。",
                $"The next step '{acted.State}' has already acted; '{acted.From}' can no longer be recalled.");
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
            return Reject(RejectionCodes.OperationNotAllowed,
                $"只有牵头部门、窗口或监督人员才能催办，当前操作人是{_actor.RoleText}。",
                $"Only the lead department, the window or a supervisor may urge, not {_actor.RoleText}.");
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
            ("title", "催办通知"),
            ("body", $"办件 {_current.Receipt}“{_definition.Definition.Item.Name}”的“{region.TitleOf(task.State)}”环节被催办" + (note is null ? "。" : $"：{note}")),
            ("dedupKey", $"{_current.CaseId}:{sequence}:urge")));
        return null;
    }

    private Rejection? Copy()
    {
        if (_actor.Role is ActorRole.Applicant or ActorRole.System || BuiltInAuthority.IsOutsider(_definition, _actor))
        {
            return Reject(RejectionCodes.OperationNotAllowed, $"{_actor.RoleText}不能抄送本办件（只有窗口、监督人员和本事项的办理部门可以抄送）。", $"{_actor.RoleText} may not send copies of this case (the window, supervisors and the item's departments may).");
        }

        var recipients = _command.Payload.GetStrings("to")
            .Select(r => r.StartsWith("person:", StringComparison.Ordinal) || r.StartsWith("department:", StringComparison.Ordinal) ? r : "person:" + r)
            .Distinct(StringComparer.Ordinal).ToList();
        if (recipients.Count == 0)
        {
            return Reject(RejectionCodes.InvalidPayload, "抄送需要指明接收人（to：人员编号或 department:部门编号）。", "copy needs recipients (to: person ids or department:ID).");
        }

        var unknown = recipients.Where(r => r.StartsWith("department:", StringComparison.Ordinal)
            && BuiltInAuthority.IsOutsider(_definition, Actor.OfDepartment(r["department:".Length..], "copy"))).ToList();
        if (unknown.Count > 0)
        {
            return Reject(RejectionCodes.InvalidPayload,
                $"{string.Join("、", unknown)}不是本事项的办理部门，不能抄送（抄送对象须能查看本办件）。",
                $"{string.Join(", ", unknown)} takes no part in this item and could not read the copy.");
        }

        Emit(CaseEventTypes.Copied, idempotent: true, data: Data(("recipients", recipients), ("note", _command.Payload.GetString("note")), ("by", _actor.UserId)));
        return null;
    }

    private Rejection? MarkRead()
    {
        if (BuiltInAuthority.IsOutsider(_definition, _actor))
        {
            return Reject(RejectionCodes.TaskNotOpen, "没有抄送给您的未读办件。", "There is no unread copy of this case for you.");
        }

        var mine = (_current.People?.Copies ?? ValueList<CaseCopy>.Empty)
            .Where(c => c.ReadAt is null && (c.Recipient == $"person:{_actor.Person}" || (_actor.Department is { } d && c.Recipient == $"department:{d}")))
            .Select(c => c.Recipient).Distinct(StringComparer.Ordinal).ToList();
        if (mine.Count == 0)
        {
            return Reject(RejectionCodes.TaskNotOpen, "没有抄送给您的未读办件。", "There is no unread copy of this case for you.");
        }

        Emit(CaseEventTypes.CopyRead, idempotent: true, data: Data(("recipients", mine), ("person", _actor.Person)));
        return null;
    }
}
