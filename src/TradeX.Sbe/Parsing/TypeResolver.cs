using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;
using TradeX.Sbe.Model;

namespace TradeX.Sbe.Parsing
{
    /// <summary>
    /// Turns the &lt;types&gt; sections into resolved encodings. Names are global (SBE 1.0 §4.3.3.1):
    /// enums, sets and composites declared inside a composite are registered too. Resolution is
    /// lazy and memoised so types may be used before they are declared; cycles are reported.
    /// </summary>
    internal sealed class TypeResolver
    {
        private readonly ParseContext _context;
        private readonly MessageSchema _schema;
        private readonly Dictionary<string, XElement> _declarations = new Dictionary<string, XElement>();
        private readonly List<string> _declarationOrder = new List<string>();
        private readonly HashSet<string> _resolving = new HashSet<string>();
        private readonly Dictionary<PrimitiveType, EncodedType> _builtIns = new Dictionary<PrimitiveType, EncodedType>();

        public TypeResolver(ParseContext context, MessageSchema schema)
        {
            _context = context;
            _schema = schema;
        }

        public void Index(XElement root)
        {
            foreach (XElement types in ParseContext.Children(root, "types"))
            {
                foreach (XElement element in types.Elements())
                {
                    IndexElement(element, topLevel: true);
                }
            }
        }

        public void ResolveAll()
        {
            foreach (string name in _declarationOrder)
            {
                Resolve(name, _declarations[name]);
            }
        }

        /// <summary>Finds a type by name: a declared encoding, else a primitive used directly.</summary>
        public SbeType? Find(string name, XElement referrer)
        {
            if (_declarations.TryGetValue(name, out XElement? declaration))
            {
                return Resolve(name, declaration);
            }

            if (Primitives.TryParse(name, out PrimitiveType primitive))
            {
                if (!_builtIns.TryGetValue(primitive, out EncodedType? builtIn))
                {
                    builtIn = new EncodedType(name, _context.Source(referrer), primitive) { IsBuiltIn = true };
                    _builtIns[primitive] = builtIn;
                }

                return builtIn;
            }

            return null;
        }

        /// <summary>Resolves "Enum.Value" to the enum and its value.</summary>
        public bool TryResolveValueRef(string valueRef, XElement referrer, out EnumType? enumType, out EnumValue? value)
        {
            enumType = null;
            value = null;
            int dot = valueRef.LastIndexOf('.');
            if (dot <= 0 || dot == valueRef.Length - 1)
            {
                _context.Error(DiagnosticIds.InvalidValueRef, referrer, $"valueRef=\"{valueRef}\" is not of the form EnumName.ValueName");
                return false;
            }

            string enumName = valueRef.Substring(0, dot);
            string valueName = valueRef.Substring(dot + 1);
            enumType = Find(enumName, referrer) as EnumType;
            if (enumType == null)
            {
                _context.Error(DiagnosticIds.InvalidValueRef, referrer, $"valueRef=\"{valueRef}\": '{enumName}' is not an enum of this schema");
                return false;
            }

            value = enumType.Values.FirstOrDefault(v => v.Name == valueName);
            if (value == null)
            {
                _context.Error(DiagnosticIds.InvalidValueRef, referrer, $"valueRef=\"{valueRef}\": enum '{enumName}' has no valid value '{valueName}'");
                return false;
            }

            return true;
        }

        private void IndexElement(XElement element, bool topLevel)
        {
            string local = element.Name.LocalName;
            switch (local)
            {
                case "type":
                    if (!topLevel)
                    {
                        return;
                    }

                    break;
                case "composite":
                    foreach (XElement member in element.Elements())
                    {
                        IndexElement(member, topLevel: false);
                    }

                    break;
                case "enum":
                case "set":
                    break;
                case "ref":
                    return;
                default:
                    _context.Error(DiagnosticIds.InvalidStructure, element, $"<{local}> is not an SBE encoding (expected type, composite, enum or set)");
                    return;
            }

            string? name = _context.RequiredAttr(element, "name");
            if (name == null || !_context.CheckSymbolicName(element, name))
            {
                return;
            }

            if (_declarations.TryGetValue(name, out XElement? existing))
            {
                _context.Error(DiagnosticIds.DuplicateName, element, $"encoding name '{name}' is already declared at line {_context.Source(existing).Line} of {PathText.FileName(_context.FileOf(existing))}");
                return;
            }

            _declarations[name] = element;
            _declarationOrder.Add(name);
        }

