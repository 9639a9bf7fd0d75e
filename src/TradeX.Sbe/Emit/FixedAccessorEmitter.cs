using System.Collections.Generic;
using System.Globalization;
using TradeX.Sbe.Model;

namespace TradeX.Sbe.Emit
{
    /// <summary>
    /// Emits the accessors of fixed-position values (message and group fields, composite members)
    /// for decoders and encoders, plus their dump and copy statements. Every read is at an offset
    /// the enclosing flyweight has already proven to lie inside the buffer.
    /// </summary>
    internal sealed class FixedAccessorEmitter
    {
        private readonly EmitContext _context;

        public FixedAccessorEmitter(EmitContext context)
        {
            _context = context;
        }

        /// <summary>Every C# member name the member produces on decoders and encoders (for collision checks).</summary>
        public static IEnumerable<string> MemberNames(FixedMember m)
        {
            string n = m.Name;
            yield return n;
            if (m.SinceVersion > 0)
            {
                yield return n + "InActingVersion";
            }

            switch (m.Type)
            {
                case EncodedType e when IsCharArray(m, e) || e.IsArray:
                    yield return n + "Length";
                    yield return n + "Bytes";
                    yield return "Get" + n;
                    yield return "Set" + n;
                    yield return "Set" + n + "Bytes";
                    yield return "Get" + n + "String";
                    break;
                case EncodedType _:
                    yield return n + "NullValue";
                    yield return "Has" + n;
                    yield return "Set" + n;
                    break;
                case EnumType _:
                    yield return n + "Raw";
                    yield return "Has" + n;
                    yield return "Set" + n;
                    yield return "Set" + n + "Raw";
                    break;
                default:
                    yield return "Set" + n;
                    break;
            }
        }

        private static bool IsCharArray(FixedMember m, EncodedType e) => e.IsCharArray && m.ConstantEnumValue == null;

        private string Guard(FixedMember m, AccessorHost host) =>
            host.Version != null && m.SinceVersion > 0 ? $"{host.Version} >= {m.SinceVersion.ToString(CultureInfo.InvariantCulture)}" : string.Empty;

        private void Doc(CodeWriter w, FixedMember m)
        {
            string text = EnumEmitter.Describe(m.Description, m.SchemaName);
            if (m.Id != 0)
            {
                text += $" Field id {m.Id.ToString(CultureInfo.InvariantCulture)}.";
            }

            if (m.IsOptional)
            {
                text += " Optional.";
            }

            if (m.IsConstant)
            {
                text += " Constant: not on the wire.";
            }

            w.Summary(text + EnumEmitter.Versions(m.SinceVersion, m.Deprecated));
        }

        public void EmitDecoder(CodeWriter w, FixedMember m, AccessorHost host)
        {
            string guard = Guard(m, host);
            switch (m.Type)
            {
                case EncodedType e when m.IsConstant:
                    Doc(w, m);
                    EmitConstant(w, m, e);
                    break;
                case EnumType en when m.IsConstant:
                    Doc(w, m);
                    EmitEnumConstant(w, m, en);
                    break;
                case EncodedType e when IsCharArray(m, e) || e.IsArray:
                    EmitArrayDecoder(w, m, e, host, guard);
                    break;
                case EncodedType e:
                    EmitScalarDecoder(w, m, e, host, guard);
                    break;
                case EnumType en:
                    Doc(w, m);
                    EmitEnumDecoder(w, m, en, host, guard);
                    break;
                case SetType s:
                    Doc(w, m);
                    string setRef = _context.Global(Naming.Pascal(s.Name));
                    string read = $"({setRef}){_context.Read(s.Encoding.Primitive, host.Buffer, host.At(m.Offset))}";
                    w.Line($"public {setRef} {m.Name} => {Guarded(guard, read, "default")};");
                    break;
                case CompositeType c:
                    Doc(w, m);
                    string decoder = _context.Global(Naming.Pascal(c.Name) + "Decoder");
                    string create = $"new {decoder}({host.Buffer}, {host.At(m.Offset)})";
                    w.Line($"public {decoder} {m.Name} => {Guarded(guard, create, $"new {decoder}({decoder}.SbeNullImage, 0)")};");
                    break;
            }

            if (guard.Length > 0)
            {
                w.Line();
                w.Summary($"True when the message's schema version carries {m.SchemaName} (since version {m.SinceVersion}); otherwise it reads as null.");
                w.Line($"public bool {m.Name}InActingVersion => {guard};");
            }

            w.Line();
        }

