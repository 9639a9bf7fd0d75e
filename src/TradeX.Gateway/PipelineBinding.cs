using TradeX.Core;
using TradeX.Disruptor;

namespace TradeX.Gateway;

/// <summary>Selects the engine event of an output ring entry, by reference (nothing copied).</summary>
public delegate ref EngineEvent EventOf<TEntry>(ref TEntry entry);

/// <summary>Selects the producer id of the input that caused an output ring entry.</summary>
public delegate int ProducerOf<TEntry>(ref TEntry entry);

/// <summary>Whether an output ring entry is the first response to a measured input, and its receipt and applied times (Stopwatch ticks).</summary>
public delegate bool MeasuredOf<TEntry>(ref TEntry entry, out long startTicks, out long appliedTicks);

/// <summary>Told, after the gateway has written a batch's responses to their sockets, about each measured response in it.</summary>
public delegate void ResponseWritten(long startTicks, long appliedTicks, long writtenTicks);

/// <summary>
/// The gateway as a publisher on an output ring whose entry type it does not know (the node's
/// <c>OutputEntry</c>): <c>pipeline.AddPublisher("gateway", new GatewayOutputHandler&lt;OutputEntry&gt;(gateway,
/// static (ref OutputEntry e) =&gt; ref e.Event, static (ref OutputEntry e) =&gt; e.Producer))</c>.
/// <paramref name="core"/> pins the publisher's thread (the pipeline places added publishers nowhere):
/// keep it off the engine's core on a small machine.
/// </summary>
public sealed class GatewayOutputHandler<TEntry>(OrderEntryGateway gateway, EventOf<TEntry> eventOf, ProducerOf<TEntry> producerOf, int? core = null,
    MeasuredOf<TEntry>? measuredOf = null, ResponseWritten? written = null)
    : IEventHandler<TEntry>
    where TEntry : struct
{
    private const int MeasuredPerBatch = 4096;
    private readonly long[] _starts = new long[measuredOf is null ? 0 : MeasuredPerBatch];
    private readonly long[] _applied = new long[measuredOf is null ? 0 : MeasuredPerBatch];
    private int _measured;

    public void OnEvent(ref TEntry data, long sequence, bool endOfBatch)
    {
        if (measuredOf is not null && _measured < MeasuredPerBatch && measuredOf(ref data, out long start, out long applied))
        {
            _starts[_measured] = start;
            _applied[_measured++] = applied;
        }
        gateway.OnEngineEvent(in eventOf(ref data), producerOf(ref data), endOfBatch);
        if (endOfBatch && _measured > 0)
        {
            // The gateway flushed every touched session at the end of the batch: these responses are written.
            long now = System.Diagnostics.Stopwatch.GetTimestamp();
            for (int i = 0; i < _measured; i++) written?.Invoke(_starts[i], _applied[i], now);
            _measured = 0;
        }
    }

    public void OnStart()
    {
        if (core is not null) CpuAffinity.PinCurrentThread(core, "gateway-publisher");
    }
}
