namespace TradeX.Sbe.Model
{
    /// <summary>Field presence (SBE 1.0 §2.2.5, §4.4).</summary>
    public enum Presence
    {
        /// <summary>Always set; not tested for null.</summary>
        Required,
        /// <summary>May be null: a special null value is sent.</summary>
        Optional,
        /// <summary>Not on the wire; the schema gives the value.</summary>
        Constant,
    }
}
