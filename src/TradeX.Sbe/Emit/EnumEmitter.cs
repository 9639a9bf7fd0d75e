using System.Collections.Generic;
using System.Globalization;
using TradeX.Sbe.Model;

namespace TradeX.Sbe.Emit
{
    /// <summary>
    /// Emits a C# enum for an SBE &lt;enum&gt; and its wire helpers. The C# enum is one size wider
    /// than the wire type so it can name two extra cases that can never collide with a wire
    /// value's meaning: <c>NullValue</c> (the encoding's null) and <c>Unknown</c> (any wire value the
    /// schema does not list, e.g. one added by a newer schema version). 8-byte encodings cannot be
    /// widened: their decoders return the raw value cast, and they have no Unknown case.
    /// </summary>
    internal static class EnumEmitter
    {
        public static bool HasUnknown(EnumType type) => Primitives.Size(type.Encoding.Primitive) < 8;

        public static string UnderlyingType(EnumType type)
        {
            switch (Primitives.Size(type.Encoding.Primitive))
            {
                case 1:
                case 2:
                    return "int";
                case 4:
                    return "long";
                default:
                    return type.Encoding.Primitive == PrimitiveType.UInt64 ? "ulong" : "long";
            }
        }

        /// <summary>The C# member names of the values, plus the NullValue/Unknown names.</summary>
        public static Names MemberNames(EnumType type)
        {
            var names = new Names();
            var used = new HashSet<string>();
            foreach (EnumValue value in type.Values)
            {
                names.Values.Add(Naming.Pascal(value.Name));
                used.Add(Naming.Pascal(value.Name));
            }

            names.NullValue = used.Contains("NullValue") ? "SbeNullValue" : "NullValue";
            names.Unknown = used.Contains("Unknown") ? "SbeUnknown" : "Unknown";
            names.NullIsValid = false;
            foreach (EnumValue value in type.Values)
            {
                if (value.Value.Integer == type.Encoding.EffectiveNull.Integer)
                {
                    names.NullIsValid = true;
                }
            }

            return names;
        }

        public static void EmitType(CodeWriter w, EmitContext context, EnumType type)
        {
            string name = Naming.Pascal(type.Name);
            Names names = MemberNames(type);
            string wire = Primitives.SchemaName(type.Encoding.Primitive);
            w.Summary($"{Describe(type.Description, type.Name)} Wire encoding: {wire}. Decoders return {(HasUnknown(type) ? names.Unknown + " for values the schema does not list and " : string.Empty)}{names.NullValue} for the null value.");
            w.Open($"public enum {name} : {UnderlyingType(type)}");
            for (int i = 0; i < type.Values.Count; i++)
            {
                EnumValue value = type.Values[i];
                w.Summary(Describe(value.Description, value.Name) + Versions(value.SinceVersion, value.Deprecated));
                w.Line($"{names.Values[i]} = {Integer(value.Value)},");
            }

            if (!names.NullIsValid)
            {
                w.Summary("The encoding's null value: the field is not set.");
                w.Line($"{names.NullValue} = {Integer(type.Encoding.EffectiveNull)},");
            }

            if (HasUnknown(type))
            {
                w.Summary("A wire value this schema version does not list.");
                w.Line($"{names.Unknown} = {UnderlyingType(type)}.MinValue,");
            }

            w.Close();
        }

        /// <summary>Decode/Encode/Append helpers, emitted into the schema class.</summary>
        public static void EmitHelpers(CodeWriter w, EmitContext context, EnumType type)
        {
            string name = Naming.Pascal(type.Name);
            string enumRef = context.Global(name);
            Names names = MemberNames(type);
            PrimitiveType primitive = type.Encoding.Primitive;
            string raw = Primitives.CSharpType(primitive);
            var known = new List<string>();
            foreach (EnumValue value in type.Values)
            {
                known.Add(Integer(value.Value));
            }

            if (!names.NullIsValid)
            {
                known.Add(Integer(type.Encoding.EffectiveNull));
            }

            w.Summary($"Maps a wire value of {type.Name} to the enum ({names.Unknown} when not listed).");
            if (HasUnknown(type))
            {
                w.Line($"internal static {enumRef} Decode{name}({raw} raw) => raw switch {{ {string.Join(" or ", known)} => ({enumRef})raw, _ => {enumRef}.{names.Unknown} }};");
            }
            else
            {
                w.Line($"internal static {enumRef} Decode{name}({raw} raw) => ({enumRef})raw;");
            }

            w.Line();
            w.Summary($"Maps {type.Name} to its wire value; throws SbeEncodeException for {names.Unknown} or a value outside the wire type.");
            w.Open($"internal static {raw} Encode{name}({enumRef} value, string element, int offset)");
            if (HasUnknown(type))
            {
                string min = Primitives.TypeMin(primitive).ToString(CultureInfo.InvariantCulture);
                string max = Primitives.TypeMax(primitive).ToString(CultureInfo.InvariantCulture);
                w.Line($"long wire = (long)value;");
                w.Open($"if (wire < {min} || wire > {max})");
                w.Line($"{EmitContext.Throw}.Encode({EmitContext.ErrorCode}.ValueOutOfRange, element, offset, wire, {max});");
                w.Close();
                w.Line();
                w.Line($"return ({raw})wire;");
            }
            else
            {
                w.Line($"return ({raw})value;");
            }

            w.Close();
            w.Line();
            w.Summary($"Appends the schema name of a wire value of {type.Name}, \"null\", or Unknown(value).");
            w.Open($"internal static void Append{name}({EmitContext.StringBuilder} builder, {raw} raw)");
            w.Open("switch (raw)");
            var seen = new HashSet<decimal>();
            foreach (EnumValue value in type.Values)
            {
                seen.Add(value.Value.Integer);
                w.Line($"case {Integer(value.Value)}: builder.Append({Naming.Literal(value.Name)}); break;");
            }

            if (!seen.Contains(type.Encoding.EffectiveNull.Integer))
            {
                w.Line($"case {Integer(type.Encoding.EffectiveNull)}: builder.Append(\"null\"); break;");
            }

            w.Line($"default: builder.Append(\"Unknown(\"); {EmitContext.Format}.AppendInteger(builder, ({(Primitives.IsUnsigned(primitive) ? "ulong" : "long")})raw); builder.Append(')'); break;");
            w.Close();
            w.Close();
            w.Line();
        }

        public static string Integer(ScalarValue value) => value.Integer.ToString(CultureInfo.InvariantCulture);

        /// <summary>Schema documentation for a doc comment (XML-escaped), or a placeholder naming the element.</summary>
        public static string Describe(string? description, string name) =>
            string.IsNullOrWhiteSpace(description) ? $"SBE {name}." : CodeWriter.Escape(description!.Trim());

        public static string Versions(int sinceVersion, int? deprecated)
        {
            string text = string.Empty;
            if (sinceVersion > 0)
            {
                text += $" Since schema version {sinceVersion}.";
            }

            if (deprecated != null)
            {
                text += $" Deprecated since schema version {deprecated}.";
            }

            return text;
        }

        internal sealed class Names
        {
            public List<string> Values { get; } = new List<string>();

            public string NullValue { get; set; } = "NullValue";

            public string Unknown { get; set; } = "Unknown";

            public bool NullIsValid { get; set; }
        }
    }
}