        private SbeType? Resolve(string name, XElement element)
        {
            if (_schema.Types.TryGetValue(name, out SbeType? done))
            {
                return done;
            }

            if (!_resolving.Add(name))
            {
                _context.Error(DiagnosticIds.InvalidStructure, element, $"encoding '{name}' refers to itself");
                return null;
            }

            SbeType? type;
            switch (element.Name.LocalName)
            {
                case "type":
                    type = ParseEncodedType(element, name);
                    break;
                case "enum":
                    type = ParseEnum(element, name);
                    break;
                case "set":
                    type = ParseSet(element, name);
                    break;
                default:
                    type = ParseComposite(element, name);
                    break;
            }

            _resolving.Remove(name);
            if (type != null)
            {
                _schema.Types[name] = type;
                _schema.TypeOrder.Add(type);
            }

            return type;
        }

        private void ReadCommon(SbeType type, XElement element)
        {
            type.Description = _context.Attr(element, "description");
            type.SinceVersion = _context.SinceVersion(element);
            type.Deprecated = _context.Deprecated(element);
            type.SemanticType = _context.Attr(element, "semanticType");
            type.Binding = _context.BindingAttrs(element);
        }

        private EncodedType? ParseEncodedType(XElement element, string name)
        {
            string? primitiveName = _context.RequiredAttr(element, "primitiveType");
            if (primitiveName == null)
            {
                return null;
            }

            if (!Primitives.TryParse(primitiveName, out PrimitiveType primitive))
            {
                _context.Error(DiagnosticIds.InvalidAttribute, element, $"primitiveType=\"{primitiveName}\" is not an SBE primitive (char, int8..uint64, float, double)");
                return null;
            }

            var type = new EncodedType(name, _context.Source(element), primitive);
            ReadCommon(type, element);
            type.Presence = _context.PresenceAttr(element) ?? Presence.Required;
            type.CharacterEncoding = _context.Attr(element, "characterEncoding");
            type.ValueRef = _context.Attr(element, "valueRef");
            int? length = _context.IntAttr(element, "length");
            type.Length = length ?? 1;
            type.NullValue = ParseScalarAttr(element, "nullValue", primitive);
            type.MinValue = ParseScalarAttr(element, "minValue", primitive);
            type.MaxValue = ParseScalarAttr(element, "maxValue", primitive);
            if (type.NullValue != null && type.Presence != Presence.Optional)
            {
                _context.Error(DiagnosticIds.InvalidValue, element, "nullValue is only valid with presence=\"optional\"");
            }

            if (type.Presence == Presence.Constant)
            {
                ResolveConstant(type, element, length);
            }

            return type;
        }

        private void ResolveConstant(EncodedType type, XElement element, int? length)
        {
            if (type.ValueRef != null)
            {
                if (TryResolveValueRef(type.ValueRef, element, out EnumType? _, out EnumValue? value))
                {
                    if (!ScalarValue.TryInteger(type.Primitive, value!.Value.Integer, out ScalarValue? scalar))
                    {
                        _context.Error(DiagnosticIds.InvalidValueRef, element, $"valueRef=\"{type.ValueRef}\" value {value.Value} does not fit {Primitives.SchemaName(type.Primitive)}");
                    }

                    type.ConstantScalar = scalar;
                }

                return;
            }

            string text = element.Value;
            if (text.Length == 0)
            {
                _context.Error(DiagnosticIds.InvalidValue, element, "presence=\"constant\" needs the constant value as element content (or a valueRef)");
                return;
            }

            if (type.Primitive == PrimitiveType.Char)
            {
                if (text.Trim().Length > 0 && text.Trim() != text)
                {
                    text = text.Trim();
                }

                type.ConstantText = text;
                if (length == null)
                {
                    type.Length = text.Length;
                }
                else if (text.Length > length.Value && length.Value > 0)
                {
                    _context.Error(DiagnosticIds.InvalidValue, element, $"constant \"{text}\" is longer than length {length.Value}");
                }

                if (text.Length == 1)
                {
                    ScalarValue.TryInteger(PrimitiveType.Char, text[0], out ScalarValue? single);
                    type.ConstantScalar = single;
                }

                foreach (char c in text)
                {
                    if (c > 0x7f)
                    {
                        _context.Error(DiagnosticIds.InvalidValue, element, $"constant \"{text}\" is not US-ASCII");
                        break;
                    }
                }

                return;
            }

            if (type.Length != 1)
            {
                _context.Error(DiagnosticIds.Unsupported, element, "constant arrays of non-char types are not supported");
                return;
            }

            if (!ScalarValue.TryParse(type.Primitive, text, out ScalarValue? constant))
            {
                _context.Error(DiagnosticIds.InvalidValue, element, $"constant \"{text.Trim()}\" is not a valid {Primitives.SchemaName(type.Primitive)}");
                return;
            }

            type.ConstantScalar = constant;
        }

