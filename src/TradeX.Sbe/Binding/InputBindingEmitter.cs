using System.Linq;
using TradeX.Sbe.Emit;

namespace TradeX.Sbe.Binding
{
    /// <summary>
    /// C# for a bound journal schema: the journal codec's per-kind encode and decode (<see cref="Codec"/>)
    /// and the replay tool's named fields (<see cref="Fields"/>). Both are partial classes completed by a
    /// hand-written part that owns framing, error text and the few display rules no schema can say.
    /// </summary>
    internal static class InputBindingEmitter
    {
        private const string Span = "global::System.Span<byte>";
        private const string ReadOnlySpan = "global::System.ReadOnlySpan<byte>";

        /// <summary>
        /// <c>HasTemplate</c>, <c>Encode(in input, destination)</c> and <c>DecodePayload</c> plus one
        /// encoder and one decoder per input kind, over the schema's generated flyweights in
        /// <paramref name="codecNamespace"/>. The hand part supplies <c>Fail(SbeError, out string?)</c> and
        /// <c>NoTemplate(in input)</c>.
        /// </summary>
        public static string Codec(InputBinding binding, string targetClass, string codecNamespace)
        {
            var w = Begin(targetClass, out bool inNamespace);
            string input = binding.UnionType;
            string kind = binding.KindType;
            w.Line("/// <summary>True when <paramref name=\"kind\"/> has a message in the journal schema.</summary>");
            w.Line($"public static bool HasTemplate({kind} kind) => kind is {string.Join(" or ", binding.Messages.Select(m => $"{kind}.{m.Name}"))};");
            w.Line();
            w.Line("/// <summary>");
            w.Line("/// Encodes the payload of <paramref name=\"input\"/> as its SBE message at the start of <paramref name=\"destination\"/>");
            w.Line("/// and returns the length. An input kind without a template is refused (NoTemplate), never written in part.");
            w.Line("/// </summary>");
            Dispatch(w, binding, $"public static int Encode(in {input} input, {Span} destination)", "input.Kind",
                m => $"return Encode{m.Name}(in input.{m.Name}, destination);", "throw NoTemplate(in input);");
            w.Line();
            Dispatch(w, binding, $"private static bool DecodePayload({kind} kind, {ReadOnlySpan} message, ref {input} input, out string? error)", "kind",
                m => $"return Decode{m.Name}(message, ref input, out error);", "error = $\"input kind {(byte)kind} has no journal template\"; return false;");
            foreach (BoundMessage m in binding.Messages)
            {
                w.Line();
                EmitEncoder(w, binding, m, codecNamespace);
                w.Line();
                EmitDecoder(w, m, codecNamespace, input);
            }

            return End(w, inNamespace);
        }

        /// <summary>
        /// <c>AddSchemaFields(in input, list)</c>: every field of the input under its display name (tx:show), in
        /// display order, typed for the tool's formats. The hand part supplies <c>Money(long)</c> and <c>Name(enum)</c>.
        /// </summary>
        public static string Fields(InputBinding binding, string targetClass)
        {
            var w = Begin(targetClass, out bool inNamespace);
            w.Open($"private static void AddSchemaFields(in {binding.UnionType} input, global::System.Collections.Generic.List<Field> f)");
            w.Open("switch (input.Kind)");
            foreach (BoundMessage m in binding.Messages.Where(m => m.Shown.Count > 0))
            {
                w.Open($"case {binding.KindType}.{m.Name}:");
                w.Line($"ref readonly {m.PayloadType} x = ref input.{m.Name};");
                foreach (BoundField field in m.Shown)
                {
                    w.Line($"f.Add(new Field(\"{field.Display}\", {DisplayValue(field)}));");
                }

                w.Line("break;");
                w.Close();
            }

            w.Close();
            w.Close();
            return End(w, inNamespace);
        }

        /// <summary>A method that is one switch over the input kind, one case per bound message.</summary>
        private static void Dispatch(CodeWriter w, InputBinding binding, string signature, string on, System.Func<BoundMessage, string> body, string otherwise)
        {
            w.Open(signature);
            w.Open($"switch ({on})");
            foreach (BoundMessage m in binding.Messages)
            {
                w.Line($"case {binding.KindType}.{m.Name}: {body(m)}");
            }

            w.Line("default: " + otherwise);
            w.Close();
            w.Close();
        }

        /// <summary>
        /// <c>AddSchemaRefs(in input)</c>: what each input is about, from its fields whose type carries tx:ref. The hand
        /// part supplies <c>Account(int)</c>, <c>Instrument(int)</c>, <c>Order(long)</c>, <c>ClientOrder(int, ulong)</c>.
        /// </summary>
        public static string Refs(InputBinding binding, string targetClass)
        {
            var w = Begin(targetClass, out bool inNamespace, isStatic: false);
            w.Open($"private void AddSchemaRefs(in {binding.UnionType} input)");
            w.Open("switch (input.Kind)");
            foreach (BoundMessage m in binding.Messages)
            {
                var refs = m.Fields.Where(f => f.Ref != null).ToList();
                if (refs.Count == 0)
                {
                    continue;
                }

                BoundField? account = refs.FirstOrDefault(f => f.Ref == "account");
                w.Open($"case {binding.KindType}.{m.Name}:");
                w.Line($"ref readonly {m.PayloadType} x = ref input.{m.Name};");
                foreach (BoundField f in refs)
                {
                    string value = f.Shape == ValueShape.Wrapped ? $"x.{f.Member.Name}.{f.WrapperMember}" : $"x.{f.Member.Name}";
                    w.Line(f.Ref == "clientOrder"
                        ? $"ClientOrder({(account == null ? "0" : $"x.{account.Member.Name}.{account.WrapperMember}")}, {value});"
                        : $"{Naming.Pascal(f.Ref!)}({value});");
                }

                w.Line("break;");
                w.Close();
            }

            w.Close();
            w.Close();
            return End(w, inNamespace);
        }

