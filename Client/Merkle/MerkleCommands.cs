using System.CommandLine;
using System.Globalization;
using Actors.Domain.Merkle;

namespace Actors.Client.Merkle;

/// <summary>
/// <c>merkle root|prove|verify-inclusion|verify-consistency</c>: RFC 9162 Merkle trees computed and checked offline. A
/// <c>&lt;leafhex&gt;</c> is a leaf's data (not its hash) as hex, with or without <c>0x</c> (<c>0x</c> alone is the empty
/// leaf); the tree hashes it as SHA-256(0x00 || data). Hashes (roots, path elements) are 32 bytes as hex. Output: the result
/// alone on stdout. Exit codes: 0 done or valid proof, 1 invalid proof, 2 bad input (with a message on stderr).
/// </summary>
internal static class MerkleCommands
{
    private const string LeafHelp = "Leaf data as hex (0x optional; 0x alone is an empty leaf), hashed as SHA-256(0x00 || data).";
    private const string PathHelp = "The proof's hashes as hex, in the order merkle prove prints them (one per line).";

    public static Command Create()
    {
        var leaves = new Argument<string[]>("leafhex") { Description = LeafHelp, Arity = ArgumentArity.ZeroOrMore };
        var root = new Command("root", "Print the tree's root hash (0x and 64 hex digits); with no leaves, the empty tree's root, SHA-256 of nothing.") { leaves };
        root.SetAction(result => Root(result.GetValue(leaves) ?? [], Console.Out, Console.Error));

        var index = new Option<string>("--index") { Description = "The leaf's zero-based index." };
        var proveLeaves = new Argument<string[]>("leafhex") { Description = LeafHelp, Arity = ArgumentArity.ZeroOrMore };
        var prove = new Command("prove", "Print the inclusion proof (audit path) of leaf --index: one 0x hash per line, leaf's sibling first.")
        {
            index, proveLeaves,
        };
        prove.SetAction(result => Prove(result.GetValue(index), result.GetValue(proveLeaves) ?? [], Console.Out, Console.Error));

        var size = new Option<string>("--size") { Description = "The tree's number of leaves." };
        var leaf = new Option<string>("--leaf") { Description = LeafHelp };
        var rootHash = new Option<string>("--root") { Description = "The tree's root hash." };
        var path = new Argument<string[]>("pathhex") { Description = PathHelp, Arity = ArgumentArity.ZeroOrMore };
        var verifyInclusion = new Command("verify-inclusion", "Check an inclusion proof; print valid or invalid.")
        {
            index, size, leaf, rootHash, path,
        };
        verifyInclusion.SetAction(result => VerifyInclusion(
            new InclusionClaim(result.GetValue(index), result.GetValue(size), result.GetValue(leaf), result.GetValue(rootHash), result.GetValue(path) ?? []),
            Console.Out,
            Console.Error));

        var first = new Option<string>("--first") { Description = "The older tree's number of leaves (at least 1)." };
        var second = new Option<string>("--second") { Description = "The newer tree's number of leaves (at least --first)." };
        var firstRoot = new Option<string>("--first-root") { Description = "The older tree's root hash." };
        var secondRoot = new Option<string>("--second-root") { Description = "The newer tree's root hash." };
        var consistencyPath = new Argument<string[]>("pathhex")
        {
            Description = "The consistency proof's hashes as hex, in RFC 9162 order (PROOF(first, D[second])).",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var verifyConsistency = new Command("verify-consistency", "Check that the older tree is a prefix of the newer one; print valid or invalid.")
        {
            first, second, firstRoot, secondRoot, consistencyPath,
        };
        verifyConsistency.SetAction(result => VerifyConsistency(
            new ConsistencyClaim(result.GetValue(first), result.GetValue(second), result.GetValue(firstRoot), result.GetValue(secondRoot), result.GetValue(consistencyPath) ?? []),
            Console.Out,
            Console.Error));

        return new Command("merkle", "RFC 9162 Merkle trees: roots, inclusion proofs, and verification of inclusion and consistency proofs.")
        {
            root, prove, verifyInclusion, verifyConsistency,
        };
    }

    /// <summary><c>merkle root</c>: prints MTH of the leaves.</summary>
    public static int Root(IReadOnlyList<string> leaves, TextWriter output, TextWriter errors)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (!TryReadTree(leaves, errors, out var tree))
        {
            return 2;
        }

        output.WriteLine(tree.Root);
        return 0;
    }

