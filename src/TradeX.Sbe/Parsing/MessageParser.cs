using System.Collections.Generic;
using System.Xml.Linq;
using TradeX.Sbe.Model;

namespace TradeX.Sbe.Parsing
{
    /// <summary>
    /// Parses &lt;message&gt; and &lt;group&gt; bodies: fields, then groups, then data (SBE 1.0 §3.5),
    /// resolves their encodings and lays out the fixed block (§3.3.3: packed unless an offset is given;
    /// an offset may only add padding; blockLength may only add padding at the end).
    /// </summary>
    internal sealed class MessageParser
    {
        private readonly ParseContext _context;
        private readonly TypeResolver _types;

        public MessageParser(ParseContext context, TypeResolver types)
        {
            _context = context;
            _types = types;
        }

        public MessageDef? ParseMessage(XElement element)
        {
            if (!ReadNameAndId(element, out string name, out int id))
            {
                return null;
            }

            var message = new MessageDef(name, id, _context.Source(element))
            {
                Description = _context.Attr(element, "description"),
                SemanticType = _context.Attr(element, "semanticType"),
                SinceVersion = _context.SinceVersion(element),
                Deprecated = _context.Deprecated(element),
                ExplicitBlockLength = _context.IntAttr(element, "blockLength"),
                Path = name,
                Binding = _context.BindingAttrs(element),
            };
            int maxDepth = 0;
            ParseBlock(element, message, 0, null, ref maxDepth);
            message.MaxDepth = maxDepth;
            return message;
        }

        private void ParseBlock(XElement element, BlockDef block, int depth, GroupDef? parent, ref int maxDepth)
        {
            int stage = 0;
            var names = new Dictionary<string, XElement>();
            var ids = new Dictionary<int, string>();
            foreach (XElement child in element.Elements())
            {
                string local = child.Name.LocalName;
                switch (local)
                {
                    case "field":
                        if (stage > 0)
                        {
                            _context.Error(DiagnosticIds.InvalidStructure, child, "a fixed-length <field> must come before every <group> and <data> of its block");
                        }

                        FieldDef? field = ParseField(child, block);
                        if (field != null && Unique(child, field.Name, field.Id, names, ids))
                        {
                            block.Fields.Add(field);
                        }

                        break;
                    case "group":
                        if (stage > 1)
                        {
                            _context.Error(DiagnosticIds.InvalidStructure, child, "a <group> must come before every <data> of its block");
                        }

                        stage = 1;
                        GroupDef? group = ParseGroup(child, block, depth + 1, parent, ref maxDepth);
                        if (group != null && Unique(child, group.Name, group.Id, names, ids))
                        {
                            group.ElementIndex = block.Groups.Count;
                            block.Groups.Add(group);
                        }

                        break;
                    case "data":
                        stage = 2;
                        DataDef? data = ParseData(child);
                        if (data != null && Unique(child, data.Name, data.Id, names, ids))
                        {
                            block.Data.Add(data);
                        }

                        break;
                    default:
                        _context.Error(DiagnosticIds.InvalidStructure, child, $"<{local}> is not allowed here (expected field, group or data)");
                        break;
                }
            }

            for (int i = 0; i < block.Data.Count; i++)
            {
                block.Data[i].ElementIndex = block.Groups.Count + i;
            }

            LayOut(element, block);
        }

        /// <summary>Reads the required name and id of a message, field, group or data element.</summary>
        private bool ReadNameAndId(XElement element, out string name, out int id)
        {
            string? nameText = _context.RequiredAttr(element, "name");
            int? idValue = _context.IntAttr(element, "id");
            if (idValue == null && _context.Attr(element, "id") == null)
            {
                _context.Error(DiagnosticIds.InvalidAttribute, element, "missing required attribute 'id'");
            }

            name = nameText ?? string.Empty;
            id = idValue ?? 0;
            return nameText != null && idValue != null && _context.CheckSymbolicName(element, nameText);
        }

        private bool Unique(XElement element, string name, int id, Dictionary<string, XElement> names, Dictionary<int, string> ids)
        {
            if (names.ContainsKey(name))
            {
                _context.Error(DiagnosticIds.DuplicateName, element, $"name '{name}' is already used in this block");
                return false;
            }

            if (ids.TryGetValue(id, out string? other))
            {
                _context.Error(DiagnosticIds.DuplicateId, element, $"id {id} is already used by '{other}' in this block");
                return false;
            }

            names[name] = element;
            ids[id] = name;
            return true;
        }