        private static string Guarded(string guard, string value, string absent) =>
            guard.Length == 0 ? value : $"{guard} ? {value} : {absent}";

        private void EmitConstant(CodeWriter w, FixedMember m, EncodedType e)
        {
            if (m.ConstantEnumValue != null)
            {
                ScalarValue.TryInteger(e.Primitive, m.ConstantEnumValue.Value.Integer, out ScalarValue? value);
                w.Line($"public {Primitives.CSharpType(e.Primitive)} {m.Name} => {value!.ToCSharp()};");
                return;
            }

            if (e.IsCharArray)
            {
                string text = e.ConstantText ?? string.Empty;
                w.Line($"public const int {m.Name}Length = {text.Length.ToString(CultureInfo.InvariantCulture)};");
                w.Line();
                w.Summary($"The constant {m.SchemaName} as US-ASCII bytes.");
                w.Line($"public {EmitContext.ReadOnlySpan} {m.Name}Bytes => {Naming.Literal(text)}u8;");
                w.Line();
                w.Summary($"The constant {m.SchemaName}.");
                w.Line($"public string Get{m.Name}String() => {Naming.Literal(text)};");
                return;
            }

            if (e.ConstantScalar != null)
            {
                w.Line($"public {Primitives.CSharpType(e.Primitive)} {m.Name} => {e.ConstantScalar.ToCSharp()};");
            }
        }

        private void EmitEnumConstant(CodeWriter w, FixedMember m, EnumType en)
        {
            string enumRef = _context.Global(Naming.Pascal(en.Name));
            EnumValue value = m.ConstantEnumValue!;
            int index = en.Values.IndexOf(value);
            string member = EnumEmitter.MemberNames(en).Values[index];
            w.Line($"public {enumRef} {m.Name} => {enumRef}.{member};");
            w.Line();
            w.Summary($"The wire value of the constant {m.SchemaName}.");
            ScalarValue.TryInteger(en.Encoding.Primitive, value.Value.Integer, out ScalarValue? raw);
            w.Line($"public {Primitives.CSharpType(en.Encoding.Primitive)} {m.Name}Raw => {raw!.ToCSharp()};");
        }

        private void EmitScalarDecoder(CodeWriter w, FixedMember m, EncodedType e, AccessorHost host, string guard)
        {
            string cs = Primitives.CSharpType(e.Primitive);
            string read = _context.Read(e.Primitive, host.Buffer, host.At(m.Offset));
            bool needsNull = m.IsOptional || guard.Length > 0;
            if (needsNull)
            {
                w.Summary($"The null value of {m.SchemaName}: what it reads as when not set or not in the message's version.");
                w.Line($"public const {cs} {m.Name}NullValue = {e.EffectiveNull.ToCSharp()};");
                w.Line();
            }

            Doc(w, m);

            w.Line($"public {cs} {m.Name} => {Guarded(guard, read, m.Name + "NullValue")};");
            if (m.IsOptional)
            {
                w.Line();
                w.Summary($"True when {m.SchemaName} is set (not its null value).");
                w.Line($"public bool Has{m.Name} => {NotNull(e, m.Name)};");
            }
        }

        private static string NotNull(EncodedType e, string value)
        {
            if (Primitives.IsReal(e.Primitive) && double.IsNaN(e.EffectiveNull.Real))
            {
                return $"!{Primitives.CSharpType(e.Primitive)}.IsNaN({value})";
            }

            return $"{value} != {value}NullValue";
        }

