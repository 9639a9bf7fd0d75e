using System.Collections.Generic;
using System.Globalization;
using TradeX.Sbe.Model;

namespace TradeX.Sbe.Emit
{
    /// <summary>
    /// Emits message decoders: a ref struct per message and a nested ref struct per group.
    /// Fixed fields are read at offsets proven in bounds when the message (or group entry) was
    /// wrapped. Groups and var data may be read in any order: a cursor shared through a ref field
    /// makes schema-order reading a single compare, and anything else walks from the end of the
    /// fixed block, bounds-checking every step.
    /// </summary>
    internal sealed class DecoderEmitter
    {
        private const string ErrorType = EmitContext.ErrorType;
        private readonly EmitContext _context;
        private readonly FixedAccessorEmitter _accessors;

        public DecoderEmitter(EmitContext context, FixedAccessorEmitter accessors)
        {
            _context = context;
            _accessors = accessors;
        }

        private string Cursor(MessageDef message) => _context.Global(Naming.Pascal(message.Name) + "Decoder") + ".SbeCursor";

        public void Emit(CodeWriter w, MessageDef message)
        {
            var layout = new BlockLayout(message, message);
            string name = Naming.Pascal(message.Name) + "Decoder";
            CompositeType header = _context.Schema.Header!;
            string headerName = header.Name;
            w.Summary($"Reads message {message.Name} (template id {message.Id}) in place, without allocating. {EnumEmitter.Describe(message.Description, message.Name)}{EnumEmitter.Versions(message.SinceVersion, message.Deprecated)} " +
                "Wrap it over a received buffer, read fixed fields in any order, and groups and var data in any order (schema order is fastest). Bad input throws SbeDecodeException; TryWrap and TryValidate never throw.");
            w.Open($"public ref struct {name}");
            EmitConstants(w, message);
            w.Line($"private readonly {EmitContext.ReadOnlySpan} _buffer;");
            w.Line("private readonly int _offset;");
            w.Line("private readonly int _body;");
            w.Line("private readonly int _actingBlockLength;");
            w.Line("private readonly int _actingVersion;");
            if (layout.HasElements)
            {
                w.Line("private SbeCursor _state;");
            }

            w.Line();
            w.Open($"private {name}({EmitContext.ReadOnlySpan} buffer, int offset, int body, int actingBlockLength, int actingVersion)");
            w.Line("_buffer = buffer;");
            w.Line("_offset = offset;");
            w.Line("_body = body;");
            w.Line("_actingBlockLength = actingBlockLength;");
            w.Line("_actingVersion = actingVersion;");
            if (layout.HasElements)
            {
                w.Line("_state = default;");
                w.Line("_state.Limit = body + actingBlockLength;");
                for (int d = 1; d <= message.MaxDepth; d++)
                {
                    w.Line($"_state.Active{d} = -1;");
                }
            }

            w.Close();
            w.Line();
            w.Summary("The schema version the message was encoded with (from its header).");
            w.Line("public int ActingVersion => _actingVersion;");
            w.Line();
            w.Summary("The root block length the message declares (may exceed SbeBlockLength for newer versions).");
            w.Line("public int ActingBlockLength => _actingBlockLength;");
            w.Line();
            w.Summary("Offset of the message header in the buffer.");
            w.Line("public int Offset => _offset;");
            w.Line();
            EmitWrap(w, layout, name, header, headerName);
            var host = new AccessorHost("_buffer", "_body", "_actingVersion", null);
            foreach (FixedMember field in layout.Fields)
            {
                _accessors.EmitDecoder(w, field, host);
            }

            EmitElementAccessors(w, layout, root: true);
            EmitRootDump(w, layout, message);
            if (layout.HasElements)
            {
                EmitCursorStruct(w, message);
            }

            foreach (GroupDef group in message.Groups)
            {
                EmitGroup(w, group, message);
            }

            w.Close();
        }

