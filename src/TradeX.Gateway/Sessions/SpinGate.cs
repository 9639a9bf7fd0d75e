namespace TradeX.Gateway.Sessions;

/// <summary>
/// A mutual-exclusion gate for the short critical sections two gateway threads share (sequencing a
/// frame, copying it into a send buffer). It never allocates — a monitor or <see cref="Lock"/> may
/// allocate a wait event the first time a thread has to block, which would break the gateway's
/// zero-allocation steady state — and it backs off through <see cref="SpinWait"/>, which yields and
/// sleeps, so a holder that lost its core is not starved on a small machine. Not re-entrant.
/// </summary>
internal sealed class SpinGate
{
    private int _held;

    public Scope Enter()
    {
        if (Interlocked.CompareExchange(ref _held, 1, 0) != 0) Contended();
        return new Scope(this);
    }

    private void Contended()
    {
        var spin = new SpinWait();
        do
        {
            spin.SpinOnce();
        }
        while (Volatile.Read(ref _held) != 0 || Interlocked.CompareExchange(ref _held, 1, 0) != 0);
    }

    private void Exit() => Volatile.Write(ref _held, 0);

    /// <summary>Holds the gate until disposed (<c>using (gate.Enter()) { ... }</c>).</summary>
    public readonly ref struct Scope(SpinGate gate)
    {
        public void Dispose() => gate.Exit();
    }
}
