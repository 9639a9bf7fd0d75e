using System.Collections.Generic;
using TradeX.Sbe.Model;

namespace TradeX.Sbe.Emit
{
    /// <summary>
    /// Emits message encoders: a ref struct per message and a nested ref struct per group. A new
    /// block (message root or group entry) starts as a copy of a precomputed image, so optional
    /// fields you do not set are null and padding is zero. Groups and var data are written in
    /// schema order; ones you skip are written empty (zero-length groups are still sent, SBE 1.0
    /// §3.4.6), and Finish() completes whatever is still open. A shared cursor tracks, per depth,
    /// which element comes next and how many entries a group still owes.
    /// </summary>
    internal sealed class EncoderEmitter
    {
        private readonly EmitContext _context;
        private readonly FixedAccessorEmitter _accessors;

        public EncoderEmitter(EmitContext context, FixedAccessorEmitter accessors)
        {
            _context = context;
            _accessors = accessors;
        }

        private string Cursor(MessageDef message) => _context.Global(Naming.Pascal(message.Name) + "Encoder") + ".SbeCursor";

        public void Emit(CodeWriter w, MessageDef message)
        {
            var layout = new BlockLayout(message, message);
            string name = Naming.Pascal(message.Name) + "Encoder";
            string decoder = _context.Global(Naming.Pascal(message.Name) + "Decoder");
            w.Summary($"Writes message {message.Name} (template id {message.Id}) in place, without allocating. " +
                "WrapAndApplyHeader, set fields, write groups and var data in schema order, then Finish() for the length. Capacity and order problems throw SbeEncodeException; nothing is written outside the buffer.");
            w.Open($"public ref struct {name}");
            w.Summary("Template id of the message.");
            w.Line($"public const int SbeTemplateId = {decoder}.SbeTemplateId;");
            w.Line();
            w.Summary("Root block length this schema version encodes.");
            w.Line($"public const int SbeBlockLength = {decoder}.SbeBlockLength;");
            w.Line();
            w.Summary("Length of the message header.");
            w.Line($"public const int SbeHeaderLength = {decoder}.SbeHeaderLength;");
            w.Line();
            w.Line($"private readonly {EmitContext.Span} _buffer;");
            w.Line("private readonly int _offset;");
            w.Line("private readonly int _body;");
            if (layout.HasElements)
            {
                w.Line("private SbeCursor _state;");
            }

            w.Line();
            w.Open($"private {name}({EmitContext.Span} buffer, int offset, int body)");
            w.Line("_buffer = buffer;");
            w.Line("_offset = offset;");
            w.Line("_body = body;");
            if (layout.HasElements)
            {
                w.Line("_state = default;");
                w.Line("_state.Limit = body + SbeBlockLength;");
                for (int d = 1; d <= message.MaxDepth; d++)
                {
                    w.Line($"_state.Active{d} = -1;");
                    w.Line($"_state.Next{d} = -1;");
                }
            }

            w.Close();
            w.Line();
            byte[] image = InitialImage(message);
            w.Summary("Header (with this message's ids and lengths) followed by the default block.");
            w.Line($"private static {EmitContext.ReadOnlySpan} SbeInitialImage => {ImageBuilder.ToExpression(image)};");
            w.Line();
            w.Summary("Offset of the message header in the buffer.");
            w.Line("public int Offset => _offset;");
            w.Line();
            w.Summary("Writes the header at <paramref name=\"offset\"/> and starts the block from its defaults (optional fields null); throws SbeEncodeException when the header and block do not fit.");
            w.Open($"public static {name} WrapAndApplyHeader({EmitContext.Span} buffer, int offset = 0)");
            w.Open("if (offset < 0)");
            w.Line($"{EmitContext.Throw}.Offset(offset);");
            w.Close();
            w.Line();
            w.Open("if (buffer.Length - offset < SbeHeaderLength + SbeBlockLength)");
            w.Line($"{EmitContext.Throw}.BufferTooSmall({Naming.Literal(message.Name)}, offset, SbeHeaderLength + SbeBlockLength, buffer.Length);");
            w.Close();
            w.Line();
            w.Line("SbeInitialImage.CopyTo(buffer.Slice(offset));");
            w.Line($"return new {name}(buffer, offset, offset + SbeHeaderLength);");
            w.Close();
            w.Line();
            w.Summary("Completes the message (writes groups and var data not yet written as empty, checks every group got its declared entries) and returns its length including the header.");
            w.Open("public int Finish()");
            if (layout.HasElements)
            {
                if (layout.HasGroups)
                {
                    w.Open("if (_state.Active1 >= 0)");
                    w.Line("SbeCloseChild(_buffer, ref _state);");
                    w.Close();
                    w.Line();
                }

                w.Open($"if (_state.Next0 < {layout.N})");
                w.Line($"SbeFillEmpty(_buffer, ref _state, _state.Next0, {layout.N});");
                w.Line($"_state.Next0 = {layout.N};");
                w.Close();
                w.Line();
                w.Line("return _state.Limit - _offset;");
            }
            else
            {
                w.Line("return _body + SbeBlockLength - _offset;");
            }

            w.Close();
            w.Line();
            var host = new AccessorHost("_buffer", "_body", null, null);
            foreach (FixedMember field in layout.Fields)
            {
                _accessors.EmitEncoder(w, field, host);
            }

            EmitElements(w, layout, message, root: true);
            EmitCopyFrom(w, layout, decoder, root: true);
            w.Summary("Decodes a message of this schema (any version) and encodes it at this schema's version; returns the length written. Throws SbeDecodeException for bad input, SbeEncodeException when the destination is too small.");
            w.Open($"public static int Transcode({EmitContext.ReadOnlySpan} source, {EmitContext.Span} destination)");
            w.Line($"var decoder = {decoder}.Wrap(source);");
            w.Line($"var encoder = WrapAndApplyHeader(destination);");
            w.Line("encoder.CopyFrom(decoder);");
            w.Line("return encoder.Finish();");
            w.Close();
            w.Line();
            if (layout.HasElements)
            {
                w.Summary("Write position shared by the message and its group encoders, per nesting depth.");
                w.Open("internal struct SbeCursor");
                w.Line("internal int Limit;");
                w.Line("internal int Next0;");
                for (int d = 1; d <= message.MaxDepth; d++)
                {
                    w.Line($"internal int Active{d};");
                    w.Line($"internal int Next{d};");
                    w.Line($"internal int Remaining{d};");
                }

                w.Close();
            }

            foreach (GroupDef group in message.Groups)
            {
                EmitGroup(w, group, message);
            }

            w.Close();
        }

