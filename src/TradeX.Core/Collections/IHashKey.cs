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

/// <summary>A client order id within an account.</summary>
public readonly record struct ClientOrderKey(int AccountIndex, ulong ClientOrderId) : IHashKey<ClientOrderKey>
{
    public ulong Hash64() => HashMix.Mix(ClientOrderId ^ HashMix.Mix((ulong)(uint)AccountIndex));
}

/// <summary>A venue's execution id.</summary>
public readonly record struct ExecutionKey(int Venue, ExecutionId ExecutionId) : IHashKey<ExecutionKey>
{
    public ulong Hash64() => HashMix.Mix(ExecutionId.Hash64() ^ (ulong)(uint)Venue);
}
