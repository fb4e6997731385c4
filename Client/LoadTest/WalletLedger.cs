namespace Actors.Client.LoadTest;

/// <summary>
/// What the tester knows of every simulated wallet, in flat arrays (about 17 bytes a wallet): the balance it deposited and did
/// not stake, what it has staked, whether its NFT was minted and which of it and its partner holds it, and whether a step is
/// using the wallet now (one step at a time per wallet, so the figures are exact). Changed only by acknowledged answers.
/// </summary>
internal sealed class WalletLedger(int count)
{
    private readonly long[] _balances = new long[count];
    private readonly long[] _staked = new long[count];
    private readonly int[] _busy = new int[(count + 31) / 32];
    private readonly int[] _minted = new int[(count + 31) / 32];
    private readonly int[] _withPartner = new int[(count + 31) / 32];

    /// <summary>How many wallets there are.</summary>
    public int Count { get; } = count;

    /// <summary>Marks the wallet in use; false when a step already uses it.</summary>
    public bool TryTake(int wallet) => (Interlocked.Or(ref _busy[wallet >> 5], 1 << (wallet & 31)) & (1 << (wallet & 31))) == 0;

    /// <summary>Ends a step's use of the wallet.</summary>
    public void Release(int wallet) => Interlocked.And(ref _busy[wallet >> 5], ~(1 << (wallet & 31)));

    /// <summary>The wallet's deposited, unstaked balance (base units).</summary>
    public long Balance(int wallet) => Volatile.Read(ref _balances[wallet]);

    /// <summary>What the wallet has staked (base units).</summary>
    public long Staked(int wallet) => Volatile.Read(ref _staked[wallet]);

    /// <summary>Whether the wallet ever had a deposit acknowledged (it exists on the silo).</summary>
    public bool Exists(int wallet) => Balance(wallet) > 0 || Staked(wallet) > 0 || Minted(wallet);

    /// <summary>An acknowledged deposit.</summary>
    public void Deposited(int wallet, long amount) => Interlocked.Add(ref _balances[wallet], amount);

    /// <summary>An acknowledged stake (a negative amount: an unstake).</summary>
    public void Stake(int wallet, long amount)
    {
        Interlocked.Add(ref _balances[wallet], -amount);
        Interlocked.Add(ref _staked[wallet], amount);
    }

    /// <summary>Whether the wallet's NFT (token id = wallet index) was minted.</summary>
    public bool Minted(int wallet) => Bit(_minted, wallet);

    /// <summary>An acknowledged mint of the wallet's NFT, to the wallet itself.</summary>
    public void Mint(int wallet) => Interlocked.Or(ref _minted[wallet >> 5], 1 << (wallet & 31));

    /// <summary>Whether the wallet's NFT sits with its partner rather than with the wallet.</summary>
    public bool WithPartner(int wallet) => Bit(_withPartner, wallet);

    /// <summary>An acknowledged transfer of the wallet's NFT to the other of the pair.</summary>
    public void Moved(int wallet)
    {
        ref var word = ref _withPartner[wallet >> 5];
        var seen = Volatile.Read(ref word);
        while (Interlocked.CompareExchange(ref word, seen ^ (1 << (wallet & 31)), seen) is var now && now != seen)
        {
            seen = now;
        }
    }

    /// <summary>The wallet an NFT moves to and from: its neighbour in pairs (0,1), (2,3)...; null for a last, odd one.</summary>
    public int? Partner(int wallet) => (wallet ^ 1) < Count ? wallet ^ 1 : null;

    private static bool Bit(int[] bits, int wallet) => (Volatile.Read(ref bits[wallet >> 5]) & (1 << (wallet & 31))) != 0;
}
