using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using TradeX.Sbe.Emit;
using TradeX.Sbe.Model;
using TradeX.Sbe.Parsing;

namespace TradeX.Sbe.Binding
{
    /// <summary>How one schema value is held by the engine's struct member.</summary>
    internal enum ValueShape
    {
        /// <summary>The member is the wire primitive itself (<c>long</c>, <c>int</c>...).</summary>
        Direct,

        /// <summary>The member is a value type over the primitive (<c>Quantity.Units</c>, <c>AccountId.Value</c>).</summary>
        Wrapped,

        /// <summary>An SBE enum held as the engine's enum: raw codes both ways, so invalid codes survive.</summary>
        Enum,

        /// <summary>An SBE enum (BooleanFlag) held as a <c>bool</c>.</summary>
        Flag,

        /// <summary>A char array held as a fixed ASCII type with Capacity, CopyTo and FromBytes.</summary>
        Text,
    }

    /// <summary>A schema field matched to its engine member, with what the emitters need to map it.</summary>
    internal sealed class BoundField
    {
        public readonly FieldDef Field;
        public readonly IFieldSymbol Member;

        /// <summary>The generated codec's accessor name (Pascal-cased schema name).</summary>
        public readonly string Accessor;

        public ValueShape Shape;

        /// <summary>The wire primitive (C# keyword) of the value, or of an enum's raw code.</summary>
        public string Primitive = "long";
        public bool Unsigned64;

        /// <summary>For a composite such as Price or Money: its one non-constant member's accessor (Mantissa).</summary>
        public string? CompositeMember;

        /// <summary>For <see cref="ValueShape.Wrapped"/>: the wrapper's member holding the primitive.</summary>
        public string? WrapperMember;

        /// <summary>The name the replay tool shows (tx:show, else the schema name).</summary>
        public string Display;

        /// <summary>What the value identifies for the tool's filters (the type's tx:ref: account, instrument, order, clientOrder), or null.</summary>
        public string? Ref;

        public BoundField(FieldDef field, IFieldSymbol member)
        {
            Field = field;
            Member = member;
            Accessor = Naming.Pascal(field.Name);
            Display = field.Name;
        }

        /// <summary>The member's type, fully qualified.</summary>
        public string MemberType => Member.Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);

