namespace HongqiFlow.Runtime;

/// <summary>Who may fire an event (<c>by:</c>): the roles of the service center.</summary>
public enum ActorRole
{
    /// <summary>窗口人员: the comprehensive window clerk.</summary>
    Window,

    /// <summary>申请人: the citizen or enterprise.</summary>
    Applicant,

    /// <summary>The engine itself: timers, automatic steps (秒批), data sharing.</summary>
    System,

    /// <summary>监督人员: supervision of the service center.</summary>
    Supervisor,

    /// <summary>牵头部门: a user of the item's lead department acting as coordinator.</summary>
    Lead,

    /// <summary>A reviewing department; <see cref="Actor.Department"/> says which.</summary>
    Department,
}
