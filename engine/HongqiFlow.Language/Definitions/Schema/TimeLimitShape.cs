using System.ComponentModel;

namespace HongqiFlow.Definitions.Schema;

[Description("办理时限 / time limits counted from acceptance")]
internal sealed class TimeLimitShape
{
    [ShapeForm(ShapeForm.Duration)]
    [Description("法定时限，自受理起计算，如 20wd / statutory time limit, counted from acceptance, e.g. 20wd")]
    public string? Statutory { get; set; }

    [ShapeForm(ShapeForm.Duration)]
    [Description("承诺时限，自受理起按工作日计算，不得长于法定时限 / promised time limit, counted in working days from acceptance; at most the statutory one")]
    public string? Promised { get; set; }

    [ShapeForm(ShapeForm.Percent)]
    [Description("黄色预警阈值，如 75% / yellow warning when this share of a limit is used, e.g. 75%")]
    public string? WarnAt { get; set; }

    [Description("为 true 时所有时限和定时器必须使用工作日/工作小时 / when true, every limit and timer must be in working units (wd, wh)")]
    public bool? RequireWorkingDays { get; set; }

    [ShapeValues("whole-days", "elapsed")]
    [Description("工作日时限的计算方法，缺省按工作日历：whole-days 受理当日不计入、自下一工作日起算至第 N 个工作日下班（民法典第二百零一条、第二百零三条，行政许可法第八十二条），elapsed 自受理时刻起按经过的工作时间计算 / how limits in working days count, default from the calendar: whole-days starts on the next working day and ends at close of business of the Nth; elapsed counts working time from the moment of acceptance")]
    public string? DayCounting { get; set; }
}
