using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace HongqiFlow.Definitions.Schema;

[Description("人员（身份以令牌为准；此处用于分派与显示姓名）/ a person (the token is the identity; listed for assigning and names)")]
internal sealed class PersonShape
{
    [Required]
    [Description("姓名 / display name")]
    public string? Name { get; set; }

    [ShapeForm(ShapeForm.NameOrList)]
    [Description("所任岗位 / the person's positions")]
    public object? Positions { get; set; }
}
