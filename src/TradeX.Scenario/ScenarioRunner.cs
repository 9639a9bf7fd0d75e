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
                    if (input.Kind == InputKind.VenueFill)
                    {
                        if (order is not null)
                        {
                            input.VenueFill.OrderId = order.OrderId;
                            input.VenueFill.Instrument = order.Instrument;
                            input.VenueFill.Side = order.Side;
                        }
                        else if (input.VenueFill.Instrument.Value == 0 || input.VenueFill.Side == 0)
                        {
                            Errors++;
                            onError(new ScenarioError(number, $"no open order {reference.ClientOrderId} for account {reference.Account}; give instrument= and side= to apply the fill to the position"));
                            return;
                        }
                    }
                    else if (order is not null)
                    {
                        input.VenueOrderStatus.OrderId = order.OrderId;
                    }
                }
                input.Sequence = ++_sequence;
                input.Time = step.Time;
                _sink.Target = e => onEvent(e, number);
                _engine.Apply(in input);
                Applied++;
                break;
        }
    }

    private sealed class CallbackSink : IEngineEventSink
    {
        public Action<EngineEvent> Target = _ => { };
        public void Publish(in EngineEvent e) => Target(e);
    }
}
