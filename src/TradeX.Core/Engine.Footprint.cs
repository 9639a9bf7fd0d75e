namespace TradeX.Core;

/// <summary>
/// One of the engine's pre-allocated tables: how many entries it is sized for, how many it holds now and at most
/// so far (for sizing the next run; not business state), and the memory it holds.
/// </summary>
public readonly record struct EngineTable(string Name, long Capacity, long InUse, long Peak, long Bytes);

public sealed partial class Engine
{
    /// <summary>
    /// The engine's big tables, largest first in the usual configuration: what the node prints as its footprint at start
    /// and, with the peaks, at the end of a run. Allocates; call it between runs or from a stopped engine, not per input.
    /// </summary>
    public IReadOnlyList<EngineTable> Tables() =>
    [
        new("orders", _store.Capacity, _store.InUse, _store.Peak, _store.Bytes + _orderIndex.Bytes),
        new("client order ids", _clientOrderIdLimit == int.MaxValue ? _clientOrders.Capacity / 2 : _clientOrderIdLimit,
            _clientOrders.Count, _clientOrders.Peak, _clientOrders.Bytes),
        new("positions", _ledger.Capacity, _ledger.Count, _ledger.Count, _ledger.Bytes),
        new("venue execution ids", _executions.Capacity / 2, _executions.Count, _executions.Peak, _executions.Bytes),
        new("ended venue orders", _endedVenueOrders.Capacity, _endedVenueOrders.Count, _endedVenueOrders.Count, _endedVenueOrders.Bytes),
        new("fill breaks", _breaks.Capacity, _breaks.Count, _breaks.Count, _breaks.Bytes),
    ];
}