        private static void EmitEncoder(CodeWriter w, InputBinding binding, BoundMessage m, string codecNamespace)
        {
            if (!m.HasText)
            {
                // Inlined into Encode's switch as the hand-written NewOrder encoder was: the hot path's one call.
                w.Line("[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]");
            }

            w.Open($"private static int Encode{m.Name}(in {m.PayloadType} x, scoped {Span} destination)");
            w.Line($"var e = global::{codecNamespace}.{m.Name}Encoder.WrapAndApplyHeader(destination);");
            foreach (BoundField f in m.Fields)
            {
                string member = "x." + f.Member.Name;
                switch (f.Shape)
                {
                    case ValueShape.Text:
                        string scratch = "text" + f.Accessor;
                        w.Line($"{Span} {scratch} = stackalloc byte[{f.MemberType}.Capacity];");
                        w.Line($"{member}.CopyTo({scratch});");
                        w.Line($"e.Set{f.Accessor}Bytes({scratch});");
                        break;
                    case ValueShape.Enum:
                        w.Line($"e.{f.Accessor}Raw = ({f.Primitive}){member};");
                        break;
                    case ValueShape.Flag:
                        w.Line($"e.{f.Accessor}Raw = {member} ? ({f.Primitive})1 : ({f.Primitive})0;");
                        break;
                    default:
                        string value = f.Shape == ValueShape.Wrapped ? $"{member}.{f.WrapperMember}" : member;
                        w.Line(f.CompositeMember != null ? $"e.{f.Accessor}.Set{f.CompositeMember}({value});" : $"e.{f.Accessor} = {value};");
                        break;
                }
            }

            if (m.RecordVersion == null)
            {
                w.Line("return e.Finish();");
            }
            else
            {
                // tx:baseVersion: this message has not changed since that version, so its records keep their bytes.
                string endian = binding.BigEndian ? "BigEndian" : "LittleEndian";
                w.Line("int length = e.Finish();");
                w.Line($"global::System.Buffers.Binary.BinaryPrimitives.WriteUInt16{endian}(destination.Slice({binding.VersionOffset}), {m.RecordVersion});");
                w.Line("return length;");
            }

            w.Close();
        }

        private static void EmitDecoder(CodeWriter w, BoundMessage m, string codecNamespace, string input)
        {
            w.Open($"private static bool Decode{m.Name}({ReadOnlySpan} m, ref {input} input, out string? error)");
            w.Line($"if (!global::{codecNamespace}.{m.Name}Decoder.TryWrap(m, 0, out var d, out global::TradeX.Sbe.Runtime.SbeError e)) return Fail(e, out error);");
            if (m.Fields.Count > 0)
            {
                w.Line($"ref {m.PayloadType} x = ref input.{m.Name};");
            }

            foreach (BoundField f in m.Fields)
            {
                string value;
                switch (f.Shape)
                {
                    case ValueShape.Text:
                        value = $"{f.MemberType}.FromBytes(d.{f.Accessor}Bytes)";
                        break;
                    case ValueShape.Enum:
                        value = $"({f.MemberType})d.{f.Accessor}Raw";
                        break;
                    case ValueShape.Flag:
                        value = $"d.{f.Accessor}Raw != 0";
                        break;
                    default:
                        string raw = f.CompositeMember != null ? $"d.{f.Accessor}.{f.CompositeMember}" : $"d.{f.Accessor}";
                        value = f.Shape == ValueShape.Wrapped ? $"new {f.MemberType}({raw})" : raw;
                        break;
                }

                // A record older than the field decodes it as the member's default (schemas/README.md: null value 0).
                w.Line(f.Field.SinceVersion > 0 ? $"x.{f.Member.Name} = d.{f.Accessor}InActingVersion ? {value} : default;" : $"x.{f.Member.Name} = {value};");
            }

            w.Line("error = null;");
            w.Line("return true;");
            w.Close();
        }

        private static string DisplayValue(BoundField f)
        {
            string member = "x." + f.Member.Name;
            switch (f.Shape)
            {
                case ValueShape.Text: return member + ".ToString()";
                case ValueShape.Enum: return $"Name({member})";
                case ValueShape.Flag: return member;
                default:
                    string raw = f.Shape == ValueShape.Wrapped ? $"{member}.{f.WrapperMember}" : member;
                    if (f.IsDecimal)
                    {
                        return $"Money({raw})";
                    }

                    return f.Unsigned64 ? raw : $"(long){raw}";
            }
        }

        private static CodeWriter Begin(string targetClass, out bool inNamespace, bool isStatic = true)
        {
            int dot = targetClass.LastIndexOf('.');
            var w = new CodeWriter();
            w.Line("// <auto-generated/>: generated from the journal schema by TradeX.Sbe's InputBindingGenerator. Do not edit.");
            w.Line("#nullable enable");
            w.Line();
            inNamespace = dot > 0;
            if (inNamespace)
            {
                w.Open("namespace " + targetClass.Substring(0, dot));
            }

            w.Open($"{(isStatic ? "static " : string.Empty)}partial class {targetClass.Substring(dot + 1)}");
            return w;
        }

        private static string End(CodeWriter w, bool inNamespace)
        {
            w.Close();
            if (inNamespace)
            {
                w.Close();
            }

            return w.ToString();
        }
    }
}
