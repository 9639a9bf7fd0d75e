using System.Globalization;
using TradeX.Sbe.Model;

namespace TradeX.Sbe.Emit
{
    /// <summary>Emits a [Flags] enum for an SBE &lt;set&gt; (bit N = 1 &lt;&lt; N) and its dump helper.</summary>
    internal static class SetEmitter
    {
        public static void EmitType(CodeWriter w, EmitContext context, SetType type)
        {
            string name = Naming.Pascal(type.Name);
            w.Summary($"{EnumEmitter.Describe(type.Description, type.Name)} Bit set over {Primitives.SchemaName(type.Encoding.Primitive)}; unknown bits are kept as they are.");
            w.Line("[global::System.Flags]");
            w.Open($"public enum {name} : {Primitives.CSharpType(type.Encoding.Primitive)}");
            foreach (SetChoice choice in type.Choices)
            {
                w.Summary(EnumEmitter.Describe(choice.Description, choice.Name) + $" Bit {choice.Bit}." + EnumEmitter.Versions(choice.SinceVersion, choice.Deprecated));
                w.Line($"{Naming.Pascal(choice.Name)} = {Mask(choice.Bit)},");
            }

            w.Close();
        }

        public static void EmitHelpers(CodeWriter w, EmitContext context, SetType type)
        {
            string name = Naming.Pascal(type.Name);
            ulong knownMask = 0;
            w.Summary($"Appends the set bits of {type.Name} as {{choice, ...}}; unknown bits as bitN.");
            w.Open($"internal static void Append{name}({EmitContext.StringBuilder} builder, ulong raw)");
            w.Line("builder.Append('{');");
            w.Line("bool first = true;");
            foreach (SetChoice choice in type.Choices)
            {
                knownMask |= 1UL << choice.Bit;
                w.Open($"if ((raw & {Mask(choice.Bit)}) != 0)");
                w.Line("if (!first) { builder.Append(\", \"); }");
                w.Line("first = false;");
                w.Line($"builder.Append({Naming.Literal(choice.Name)});");
                w.Close();
            }

            int bits = Primitives.Size(type.Encoding.Primitive) * 8;
            w.Line($"ulong unknown = raw & ~0x{knownMask.ToString("x", CultureInfo.InvariantCulture)}UL;");
            w.Open($"for (int bit = 0; bit < {bits}; bit++)");
            w.Open("if ((unknown & (1UL << bit)) != 0)");
            w.Line("if (!first) { builder.Append(\", \"); }");
            w.Line("first = false;");
            w.Line($"builder.Append(\"bit\"); {EmitContext.Format}.AppendInteger(builder, (long)bit);");
            w.Close();
            w.Close();
            w.Line("builder.Append('}');");
            w.Close();
            w.Line();
        }

        // No suffix: C# gives the hex literal the smallest of int, uint, long, ulong that holds it, which
        // converts implicitly to every underlying type wide enough for the bit.
        private static string Mask(int bit) => "0x" + (1UL << bit).ToString("x", CultureInfo.InvariantCulture);
    }
}
