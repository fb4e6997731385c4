using System.Text;

namespace Actors.Client.LoadTest;

/// <summary>
/// Addresses and session tokens of the simulated wallets in one fixed arena: <see cref="Capacity"/> slots of
/// <see cref="SlotSize"/> bytes (the address, then the token), wallet i in slot i mod capacity. A wallet signs in when first used; a wallet whose slot another took, or whose token is about
/// to expire, signs in again. Memory is capacity × (slot + 12 bytes) whatever the number of wallets.
/// </summary>
internal sealed class SessionCache
{
    /// <summary>The bytes of one slot: a 42-character address and a token of up to 278 characters (longer ones are not kept).</summary>
    public const int SlotSize = 320;

    private const int AddressSize = 42;

    // A token this close to its expiry is not used: the request could arrive after it.
    private static readonly TimeSpan ExpiryMargin = TimeSpan.FromSeconds(30);

    private readonly byte[] _arena;
    private readonly int[] _owners;
    private readonly long[] _expiries;
    private readonly object[] _locks = [.. Enumerable.Range(0, 64).Select(_ => new object())];

    public SessionCache(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        _arena = new byte[checked(capacity * SlotSize)];
        _owners = new int[capacity];
        _expiries = new long[capacity];
        Array.Fill(_owners, -1);
    }

    /// <summary>How many wallets can hold a session at once.</summary>
    public int Capacity { get; }

    /// <summary>
    /// Wallet <paramref name="wallet"/>'s address and token when it holds a token valid past <paramref name="now"/> plus a margin.
    /// </summary>
    public (string Address, string Token)? Get(int wallet, DateTimeOffset now)
    {
        var slot = wallet % Capacity;
        lock (_locks[slot % _locks.Length])
        {
            if (_owners[slot] != wallet || _expiries[slot] <= (now + ExpiryMargin).ToUnixTimeSeconds())
            {
                return null;
            }

            var span = _arena.AsSpan(slot * SlotSize, SlotSize);
            var token = span[AddressSize..];
            var length = token.IndexOf((byte)0);
            return (Encoding.ASCII.GetString(span[..AddressSize]), Encoding.ASCII.GetString(length < 0 ? token : token[..length]));
        }
    }

    /// <summary>Keeps wallet <paramref name="wallet"/>'s address and token, taking its slot from whichever wallet held it.</summary>
    public void Put(int wallet, string address, string token, DateTimeOffset expiresAt)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(token);
        if (address.Length != AddressSize || token.Length > SlotSize - AddressSize || !Ascii.IsValid(token))
        {
            return;
        }

        var slot = wallet % Capacity;
        lock (_locks[slot % _locks.Length])
        {
            var span = _arena.AsSpan(slot * SlotSize, SlotSize);
            span.Clear();
            Encoding.ASCII.GetBytes(address, span);
            Encoding.ASCII.GetBytes(token, span[AddressSize..]);
            _owners[slot] = wallet;
            _expiries[slot] = expiresAt.ToUnixTimeSeconds();
        }
    }

    /// <summary>Forgets wallet <paramref name="wallet"/>'s token (the silo refused it).</summary>
    public void Evict(int wallet)
    {
        var slot = wallet % Capacity;
        lock (_locks[slot % _locks.Length])
        {
            if (_owners[slot] == wallet)
            {
                _owners[slot] = -1;
            }
        }
    }
}
