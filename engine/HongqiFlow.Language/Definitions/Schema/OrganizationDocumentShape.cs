using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace HongqiFlow.Definitions.Schema;

[Description("HongqiFlow 组织目录（organization.yaml）/ the HongqiFlow organization directory")]
internal sealed class OrganizationDocumentShape
{
    [Required]
    [Description("语言版本，目前为 1 / language version of this file, currently 1")]
    public int? Hongqiflow { get; set; }

    [Required]
    [Description("组织目录 / the directory")]
    public OrganizationShape? Organization { get; set; }
}