        private byte[] InitialImage(MessageDef message)
        {
            CompositeType header = _context.Schema.Header!;
            bool big = _context.Schema.BigEndian;
            byte[] headerImage = ImageBuilder.Composite(header, big, allNull: false);
            SetUnsigned(headerImage, header, "blockLength", message.BlockLength, big);
            SetUnsigned(headerImage, header, "templateId", message.Id, big);
            SetUnsigned(headerImage, header, "schemaId", _context.Schema.Id, big);
            SetUnsigned(headerImage, header, "version", _context.Schema.Version, big);
            SetUnsigned(headerImage, header, "numGroups", message.Groups.Count, big);
            SetUnsigned(headerImage, header, "numVarDataFields", message.Data.Count, big);
            byte[] block = ImageBuilder.Block(message.Fields, message.BlockLength, big, allNull: false);
            var image = new byte[headerImage.Length + block.Length];
            System.Array.Copy(headerImage, image, headerImage.Length);
            System.Array.Copy(block, 0, image, headerImage.Length, block.Length);
            return image;
        }

        /// <summary>Sets an unsigned member (if the composite has it) in an image.</summary>
        internal static void SetUnsigned(byte[] image, CompositeType composite, string member, long value, bool bigEndian)
        {
            CompositeMember? m = composite.Find(member);
            if (m == null || !(m.Type is EncodedType type) || type.Presence == Presence.Constant || !Primitives.IsUnsigned(type.Primitive))
            {
                return;
            }

            ScalarValue.TryInteger(type.Primitive, System.Math.Min(value, (long)Primitives.TypeMax(type.Primitive)), out ScalarValue? scalar);
            byte[] bytes = ImageBuilder.ScalarBytes(scalar!, bigEndian);
            System.Array.Copy(bytes, 0, image, m.Offset, bytes.Length);
        }

