using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace HongqiFlow.Definitions.Schema;

[Description("差评类别 / a bad-rating category")]
internal sealed class RatingCategoryShape
{
    [Required]
    [Description("类别编号，如 attitude / category id")]
    public string? Id { get; set; }

    [Required]
    [Description("类别名称，如 服务态度 / category name")]
    public string? Name { get; set; }
}
