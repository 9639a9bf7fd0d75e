using TradeX.Core;

namespace TradeX.Core.Tests;

/// <summary>The state a replication checkpoint hashes: canonical like the snapshot, without sorting the day's client order ids.</summary>
public sealed class CheckpointStateTests
{
    private static byte[] Checkpoint(Engine engine)
    {
        var w = new StateWriter(1 << 16);
        engine.CheckpointState(w);
        return w.WrittenSpan.ToArray();
    }

    [Test]
    public void An_engine_restored_from_its_snapshot_writes_the_same_checkpoint_state_as_the_live_one()
    {
        var run = LiveRun.Generate(seed: 31, count: 3_000);
        var restored = Engine.Restore(run.Engine.Snapshot(), NullSink.Instance, LiveRun.Options);
        Assert.That(Checkpoint(restored), Is.EqualTo(Checkpoint(run.Engine)));
    }

    [Test]
    public void Two_engines_fed_the_same_inputs_write_the_same_checkpoint_state_and_one_more_client_order_id_changes_it()
    {
        var a = LiveRun.Generate(seed: 32, count: 2_000);
        var b = new Engine(NullSink.Instance, LiveRun.Options);
        foreach (var input in a.Inputs) b.Apply(in input);
        Assert.That(Checkpoint(b), Is.EqualTo(Checkpoint(a.Engine)));

        // One more order, canceled at once: the book and positions are as before, the day's client order ids are not.
        var define = a.Inputs.First(i => i.Kind == InputKind.DefineInstrument).DefineInstrument;
        var account = a.Engine.Accounts()[0].Account;
        long sequence = a.Inputs[^1].Sequence, time = a.Inputs[^1].Time;
        var order = EngineInput.Of(new NewOrder
        {
            Account = account, Instrument = define.Instrument, Side = Side.Buy, Type = OrderType.Limit, TimeInForce = TimeInForce.Day,
            Price = new Price(define.ReferencePrice.Raw / define.TickSize.Raw * 97 / 100 * define.TickSize.Raw), Quantity = define.LotSize,
            ClientOrderId = new ClientOrderId(987_654_321),
        });
        var cancel = EngineInput.Of(new CancelOrder { Account = account, OrigClientOrderId = new ClientOrderId(987_654_321) });
        order.Sequence = ++sequence;
        order.Time = time;
        cancel.Sequence = ++sequence;
        cancel.Time = time;
        b.Apply(in order);
        b.Apply(in cancel);
        Assert.That(b.StateHash(), Is.Not.EqualTo(a.Engine.StateHash()), "precondition: the full state differs");
        Assert.That(Checkpoint(b), Is.Not.EqualTo(Checkpoint(a.Engine)), "and so does the checkpoint state");
    }
}
