namespace TradeX.Sbe.Model
{
    /// <summary>
    /// A simple encoding (&lt;type&gt;): one primitive or a fixed array of it, with presence, range
    /// and null value. Length 0 marks the varData part of a variable-length data composite.
    /// </summary>
    public sealed class EncodedType : SbeType
    {
        /// <summary>Creates the type.</summary>
        public EncodedType(string name, SourceRef source, PrimitiveType primitive)
            : base(name, source)
        {
            Primitive = primitive;
        }

        /// <summary>The backing primitive.</summary>
        public PrimitiveType Primitive { get; }

        /// <summary>Required, optional or constant.</summary>
        public Presence Presence { get; set; }

        /// <summary>Number of elements; 1 for scalars, 0 for variable length.</summary>
        public int Length { get; set; } = 1;

        /// <summary>Null value override (optional types), else the primitive default.</summary>
        public ScalarValue? NullValue { get; set; }

        /// <summary>Schema minValue, if given.</summary>
        public ScalarValue? MinValue { get; set; }

        /// <summary>Schema maxValue, if given.</summary>
        public ScalarValue? MaxValue { get; set; }

        /// <summary>characterEncoding attribute, if given.</summary>
        public string? CharacterEncoding { get; set; }

        /// <summary>Raw constant text (presence constant).</summary>
        public string? ConstantText { get; set; }

        /// <summary>valueRef of a constant (EnumName.ValueName), if given.</summary>
        public string? ValueRef { get; set; }

        /// <summary>Resolved scalar constant for non-char-array constants.</summary>
        public ScalarValue? ConstantScalar { get; set; }

        /// <summary>True when this is a built-in primitive used directly as a field type.</summary>
        public bool IsBuiltIn { get; set; }

        /// <summary>True for a char array (length &gt; 1, or a char constant longer than one character).</summary>
        public bool IsCharArray =>
            Primitive == PrimitiveType.Char &&
            (Length > 1 || (Presence == Presence.Constant && ConstantText != null && ConstantText.Length > 1));

        /// <summary>True for a fixed array of a non-char primitive.</summary>
        public bool IsArray => Length > 1 && Primitive != PrimitiveType.Char;

        /// <summary>The null value in force: the override or the primitive's default.</summary>
        public ScalarValue EffectiveNull
        {
            get
            {
                if (NullValue != null)
                {
                    return NullValue;
                }

                if (Primitives.IsReal(Primitive))
                {
                    return ScalarValue.FromReal(Primitive, double.NaN);
                }

                ScalarValue.TryInteger(Primitive, Primitives.DefaultNull(Primitive), out ScalarValue? value);
                return value!;
            }
        }

        /// <inheritdoc />
        public override int EncodedLength => Presence == Presence.Constant ? 0 : Primitives.Size(Primitive) * Length;
    }
}