        private void EmitConstants(CodeWriter w, MessageDef message)
        {
            w.Summary("Template id of the message.");
            w.Line($"public const int SbeTemplateId = {BlockLayout.Int(message.Id)};");
            w.Line();
            w.Summary("Schema id.");
            w.Line($"public const int SbeSchemaId = {BlockLayout.Int(_context.Schema.Id)};");
            w.Line();
            w.Summary("Schema version these codecs were generated from.");
            w.Line($"public const int SbeSchemaVersion = {BlockLayout.Int(_context.Schema.Version)};");
            w.Line();
            w.Summary("Root block length this schema version encodes.");
            w.Line($"public const int SbeBlockLength = {BlockLayout.Int(message.BlockLength)};");
            w.Line();
            w.Summary("Length of the message header.");
            w.Line($"public const int SbeHeaderLength = {BlockLayout.Int(_context.Schema.Header!.Length)};");
            w.Line();
            w.Summary("Schema name of the message.");
            w.Line($"public const string SbeName = {Naming.Literal(message.Name)};");
            w.Line();
            if (message.SemanticType != null)
            {
                w.Summary("semanticType of the message (FIX MsgType).");
                w.Line($"public const string SbeSemanticType = {Naming.Literal(message.SemanticType)};");
                w.Line();
            }
        }

        private string HeaderRead(CompositeType header, string member, string buffer, string offset)
        {
            CompositeMember m = header.Find(member)!;
            var type = (EncodedType)m.Type;
            return $"(int){_context.Read(type.Primitive, buffer, $"{offset} + {BlockLayout.Int(m.Offset)}")}";
        }

        /// <summary>Reads a header member into a local of the same name and returns false when it is not <paramref name="expected"/>.</summary>
        private void EmitHeaderCheck(CodeWriter w, CompositeType header, string headerPath, string member, string expected, string code)
        {
            w.Line($"int {member} = {HeaderRead(header, member, "buffer", "offset")};");
            w.Open($"if ({member} != {expected})");
            w.Line("decoder = default;");
            w.Line($"error = new {ErrorType}({EmitContext.ErrorCode}.{code}, {Naming.Literal(headerPath + "." + member)}, offset + {BlockLayout.Int(header.Find(member)!.Offset)}, {member}, {expected});");
            w.Line("return false;");
            w.Close();
            w.Line();
        }

        private void EmitWrap(CodeWriter w, BlockLayout layout, string name, CompositeType header, string headerName)
        {
            MessageDef message = layout.Message;
            string messagePath = Naming.Literal(message.Name);
            w.Summary("Reads the header at <paramref name=\"offset\"/> and wraps the message; false (never an exception) for a buffer that is too short, of another schema or template, or whose block is too short for its version.");
            w.Line(EmitContext.Inline);
            w.Open($"public static bool TryWrap({EmitContext.ReadOnlySpan} buffer, int offset, out {name} decoder, out {ErrorType} error)");
            w.Open("if (offset < 0)");
            w.Line($"{EmitContext.Throw}.Offset(offset);");
            w.Close();
            w.Line();
            w.Open("if (buffer.Length - offset < SbeHeaderLength)");
            w.Line("decoder = default;");
            w.Line($"error = new {ErrorType}({EmitContext.ErrorCode}.Truncated, {Naming.Literal(message.Name + "." + headerName)}, offset, SbeHeaderLength, buffer.Length);");
            w.Line("return false;");
            w.Close();
            w.Line();
            EmitHeaderCheck(w, header, message.Name + "." + headerName, "schemaId", "SbeSchemaId", "WrongSchemaId");
            EmitHeaderCheck(w, header, message.Name + "." + headerName, "templateId", "SbeTemplateId", "WrongTemplateId");
            w.Line($"return TryWrapBody(buffer, offset + SbeHeaderLength, {HeaderRead(header, "blockLength", "buffer", "offset")}, {HeaderRead(header, "version", "buffer", "offset")}, out decoder, out error);");
            w.Close();
            w.Line();
            w.Summary("Wraps the message whose header is at <paramref name=\"offset\"/>; throws SbeDecodeException for bad input.");
            w.Line(EmitContext.Inline);
            w.Open($"public static {name} Wrap({EmitContext.ReadOnlySpan} buffer, int offset = 0)");
            w.Open($"if (!TryWrap(buffer, offset, out {name} decoder, out {ErrorType} error))");
            w.Line($"{EmitContext.Throw}.Decode(error);");
            w.Close();
            w.Line();
            w.Line("return decoder;");
            w.Close();
            w.Line();
            w.Summary("Wraps a message body whose header was read separately (blockLength and version from that header).");
            w.Line(EmitContext.Inline);
            w.Open($"public static bool TryWrapBody({EmitContext.ReadOnlySpan} buffer, int bodyOffset, int actingBlockLength, int actingVersion, out {name} decoder, out {ErrorType} error)");
            w.Open("if (bodyOffset < 0)");
            w.Line($"{EmitContext.Throw}.Offset(bodyOffset);");
            w.Close();
            w.Line();
            w.Line("int required = SbeRequiredBlockLength(actingVersion);");
            w.Open("if (actingBlockLength < required || actingBlockLength < 0)");
            w.Line("decoder = default;");
            w.Line($"error = new {ErrorType}({EmitContext.ErrorCode}.BlockLengthTooSmall, {messagePath}, bodyOffset, actingBlockLength, required);");
            w.Line("return false;");
            w.Close();
            w.Line();
            w.Open("if (buffer.Length - bodyOffset < actingBlockLength)");
            w.Line("decoder = default;");
            w.Line($"error = new {ErrorType}({EmitContext.ErrorCode}.Truncated, {messagePath}, bodyOffset, actingBlockLength, buffer.Length);");
            w.Line("return false;");
            w.Close();
            w.Line();
            w.Line($"decoder = new {name}(buffer, bodyOffset - SbeHeaderLength, bodyOffset, actingBlockLength, actingVersion);");
            w.Line("error = default;");
            w.Line("return true;");
            w.Close();
            w.Line();
            w.Line($"private static int SbeRequiredBlockLength(int actingVersion) => {layout.RequiredBlockLengthExpression("actingVersion")};");
            w.Line();
            w.Summary("Checks the whole message (header, block, every group entry and var data) without throwing; <paramref name=\"length\"/> is the message length including the header.");
            w.Open($"public static bool TryValidate({EmitContext.ReadOnlySpan} buffer, int offset, out int length, out {ErrorType} error)");
            w.Line("length = 0;");
            w.Open($"if (!TryWrap(buffer, offset, out {name} decoder, out error))");
            w.Line("return false;");
            w.Close();
            w.Line();
            w.Line("int end = decoder._body + decoder._actingBlockLength;");
            if (layout.HasElements)
            {
                w.Open($"if (!SbeSkipElements(buffer, end, decoder._actingVersion, 0, {layout.N}, out end, out error))");
                w.Line("return false;");
                w.Close();
                w.Line();
            }

            w.Line("length = end - offset;");
            w.Line("return true;");
            w.Close();
            w.Line();
        }