    /// <summary><c>merkle prove</c>: prints PATH(index, D[n]), one hash per line, bottom-up (nothing for a one-leaf tree).</summary>
    public static int Prove(string? index, IReadOnlyList<string> leaves, TextWriter output, TextWriter errors)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (!TryReadTree(leaves, errors, out var tree) || !TryReadCount("--index", index, errors, out var leafIndex))
        {
            return 2;
        }

        if (!MerkleVerifier.TryValidateInclusion(leafIndex, tree.Count, out var reason))
        {
            return BadInput(reason, errors);
        }

        foreach (var hash in tree.InclusionProof((int)leafIndex))
        {
            output.WriteLine(hash);
        }

        return 0;
    }

    /// <summary><c>merkle verify-inclusion</c>: prints <c>valid</c> (exit 0) or <c>invalid</c> (exit 1).</summary>
    public static int VerifyInclusion(InclusionClaim claim, TextWriter output, TextWriter errors)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(output);
        if (!TryReadCount("--index", claim.Index, errors, out var index)
            || !TryReadCount("--size", claim.Size, errors, out var size)
            || !TryRead<byte[]>("--leaf", claim.Leaf, HexText.TryDecode, errors, out var leaf)
            || !TryRead<MerkleHash>("--root", claim.Root, MerkleHash.TryParse, errors, out var root)
            || !TryReadPath(claim.Path, errors, out var path))
        {
            return 2;
        }

        return MerkleVerifier.TryValidateInclusion(index, size, out var reason)
            ? Report(MerkleVerifier.VerifyInclusion(MerkleHash.OfLeaf(leaf), index, size, path, root), output)
            : BadInput(reason, errors);
    }

    /// <summary><c>merkle verify-consistency</c>: prints <c>valid</c> (exit 0) or <c>invalid</c> (exit 1).</summary>
    public static int VerifyConsistency(ConsistencyClaim claim, TextWriter output, TextWriter errors)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(output);
        if (!TryReadCount("--first", claim.First, errors, out var first)
            || !TryReadCount("--second", claim.Second, errors, out var second)
            || !TryRead<MerkleHash>("--first-root", claim.FirstRoot, MerkleHash.TryParse, errors, out var firstRoot)
            || !TryRead<MerkleHash>("--second-root", claim.SecondRoot, MerkleHash.TryParse, errors, out var secondRoot)
            || !TryReadPath(claim.Path, errors, out var path))
        {
            return 2;
        }

        return MerkleVerifier.TryValidateConsistency(first, second, out var reason)
            ? Report(MerkleVerifier.VerifyConsistency(first, second, firstRoot, secondRoot, path), output)
            : BadInput(reason, errors);
    }

    private static int Report(bool valid, TextWriter output)
    {
        output.WriteLine(valid ? "valid" : "invalid");
        return valid ? 0 : 1;
    }

    private static int BadInput(string reason, TextWriter errors)
    {
        errors.WriteLine(reason);
        return 2;
    }

    private delegate bool TryParser<T>(string? text, out T? value, out string? reason);

    private static bool TryRead<T>(string name, string? text, TryParser<T> parse, TextWriter errors, out T value)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (text is null)
        {
            errors.WriteLine($"{name} is required");
        }
        else if (parse(text, out var parsed, out var reason))
        {
            value = parsed!;
            return true;
        }
        else
        {
            errors.WriteLine($"{name}: {reason}");
        }

        value = null!;
        return false;
    }

    private static bool TryReadCount(string name, string? text, TextWriter errors, out long value)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (text is null)
        {
            errors.WriteLine($"{name} is required");
        }
        else if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value))
        {
            return true;
        }
        else
        {
            errors.WriteLine($"{name}: '{text}' is not a non-negative integer");
        }

        value = 0;
        return false;
    }

    private static bool TryReadTree(IReadOnlyList<string> leaves, TextWriter errors, out MerkleTree tree)
    {
        ArgumentNullException.ThrowIfNull(leaves);
        var data = new byte[leaves.Count][];
        for (var i = 0; i < leaves.Count; i++)
        {
            if (!TryRead<byte[]>($"leaf {i}", leaves[i], HexText.TryDecode, errors, out data[i]))
            {
                tree = null!;
                return false;
            }
        }

        tree = MerkleTree.FromLeafData(data);
        return true;
    }

    private static bool TryReadPath(IReadOnlyList<string> hashes, TextWriter errors, out MerkleHash[] path)
    {
        ArgumentNullException.ThrowIfNull(hashes);
        path = new MerkleHash[hashes.Count];
        for (var i = 0; i < hashes.Count; i++)
        {
            if (!TryRead<MerkleHash>($"path hash {i}", hashes[i], MerkleHash.TryParse, errors, out path[i]))
            {
                return false;
            }
        }

        return true;
    }
}