        private void EmitArrayDecoder(CodeWriter w, FixedMember m, EncodedType e, AccessorHost host, string guard)
        {
            string cs = Primitives.CSharpType(e.Primitive);
            int size = Primitives.Size(e.Primitive);
            string length = e.Length.ToString(CultureInfo.InvariantCulture);
            w.Summary($"Number of elements of {m.SchemaName}.");
            w.Line($"public const int {m.Name}Length = {length};");
            w.Line();
            Doc(w, m);
            w.Open($"public {cs} Get{m.Name}(int index)");
            w.Open($"if ((uint)index >= {length})");
            w.Line($"{EmitContext.Throw}.Index({Naming.Literal(m.Path)}, index, {length});");
            w.Close();
            w.Line();
            if (guard.Length > 0)
            {
                w.Open($"if (!({guard}))");
                w.Line($"return {e.EffectiveNull.ToCSharp()};");
                w.Close();
                w.Line();
            }

            w.Line($"return {_context.Read(e.Primitive, host.Buffer, $"{host.At(m.Offset)} + (index * {size})")};");
            w.Close();
            w.Line();
            w.Summary($"The raw bytes of {m.SchemaName}.");
            string slice = $"{host.Buffer}.Slice({host.At(m.Offset)}, {(e.Length * size).ToString(CultureInfo.InvariantCulture)})";
            w.Line($"public {EmitContext.ReadOnlySpan} {m.Name}Bytes => {Guarded(guard, slice, "default")};");
            if (e.Primitive == PrimitiveType.Char)
            {
                w.Line();
                w.Summary($"{m.SchemaName} as a string, up to the first NUL (allocates: for tools and logs).");
                w.Line($"public string Get{m.Name}String() => {EmitContext.Runtime}.SbeText.DecodeFixed({m.Name}Bytes, {_context.EncodingRef(e.CharacterEncoding)});");
            }
        }

        private void EmitEnumDecoder(CodeWriter w, FixedMember m, EnumType en, AccessorHost host, string guard)
        {
            string enumRef = _context.Global(Naming.Pascal(en.Name));
            string raw = Primitives.CSharpType(en.Encoding.Primitive);
            string read = _context.Read(en.Encoding.Primitive, host.Buffer, host.At(m.Offset));
            string nullLiteral = en.Encoding.EffectiveNull.ToCSharp();
            w.Line($"public {enumRef} {m.Name} => {_context.SchemaClassRef}.Decode{Naming.Pascal(en.Name)}({m.Name}Raw);");
            w.Line();
            w.Summary($"The wire value of {m.SchemaName}.");
            w.Line($"public {raw} {m.Name}Raw => {Guarded(guard, read, nullLiteral)};");
            if (m.IsOptional)
            {
                w.Line();
                w.Summary($"True when {m.SchemaName} is set (not the null value).");
                w.Line($"public bool Has{m.Name} => {m.Name}Raw != {nullLiteral};");
            }
        }

        public void EmitEncoder(CodeWriter w, FixedMember m, AccessorHost host)
        {
            if (m.IsConstant)
            {
                return;
            }

            string self = host.FluentType ?? "void";
            string ret = host.FluentType != null ? " return this;" : string.Empty;
            Doc(w, m);
            switch (m.Type)
            {
                case EncodedType e when e.IsCharArray || e.IsArray:
                    EmitArrayEncoder(w, m, e, host, self, ret);
                    break;
                case EncodedType e:
                    EmitSetter(w, m.Name, Primitives.CSharpType(e.Primitive), _context.Write(e.Primitive, host.Buffer, host.At(m.Offset), "value"), host);
                    break;
                case EnumType en:
                    string enumRef = _context.Global(Naming.Pascal(en.Name));
                    string encode = $"{_context.SchemaClassRef}.Encode{Naming.Pascal(en.Name)}(value, {Naming.Literal(m.Path)}, {host.At(m.Offset)})";
                    EmitSetter(w, m.Name, enumRef, _context.Write(en.Encoding.Primitive, host.Buffer, host.At(m.Offset), encode), host);
                    w.Line();
                    w.Summary($"Writes the wire value of {m.SchemaName} as is.");
                    EmitSetter(w, m.Name + "Raw", Primitives.CSharpType(en.Encoding.Primitive), _context.Write(en.Encoding.Primitive, host.Buffer, host.At(m.Offset), "value"), host);
                    break;
                case SetType s:
                    string setRef = _context.Global(Naming.Pascal(s.Name));
                    string cs = Primitives.CSharpType(s.Encoding.Primitive);
                    EmitSetter(w, m.Name, setRef, _context.Write(s.Encoding.Primitive, host.Buffer, host.At(m.Offset), $"({cs})value"), host);
                    break;
                case CompositeType c:
                    string encoder = _context.Global(Naming.Pascal(c.Name) + "Encoder");
                    w.Line($"public {encoder} {m.Name} => new {encoder}({host.Buffer}, {host.At(m.Offset)});");
                    break;
            }

            w.Line();
        }