        /// <summary>Group and var data accessors of one level, its seek helper and its static walker.</summary>
        private void EmitElementAccessors(CodeWriter w, BlockLayout layout, bool root)
        {
            if (!layout.HasElements)
            {
                return;
            }

            BlockDef block = layout.Block;
            string d = layout.D;
            string next = root ? "_state.Next0" : $"_state.Next{d}";
            // The shared cursor is only where this level left it while this group still owns it
            // (another element's access may have moved it) and no nested group is half read.
            string owned = root ? string.Empty : $"_state.Active{d} == {BlockLayout.Int(((GroupDef)block).ElementIndex)} && ";
            string fast = owned + (layout.HasGroups ? $"{next} == {{0}} && _state.Active{layout.Child} < 0" : $"{next} == {{0}}");
            string buffer = "_buffer";

            foreach (GroupDef group in block.Groups)
            {
                string k = BlockLayout.Int(group.ElementIndex);
                string type = Naming.Pascal(group.Name) + "Decoder";
                w.Summary($"Group {group.Name} (id {group.Id}): iterate with MoveNext() or foreach. {EnumEmitter.Describe(group.Description, group.Name)}{EnumEmitter.Versions(group.SinceVersion, group.Deprecated)}");
                if (root)
                {
                    w.Line(EmitContext.UnscopedRef);
                }

                w.Open($"public {type} {Naming.Pascal(group.Name)}()");
                if (!root)
                {
                    w.Line(NoEntryGuard(group.Path));
                }

                w.Line($"int position = {string.Format(CultureInfo.InvariantCulture, fast, k)} ? _state.Limit : SbeSeek({k});");
                w.Line($"{next} = {k} + 1;");
                w.Line($"return {type}.SbeOpen({buffer}, ref _state, position, _actingVersion);");
                w.Close();
                w.Line();
            }

            foreach (DataDef data in block.Data)
            {
                string k = BlockLayout.Int(data.ElementIndex);
                string dataName = Naming.Pascal(data.Name);
                w.Summary($"Variable-length data {data.Name} (id {data.Id}): the bytes, in place. {EnumEmitter.Describe(data.Description, data.Name)}{EnumEmitter.Versions(data.SinceVersion, data.Deprecated)}");
                w.Open($"public {EmitContext.ReadOnlySpan} {dataName}()");
                if (!root)
                {
                    w.Line(NoEntryGuard(PathOf(block, data)));
                }

                w.Line($"int position = {string.Format(CultureInfo.InvariantCulture, fast, k)} ? _state.Limit : SbeSeek({k});");
                w.Line($"{next} = {k} + 1;");
                if (data.SinceVersion > 0)
                {
                    w.Open($"if (_actingVersion < {BlockLayout.Int(data.SinceVersion)})");
                    w.Line("_state.Limit = position;");
                    w.Line("return default;");
                    w.Close();
                    w.Line();
                }

                w.Line($"int start = {EmitContext.Runtime}.SbeVarData.Read({buffer}, position, {BlockLayout.Int(data.LengthSize)}, {Bool(_context.Schema.BigEndian)}, {BlockLayout.Int(data.MaxLength)}U, {Naming.Literal(PathOf(block, data))}, out int length);");
                w.Line("_state.Limit = start + length;");
                w.Line($"return {buffer}.Slice(start, length);");
                w.Close();
                w.Line();
                if (data.IsText)
                {
                    w.Summary($"{data.Name} decoded as text ({data.CharacterEncoding ?? "ASCII"}); allocates: for tools and logs.");
                    w.Line($"public string Get{dataName}String() => {EmitContext.Runtime}.SbeText.Decode({dataName}(), {_context.EncodingRef(data.CharacterEncoding)});");
                    w.Line();
                }
            }

            string start = root ? "_body + _actingBlockLength" : "_entry + _blockLength";
            w.Summary("Positions the shared cursor at element <paramref name=\"element\"/> of this level by walking from the end of the fixed block; every group below is no longer being read.");
            w.Open("private int SbeSeek(int element)");
            w.Open($"if (!SbeSkipElements({buffer}, {start}, _actingVersion, 0, element, out int position, out {ErrorType} error))");
            w.Line($"{EmitContext.Throw}.Decode(error);");
            w.Close();
            w.Line();
            if (!root)
            {
                EmitClaim(w, (GroupDef)block);
            }

            for (int deeper = layout.Depth + 1; deeper <= layout.Message.MaxDepth; deeper++)
            {
                w.Line($"_state.Active{deeper} = -1;");
            }

            w.Line("return position;");
            w.Close();
            w.Line();
            EmitSkipElements(w, layout);
        }

