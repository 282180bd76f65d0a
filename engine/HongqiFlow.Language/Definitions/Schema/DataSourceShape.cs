using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace HongqiFlow.Definitions.Schema;

[Description("共享数据源（数据共享）/ a data source other departments' materials are fetched from")]
internal sealed class DataSourceShape
{
    [Required]
    [Description("数据源名称 / data-source name")]
    public string? Name { get; set; }

    [Description("数据所属部门 / the department that owns the data")]
    public string? Owner { get; set; }
}