        private static void EmitSetter(CodeWriter w, string name, string type, string write, AccessorHost host)
        {
            if (host.FluentType != null)
            {
                w.Open($"public {host.FluentType} Set{name}({type} value)");
                w.Line(write + ";");
                w.Line("return this;");
                w.Close();
            }
            else
            {
                w.Line($"public {type} {name} {{ set => {write}; }}");
            }
        }

        private void EmitArrayEncoder(CodeWriter w, FixedMember m, EncodedType e, AccessorHost host, string self, string ret)
        {
            string cs = Primitives.CSharpType(e.Primitive);
            int size = Primitives.Size(e.Primitive);
            string length = e.Length.ToString(CultureInfo.InvariantCulture);
            string at = host.At(m.Offset);
            string slice = $"{host.Buffer}.Slice({at}, {(e.Length * size).ToString(CultureInfo.InvariantCulture)})";
            w.Open($"public {self} Set{m.Name}(int index, {cs} value)");
            w.Open($"if ((uint)index >= {length})");
            w.Line($"{EmitContext.Throw}.Index({Naming.Literal(m.Path)}, index, {length});");
            w.Close();
            w.Line();
            w.Line(_context.Write(e.Primitive, host.Buffer, $"{at} + (index * {size})", "value") + ";" + ret);
            w.Close();
            w.Line();
            w.Summary($"Copies raw bytes into {m.SchemaName}, zero-padding the rest; throws SbeEncodeException when too long.");
            w.Open($"public {self} Set{m.Name}Bytes({EmitContext.ReadOnlySpan} value)");
            w.Line($"{EmitContext.Runtime}.SbeText.CopyFixed(value, {slice}, {Naming.Literal(m.Path)}, {at});" + ret);
            w.Close();
            if (e.Primitive == PrimitiveType.Char)
            {
                w.Line();
                w.Summary($"Encodes text into {m.SchemaName}, NUL-padding the rest; throws SbeEncodeException when too long.");
                w.Open($"public {self} Set{m.Name}(global::System.ReadOnlySpan<char> value)");
                w.Line($"{EmitContext.Runtime}.SbeText.EncodeFixed(value, {slice}, {_context.EncodingRef(e.CharacterEncoding)}, {Naming.Literal(m.Path)}, {at});" + ret);
                w.Close();
            }
        }

