using HongqiFlow.Definitions.Model;
using HongqiFlow.Runtime;
using HongqiFlow.Tests.Runtime.Support;
using static HongqiFlow.Tests.Runtime.Support.CaseDriver;

namespace HongqiFlow.Tests.Runtime;

public sealed class NotificationTests
{
    [Fact]
    public void PersonalDataMask_IdNumberAndPhone_KeepOnlyWhatIdentifiesTheRecord()
    {
        PersonalDataMask.IdNumber("110101199001011234").ShouldBe("110101********1234");
        PersonalDataMask.Phone("13800000000").ShouldBe("138****0000");
        PersonalDataMask.Phone("12345").ShouldBe("*****");
    }

    [Fact]
    public void Applicant_ToString_NeverShowsPersonalDataInFull()
    {
        ZhangSan.ToString().ShouldBe("Applicant { Name = 张三, IdNumber = 110101********1234, Phone = 138****0000, BadCredit = False, FalsePledge = False }");
    }

    [Fact]
    public void Issue_DecisionNotification_RenderedWithDeterministicDedupKey()
    {
        var d = AtIssuing();

        var events = d.Send("issue", Window);

        events[2].Data.ShouldBe(ValueMap.Of(
            ("recipient", "applicant"), ("channel", "sms"), ("template", "decision"), ("title", "办理结果通知"),
            ("body", "张三：您申请的“企业开办”已办结，结果：准予许可。"), ("dedupKey", $"case-1:{events[2].Sequence}:decision")));
    }

    [Fact]
    public void ItemTemplate_OverridesTheOrganizationsAndMasksPersonalData()
    {
        var definition = TestDefinitions.Enterprise() with
        {
            Templates = new[]
            {
                new TemplateDefinition { Id = "decision", Title = "{{item.name}}办结", Body = "{{applicant.name}}（{{applicant.idNumber}}，{{applicant.phone}}）：{{case.outcome}}，承诺时限 {{item.promised}}，{{unknown}}" },
            },
        };
        var d = AtIssuing(TestDefinitions.Compile(definition));

        var notification = d.Send("issue", Window).Single(e => e.Type == "notification");

        notification.Data.GetString("title").ShouldBe("企业开办办结");
        notification.Data.GetString("body").ShouldBe("张三（110101********1234，138****0000）：准予许可，承诺时限 0.5 个工作日，—");
    }

    [Fact]
    public void ObligationRule_OpenedSupplement_NotifiesTheWindow()
    {
        var definition = TestDefinitions.Enterprise() with
        {
            Notify = new[] { new NotificationRule { Kind = NotificationTriggerKind.Obligation, Subject = "supplement", Phase = "opened", To = "window", Template = "tolerance-notice" } },
        };
        var d = Started(TestDefinitions.Compile(definition), submitted: ["application", "articles", "premises"]);

        var events = d.Send("accept-tolerated", Window);

        Types(events).Take(5).ShouldBe(["accept-tolerated", "materials-tolerated", "obligation-opened", "timer-set", "notification"]);
        events[4].Data.GetString("recipient").ShouldBe("window");
    }
}
