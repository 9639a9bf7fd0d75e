using System.Threading.Channels;

namespace TradeX.Bench.Disruptor;

/// <summary>The baseline's consumer: a dedicated thread that drains a channel and publishes how many items it has read.</summary>
internal sealed class ChannelDrainer
{
    private readonly Channel<long> _channel;
    private readonly Thread _thread;
    private volatile bool _running = true;
    private long _read;

    public ChannelDrainer(bool singleWriter)
    {
        _channel = Channel.CreateBounded<long>(new BoundedChannelOptions(1 << 16) { SingleReader = true, SingleWriter = singleWriter, FullMode = BoundedChannelFullMode.Wait });
        _thread = new Thread(Drain) { IsBackground = true, Name = "channel-reader" };
        _thread.Start();
    }

    public ChannelWriter<long> Writer => _channel.Writer;

    public long Read => Volatile.Read(ref _read);

    /// <summary>Writes <paramref name="count"/> items, yielding while the channel is full.</summary>
    public void WriteAll(long count)
    {
        ChannelWriter<long> writer = _channel.Writer;
        for (long i = 0; i < count; i++)
        {
            while (!writer.TryWrite(i))
            {
                Thread.Yield();
            }
        }
    }

    public void WaitUntilRead(long target) => SpinUntil.AtLeast(ref _read, target);

    public void Stop()
    {
        _running = false;
        _thread.Join();
    }

    private void Drain()
    {
        ChannelReader<long> reader = _channel.Reader;
        long sum = 0;
        while (_running)
        {
            int got = 0;
            while (reader.TryRead(out long value))
            {
                sum += value;
                got++;
            }
            if (got > 0)
            {
                Volatile.Write(ref _read, _read + got);
            }
            else
            {
                Thread.Yield();
            }
        }
        GC.KeepAlive(sum);
    }
}
