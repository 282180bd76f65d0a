using System.Globalization;
using System.Text;
using HongqiFlow.Storage.Cryptography;

namespace HongqiFlow.Storage.Checkpoints;

/// <summary>
/// The SM3 Merkle root of checkpoint leaves, sorted by case id (ordinal). A leaf hashes <c>0x00</c> and its
/// length-prefixed fields, an inner node <c>0x01</c> and its two children (so a leaf can never pass for a node, as in
/// RFC 6962); an odd node at the end of a level moves up unchanged.
/// </summary>
public static class MerkleRoot
{
    /// <summary>The root of no leaves (and the previous root of the first checkpoint).</summary>
    public static readonly string Empty = Convert.ToHexStringLower(Sm3.Hash([]));

    public static string Compute(IEnumerable<CheckpointLeaf> leaves)
    {
        ArgumentNullException.ThrowIfNull(leaves);
        var level = leaves.OrderBy(l => l.CaseId, StringComparer.Ordinal).Select(Leaf).ToList();
        if (level.Count == 0)
        {
            return Empty;
        }

        while (level.Count > 1)
        {
            var next = new List<byte[]>((level.Count + 1) / 2);
            for (var i = 0; i < level.Count; i += 2)
            {
                next.Add(i + 1 < level.Count ? Node(level[i], level[i + 1]) : level[i]);
            }

            level = next;
        }

        return Convert.ToHexStringLower(level[0]);
    }

    internal static byte[] Leaf(CheckpointLeaf leaf)
    {
        var text = new StringBuilder();
        foreach (var field in (string[])[leaf.CaseId, leaf.Version.ToString(CultureInfo.InvariantCulture), leaf.HeadHash])
        {
            text.Append(field.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(field).Append('\n');
        }

        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        var input = new byte[bytes.Length + 1];
        bytes.CopyTo(input, 1);
        return Sm3.Hash(input);
    }

    private static byte[] Node(byte[] left, byte[] right)
    {
        var input = new byte[1 + left.Length + right.Length];
        input[0] = 1;
        left.CopyTo(input, 1);
        right.CopyTo(input, 1 + left.Length);
        return Sm3.Hash(input);
    }
}
