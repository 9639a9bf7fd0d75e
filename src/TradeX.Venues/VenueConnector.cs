using System.Buffers.Text;
using System.Diagnostics;
using System.Security.Cryptography;
using TradeX.Core;
using TradeX.Disruptor;
using TradeX.Fix.Session;
using TradeX.Fix.Venue;
using TradeX.Pipeline;

namespace TradeX.Venues;

/// <summary>
/// Connects the engine to external venues over FIX 4.4. As a publisher on the output ring it turns
/// <c>VenueOrderRequested</c> / <c>VenueCancelRequested</c> into NewOrderSingle / OrderCancelRequest on
/// the venue's session (ClOrdID = the engine's order id; a cancel's own ClOrdID is "X&lt;id&gt;-&lt;n&gt;";
/// TransactTime = the event's engine time, so a replay sends the same content).
/// As the venue sessions' handler it turns every ExecutionReport and session change into an engine input
/// (VenueFill with the venue's ExecID, VenueOrderStatus, VenueSessionStatus) and publishes it into the
/// input ring, so it is journaled like everything else; duplicates (same ExecID, PossDup resends) are
/// recognised by the engine. A venue's answer is never dropped: when the input ring is full the session's
/// receive thread waits for room (back-pressure onto the venue's TCP stream). It waits outside the FIX
/// session's lock (callbacks are made after it is let go), so the output ring's sends to the same venue
/// go on meanwhile and the engine can drain the input ring.
/// </summary>
public sealed class VenueConnector : IVenueSessionHandler, IEventHandler<OutputEntry>
{
    /// <summary>Engine prices are 10^-6 units and quantities whole units: the venues' decimals are read and written at that scale.</summary>
    public static readonly VenueDecimalScale Scale = new(PriceScale: FixedPoint.Decimals, QuantityScale: 0);

    private readonly InputPublisher _publisher;
    private readonly Action<string> _log;
    private readonly Dictionary<int, VenueSession> _byVenue = new();
    private readonly Dictionary<VenueSession, int> _venueOf = new();
    private readonly Dictionary<int, byte[]> _symbols = new();
    /// <summary>What a cancel needs to repeat (symbol, side, quantity), by engine order id; only the output thread touches it.</summary>
    private readonly Dictionary<long, (int Instrument, Side Side, long Quantity, int Cancels)> _sent = new(1 << 14);
    /// <summary>
    /// Recent NewOrderSingles by (venue, our MsgSeqNum), to map a session-level reject back to its order:
    /// a fixed ring (a reject refers to a recent message), so nothing grows over the day.
    /// </summary>
    private readonly (int Venue, int SeqNum, long OrderId)[] _recentOrders = new (int, int, long)[1 << 16];
    private readonly object _seqLock = new();
    private readonly int _producerBase;

    public VenueConnector(InputPublisher publisher, IReadOnlyDictionary<int, string> symbols, Action<string>? log = null, int producerBase = 100)
    {
        _publisher = publisher;
        _log = log ?? Console.Error.WriteLine;
        _producerBase = producerBase;
        foreach (var (id, symbol) in symbols) _symbols[id] = System.Text.Encoding.ASCII.GetBytes(symbol);
    }

    public long OrdersSent { get; private set; }
    public long CancelsSent { get; private set; }
    public long SendFailures { get; private set; }
    public long ReportsPublished => Interlocked.Read(ref _reports);
    private long _reports;

    /// <summary>Registers a venue session under the engine's venue id.</summary>
    public VenueSession Add(int venueId, string name)
    {
        var session = new VenueSession(name, this, Scale);
        _byVenue[venueId] = session;
        _venueOf[session] = venueId;
        return session;
    }

    // ---- engine → venues (output ring) --------------------------------------------------------