        /// <summary>
        /// Makes this group the owner of the shared cursor again after another element moved it; the
        /// parent level must then seek for its next element, because the cursor is inside this group.
        /// </summary>
        private static void EmitClaim(CodeWriter w, GroupDef group)
        {
            string d = BlockLayout.Int(group.Depth);
            string k = BlockLayout.Int(group.ElementIndex);
            w.Open($"if (_state.Active{d} != {k})");
            w.Line($"_state.Active{d} = {k};");
            w.Line($"_state.Next{BlockLayout.Int(group.Depth - 1)} = -1;");
            w.Close();
            w.Line();
        }

        private static string PathOf(BlockDef block, DataDef data) => block.Path + "." + data.Name;

        private static string NoEntryGuard(string path) =>
            "if ((uint)_index >= (uint)_count) { " + EmitContext.Throw + ".NoEntry(" + Naming.Literal(path) + "); }";

        private static string Bool(bool value) => value ? "true" : "false";

        private void EmitSkipElements(CodeWriter w, BlockLayout layout)
        {
            BlockDef block = layout.Block;
            w.Summary("Walks elements [from, to) of this level from <paramref name=\"position\"/>, checking every bound; never throws.");
            w.Open($"internal static bool SbeSkipElements({EmitContext.ReadOnlySpan} buffer, int position, int actingVersion, int from, int to, out int end, out {ErrorType} error)");
            w.Line("end = position;");
            w.Line("error = default;");
            w.Open("for (int element = from; element < to; element++)");
            w.Open("switch (element)");
            foreach (GroupDef group in block.Groups)
            {
                string k = BlockLayout.Int(group.ElementIndex);
                w.Line($"case {k}:");
                w.Line($"    if (!{Naming.Pascal(group.Name)}Decoder.SbeTrySkip(buffer, end, actingVersion, out end, out error)) {{ return false; }}");
                w.Line("    break;");
            }

            foreach (DataDef data in block.Data)
            {
                string k = BlockLayout.Int(data.ElementIndex);
                w.Line($"case {k}:");
                if (data.SinceVersion > 0)
                {
                    w.Line($"    if (actingVersion < {BlockLayout.Int(data.SinceVersion)}) {{ break; }}");
                }

                w.Line($"    if (!{EmitContext.Runtime}.SbeVarData.TryRead(buffer, end, {BlockLayout.Int(data.LengthSize)}, {Bool(_context.Schema.BigEndian)}, {BlockLayout.Int(data.MaxLength)}U, {Naming.Literal(PathOf(block, data))}, out int start{k}, out int length{k}, out error)) {{ return false; }}");
                w.Line($"    end = start{k} + length{k};");
                w.Line("    break;");
            }

            w.Close();
            w.Close();
            w.Line();
            w.Line("return true;");
            w.Close();
            w.Line();
        }