        /// <summary>True for a composite (Price, Money): shown as an exact decimal.</summary>
        public bool IsDecimal => CompositeMember != null;
    }

    /// <summary>A schema message matched to its engine input kind and payload struct.</summary>
    internal sealed class BoundMessage
    {
        public readonly MessageDef Message;
        public readonly string PayloadType;

        /// <summary>Fields in schema order, and in display order (tx:show).</summary>
        public readonly List<BoundField> Fields = new List<BoundField>(), Shown = new List<BoundField>();

        /// <summary>The header version its records are written with, when it is not the schema version (tx:baseVersion).</summary>
        public int? RecordVersion;

        public BoundMessage(MessageDef message, string payloadType)
        {
            Message = message;
            PayloadType = payloadType;
        }

        public string Name => Message.Name;

        public bool HasText => Fields.Any(f => f.Shape == ValueShape.Text);
    }

    /// <summary>The journal schema bound to the engine's input union: one message per input kind.</summary>
    internal sealed class InputBinding
    {
        public readonly string UnionType, KindType;
        public readonly List<BoundMessage> Messages = new List<BoundMessage>();

        /// <summary>Offset of the header's version member, and whether the schema is big-endian.</summary>
        public int VersionOffset;
        public bool BigEndian;

        public InputBinding(string unionType, string kindType)
        {
            UnionType = unionType;
            KindType = kindType;
        }
    }

    /// <summary>
    /// Checks the journal schema against the engine's input types and binds the two: every message is an
    /// input kind with the template id as its code and a payload struct on the input union; every schema field
    /// is a member of that struct and every member is a schema field; every type pair is one the mapping knows.
    /// Each disagreement is a compile error, located at the schema element or at the engine member.
    /// </summary>
    internal static class InputBinder
    {
        public static InputBinding? Bind(MessageSchema schema, Compilation compilation, string unionName, List<Diagnostic> diagnostics)
        {
            var root = new SourceRef(schema.FilePath, 1, 1, "<messageSchema>");
            INamedTypeSymbol? union = compilation.GetTypeByMetadataName(unionName);
            IFieldSymbol? kindField = union?.GetMembers("Kind").OfType<IFieldSymbol>().FirstOrDefault();
            if (union == null || kindField == null || kindField.Type.TypeKind != TypeKind.Enum)
            {
                diagnostics.Add(At(root, $"the engine input type '{unionName}' (with an enum field Kind) is not in this compilation"));
                return null;
            }

            var binding = new InputBinding(
                union.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
                kindField.Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat))
            {
                VersionOffset = schema.Header?.Find("version")?.Offset ?? 6,
                BigEndian = schema.BigEndian,
            };
            var kinds = kindField.Type.GetMembers().OfType<IFieldSymbol>().Where(f => f.HasConstantValue).ToList();
            var bound = new HashSet<string>(StringComparer.Ordinal);
            foreach (MessageDef message in schema.Messages)
            {
                IFieldSymbol? kind = kinds.FirstOrDefault(k => k.Name == message.Name);
                if (kind == null)
                {
                    diagnostics.Add(At(message.Source, $"message '{message.Name}' (template {message.Id}) is no {kindField.Type.Name}: add {message.Name} = {message.Id} to {kindField.Type.Name}"));
                    continue;
                }

                long code = Convert.ToInt64(kind.ConstantValue, CultureInfo.InvariantCulture);
                if (code != message.Id)
                {
                    diagnostics.Add(At(message.Source, $"message '{message.Name}' has template id {message.Id} but {kindField.Type.Name}.{message.Name} = {code}: the template id is the input kind's code"));
                    continue;
                }

                bound.Add(message.Name);
                IFieldSymbol? payload = union.GetMembers(message.Name).OfType<IFieldSymbol>().FirstOrDefault(f => !f.IsStatic);
                if (payload == null || !(payload.Type is INamedTypeSymbol payloadType) || payloadType.TypeKind != TypeKind.Struct)
                {
                    diagnostics.Add(At(message.Source, $"message '{message.Name}': {union.Name} has no payload field '{message.Name}' of a struct type"));
                    continue;
                }

                if (message.Groups.Count > 0 || message.Data.Count > 0)
                {
                    diagnostics.Add(At(message.Source, $"message '{message.Name}': an engine input is a fixed-size struct; groups and var data cannot be bound"));
                    continue;
                }

                BoundMessage? result = BindMessage(message, payloadType, diagnostics);
                if (result != null)
                {
                    result.RecordVersion = RecordVersion(schema, message);
                    binding.Messages.Add(result);
                }
            }

            foreach (IFieldSymbol kind in kinds)
            {
                if (Convert.ToInt64(kind.ConstantValue, CultureInfo.InvariantCulture) != 0 && !bound.Contains(kind.Name))
                {
                    diagnostics.Add(Diagnostic.Create(Descriptors.For(DiagnosticIds.InputBinding), kind.Locations.FirstOrDefault(),
                        $"{kindField.Type.Name}.{kind.Name} has no message in {PathText.FileName(schema.FilePath)}: add <sbe:message name=\"{kind.Name}\" id=\"{kind.ConstantValue}\"> (with sinceVersion) to the journal schema"));
                }
            }

            return binding;
        }

        /// <summary>max(tx:baseVersion, the newest change of the message), or null when that is the schema version.</summary>
        private static int? RecordVersion(MessageSchema schema, MessageDef message)
        {
            if (!schema.Binding.TryGetValue("baseVersion", out string? text) || !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int baseVersion))
            {
                return null;
            }

            int changed = message.Fields.Select(f => f.SinceVersion).Concat(new[] { message.SinceVersion, baseVersion }).Max();
            return changed >= schema.Version ? (int?)null : changed;
        }

        private static BoundMessage? BindMessage(MessageDef message, INamedTypeSymbol payload, List<Diagnostic> diagnostics)
        {
            var result = new BoundMessage(message, payload.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat));
            var members = payload.GetMembers().OfType<IFieldSymbol>().Where(f => !f.IsStatic && !f.IsConst && !f.IsImplicitlyDeclared).ToList();
            var used = new HashSet<IFieldSymbol>(SymbolEqualityComparer.Default);
            int before = diagnostics.Count;
            foreach (FieldDef field in message.Fields)
            {
                if (field.Presence == Presence.Constant)
                {
                    continue;
                }

                string memberName = field.Binding.TryGetValue("member", out string? alias) ? alias : Naming.Pascal(field.Name);
                IFieldSymbol? member = members.FirstOrDefault(m => m.Name == memberName);
                if (member == null)
                {
                    diagnostics.Add(At(field.Source, $"{message.Name}.{field.Name}: {payload.Name} has no field '{memberName}' (name it so, or give the field tx:member=\"...\")"));
                    continue;
                }

                if (!used.Add(member))
                {
                    diagnostics.Add(At(field.Source, $"{message.Name}.{field.Name}: {payload.Name}.{memberName} is bound to another field already"));
                    continue;
                }

                var bound = new BoundField(field, member) { Ref = field.Type.Binding.TryGetValue("ref", out string? about) ? about : null };
                string? problem = Classify(bound);
                if (problem != null)
                {
                    diagnostics.Add(At(field.Source, $"{message.Name}.{field.Name}: {problem}"));
                    continue;
                }

                result.Fields.Add(bound);
            }

            foreach (IFieldSymbol member in members.Where(m => !used.Contains(m)))
            {
                diagnostics.Add(Diagnostic.Create(Descriptors.For(DiagnosticIds.InputBinding), member.Locations.FirstOrDefault(),
                    $"{payload.Name}.{member.Name} is not in the journal schema's message '{message.Name}': append a field with sinceVersion (schemas/README.md), or remove the member"));
            }

            // The display list is checked only against a fully bound message: a missing field is reported once.
            return diagnostics.Count == before && BindDisplay(result, diagnostics) ? result : null;
        }

        /// <summary>Display names and order from tx:show; every field shown exactly once.</summary>
        private static bool BindDisplay(BoundMessage message, List<Diagnostic> diagnostics)
        {
            if (!message.Message.Binding.TryGetValue("show", out string? show))
            {
                message.Shown.AddRange(message.Fields);
                return true;
            }

            bool ok = true;
            foreach (string token in show.Split(new[] { ' ', '\t', '\r', '\n' }, StringSplitOptions.RemoveEmptyEntries))
            {
                int eq = token.IndexOf('=');
                string display = eq < 0 ? token : token.Substring(0, eq);
                string fieldName = eq < 0 ? token : token.Substring(eq + 1);
                BoundField? field = message.Fields.FirstOrDefault(f => f.Field.Name == fieldName);
                if (field == null || message.Shown.Contains(field))
                {
                    diagnostics.Add(At(message.Message.Source, $"{message.Name}: tx:show entry '{token}' names {(field == null ? "no field of the message" : "a field shown already")}"));
                    ok = false;
                    continue;
                }

                field.Display = display;
                message.Shown.Add(field);
            }

            foreach (BoundField missing in message.Fields.Where(f => !message.Shown.Contains(f)))
            {
                diagnostics.Add(At(message.Message.Source, $"{message.Name}: tx:show does not show the field '{missing.Field.Name}'"));
                ok = false;
            }

            return ok;
        }

        /// <summary>Null when the member can carry the field's encoding; otherwise what is wrong.</summary>
        private static string? Classify(BoundField bound)
        {
            ITypeSymbol type = bound.Member.Type;
            switch (bound.Field.Type)
            {
                case EnumType en:
                    bound.Primitive = Primitives.CSharpType(en.Encoding.Primitive);
                    if (type.SpecialType == SpecialType.System_Boolean)
                    {
                        bound.Shape = ValueShape.Flag;
                        return null;
                    }

                    if (type is INamedTypeSymbol named && named.TypeKind == TypeKind.Enum && named.EnumUnderlyingType?.SpecialType == Special(en.Encoding.Primitive))
                    {
                        bound.Shape = ValueShape.Enum;
                        return null;
                    }

                    return $"the SBE enum {en.Name} ({Primitives.SchemaName(en.Encoding.Primitive)}) needs a bool or an enum over {bound.Primitive}, not {type.Name}";
                case EncodedType encoded when encoded.IsCharArray:
                    return ClassifyText(bound, encoded, type);
                case EncodedType encoded when encoded.Length == 1:
                    return ClassifyScalar(bound, encoded.Primitive, type);
                case CompositeType composite:
                    var values = composite.Members.Where(m => !m.IsConstant).ToList();
                    if (values.Count != 1 || !(values[0].Type is EncodedType value) || value.Length != 1)
                    {
                        return $"the composite {composite.Name} must have exactly one non-constant scalar member to bind to an engine value";
                    }

                    bound.CompositeMember = Naming.Pascal(values[0].Name);
                    return ClassifyScalar(bound, value.Primitive, type);
                default:
                    return $"the encoding {bound.Field.Type.Name} cannot be bound to an engine member";
            }
        }

        private static string? ClassifyText(BoundField bound, EncodedType encoded, ITypeSymbol type)
        {
            bound.Shape = ValueShape.Text;
            IFieldSymbol? capacity = type.GetMembers("Capacity").OfType<IFieldSymbol>().FirstOrDefault(f => f.IsConst);
            bool hasCopy = type.GetMembers("CopyTo").OfType<IMethodSymbol>().Any(m => !m.IsStatic && m.Parameters.Length == 1);
            bool hasFrom = type.GetMembers("FromBytes").OfType<IMethodSymbol>().Any(m => m.IsStatic && m.Parameters.Length == 1);
            if (capacity == null || !hasCopy || !hasFrom)
            {
                return $"char[{encoded.Length}] needs a member type with const Capacity, CopyTo(Span<byte>) and static FromBytes(ReadOnlySpan<byte>); {type.Name} lacks one";
            }

            int length = Convert.ToInt32(capacity.ConstantValue, CultureInfo.InvariantCulture);
            return length == encoded.Length ? null : $"char[{encoded.Length}] in the schema but {type.Name}.Capacity = {length}";
        }

        private static string? ClassifyScalar(BoundField bound, PrimitiveType primitive, ITypeSymbol type)
        {
            SpecialType wire = Special(primitive);
            bound.Primitive = Primitives.CSharpType(primitive);
            bound.Unsigned64 = primitive == PrimitiveType.UInt64;
            if (type.SpecialType == wire)
            {
                bound.Shape = ValueShape.Direct;
                return null;
            }

            if (type is INamedTypeSymbol named && named.TypeKind == TypeKind.Struct)
            {
                bool constructible = named.InstanceConstructors.Any(c => c.DeclaredAccessibility == Accessibility.Public && c.Parameters.Length == 1 && c.Parameters[0].Type.SpecialType == wire);
                var holders = named.GetMembers().Where(m => !m.IsStatic && m.DeclaredAccessibility == Accessibility.Public && !m.IsImplicitlyDeclared && HolderType(m) == wire).ToList();
                if (constructible && holders.Count == 1)
                {
                    bound.Shape = ValueShape.Wrapped;
                    bound.WrapperMember = holders[0].Name;
                    return null;
                }
            }

            return $"{Primitives.SchemaName(primitive)} needs a {bound.Primitive} member, or a value type with a public ({bound.Primitive}) constructor and one public {bound.Primitive} member; {bound.Member.Name} is {type.Name}";
        }

        private static SpecialType HolderType(ISymbol member) => member switch
        {
            IFieldSymbol f => f.Type.SpecialType,
            IPropertySymbol p when !p.IsIndexer => p.Type.SpecialType,
            _ => SpecialType.None,
        };

        private static SpecialType Special(PrimitiveType primitive)
        {
            switch (primitive)
            {
                case PrimitiveType.Int8: return SpecialType.System_SByte;
                case PrimitiveType.Char:
                case PrimitiveType.UInt8: return SpecialType.System_Byte;
                case PrimitiveType.Int16: return SpecialType.System_Int16;
                case PrimitiveType.UInt16: return SpecialType.System_UInt16;
                case PrimitiveType.Int32: return SpecialType.System_Int32;
                case PrimitiveType.UInt32: return SpecialType.System_UInt32;
                case PrimitiveType.Int64: return SpecialType.System_Int64;
                case PrimitiveType.UInt64: return SpecialType.System_UInt64;
                case PrimitiveType.Float: return SpecialType.System_Single;
                default: return SpecialType.System_Double;
            }
        }

        private static Diagnostic At(SourceRef source, string message) =>
            SbeSourceGenerator.ToDiagnostic(new SchemaDiagnostic(DiagnosticIds.InputBinding, message, source));
    }
}