    public void OnEvent(ref OutputEntry data, long sequence, bool endOfBatch)
    {
        ref EngineEvent e = ref data.Event;
        switch (e.Kind)
        {
            case EventKind.VenueOrderRequested: SendOrder(in e.VenueOrderRequested, EngineTime(e.Time)); break;
            case EventKind.VenueCancelRequested: SendCancel(in e.VenueCancelRequested, EngineTime(e.Time)); break;
            // Orders that are done need no more cancels: forget them, so the table holds working orders only.
            case EventKind.ChildOrderClosed: _sent.Remove(e.ChildOrderClosed.ChildOrderId.Value); break;
            case EventKind.OrderCanceled: _sent.Remove(e.OrderCanceled.OrderId.Value); break;
            case EventKind.Trade when !e.Trade.Venue.IsInternal:
                // A directed order that is filled (a child's end comes as ChildOrderClosed; the venue side of a trade is not ours to judge).
                if (e.Trade.BuyAccount.Value != 0 && e.Trade.BuyLeaves.IsZero) _sent.Remove(e.Trade.BuyOrderId.Value);
                if (e.Trade.SellAccount.Value != 0 && e.Trade.SellLeaves.IsZero) _sent.Remove(e.Trade.SellOrderId.Value);
                break;
        }
    }

    /// <summary>
    /// An event's engine time (Unix-epoch nanoseconds: the time of the input that caused it) as the
    /// TransactTime of what we send for it, so a replay of the journal sends the same message content.
    /// </summary>
    private static DateTime EngineTime(long unixNanos) => DateTime.UnixEpoch.AddTicks(unixNanos / 100);

    private void SendOrder(in VenueOrderRequested r, DateTime transactTime)
    {
        if (!_byVenue.TryGetValue(r.Venue.Value, out var venue) || !_symbols.TryGetValue(r.Instrument.Value, out var symbol))
        {
            _log($"venue {r.Venue}: no FIX session or symbol for order {r.OrderId} (instrument {r.Instrument}); reported rejected");
            PublishStatus(r.Venue.Value, r.OrderId.Value, VenueOrderState.Rejected);
            return;
        }
        Span<byte> clOrdId = stackalloc byte[20];
        Utf8Formatter.TryFormat(r.OrderId.Value, clOrdId, out int length);
        var result = venue.SendNewOrderSingle(new NewOrderSingleRequest
        {
            ClOrdID = clOrdId[..length],
            Symbol = symbol,
            Side = r.Side == Side.Buy ? (byte)'1' : (byte)'2',
            OrderQty = r.Quantity.Units,
            OrdType = r.Type == OrderType.Market ? (byte)'1' : (byte)'2',
            Price = r.Type == OrderType.Market ? 0 : r.Price.Raw,
            TimeInForce = r.TimeInForce switch
            {
                TimeInForce.ImmediateOrCancel => (byte)'3',
                TimeInForce.FillOrKill => (byte)'4',
                TimeInForce.GoodTillCancel => (byte)'1',
                _ => (byte)'0',
            },
            TransactTime = transactTime,
        }, out int msgSeqNum);
        if (result == SendResult.NotLoggedOn)
        {
            // Nothing left: the venue never saw it. Tell the engine, which releases and re-routes the quantity.
            SendFailures++;
            PublishStatus(r.Venue.Value, r.OrderId.Value, VenueOrderState.Rejected);
            return;
        }
        OrdersSent++;
        _sent[r.OrderId.Value] = (r.Instrument.Value, r.Side, r.Quantity.Units, 0);
        lock (_seqLock) _recentOrders[(msgSeqNum ^ (r.Venue.Value << 20)) & (_recentOrders.Length - 1)] = (r.Venue.Value, msgSeqNum, r.OrderId.Value);
    }

