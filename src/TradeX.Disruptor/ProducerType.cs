namespace TradeX.Disruptor;

/// <summary>Which sequencer a ring buffer uses: decide by how many threads publish into it.</summary>
public enum ProducerType
{
    /// <summary>Exactly one thread ever claims and publishes. Cheapest: no atomic instructions on claim.</summary>
    Single,

    /// <summary>Any number of threads claim and publish concurrently (gateways, venues, a timer...).</summary>
    Multi,
}
