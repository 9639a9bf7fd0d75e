using TradeX.Core.Collections;

namespace TradeX.Core.Reference;

/// <summary>
/// Reference data: the instruments (with their books, marks and holders), the accounts (with their risk state) and
/// the operators entitled to act, each table in definition order with an index by id. Tables grow (an allocation)
/// only when something is defined, never on the trading path; the engine reads <see cref="Accounts"/> and
/// <see cref="Instruments"/> by index on its hot path and re-reads them after every definition.
/// </summary>
internal sealed class ReferenceData
{
    private readonly OrderRecord[] _orders;
    private readonly EngineOptions _options;
    private Account[] _accounts = new Account[16];
    private int _accountCount;
    private Instrument[] _instruments = new Instrument[16];
    private int _instrumentCount;
    private readonly OpenHashMap<IntKey> _accountIndex = new(1024);
    private readonly OpenHashMap<IntKey> _instrumentIndex = new(1024);
    private readonly List<(Ascii16 Name, bool CanReenable)> _operators = new();

    /// <param name="orders">The order store's records, which every instrument's book links.</param>
    public ReferenceData(OrderRecord[] orders, EngineOptions options)
    {
        _orders = orders;
        _options = options;
    }

    /// <summary>The account table (entries 0 to <see cref="AccountCount"/> − 1); replaced when it grows.</summary>
    public Account[] Accounts => _accounts;
    public int AccountCount => _accountCount;

    /// <summary>The instrument table (entries 0 to <see cref="InstrumentCount"/> − 1); replaced when it grows.</summary>
    public Instrument[] Instruments => _instruments;
    public int InstrumentCount => _instrumentCount;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public Account? FindAccount(int id) =>
        _accountIndex.TryGetValue(new IntKey(id), out int index) ? _accounts[index] : null;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public Instrument? FindInstrument(int id) =>
        _instrumentIndex.TryGetValue(new IntKey(id), out int index) ? _instruments[index] : null;

    /// <summary>Defines an instrument, or changes a known one's reference data (its mark, book and holders stay; a new one starts marked at its reference price).</summary>
    public Instrument DefineInstrument(in DefineInstrument d)
    {
        Instrument? instrument = FindInstrument(d.Instrument.Value);
        if (instrument is null)
        {
            if (_instrumentCount == _instruments.Length) Array.Resize(ref _instruments, _instruments.Length * 2);
            instrument = new Instrument(d.Instrument.Value, _instrumentCount, _orders, _options.InitialLevelsPerSide);
            _instruments[_instrumentCount++] = instrument;
            _instrumentIndex.Set(new IntKey(d.Instrument.Value), instrument.Index);
            instrument.Mark = d.ReferencePrice.Raw;
        }
        instrument.Symbol = d.Symbol;
        instrument.TickSize = d.TickSize.Raw;
        instrument.LotSize = d.LotSize.Units;
        instrument.ReferencePrice = d.ReferencePrice.Raw;
        instrument.PriceBandBps = d.PriceBandBps;
        instrument.ProtectionTicks = d.MarketProtectionTicks;
        instrument.ProtectionBps = d.MarketProtectionBps;
        instrument.UpdateCollar();
        return instrument;
    }

    /// <summary>Adds a new account (the caller has checked that its id is not defined yet); its limits are the caller's to set.</summary>
    public Account AddAccount(int id, int participant, long cash)
    {
        if (_accountCount == _accounts.Length) Array.Resize(ref _accounts, _accounts.Length * 2);
        var account = new Account(id, _accountCount, participant, _options) { Cash = cash };
        _accounts[_accountCount++] = account;
        _accountIndex.Set(new IntKey(id), account.Index);
        return account;
    }

    /// <summary>Registers an operator, or changes whether a registered one may re-enable kill switches.</summary>
    public void DefineOperator(Ascii16 name, bool canReenable)
    {
        for (int i = 0; i < _operators.Count; i++)
            if (_operators[i].Name == name)
            {
                _operators[i] = (name, canReenable);
                return;
            }
        _operators.Add((name, canReenable));
    }

    public bool IsRegisteredOperator(Ascii16 name)
    {
        foreach (var op in _operators)
            if (op.Name == name) return true;
        return false;
    }

    public bool IsEntitledToReenable(Ascii16 name)
    {
        foreach (var op in _operators)
            if (op.Name == name) return op.CanReenable;
        return false;
    }

    // ---- snapshot section: operators, instruments and accounts, each in definition order ----