    private void SendCancel(in VenueCancelRequested r, DateTime transactTime)
    {
        if (!_byVenue.TryGetValue(r.Venue.Value, out var venue) || !_sent.TryGetValue(r.OrderId.Value, out var order) ||
            !_symbols.TryGetValue(order.Instrument, out var symbol))
        {
            _log($"venue {r.Venue}: cannot send a cancel for order {r.OrderId} (no session, or the order was never sent)");
            return;
        }
        order.Cancels++;
        _sent[r.OrderId.Value] = order;
        Span<byte> orig = stackalloc byte[20];
        Utf8Formatter.TryFormat(r.OrderId.Value, orig, out int origLength);
        Span<byte> clOrdId = stackalloc byte[32];
        clOrdId[0] = (byte)'X';
        Utf8Formatter.TryFormat(r.OrderId.Value, clOrdId[1..], out int n);
        clOrdId[1 + n] = (byte)'-';
        Utf8Formatter.TryFormat(order.Cancels, clOrdId[(2 + n)..], out int m);
        var result = venue.SendOrderCancelRequest(new OrderCancelRequestData
        {
            OrigClOrdID = orig[..origLength],
            ClOrdID = clOrdId[..(2 + n + m)],
            Symbol = symbol,
            Side = order.Side == Side.Buy ? (byte)'1' : (byte)'2',
            OrderQty = order.Quantity,
            TransactTime = transactTime,
        }, out _);
        if (result == SendResult.NotLoggedOn) SendFailures++;   // the engine asks again when the venue acknowledges the order
        else CancelsSent++;
    }

    // ---- venues → engine (input ring) --------------------------------------------------------

    public void OnSessionUp(VenueSession venue) => PublishSession(venue, up: true);

    public void OnSessionDown(VenueSession venue, string reason)
    {
        _log($"venue {venue.Name}: session down ({reason})");
        PublishSession(venue, up: false);
    }

    private void PublishSession(VenueSession venue, bool up)
    {
        if (!_venueOf.TryGetValue(venue, out int id)) return;
        Publish(EngineInput.Of(new VenueSessionStatus { Venue = new VenueId(id), Up = up }), id);
    }

    public void OnExecutionReport(VenueSession venue, in ExecutionReportView report)
    {
        if (!_venueOf.TryGetValue(venue, out int venueId)) return;
        ReadOnlySpan<byte> id = report.OrigClOrdID.IsEmpty ? report.ClOrdID : report.OrigClOrdID;
        if (!TryParseOrderId(id, out long orderId))
        {
            _log($"venue {venue.Name}: ExecutionReport for ClOrdID '{System.Text.Encoding.ASCII.GetString(id)}' that is not ours; ignored");
            return;
        }
        byte execType = report.ExecType;
        if (execType == (byte)'F')
        {
            if (!report.TryGetLastQty(out long quantity) || !report.TryGetLastPx(out long price))
            {
                _log($"venue {venue.Name}: fill for order {orderId} without LastQty/LastPx; ignored");
                return;
            }
            Publish(EngineInput.Of(new VenueFill
            {
                Venue = new VenueId(venueId), ExecutionId = ToExecutionId(report.ExecID), OrderId = new OrderId(orderId),
                Quantity = new Quantity(quantity), Price = new Price(price),
            }), venueId);
            return;
        }
        VenueOrderState? state = execType switch
        {
            (byte)'0' => VenueOrderState.Acknowledged,
            (byte)'4' => VenueOrderState.Canceled,
            (byte)'8' => VenueOrderState.Rejected,
            (byte)'C' => VenueOrderState.Expired,
            (byte)'I' => report.OrdStatus switch
            {
                (byte)'0' or (byte)'1' => VenueOrderState.Acknowledged,
                (byte)'4' => VenueOrderState.Canceled,
                (byte)'8' => VenueOrderState.Rejected,
                (byte)'C' => VenueOrderState.Expired,
                _ => null,
            },
            _ => null,
        };
        if (state is { } s) PublishStatus(venueId, orderId, s);
    }

