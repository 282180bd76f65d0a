using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace HongqiFlow.Definitions.Schema;

[Description("可复用的分支流程 / a reusable branch body")]
internal sealed class FragmentShape
{
    [Required]
    [Description("片段的状态，键为状态名 / the fragment's states, keyed by state name")]
    public Dictionary<string, StateShape>? States { get; set; }
}
