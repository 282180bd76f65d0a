namespace HongqiFlow.Server.Definitions;

/// <summary>The starting texts of a new item (POST /api/definitions): <c>basic</c> (one window, one department) and <c>parallel</c> (三部门并联).</summary>
public static class DefinitionTemplates
{
    public static IReadOnlyList<string> Names { get; } = ["basic", "parallel"];

    public static string? Render(string template, string code, string name) => template switch
    {
        "basic" => Basic.Replace("{code}", code, StringComparison.Ordinal).Replace("{name}", name, StringComparison.Ordinal),
        "parallel" => Parallel.Replace("{code}", code, StringComparison.Ordinal).Replace("{name}", name, StringComparison.Ordinal),
        _ => null,
    };

    private const string Basic = """
        # {name}
        hongqiflow: 1
        item:
          code: {code}
          name: {name}
          version: 1
          kind: promised
          lead: government-service
          calendar: cn-mainland
          timeLimit:
            statutory: 20wd
            promised: 5wd

        materials:
          - { id: application, name: 申请书, core: true }

        states:
          received:
            title: 收件
            initial: true
            on:
              accept:         { to: reviewing, by: window, when: "missing.length === 0" }
              notify-missing: { to: correcting, by: window, notice: one-time }
          correcting:
            title: 补正材料
            clock: not-started
            on:
              resubmit: { to: received, by: [applicant, window] }
          reviewing:
            title: 审查
            department: government-service
            on:
              approve: { to: issued, by: window }
              reject:  { to: rejected, by: window }
          issued:   { title: 已办结, final: true, outcome: approved }
          rejected: { title: 不予许可, final: true, outcome: rejected }

        """;

    private const string Parallel = """
        # {name}
        hongqiflow: 1
        item:
          code: {code}
          name: {name}
          version: 1
          kind: promised
          lead: market-regulation
          calendar: cn-mainland
          timeLimit:
            statutory: 8.5wd
            promised: 1wd

        materials:
          - { id: application, name: 申请书, core: true }

        states:
          received:
            title: 收件
            initial: true
            on:
              accept:         { to: approval, by: window, when: "missing.length === 0" }
              notify-missing: { to: correcting, by: window, notice: one-time }
          correcting:
            title: 补正材料
            clock: not-started
            on:
              resubmit: { to: received, by: [applicant, window] }
          approval:
            title: 并联审批
            parallel:
              join: all
              onReject: rejected
              branches:
                market: { department: market-regulation, title: 市场监管, use: review }
                tax:    { department: tax, title: 税务, use: review }
            onDone: issuing
          issuing:
            title: 出证
            department: government-service
            on:
              issue: { to: issued, by: window }
          issued:   { title: 已办结, final: true, outcome: approved }
          rejected: { title: 不予许可, final: true, outcome: rejected }

        fragments:
          review:
            states:
              reviewing: { title: 审查, initial: true, on: { approve: approved, reject: rejected } }
              approved:  { title: 同意, final: true, outcome: approved }
              rejected:  { title: 不同意, final: true, outcome: rejected }

        """;
}