        /// <summary>Statements that append "name=value" for the member; <c>first</c> and <c>builder</c> are in scope.</summary>
        public void EmitAppend(CodeWriter w, FixedMember m, AccessorHost host)
        {
            bool guarded = host.Version != null && m.SinceVersion > 0;
            if (guarded)
            {
                w.Open($"if ({m.Name}InActingVersion)");
            }

            w.Line($"{EmitContext.Format}.Name(builder, ref first, {Naming.Literal(m.SchemaName)});");
            switch (m.Type)
            {
                case EncodedType e when m.IsConstant && m.ConstantEnumValue != null:
                    w.Line(AppendScalar(e.Primitive, m.Name) + ";");
                    break;
                case EncodedType e when m.IsConstant && e.IsCharArray:
                    w.Line($"{EmitContext.Format}.AppendQuoted(builder, Get{m.Name}String());");
                    break;
                case EncodedType e when m.IsConstant:
                    w.Line(AppendScalar(e.Primitive, m.Name) + ";");
                    break;
                case EnumType en when m.IsConstant:
                    w.Line($"builder.Append({Naming.Literal(m.ConstantEnumValue!.Name)});");
                    break;
                case EncodedType e when e.IsCharArray:
                    w.Line($"{EmitContext.Format}.AppendFixedQuoted(builder, {m.Name}Bytes, {_context.EncodingRef(e.CharacterEncoding)});");
                    break;
                case EncodedType e when e.IsArray:
                    w.Line("builder.Append('[');");
                    w.Open($"for (int i = 0; i < {e.Length.ToString(CultureInfo.InvariantCulture)}; i++)");
                    w.Line("if (i > 0) { builder.Append(\", \"); }");
                    w.Line(AppendScalar(e.Primitive, $"Get{m.Name}(i)") + ";");
                    w.Close();
                    w.Line("builder.Append(']');");
                    break;
                case EncodedType e:
                    if (m.IsOptional)
                    {
                        w.Line($"if (!Has{m.Name}) {{ builder.Append(\"null\"); }} else {{ {AppendScalar(e.Primitive, m.Name)}; }}");
                    }
                    else
                    {
                        w.Line(AppendScalar(e.Primitive, m.Name) + ";");
                    }

                    break;
                case EnumType en:
                    w.Line($"{_context.SchemaClassRef}.Append{Naming.Pascal(en.Name)}(builder, {m.Name}Raw);");
                    break;
                case SetType s:
                    w.Line($"{_context.SchemaClassRef}.Append{Naming.Pascal(s.Name)}(builder, (ulong){m.Name});");
                    break;
                case CompositeType _:
                    w.Line($"{m.Name}.AppendTo(builder);");
                    break;
            }

            if (guarded)
            {
                w.Close();
            }
        }

        public static string AppendScalar(PrimitiveType primitive, string value)
        {
            switch (primitive)
            {
                case PrimitiveType.Char:
                    return $"{EmitContext.Format}.AppendChar(builder, {value})";
                case PrimitiveType.Float:
                    return $"{EmitContext.Format}.AppendFloat(builder, {value})";
                case PrimitiveType.Double:
                    return $"{EmitContext.Format}.AppendDouble(builder, {value})";
                default:
                    return $"{EmitContext.Format}.AppendInteger(builder, ({(Primitives.IsUnsigned(primitive) ? "ulong" : "long")}){value})";
            }
        }

        /// <summary>Statements copying the member from <c>source</c> (a decoder) into this encoder.</summary>
        public void EmitCopy(CodeWriter w, FixedMember m, AccessorHost encoderHost)
        {
            if (m.IsConstant)
            {
                return;
            }

            // The source decoder hides members its message version lacks; those stay at the
            // encoder's defaults (null when optional).
            bool guarded = m.SinceVersion > 0;
            string prefix = guarded ? $"if (source.{m.Name}InActingVersion) {{ " : string.Empty;
            string suffix = guarded ? " }" : string.Empty;
            bool fluent = encoderHost.FluentType != null;
            string statement;
            switch (m.Type)
            {
                case EncodedType e when e.IsCharArray || e.IsArray:
                    statement = $"Set{m.Name}Bytes(source.{m.Name}Bytes);";
                    break;
                case EnumType _:
                    statement = fluent ? $"Set{m.Name}Raw(source.{m.Name}Raw);" : $"{m.Name}Raw = source.{m.Name}Raw;";
                    break;
                case CompositeType _:
                    statement = $"{m.Name}.CopyFrom(source.{m.Name});";
                    break;
                default:
                    statement = fluent ? $"Set{m.Name}(source.{m.Name});" : $"{m.Name} = source.{m.Name};";
                    break;
            }

            w.Line(prefix + statement + suffix);
        }
    }
}