    public void OnOrderCancelReject(VenueSession venue, in OrderCancelRejectView reject)
    {
        // "Unknown order": the venue has no such order (never received, or already done and reported).
        if (reject.CxlRejReason == 1 && _venueOf.TryGetValue(venue, out int venueId) && TryParseOrderId(reject.OrigClOrdID, out long orderId))
            PublishStatus(venueId, orderId, VenueOrderState.Canceled);
        else
            _log($"venue {venue.Name}: cancel rejected ({reject.CxlRejReason}): {System.Text.Encoding.ASCII.GetString(reject.Text)}");
    }

    public void OnMessageRejected(VenueSession venue, in VenueRejectView reject)
    {
        if (!_venueOf.TryGetValue(venue, out int venueId)) return;
        long orderId = 0;
        lock (_seqLock)
        {
            ref var entry = ref _recentOrders[(reject.RefSeqNum ^ (venueId << 20)) & (_recentOrders.Length - 1)];
            if (entry.Venue == venueId && entry.SeqNum == reject.RefSeqNum)
            {
                orderId = entry.OrderId;
                entry = default;
            }
        }
        _log($"venue {venue.Name}: our message {reject.RefSeqNum} was rejected ({reject.Reason}): {System.Text.Encoding.ASCII.GetString(reject.Text)}");
        // A NewOrderSingle refused at session level never became an order there.
        if (orderId != 0) PublishStatus(venueId, orderId, VenueOrderState.Rejected);
    }

    private void PublishStatus(int venueId, long orderId, VenueOrderState state) =>
        Publish(EngineInput.Of(new VenueOrderStatus { Venue = new VenueId(venueId), OrderId = new OrderId(orderId), State = state }), venueId);

    private void Publish(EngineInput input, int venueId)
    {
        input.Time = NodeClock.NowNanos();
        long since = Stopwatch.GetTimestamp();
        bool warned = false;
        while (!_publisher.TryPublish(in input, _producerBase + venueId))
        {
            if (!warned && Stopwatch.GetElapsedTime(since) > TimeSpan.FromSeconds(1))
            {
                _log($"venue {venueId}: input ring full for over a second; holding the venue's messages until there is room");
                warned = true;
            }
            Thread.Yield();
        }
        Interlocked.Increment(ref _reports);
    }

    /// <summary>Our ClOrdIDs: the engine order id, or "X&lt;id&gt;-&lt;n&gt;" for a cancel request.</summary>
    public static bool TryParseOrderId(ReadOnlySpan<byte> clOrdId, out long orderId)
    {
        if (!clOrdId.IsEmpty && clOrdId[0] == (byte)'X') clOrdId = clOrdId[1..];
        int dash = clOrdId.IndexOf((byte)'-');
        if (dash >= 0) clOrdId = clOrdId[..dash];
        return Utf8Parser.TryParse(clOrdId, out orderId, out int consumed) && consumed == clOrdId.Length && orderId > 0;
    }

    /// <summary>
    /// A venue's ExecID as the engine's 32-character execution id. Longer ids are replaced by '#' and 31
    /// hex digits of their SHA-256, so they stay distinct (and the same ExecID always maps the same way).
    /// </summary>
    public static ExecutionId ToExecutionId(ReadOnlySpan<byte> execId)
    {
        Span<char> text = stackalloc char[ExecutionId.Capacity];
        if (execId.Length is > 0 and <= ExecutionId.Capacity)
        {
            for (int i = 0; i < execId.Length; i++) text[i] = (char)execId[i];
            if (ExecutionId.TryCreate(text[..execId.Length], out var direct)) return direct;
        }
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(execId, hash);
        text[0] = '#';
        const string hex = "0123456789abcdef";
        for (int i = 1; i < ExecutionId.Capacity; i++) text[i] = hex[(hash[i / 2] >> (i % 2 == 0 ? 4 : 0)) & 0xF];
        return ExecutionId.Create(new string(text));
    }
}
