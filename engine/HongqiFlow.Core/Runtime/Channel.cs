namespace HongqiFlow.Runtime;

/// <summary>Where an action came from; the programme measures the online and assisted shares.</summary>
public enum Channel
{
    /// <summary>At the service center window.</summary>
    Window,

    /// <summary>全程网办: the online portal or app.</summary>
    Online,

    /// <summary>帮办代办: a clerk acting on the applicant's behalf.</summary>
    Assisted,
}