        private ScalarValue? ParseScalarAttr(XElement element, string attribute, PrimitiveType primitive)
        {
            string? text = _context.Attr(element, attribute);
            if (text == null)
            {
                return null;
            }

            if (!ScalarValue.TryParse(primitive, text, out ScalarValue? value))
            {
                _context.Error(DiagnosticIds.InvalidValue, element, $"{attribute}=\"{text}\" is not a valid {Primitives.SchemaName(primitive)}");
                return null;
            }

            return value;
        }

        /// <summary>An enum's or set's encodingType: a primitive name or a scalar &lt;type&gt;.</summary>
        private EncodedType? EncodingOf(XElement element, string ownerName, bool allowChar, bool allowSigned)
        {
            string? encodingName = _context.RequiredAttr(element, "encodingType");
            if (encodingName == null)
            {
                return null;
            }

            EncodedType? encoding;
            if (!_declarations.ContainsKey(encodingName) && Primitives.TryParse(encodingName, out PrimitiveType primitive))
            {
                encoding = new EncodedType(ownerName, _context.Source(element), primitive);
            }
            else
            {
                SbeType? referenced = Find(encodingName, element);
                if (referenced == null)
                {
                    _context.Error(DiagnosticIds.UnknownType, element, $"encodingType=\"{encodingName}\" names no primitive or <type>");
                    return null;
                }

                encoding = referenced as EncodedType;
                if (encoding == null || encoding.Length != 1 || encoding.Presence == Presence.Constant)
                {
                    _context.Error(DiagnosticIds.InvalidEncodingShape, element, $"encodingType=\"{encodingName}\" must be a scalar, non-constant <type>");
                    return null;
                }
            }

            PrimitiveType p = encoding.Primitive;
            bool ok = Primitives.IsUnsigned(p) && p != PrimitiveType.Char
                || (allowChar && p == PrimitiveType.Char)
                || (allowSigned && !Primitives.IsReal(p) && p != PrimitiveType.Char);
            if (!ok)
            {
                _context.Error(DiagnosticIds.InvalidEncodingShape, element, $"encodingType=\"{encodingName}\" ({Primitives.SchemaName(p)}) is not allowed here");
                return null;
            }

            return encoding;
        }

        private EnumType? ParseEnum(XElement element, string name)
        {
            EncodedType? encoding = EncodingOf(element, name, allowChar: true, allowSigned: true);
            if (encoding == null)
            {
                return null;
            }

            var type = new EnumType(name, _context.Source(element), encoding);
            ReadCommon(type, element);
            var names = new HashSet<string>();
            var values = new Dictionary<decimal, string>();
            foreach (XElement child in element.Elements())
            {
                if (child.Name.LocalName != "validValue")
                {
                    _context.Error(DiagnosticIds.InvalidStructure, child, "an <enum> may only contain <validValue> elements");
                    continue;
                }

                string? valueName = _context.RequiredAttr(child, "name");
                if (valueName == null || !_context.CheckSymbolicName(child, valueName))
                {
                    continue;
                }

                if (!names.Add(valueName))
                {
                    _context.Error(DiagnosticIds.DuplicateName, child, $"enum '{name}' already has a valid value named '{valueName}'");
                    continue;
                }

                string text = child.Value;
                if (text.Length == 0)
                {
                    _context.Error(DiagnosticIds.InvalidValue, child, "a <validValue> must carry its value as content");
                    continue;
                }

                if (!ScalarValue.TryParse(encoding.Primitive, text, out ScalarValue? value))
                {
                    _context.Error(DiagnosticIds.InvalidValue, child, $"\"{text}\" is not a valid {Primitives.SchemaName(encoding.Primitive)} for enum '{name}'");
                    continue;
                }

                if (values.TryGetValue(value!.Integer, out string? other))
                {
                    _context.Error(DiagnosticIds.DuplicateId, child, $"enum '{name}': value {value} is already used by '{other}'");
                    continue;
                }

                values[value.Integer] = valueName;
                type.Values.Add(new EnumValue(valueName, value, _context.Source(child))
                {
                    Description = _context.Attr(child, "description"),
                    SinceVersion = _context.SinceVersion(child),
                    Deprecated = _context.Deprecated(child),
                });
            }

            if (type.Values.Count == 0)
            {
                _context.Error(DiagnosticIds.InvalidStructure, element, "an <enum> must contain at least one <validValue>");
            }

            return type;
        }

