using System.Runtime.InteropServices;

namespace TradeX.Core.Collections;

/// <summary>A key for <see cref="OpenHashMap{TKey}"/>: equality plus a deterministic 64-bit hash.</summary>
public interface IHashKey<TSelf> : IEquatable<TSelf> where TSelf : struct, IHashKey<TSelf>
{
    ulong Hash64();
}

/// <summary>An int key (account and instrument ids).</summary>
public readonly record struct IntKey(int Value) : IHashKey<IntKey>
{
    public ulong Hash64() => HashMix.Mix((ulong)(uint)Value);
}

/// <summary>A long key (order ids, packed pairs).</summary>
public readonly record struct LongKey(long Value) : IHashKey<LongKey>
{
    public ulong Hash64() => HashMix.Mix((ulong)Value);
}

/// <summary>
/// A client order id within an account. Ids are mixed in groups of 32: ids 32k..32k+31 of one account
/// have consecutive home slots, so a client whose ids count up (the usual case) finds its orders on the
/// same cache lines and memory page instead of paying a cache and TLB miss for each lookup (cancel by
/// client order id with 50,000 resting: 313 ns → 113 ns, bench/RESULTS.md). The price is longer
/// linear-probe runs: at the table's highest load (one half, a full day of the expected ids) monotone
/// ids probe 16 slots past their home on average, all on adjacent memory (HashTableTests); groups are
/// spread over the table by the full mix, so unrelated or random ids do not cluster (0.5 on average).
/// </summary>
/// <remarks>Packed to 4-byte alignment: 12 bytes, so a map slot (key and value) is 16 rather than 24.</remarks>
[StructLayout(LayoutKind.Sequential, Pack = 4)]
public readonly record struct ClientOrderKey(int AccountIndex, ulong ClientOrderId) : IHashKey<ClientOrderKey>
{
    public ulong Hash64() => HashMix.Mix((ClientOrderId >> 5) ^ HashMix.Mix((ulong)(uint)AccountIndex)) + (ClientOrderId & 31);
}

/// <summary>A venue's execution id.</summary>
public readonly record struct ExecutionKey(int Venue, ExecutionId ExecutionId) : IHashKey<ExecutionKey>
{
    public ulong Hash64() => HashMix.Mix(ExecutionId.Hash64() ^ (ulong)(uint)Venue);
}