        private void LayOut(XElement element, BlockDef block)
        {
            int running = 0;
            foreach (FieldDef field in block.Fields)
            {
                if (field.Presence == Presence.Constant)
                {
                    field.Offset = running;
                    continue;
                }

                if (field.ExplicitOffset != null)
                {
                    if (field.ExplicitOffset.Value < running)
                    {
                        _context.Error(DiagnosticIds.OffsetOverlap, field.Source, $"offset {field.ExplicitOffset.Value} overlaps the previous field, which ends at {running}");
                    }
                    else
                    {
                        running = field.ExplicitOffset.Value;
                    }
                }

                field.Offset = running;
                running += field.EncodedLength;
            }

            if (block.ExplicitBlockLength != null)
            {
                if (block.ExplicitBlockLength.Value < running)
                {
                    _context.Error(DiagnosticIds.BlockLength, element, $"blockLength {block.ExplicitBlockLength.Value} is smaller than its fields, which end at {running}");
                }

                block.BlockLength = System.Math.Max(block.ExplicitBlockLength.Value, running);
            }
            else
            {
                block.BlockLength = running;
            }
        }

        private FieldDef? ParseField(XElement element, BlockDef block)
        {
            bool named = ReadNameAndId(element, out string name, out int id);
            string? typeName = _context.RequiredAttr(element, "type");
            if (!named || typeName == null)
            {
                return null;
            }

            SbeType? type = _types.Find(typeName, element);
            if (type == null)
            {
                _context.Error(DiagnosticIds.UnknownType, element, $"type=\"{typeName}\" names no encoding of this schema");
                return null;
            }

            var field = new FieldDef(name, id, type, _context.Source(element))
            {
                Description = _context.Attr(element, "description"),
                SemanticType = _context.Attr(element, "semanticType"),
                SinceVersion = _context.SinceVersion(element),
                Deprecated = _context.Deprecated(element),
                ExplicitOffset = _context.IntAttr(element, "offset"),
                Binding = _context.BindingAttrs(element),
            };

            if (IsVariableLength(type))
            {
                _context.Error(DiagnosticIds.InvalidStructure, element, $"type '{typeName}' has variable length; use <data> for it");
                return null;
            }

            Presence? presence = _context.PresenceAttr(element);
            string? valueRef = _context.Attr(element, "valueRef");
            if (valueRef != null)
            {
                if (presence != Presence.Constant)
                {
                    _context.Error(DiagnosticIds.InvalidValueRef, element, "valueRef is only valid with presence=\"constant\"");
                }

                if (_types.TryResolveValueRef(valueRef, element, out EnumType? enumType, out EnumValue? value))
                {
                    CheckValueRefTarget(element, type, valueRef, enumType!, value!);
                    field.ConstantEnum = enumType;
                    field.ConstantEnumValue = value;
                }

                field.Presence = Presence.Constant;
            }
            else if (type is EncodedType constantType && constantType.Presence == Presence.Constant)
            {
                field.Presence = Presence.Constant;
            }
            else if (presence == Presence.Constant)
            {
                _context.Error(DiagnosticIds.InvalidValue, element, "presence=\"constant\" needs a valueRef or a type with presence=\"constant\"");
                field.Presence = Presence.Required;
            }
            else
            {
                field.Presence = presence ?? DefaultPresence(type);
            }

            return field;
        }

        private void CheckValueRefTarget(XElement element, SbeType type, string valueRef, EnumType enumType, EnumValue value)
        {
            switch (type)
            {
                case EnumType fieldEnum when fieldEnum != enumType:
                    _context.Error(DiagnosticIds.InvalidValueRef, element, $"valueRef=\"{valueRef}\" is a value of '{enumType.Name}' but the field's type is '{fieldEnum.Name}'");
                    break;
                case EnumType _:
                    break;
                case EncodedType encoded when encoded.Length == 1 && !Primitives.IsReal(encoded.Primitive):
                    if (!ScalarValue.TryInteger(encoded.Primitive, value.Value.Integer, out ScalarValue? _))
                    {
                        _context.Error(DiagnosticIds.InvalidValueRef, element, $"valueRef=\"{valueRef}\" value {value.Value} does not fit {Primitives.SchemaName(encoded.Primitive)}");
                    }

                    break;
                default:
                    _context.Error(DiagnosticIds.InvalidValueRef, element, $"valueRef=\"{valueRef}\" cannot be the value of a field of type '{type.Name}'");
                    break;
            }
        }

        private static Presence DefaultPresence(SbeType type)
        {
            switch (type)
            {
                case EncodedType encoded:
                    return encoded.Presence;
                case EnumType enumType:
                    return enumType.Encoding.Presence == Presence.Optional ? Presence.Optional : Presence.Required;
                default:
                    return Presence.Required;
            }
        }

