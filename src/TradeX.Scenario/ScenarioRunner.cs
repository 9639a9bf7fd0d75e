using TradeX.Core;

namespace TradeX.Scenario;

/// <summary>
/// Runs a scenario: parses each line, resolves order references against the live engine, applies
/// the input with the next sequence number, and hands every event (with its line) to a callback.
/// A line that cannot be parsed is reported through <paramref name="onError"/> and the rest still runs.
/// </summary>
public sealed class ScenarioRunner
{
    private readonly Engine _engine;
    private readonly ScenarioParser _parser;
    private readonly CallbackSink _sink = new();
    private long _sequence;
    /// <summary>Every order the engine accepted, by its client id (the latest a replace gave it), and every child by (parent, venue): so a fill can name an order that has ended.</summary>
    private readonly Dictionary<(int Account, ulong ClientOrderId), long> _orderIds = new();
    private readonly Dictionary<(long Parent, int Venue), long> _childIds = new();

    public ScenarioRunner(EngineOptions? options = null, DateOnly? date = null)
    {
        _engine = new Engine(_sink, options ?? EngineOptions.Small);
        _parser = new ScenarioParser(date);
    }

    public Engine Engine => _engine;
    public int Errors { get; private set; }
    public int Applied { get; private set; }

    public void Run(TextReader reader, Action<EngineEvent, int> onEvent, Action<ScenarioError> onError)
    {
        string? line;
        int number = 0;
        while ((line = reader.ReadLine()) is not null)
        {
            number++;
            RunLine(line, number, onEvent, onError);
        }
    }

    public void RunLine(string line, int number, Action<EngineEvent, int> onEvent, Action<ScenarioError> onError)
    {
        switch (_parser.Parse(line, number))
        {
            case ScenarioError error:
                Errors++;
                onError(error);
                break;
            case ScenarioStep step:
                EngineInput input = step.Input;
                if (step.OrderReference is { } reference)
                {
                    // A fill or status that names an order by client id: look it up as it stands now. For a
                    // smart-routed parent, the fill or status is for its open child at that venue.
                    OrderView? order = _engine.GetOrder(reference.Account, reference.ClientOrderId);
                    VenueId venue = input.Kind == InputKind.VenueFill ? input.VenueFill.Venue : input.VenueOrderStatus.Venue;
                    if (order is not null && order.State is "Routed" or "RoutedCancelPending")
                    {
                        var child = _engine.ChildOrders(order.OrderId).FirstOrDefault(c => c.Venue == venue);
                        if (child is null)
                        {
                            Errors++;
                            onError(new ScenarioError(number, $"order {reference.ClientOrderId} of account {reference.Account} has no open child at venue {venue}"));
                            return;
                        }
                        order = child;
                    }
                    // An order no longer open is named by the engine id it had (a child by its last id at that venue):
                    // the engine decides what a fill for it is (a late fill at that venue is a break; anything else is refused).
                    long orderId = order?.OrderId.Value ?? EndedOrderId(reference, venue.Value);
                    if (input.Kind == InputKind.VenueFill)
                    {
                        input.VenueFill.OrderId = new OrderId(orderId);
                        if (order is not null)
                        {
                            input.VenueFill.Instrument = order.Instrument;
                            input.VenueFill.Side = order.Side;
                        }
                    }
                    else
                    {
                        input.VenueOrderStatus.OrderId = new OrderId(orderId);
                    }
                }
                input.Sequence = ++_sequence;
                input.Time = step.Time;
                _sink.Target = e =>
                {
                    Remember(in e);
                    onEvent(e, number);
                };
                _engine.Apply(in input);
                Applied++;
                break;
        }
    }

    private long EndedOrderId(ClientOrderReference reference, int venue)
    {
        if (!_orderIds.TryGetValue((reference.Account.Value, reference.ClientOrderId.Value), out long id)) return 0;
        return _childIds.TryGetValue((id, venue), out long child) ? child : id;
    }

    private void Remember(in EngineEvent e)
    {
        switch (e.Kind)
        {
            case EventKind.OrderAccepted when !e.OrderAccepted.IsQuote:
                _orderIds[(e.OrderAccepted.Account.Value, e.OrderAccepted.ClientOrderId.Value)] = e.OrderAccepted.OrderId.Value;
                break;
            case EventKind.OrderReplaced when !e.OrderReplaced.IsQuote:
                _orderIds[(e.OrderReplaced.Account.Value, e.OrderReplaced.ClientOrderId.Value)] = e.OrderReplaced.OrderId.Value;
                break;
            case EventKind.VenueOrderRequested when !e.VenueOrderRequested.ParentOrderId.IsNone:
                _childIds[(e.VenueOrderRequested.ParentOrderId.Value, e.VenueOrderRequested.Venue.Value)] = e.VenueOrderRequested.OrderId.Value;
                break;
        }
    }

    private sealed class CallbackSink : IEngineEventSink
    {
        public Action<EngineEvent> Target = _ => { };
        public void Publish(in EngineEvent e) => Target(e);
    }
}