        private SetType? ParseSet(XElement element, string name)
        {
            EncodedType? encoding = EncodingOf(element, name, allowChar: false, allowSigned: false);
            if (encoding == null)
            {
                return null;
            }

            var type = new SetType(name, _context.Source(element), encoding);
            ReadCommon(type, element);
            int bits = Primitives.Size(encoding.Primitive) * 8;
            var names = new HashSet<string>();
            var used = new Dictionary<int, string>();
            foreach (XElement child in element.Elements())
            {
                if (child.Name.LocalName != "choice")
                {
                    _context.Error(DiagnosticIds.InvalidStructure, child, "a <set> may only contain <choice> elements");
                    continue;
                }

                string? choiceName = _context.RequiredAttr(child, "name");
                if (choiceName == null || !_context.CheckSymbolicName(child, choiceName))
                {
                    continue;
                }

                if (!names.Add(choiceName))
                {
                    _context.Error(DiagnosticIds.DuplicateName, child, $"set '{name}' already has a choice named '{choiceName}'");
                    continue;
                }

                if (!int.TryParse(child.Value.Trim(), out int bit) || bit < 0 || bit >= bits)
                {
                    _context.Error(DiagnosticIds.InvalidValue, child, $"choice bit \"{child.Value.Trim()}\" is not between 0 and {bits - 1}");
                    continue;
                }

                if (used.TryGetValue(bit, out string? other))
                {
                    _context.Error(DiagnosticIds.DuplicateId, child, $"set '{name}': bit {bit} is already used by '{other}'");
                    continue;
                }

                used[bit] = choiceName;
                type.Choices.Add(new SetChoice(choiceName, bit, _context.Source(child))
                {
                    Description = _context.Attr(child, "description"),
                    SinceVersion = _context.SinceVersion(child),
                    Deprecated = _context.Deprecated(child),
                });
            }

            return type;
        }

        private CompositeType? ParseComposite(XElement element, string name)
        {
            var type = new CompositeType(name, _context.Source(element));
            ReadCommon(type, element);
            var names = new HashSet<string>();
            int running = 0;
            foreach (XElement child in element.Elements())
            {
                string local = child.Name.LocalName;
                string? memberName = _context.RequiredAttr(child, "name");
                if (memberName == null || !_context.CheckSymbolicName(child, memberName))
                {
                    continue;
                }

                SbeType? memberType;
                switch (local)
                {
                    case "type":
                        memberType = ParseEncodedType(child, memberName);
                        break;
                    case "enum":
                    case "set":
                    case "composite":
                        memberType = Find(memberName, child);
                        break;
                    case "ref":
                        string? typeName = _context.RequiredAttr(child, "type");
                        if (typeName == null)
                        {
                            continue;
                        }

                        memberType = Find(typeName, child);
                        if (memberType == null)
                        {
                            _context.Error(DiagnosticIds.UnknownType, child, $"<ref> type=\"{typeName}\" names no encoding");
                        }

                        break;
                    default:
                        _context.Error(DiagnosticIds.InvalidStructure, child, $"<{local}> is not allowed in a <composite>");
                        continue;
                }

                if (memberType == null)
                {
                    continue;
                }

                if (!names.Add(memberName))
                {
                    _context.Error(DiagnosticIds.DuplicateName, child, $"composite '{name}' already has a member named '{memberName}'");
                    continue;
                }

                var member = new CompositeMember(memberName, memberType, _context.Source(child))
                {
                    ExplicitOffset = _context.IntAttr(child, "offset"),
                    SinceVersion = _context.SinceVersion(child),
                    Deprecated = _context.Deprecated(child),
                };
                if (member.IsConstant)
                {
                    member.Offset = running;
                }
                else
                {
                    if (member.ExplicitOffset != null)
                    {
                        if (member.ExplicitOffset.Value < running)
                        {
                            _context.Error(DiagnosticIds.OffsetOverlap, child, $"offset {member.ExplicitOffset.Value} overlaps the previous member, which ends at {running}");
                        }
                        else
                        {
                            running = member.ExplicitOffset.Value;
                        }
                    }

                    member.Offset = running;
                    running += memberType.EncodedLength;
                }

                type.Members.Add(member);
            }

            type.Length = running;
            return type;
        }
    }
}