        private static bool IsVariableLength(SbeType type)
        {
            if (type is EncodedType encoded)
            {
                return encoded.Length == 0;
            }

            if (type is CompositeType composite)
            {
                foreach (CompositeMember member in composite.Members)
                {
                    if (IsVariableLength(member.Type))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private GroupDef? ParseGroup(XElement element, BlockDef owner, int depth, GroupDef? parent, ref int maxDepth)
        {
            if (!ReadNameAndId(element, out string name, out int id))
            {
                return null;
            }

            string dimensionName = _context.Attr(element, "dimensionType")?.Trim() ?? "groupSizeEncoding";
            SbeType? dimensionType = _types.Find(dimensionName, element);
            if (dimensionType == null)
            {
                _context.Error(DiagnosticIds.UnknownType, element, $"dimensionType \"{dimensionName}\" names no composite of this schema");
                return null;
            }

            if (!(dimensionType is CompositeType dimension) ||
                !IsUnsignedScalar(dimension.Find("blockLength")) ||
                !IsUnsignedScalar(dimension.Find("numInGroup")))
            {
                _context.Error(DiagnosticIds.InvalidEncodingShape, element, $"dimensionType \"{dimensionName}\" must be a composite with unsigned integer members blockLength and numInGroup");
                return null;
            }

            var group = new GroupDef(name, id, _context.Source(element), dimension)
            {
                Description = _context.Attr(element, "description"),
                SemanticType = _context.Attr(element, "semanticType"),
                SinceVersion = _context.SinceVersion(element),
                Deprecated = _context.Deprecated(element),
                ExplicitBlockLength = _context.IntAttr(element, "blockLength"),
                Depth = depth,
                Parent = parent,
                Path = owner.Path + "." + name,
            };
            if (depth > maxDepth)
            {
                maxDepth = depth;
            }

            var numInGroup = (EncodedType)dimension.Find("numInGroup")!.Type;
            group.MinCount = numInGroup.MinValue != null ? (long)numInGroup.MinValue.Integer : 0;
            decimal max = numInGroup.MaxValue != null ? numInGroup.MaxValue.Integer : Primitives.TypeMax(numInGroup.Primitive);
            group.MaxCount = (long)System.Math.Min(max, int.MaxValue);
            ParseBlock(element, group, depth, group, ref maxDepth);

            var blockLengthType = (EncodedType)dimension.Find("blockLength")!.Type;
            if (group.BlockLength > Primitives.TypeMax(blockLengthType.Primitive))
            {
                _context.Error(DiagnosticIds.BlockLength, element, $"block length {group.BlockLength} does not fit the dimension's blockLength ({Primitives.SchemaName(blockLengthType.Primitive)})");
            }

            return group;
        }

        private DataDef? ParseData(XElement element)
        {
            bool named = ReadNameAndId(element, out string name, out int id);
            string? typeName = _context.RequiredAttr(element, "type");
            if (!named || typeName == null)
            {
                return null;
            }

            SbeType? type = _types.Find(typeName, element);
            if (type == null)
            {
                _context.Error(DiagnosticIds.UnknownType, element, $"type=\"{typeName}\" names no encoding of this schema");
                return null;
            }

            CompositeMember? length = (type as CompositeType)?.Find("length");
            CompositeMember? varData = (type as CompositeType)?.Find("varData");
            if (length == null || varData == null || !IsUnsignedScalar(length) || length.Offset != 0 ||
                !(varData.Type is EncodedType varDataType) ||
                (varDataType.Primitive != PrimitiveType.UInt8 && varDataType.Primitive != PrimitiveType.Char))
            {
                _context.Error(DiagnosticIds.InvalidEncodingShape, element, $"type \"{typeName}\" must be a composite of an unsigned 'length' at offset 0 followed by a uint8 or char 'varData'");
                return null;
            }

            var lengthType = (EncodedType)length.Type;
            int lengthSize = Primitives.Size(lengthType.Primitive);
            if (lengthSize > 4)
            {
                _context.Error(DiagnosticIds.Unsupported, element, $"a {Primitives.SchemaName(lengthType.Primitive)} var data length is not supported (uint8, uint16 and uint32 are)");
                return null;
            }

            if (varData.Offset != lengthSize)
            {
                _context.Error(DiagnosticIds.InvalidEncodingShape, element, $"type \"{typeName}\": varData must immediately follow length");
                return null;
            }

            decimal max = lengthType.MaxValue != null ? lengthType.MaxValue.Integer : Primitives.DefaultMax(lengthType.Primitive);
            return new DataDef(name, id, (CompositeType)type, _context.Source(element))
            {
                Description = _context.Attr(element, "description"),
                SinceVersion = _context.SinceVersion(element),
                Deprecated = _context.Deprecated(element),
                LengthSize = lengthSize,
                MaxLength = (long)System.Math.Min(max, int.MaxValue),
                CharacterEncoding = varDataType.CharacterEncoding,
                IsText = varDataType.CharacterEncoding != null || varDataType.Primitive == PrimitiveType.Char,
            };
        }

        internal static bool IsUnsignedScalar(CompositeMember? member) =>
            member != null &&
            member.Type is EncodedType encoded &&
            encoded.Length == 1 &&
            encoded.Presence != Presence.Constant &&
            Primitives.IsUnsigned(encoded.Primitive) &&
            encoded.Primitive != PrimitiveType.Char;
    }
}