        private void EmitRootDump(CodeWriter w, BlockLayout layout, MessageDef message)
        {
            w.Summary("Appends a readable dump: Name{field=value, group=[{...}], data=\"...\"}. Reads a copy, so the caller's cursor does not move; a decode error ends the dump with its description.");
            w.Open($"public void AppendTo({EmitContext.StringBuilder} builder)");
            w.Line("var self = this;");
            w.Line($"builder.Append({Naming.Literal(message.Name + "{")});");
            w.Open("try");
            w.Line("self.SbeAppendBody(builder);");
            w.Close();
            w.Open($"catch ({EmitContext.Runtime}.SbeDecodeException exception)");
            w.Line("builder.Append(\" !decode error: \").Append(exception.Error.ToString());");
            w.Close();
            w.Line();
            w.Line("builder.Append('}');");
            w.Close();
            w.Line();
            w.Summary("A readable dump of the message (allocates: for logs and tools, off the hot path).");
            w.Open("public override string ToString()");
            w.Line($"var builder = new {EmitContext.StringBuilder}();");
            w.Line("AppendTo(builder);");
            w.Line("return builder.ToString();");
            w.Close();
            w.Line();
            w.Open($"private void SbeAppendBody({EmitContext.StringBuilder} builder)");
            EmitDumpBody(w, layout, new AccessorHost("_buffer", "_body", "_actingVersion", null));
            w.Close();
            w.Line();
        }

        private void EmitDumpBody(CodeWriter w, BlockLayout layout, AccessorHost host)
        {
            if (layout.Fields.Count + layout.ElementCount == 0)
            {
                return;
            }

            w.Line("bool first = true;");
            foreach (FixedMember field in layout.Fields)
            {
                _accessors.EmitAppend(w, field, host);
            }

            foreach (GroupDef group in layout.Block.Groups)
            {
                string name = Naming.Pascal(group.Name);
                if (group.SinceVersion > 0)
                {
                    w.Open($"if (_actingVersion >= {BlockLayout.Int(group.SinceVersion)})");
                }
                else
                {
                    // A bare block keeps each group's locals apart.
                    w.Open("// group " + group.Name);
                }

                w.Line($"{EmitContext.Format}.Name(builder, ref first, {Naming.Literal(group.Name)});");
                w.Line("builder.Append('[');");
                w.Line($"var entries = {name}();");
                w.Line("bool firstEntry = true;");
                w.Open("while (entries.MoveNext())");
                w.Line("if (!firstEntry) { builder.Append(\", \"); }");
                w.Line("firstEntry = false;");
                w.Line("entries.AppendEntryTo(builder);");
                w.Close();
                w.Line("builder.Append(']');");
                w.Close();
            }

            foreach (DataDef data in layout.Block.Data)
            {
                string name = Naming.Pascal(data.Name);
                string open = data.SinceVersion > 0 ? $"if (_actingVersion >= {BlockLayout.Int(data.SinceVersion)})" : "// data " + data.Name;
                w.Open(open);
                w.Line($"{EmitContext.Format}.Name(builder, ref first, {Naming.Literal(data.Name)});");
                if (data.IsText)
                {
                    w.Line($"{EmitContext.Format}.AppendQuoted(builder, {name}(), {_context.EncodingRef(data.CharacterEncoding)});");
                }
                else
                {
                    w.Line($"{EmitContext.Format}.AppendHex(builder, {name}());");
                }

                w.Close();
            }
        }

        private void EmitCursorStruct(CodeWriter w, MessageDef message)
        {
            w.Summary("Read position shared by the message and its group decoders: where the next element starts and which one it is, per nesting depth.");
            w.Open("internal struct SbeCursor");
            w.Line("internal int Limit;");
            w.Line("internal int Next0;");
            for (int d = 1; d <= message.MaxDepth; d++)
            {
                w.Line($"internal int Active{d};");
                w.Line($"internal int Next{d};");
            }

            w.Close();
            w.Line();
        }

        private void EmitGroup(CodeWriter w, GroupDef group, MessageDef message)
        {
            var layout = new BlockLayout(group, message);
            string name = Naming.Pascal(group.Name) + "Decoder";
            string cursor = Cursor(message);
            string d = layout.D;
            string path = Naming.Literal(group.Path);
            CompositeType dimension = group.Dimension;
            w.Line();
            w.Summary($"Reads entries of group {group.Path} in place. Before the first MoveNext() and after the last, fields read as null.");
            w.Open($"public ref struct {name}");
            w.Summary("Entry block length this schema version encodes.");
            w.Line($"public const int SbeBlockLength = {BlockLayout.Int(group.BlockLength)};");
            w.Line();
            w.Summary("Length of the group dimension header.");
            w.Line($"public const int SbeDimensionLength = {BlockLayout.Int(dimension.Length)};");
            w.Line();
            w.Line($"private readonly {EmitContext.ReadOnlySpan} _buffer;");
            w.Line($"private ref {cursor} _state;");
            w.Line("private readonly int _actingVersion;");
            w.Line("private readonly int _blockLength;");
            w.Line("private readonly int _count;");
            w.Line("private int _index;");
            w.Line($"private {EmitContext.ReadOnlySpan} _block;");
            w.Line("private int _entry;");
            w.Line("private readonly int _first;");
            w.Line();
            w.Open($"private {name}({EmitContext.ReadOnlySpan} buffer, ref {cursor} state, int actingVersion, int blockLength, int count, int first)");
            w.Line("_buffer = buffer;");
            w.Line("_state = ref state;");
            w.Line("_actingVersion = actingVersion;");
            w.Line("_blockLength = blockLength;");
            w.Line("_count = count;");
            w.Line("_index = -1;");
            w.Line("_block = SbeNullImage;");
            w.Line("_entry = 0;");
            w.Line("_first = first;");
            w.Close();
            w.Line();
            w.Line($"internal static {EmitContext.ReadOnlySpan} SbeNullImage => {ImageBuilder.ToExpression(ImageBuilder.Block(group.Fields, group.BlockLength, _context.Schema.BigEndian, allNull: true))};");
            w.Line();
            w.Summary("Number of entries (numInGroup).");
            w.Line("public int Count => _count;");
            w.Line();
            w.Summary("Index of the current entry; -1 before the first MoveNext().");
            w.Line("public int Index => _index;");
            w.Line();
            w.Summary("Entry block length declared on the wire.");
            w.Line("public int ActingBlockLength => _blockLength;");
            w.Line();
            w.Summary("foreach support: the group decoder is its own enumerator.");
            w.Line($"public {name} GetEnumerator() => this;");
            w.Line();
            w.Summary("foreach support: the current entry.");
            w.Line($"public {name} Current => this;");
            w.Line();

            // Opening: read and check the dimension, move the shared cursor past it.
            w.Open($"internal static {name} SbeOpen({EmitContext.ReadOnlySpan} buffer, ref {cursor} state, int position, int actingVersion)");
            if (group.SinceVersion > 0)
            {
                w.Open($"if (actingVersion < {BlockLayout.Int(group.SinceVersion)})");
                w.Line("state.Limit = position;");
                w.Line($"state.Active{d} = -1;");
                w.Line($"return new {name}(buffer, ref state, actingVersion, 0, 0, position);");
                w.Close();
                w.Line();
            }

            w.Open($"if (!SbeTryReadDimension(buffer, position, actingVersion, out int blockLength, out int count, out {ErrorType} error))");
            w.Line($"{EmitContext.Throw}.Decode(error);");
            w.Close();
            w.Line();
            w.Line("state.Limit = position + SbeDimensionLength;");
            w.Line($"state.Active{d} = count == 0 ? -1 : {BlockLayout.Int(group.ElementIndex)};");
            if (layout.HasGroups)
            {
                w.Line($"state.Active{layout.Child} = -1;");
            }

            w.Line($"return new {name}(buffer, ref state, actingVersion, blockLength, count, position + SbeDimensionLength);");
            w.Close();
            w.Line();

            // MoveNext: finish the current entry (or take the cursor back if another element's access
            // moved it), then check the next entry's block fits.
            string k = BlockLayout.Int(group.ElementIndex);
            w.Summary("Moves to the next entry; false after the last (the message cursor is then past the group).");
            w.Open("public bool MoveNext()");
            w.Open("if (_index >= _count)");
            w.Line("return false;");
            w.Close();
            w.Line();
            w.Open("if (_index + 1 == _count)");
            if (layout.HasElements)
            {
                w.Open($"if (_index >= 0 && _state.Active{d} == {k})");
                w.Line("SbeFinishEntry();");
                w.Close();
                w.Line();
            }

            w.Open($"if (_state.Active{d} == {k})");
            w.Line($"_state.Active{d} = -1;");
            w.Close();
            w.Line();
            w.Line("_index = _count;");
            w.Line("_block = SbeNullImage;");
            w.Line("_entry = 0;");
            w.Line("return false;");
            w.Close();
            w.Line();
            w.Open($"if (_state.Active{d} != {k})");
            w.Line("SbeReclaim();");
            w.Close();
            if (layout.HasElements)
            {
                w.Open("else if (_index >= 0)");
                w.Line("SbeFinishEntry();");
                w.Close();
            }

            w.Line();
            w.Line("_index++;");
            w.Line("int position = _state.Limit;");
            w.Open("if (_buffer.Length - position < _blockLength)");
            w.Line($"{EmitContext.Throw}.Truncated({path}, position, _blockLength, _buffer.Length);");
            w.Close();
            w.Line();
            w.Line("_block = _buffer;");
            w.Line("_entry = position;");
            w.Line("_state.Limit = position + _blockLength;");
            if (layout.HasElements)
            {
                w.Line($"_state.Next{d} = 0;");
            }

            if (layout.HasGroups)
            {
                w.Line($"_state.Active{layout.Child} = -1;");
            }

            w.Line("return true;");
            w.Close();
            w.Line();
            w.Summary("Another element's access moved the shared cursor: put it back where this group's next entry starts.");
            w.Open("private void SbeReclaim()");
            if (layout.HasElements)
            {
                w.Line("int position = _first;");
                w.Open("if (_index >= 0 && !SbeSkipElements(_buffer, _entry + _blockLength, _actingVersion, 0, " + layout.N + $", out position, out {ErrorType} error))");
                w.Line($"{EmitContext.Throw}.Decode(error);");
                w.Close();
                w.Line();
            }
            else
            {
                w.Line("int position = _index >= 0 ? _entry + _blockLength : _first;");
            }

            w.Line("_state.Limit = position;");
            EmitClaim(w, group);
            for (int deeper = group.Depth + 1; deeper <= message.MaxDepth; deeper++)
            {
                w.Line($"_state.Active{deeper} = -1;");
            }

            w.Close();
            w.Line();
            if (layout.HasElements)
            {
                string done = layout.HasGroups ? $"_state.Next{d} == {layout.N} && _state.Active{layout.Child} < 0" : $"_state.Next{d} == {layout.N}";
                w.Open("private void SbeFinishEntry()");
                w.Open($"if ({done})");
                w.Line("return;");
                w.Close();
                w.Line();
                w.Open($"if (!SbeSkipElements(_buffer, _entry + _blockLength, _actingVersion, 0, {layout.N}, out int end, out {ErrorType} error))");
                w.Line($"{EmitContext.Throw}.Decode(error);");
                w.Close();
                w.Line();
                w.Line("_state.Limit = end;");
                for (int deeper = group.Depth + 1; deeper <= message.MaxDepth; deeper++)
                {
                    w.Line($"_state.Active{deeper} = -1;");
                }

                w.Close();
                w.Line();
            }

            var host = new AccessorHost("_block", "_entry", "_actingVersion", null);
            foreach (FixedMember field in layout.Fields)
            {
                _accessors.EmitDecoder(w, field, host);
            }

            EmitElementAccessors(w, layout, root: false);
            EmitDimensionReader(w, group, layout);
            EmitTrySkip(w, group, layout);
            w.Line($"private static int SbeRequiredBlockLength(int actingVersion) => {layout.RequiredBlockLengthExpression("actingVersion")};");
            w.Line();
            w.Summary("Appends the current entry as {field=value, ...}.");
            w.Open($"public void AppendEntryTo({EmitContext.StringBuilder} builder)");
            w.Line("builder.Append('{');");
            EmitDumpBody(w, layout, host);
            w.Line("builder.Append('}');");
            w.Close();
            foreach (GroupDef child in group.Groups)
            {
                EmitGroup(w, child, message);
            }

            w.Close();
        }

        private void EmitDimensionReader(CodeWriter w, GroupDef group, BlockLayout layout)
        {
            CompositeType dimension = group.Dimension;
            string path = Naming.Literal(group.Path);
            CompositeMember blockLength = dimension.Find("blockLength")!;
            CompositeMember numInGroup = dimension.Find("numInGroup")!;
            w.Summary("Reads and checks a dimension: entry block length long enough for the version, count in range, entries' blocks inside the buffer.");
            w.Open($"internal static bool SbeTryReadDimension({EmitContext.ReadOnlySpan} buffer, int position, int actingVersion, out int blockLength, out int count, out {ErrorType} error)");
            w.Line("blockLength = 0;");
            w.Line("count = 0;");
            w.Open("if (buffer.Length - position < SbeDimensionLength)");
            w.Line($"error = new {ErrorType}({EmitContext.ErrorCode}.Truncated, {path}, position, SbeDimensionLength, buffer.Length);");
            w.Line("return false;");
            w.Close();
            w.Line();
            w.Line($"long wireBlockLength = (long){_context.Read(((EncodedType)blockLength.Type).Primitive, "buffer", $"position + {BlockLayout.Int(blockLength.Offset)}")};");
            w.Line($"long wireCount = (long){_context.Read(((EncodedType)numInGroup.Type).Primitive, "buffer", $"position + {BlockLayout.Int(numInGroup.Offset)}")};");
            w.Open($"if (wireCount < {BlockLayout.Int(group.MinCount)} || wireCount > {BlockLayout.Int(group.MaxCount)})");
            w.Line($"error = new {ErrorType}({EmitContext.ErrorCode}.CountOutOfRange, {path}, position, wireCount, {BlockLayout.Int(group.MaxCount)});");
            w.Line("return false;");
            w.Close();
            w.Line();
            w.Line("int required = SbeRequiredBlockLength(actingVersion);");
            w.Open("if (wireBlockLength < required)");
            w.Line($"error = new {ErrorType}({EmitContext.ErrorCode}.BlockLengthTooSmall, {path}, position, wireBlockLength, required);");
            w.Line("return false;");
            w.Close();
            w.Line();
            w.Open("if (wireCount * wireBlockLength > buffer.Length - (position + SbeDimensionLength))");
            w.Line($"error = new {ErrorType}({EmitContext.ErrorCode}.Truncated, {path}, position + SbeDimensionLength, wireCount * wireBlockLength, buffer.Length);");
            w.Line("return false;");
            w.Close();
            w.Line();
            w.Line("blockLength = (int)wireBlockLength;");
            w.Line("count = (int)wireCount;");
            w.Line("error = default;");
            w.Line("return true;");
            w.Close();
            w.Line();
        }

        private void EmitTrySkip(CodeWriter w, GroupDef group, BlockLayout layout)
        {
            string path = Naming.Literal(group.Path);
            w.Summary("Walks the whole group (dimension and every entry) from <paramref name=\"position\"/>; never throws.");
            w.Open($"internal static bool SbeTrySkip({EmitContext.ReadOnlySpan} buffer, int position, int actingVersion, out int end, out {ErrorType} error)");
            w.Line("end = position;");
            if (group.SinceVersion > 0)
            {
                w.Open($"if (actingVersion < {BlockLayout.Int(group.SinceVersion)})");
                w.Line("error = default;");
                w.Line("return true;");
                w.Close();
                w.Line();
            }

            w.Open("if (!SbeTryReadDimension(buffer, position, actingVersion, out int blockLength, out int count, out error))");
            w.Line("return false;");
            w.Close();
            w.Line();
            w.Line("end = position + SbeDimensionLength;");
            if (!layout.HasElements)
            {
                w.Line("end += count * blockLength;");
                w.Line("return true;");
                w.Close();
                w.Line();
                return;
            }

            w.Open("for (int i = 0; i < count; i++)");
            w.Line("int start = end;");
            w.Open("if (buffer.Length - end < blockLength)");
            w.Line($"error = new {ErrorType}({EmitContext.ErrorCode}.Truncated, {path}, end, blockLength, buffer.Length);");
            w.Line("return false;");
            w.Close();
            w.Line();
            w.Open($"if (!SbeSkipElements(buffer, end + blockLength, actingVersion, 0, {layout.N}, out end, out error))");
            w.Line("return false;");
            w.Close();
            w.Line();
            w.Line("// An entry that takes no bytes (empty block, every element absent in this version) means");
            w.Line("// all of them take none: stop instead of looping up to numInGroup times.");
            w.Open("if (end == start)");
            w.Line("break;");
            w.Close();
            w.Close();
            w.Line();
            w.Line("return true;");
            w.Close();
            w.Line();
        }
    }
}
