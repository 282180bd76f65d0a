using System.ComponentModel;

namespace HongqiFlow.Definitions.Schema;

[Description("组织目录：部门、共享数据源与公共通知模板 / departments, data sources and shared templates")]
internal sealed class OrganizationShape
{
    [Description("部门，键为部门编号 / departments, keyed by department id")]
    public Dictionary<string, DepartmentShape>? Departments { get; set; }

    [Description("共享数据源，键为数据源编号 / data sources, keyed by data-source id")]
    public Dictionary<string, DataSourceShape>? DataSources { get; set; }

    [Description("公共通知模板，键为模板编号 / shared notification templates, keyed by template id")]
    public Dictionary<string, TemplateShape>? Templates { get; set; }
}