    public void Save(StateWriter w)
    {
        w.Int(_operators.Count);
        foreach (var (name, canReenable) in _operators)
        {
            w.Ascii(name);
            w.Bool(canReenable);
        }

        w.Int(_instrumentCount);
        for (int i = 0; i < _instrumentCount; i++)
        {
            Instrument x = _instruments[i];
            w.Int(x.Id);
            w.Ascii(x.Symbol);
            w.Long(x.TickSize);
            w.Long(x.LotSize);
            w.Long(x.ReferencePrice);
            w.Int(x.PriceBandBps);
            w.Int(x.ProtectionTicks);
            w.Int(x.ProtectionBps);
            w.Long(x.Mark);
        }

        w.Int(_accountCount);
        for (int i = 0; i < _accountCount; i++)
        {
            Account a = _accounts[i];
            w.Int(a.Id);
            w.Int(a.Participant);
            w.Long(a.Cash);
            w.Long(a.ReservedBuy);
            w.Long(a.ReservedSell);
            w.Long(a.LongExposure);
            w.Long(a.ShortExposure);
            w.Long(a.Holds);
            w.Long(a.Unrealized);
            w.Long(a.Realized);
            w.Long(a.RealizedToday);
            w.Long(a.SodUnrealized);
            w.Bool(a.KillSwitch);
            for (int slot = LimitTypes.Slot(LimitType.MaxOrderQuantity, LimitKind.Hard); slot < LimitTypes.Slots; slot++)
            {
                ref LimitSetting l = ref a.Limits[slot];
                w.Long(l.Value);
                w.Long(l.Floor);
                w.Short(l.WarningBps);
                w.Short(l.CriticalBps);
                w.Byte((byte)a.AlertLevels[slot]);
            }
            a.Rate.Save(w);
            a.Breaker.Save(w);
        }
    }

    public void Load(StateReader r)
    {
        int operators = r.Count(17);
        for (int i = 0; i < operators; i++) _operators.Add((r.Ascii(), r.Bool()));

        int instruments = r.Count(40);
        for (int i = 0; i < instruments; i++)
        {
            int id = r.Int();
            if (_instrumentCount == _instruments.Length) Array.Resize(ref _instruments, _instruments.Length * 2);
            var x = new Instrument(id, _instrumentCount, _orders, _options.InitialLevelsPerSide)
            {
                Symbol = r.Ascii(),
                TickSize = r.Long(),
                LotSize = r.Long(),
                ReferencePrice = r.Long(),
                PriceBandBps = r.Int(),
                ProtectionTicks = r.Int(),
                ProtectionBps = r.Int(),
                Mark = r.Long(),
            };
            if (x.TickSize <= 0 || x.LotSize <= 0) throw new InvalidDataException($"snapshot corrupt: instrument {id} has a non-positive tick or lot");
            x.UpdateCollar();
            _instruments[_instrumentCount++] = x;
            if (!_instrumentIndex.TryAdd(new IntKey(id), x.Index)) throw new InvalidDataException($"snapshot corrupt: instrument {id} twice");
        }

        int accounts = r.Count(80);
        for (int i = 0; i < accounts; i++)
        {
            int id = r.Int();
            int participant = r.Int();
            if (_accountCount == _accounts.Length) Array.Resize(ref _accounts, _accounts.Length * 2);
            var a = new Account(id, _accountCount, participant, _options)
            {
                Cash = r.Long(),
                ReservedBuy = r.Long(),
                ReservedSell = r.Long(),
                LongExposure = r.Long(),
                ShortExposure = r.Long(),
                Holds = r.Long(),
                Unrealized = r.Long(),
                Realized = r.Long(),
                RealizedToday = r.Long(),
                SodUnrealized = r.Long(),
                KillSwitch = r.Bool(),
            };
            for (int slot = LimitTypes.Slot(LimitType.MaxOrderQuantity, LimitKind.Hard); slot < LimitTypes.Slots; slot++)
            {
                ref LimitSetting l = ref a.Limits[slot];
                l.Value = r.Long();
                l.Floor = r.Long();
                l.WarningBps = r.Short();
                l.CriticalBps = r.Short();
                l.UpdateThresholds();
                a.AlertLevels[slot] = (AlertLevel)r.Byte();
            }
            a.UpdateEnabled();
            a.Rate.Load(r);
            a.Breaker.Load(r);
            _accounts[_accountCount++] = a;
            if (!_accountIndex.TryAdd(new IntKey(id), a.Index)) throw new InvalidDataException($"snapshot corrupt: account {id} twice");
        }
    }
}