        private void EmitElements(CodeWriter w, BlockLayout layout, MessageDef message, bool root)
        {
            BlockDef block = layout.Block;
            if (!layout.HasElements)
            {
                return;
            }

            string big = _context.Schema.BigEndian ? "true" : "false";
            foreach (GroupDef group in block.Groups)
            {
                string type = Naming.Pascal(group.Name) + "Encoder";
                w.Summary($"Starts group {group.Name} with <paramref name=\"count\"/> entries (0 is valid: the empty group is still sent); call Next() before each entry.");
                if (root)
                {
                    w.Line(EmitContext.UnscopedRef);
                }

                w.Open($"public {type} {Naming.Pascal(group.Name)}Count(int count)");
                w.Line($"SbeBegin({BlockLayout.Int(group.ElementIndex)}, {Naming.Literal(group.Path)});");
                w.Line($"return {type}.SbeOpen(_buffer, ref _state, count);");
                w.Close();
                w.Line();
            }

            foreach (DataDef data in block.Data)
            {
                string name = Naming.Pascal(data.Name);
                string path = Naming.Literal(block.Path + "." + data.Name);
                string k = BlockLayout.Int(data.ElementIndex);
                string max = BlockLayout.Int(data.MaxLength) + "U";
                w.Summary($"Writes variable-length data {data.Name} (at most {data.MaxLength} bytes).");
                w.Open($"public void Set{name}({EmitContext.ReadOnlySpan} value)");
                w.Line($"SbeBegin({k}, {path});");
                w.Line($"_state.Limit = {EmitContext.Runtime}.SbeVarData.Write(_buffer, _state.Limit, {BlockLayout.Int(data.LengthSize)}, {big}, {max}, {path}, value);");
                w.Close();
                w.Line();
                if (data.IsText)
                {
                    w.Summary($"Encodes text ({data.CharacterEncoding ?? "ASCII"}) straight into {data.Name}, without an intermediate array.");
                    w.Open($"public void Set{name}(global::System.ReadOnlySpan<char> value)");
                    w.Line($"SbeBegin({k}, {path});");
                    w.Line($"_state.Limit = {EmitContext.Runtime}.SbeVarData.WriteText(_buffer, _state.Limit, {BlockLayout.Int(data.LengthSize)}, {big}, {max}, {path}, value, {_context.EncodingRef(data.CharacterEncoding)});");
                    w.Close();
                    w.Line();
                }
            }

            string d = layout.D;
            string next = $"_state.Next{d}";
            w.Open("private void SbeBegin(int element, string path)");
            if (!root)
            {
                var group = (GroupDef)block;
                w.Open($"if (_entry < 0 || _state.Active{d} != {BlockLayout.Int(group.ElementIndex)})");
                w.Line($"{EmitContext.Throw}.NoEntry(path);");
                w.Close();
                w.Line();
            }

            if (layout.HasGroups)
            {
                w.Open($"if (_state.Active{layout.Child} >= 0)");
                w.Line("SbeCloseChild(_buffer, ref _state);");
                w.Close();
                w.Line();
            }

            w.Open($"if ({next} > element)");
            w.Line($"{EmitContext.Throw}.Encode({EmitContext.ErrorCode}.OutOfOrder, path, _state.Limit, element, {next});");
            w.Close();
            w.Line();
            w.Open($"if ({next} < element)");
            w.Line($"SbeFillEmpty(_buffer, ref _state, {next}, element);");
            w.Close();
            w.Line();
            w.Line($"{next} = element + 1;");
            w.Close();
            w.Line();
            string cursor = Cursor(message);
            if (layout.HasGroups)
            {
                w.Open($"private static void SbeCloseChild({EmitContext.Span} buffer, ref {cursor} state)");
                w.Open($"switch (state.Active{layout.Child})");
                foreach (GroupDef group in block.Groups)
                {
                    w.Line($"case {BlockLayout.Int(group.ElementIndex)}: {Naming.Pascal(group.Name)}Encoder.SbeClose(buffer, ref state); break;");
                }

                w.Close();
                w.Close();
                w.Line();
            }

            w.Open($"private static void SbeFillEmpty({EmitContext.Span} buffer, ref {cursor} state, int from, int to)");
            w.Open("for (int element = from; element < to; element++)");
            w.Open("switch (element)");
            foreach (GroupDef group in block.Groups)
            {
                w.Line($"case {BlockLayout.Int(group.ElementIndex)}: state.Limit = {Naming.Pascal(group.Name)}Encoder.SbeWriteEmpty(buffer, state.Limit); break;");
            }

            foreach (DataDef data in block.Data)
            {
                w.Line($"case {BlockLayout.Int(data.ElementIndex)}: state.Limit = {EmitContext.Runtime}.SbeVarData.Write(buffer, state.Limit, {BlockLayout.Int(data.LengthSize)}, {big}, {BlockLayout.Int(data.MaxLength)}U, {Naming.Literal(block.Path + "." + data.Name)}, default); break;");
            }

            w.Close();
            w.Close();
            w.Close();
            w.Line();
        }

        private void EmitCopyFrom(CodeWriter w, BlockLayout layout, string decoderType, bool root)
        {
            w.Summary(root
                ? "Copies every field, group and var data from a decoder of this message (of any version): the decoded message re-encoded at this version."
                : "Copies the decoder's current entry (fields, nested groups, var data) into this entry.");
            w.Open($"public void CopyFrom({decoderType} source)");
            var host = new AccessorHost("_buffer", root ? "_body" : "SbeEntry", "_actingVersion", null);
            foreach (FixedMember field in layout.Fields)
            {
                _accessors.EmitCopy(w, field, host);
            }

            foreach (GroupDef group in layout.Block.Groups)
            {
                string name = Naming.Pascal(group.Name);
                w.Open("// group " + group.Name);
                w.Line($"var from = source.{name}();");
                w.Line($"var to = {name}Count(from.Count);");
                w.Open("while (from.MoveNext())");
                w.Line("to.Next();");
                w.Line("to.CopyFrom(from);");
                w.Close();
                w.Close();
            }

            foreach (DataDef data in layout.Block.Data)
            {
                string name = Naming.Pascal(data.Name);
                w.Line($"Set{name}(source.{name}());");
            }

            w.Close();
            w.Line();
        }

        private void EmitGroup(CodeWriter w, GroupDef group, MessageDef message)
        {
            var layout = new BlockLayout(group, message);
            string name = Naming.Pascal(group.Name) + "Encoder";
            string cursor = Cursor(message);
            string d = layout.D;
            string k = BlockLayout.Int(group.ElementIndex);
            string path = Naming.Literal(group.Path);
            bool big = _context.Schema.BigEndian;
            CompositeType dimension = group.Dimension;
            w.Line();
            w.Summary($"Writes entries of group {group.Path}: call Next() before each entry, then set its fields.");
            w.Open($"public ref struct {name}");
            w.Summary("Entry block length this schema version encodes.");
            w.Line($"public const int SbeBlockLength = {BlockLayout.Int(group.BlockLength)};");
            w.Line();
            w.Summary("Length of the group dimension header.");
            w.Line($"public const int SbeDimensionLength = {BlockLayout.Int(dimension.Length)};");
            w.Line();
            w.Summary("Largest entry count the dimension allows.");
            w.Line($"public const int SbeMaxCount = {BlockLayout.Int(group.MaxCount)};");
            w.Line();
            w.Line($"private readonly {EmitContext.Span} _buffer;");
            w.Line($"private ref {cursor} _state;");
            w.Line("private int _entry;");
            w.Line();
            w.Open($"private {name}({EmitContext.Span} buffer, ref {cursor} state)");
            w.Line("_buffer = buffer;");
            w.Line("_state = ref state;");
            w.Line("_entry = -1;");
            w.Close();
            w.Line();
            w.Line($"private static {EmitContext.ReadOnlySpan} SbeDefaultBlock => {ImageBuilder.ToExpression(ImageBuilder.Block(group.Fields, group.BlockLength, big, allNull: false))};");
            w.Line();
            byte[] dimensionImage = ImageBuilder.Composite(dimension, big, allNull: false);
            EncoderEmitter.SetUnsigned(dimensionImage, dimension, "blockLength", group.BlockLength, big);
            EncoderEmitter.SetUnsigned(dimensionImage, dimension, "numGroups", group.Groups.Count, big);
            EncoderEmitter.SetUnsigned(dimensionImage, dimension, "numVarDataFields", group.Data.Count, big);
            w.Line($"private static {EmitContext.ReadOnlySpan} SbeDimensionImage => {ImageBuilder.ToExpression(dimensionImage)};");
            w.Line();
            CompositeMember numInGroup = dimension.Find("numInGroup")!;
            var countType = (EncodedType)numInGroup.Type;
            w.Open($"internal static int SbeWriteDimension({EmitContext.Span} buffer, int position, int count)");
            w.Open("if (buffer.Length - position < SbeDimensionLength)");
            w.Line($"{EmitContext.Throw}.BufferTooSmall({path}, position, SbeDimensionLength, buffer.Length);");
            w.Close();
            w.Line();
            w.Line("SbeDimensionImage.CopyTo(buffer.Slice(position));");
            w.Line(_context.Write(countType.Primitive, "buffer", $"position + {BlockLayout.Int(numInGroup.Offset)}", $"({Primitives.CSharpType(countType.Primitive)})count") + ";");
            w.Line("return position + SbeDimensionLength;");
            w.Close();
            w.Line();
            w.Open($"internal static int SbeWriteEmpty({EmitContext.Span} buffer, int position)");
            if (group.MinCount > 0)
            {
                w.Line($"{EmitContext.Throw}.Encode({EmitContext.ErrorCode}.CountOutOfRange, {path}, position, 0, {BlockLayout.Int(group.MaxCount)});");
            }

            w.Line("return SbeWriteDimension(buffer, position, 0);");
            w.Close();
            w.Line();
            w.Open($"internal static {name} SbeOpen({EmitContext.Span} buffer, ref {cursor} state, int count)");
            w.Open($"if (count < {BlockLayout.Int(group.MinCount)} || count > SbeMaxCount)");
            w.Line($"{EmitContext.Throw}.Encode({EmitContext.ErrorCode}.CountOutOfRange, {path}, state.Limit, count, SbeMaxCount);");
            w.Close();
            w.Line();
            w.Line("state.Limit = SbeWriteDimension(buffer, state.Limit, count);");
            w.Line($"state.Active{d} = count == 0 ? -1 : {k};");
            w.Line($"state.Next{d} = -1;");
            w.Line($"state.Remaining{d} = count;");
            if (layout.HasGroups)
            {
                w.Line($"state.Active{layout.Child} = -1;");
            }

            w.Line($"return new {name}(buffer, ref state);");
            w.Close();
            w.Line();
            w.Summary("Starts the next entry (completing the previous one); throws SbeEncodeException beyond the declared count.");
            w.Open("public void Next()");
            w.Open($"if (_state.Active{d} != {k} || _state.Remaining{d} == 0)");
            w.Line($"{EmitContext.Throw}.Encode({EmitContext.ErrorCode}.CountOutOfRange, {path}, _state.Limit, _state.Remaining{d}, 0);");
            w.Close();
            w.Line();
            if (layout.HasElements)
            {
                w.Line("SbeFinishEntry(_buffer, ref _state);");
            }

            w.Line($"_state.Remaining{d}--;");
            w.Line("int position = _state.Limit;");
            w.Open("if (_buffer.Length - position < SbeBlockLength)");
            w.Line($"{EmitContext.Throw}.BufferTooSmall({path}, position, SbeBlockLength, _buffer.Length);");
            w.Close();
            w.Line();
            w.Line("SbeDefaultBlock.CopyTo(_buffer.Slice(position));");
            w.Line("_entry = position;");
            w.Line("_state.Limit = position + SbeBlockLength;");
            w.Line($"_state.Next{d} = 0;");
            if (!layout.HasElements)
            {
                w.Line("// Nothing can follow an entry without groups or var data: the group completes with its last entry.");
                w.Open($"if (_state.Remaining{d} == 0)");
                w.Line($"_state.Active{d} = -1;");
                w.Close();
            }

            w.Close();
            w.Line();
            w.Open("private int SbeEntry");
            w.Open("get");
            w.Open("if (_entry < 0)");
            w.Line($"{EmitContext.Throw}.NoEntry({path});");
            w.Close();
            w.Line();
            w.Line("return _entry;");
            w.Close();
            w.Close();
            w.Line();
            w.Open($"internal static void SbeFinishEntry({EmitContext.Span} buffer, ref {cursor} state)");
            if (layout.HasElements)
            {
                w.Open($"if (state.Next{d} < 0)");
                w.Line("return;");
                w.Close();
                w.Line();
                if (layout.HasGroups)
                {
                    w.Open($"if (state.Active{layout.Child} >= 0)");
                    w.Line("SbeCloseChild(buffer, ref state);");
                    w.Close();
                    w.Line();
                }

                w.Open($"if (state.Next{d} < {layout.N})");
                w.Line($"SbeFillEmpty(buffer, ref state, state.Next{d}, {layout.N});");
                w.Close();
                w.Line();
                w.Line($"state.Next{d} = {layout.N};");
            }

            w.Close();
            w.Line();
            w.Open($"internal static void SbeClose({EmitContext.Span} buffer, ref {cursor} state)");
            w.Line("SbeFinishEntry(buffer, ref state);");
            w.Open($"if (state.Remaining{d} > 0)");
            w.Line($"{EmitContext.Throw}.Encode({EmitContext.ErrorCode}.IncompleteGroup, {path}, state.Limit, state.Remaining{d}, 0);");
            w.Close();
            w.Line();
            w.Line($"state.Active{d} = -1;");
            w.Close();
            w.Line();
            var host = new AccessorHost("_buffer", "SbeEntry", null, null);
            foreach (FixedMember field in layout.Fields)
            {
                _accessors.EmitEncoder(w, field, host);
            }

            EmitElements(w, layout, message, root: false);
            string decoderPath = _context.Global(DecoderPath(group, message));
            EmitCopyFrom(w, layout, decoderPath, root: false);
            foreach (GroupDef child in group.Groups)
            {
                EmitGroup(w, child, message);
            }

            w.Close();
        }

        private static string DecoderPath(GroupDef group, MessageDef message)
        {
            var names = new List<string>();
            for (GroupDef? g = group; g != null; g = g.Parent)
            {
                names.Insert(0, Naming.Pascal(g.Name) + "Decoder");
            }

            return Naming.Pascal(message.Name) + "Decoder." + string.Join(".", names);
        }
    }
}
