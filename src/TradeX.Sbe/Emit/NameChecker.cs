using System.Collections.Generic;
using TradeX.Sbe.Model;
using TradeX.Sbe.Parsing;

namespace TradeX.Sbe.Emit
{
    /// <summary>
    /// Finds schema names that would produce clashing C# (two types or members with one name, or a
    /// member named like its enclosing type) and reports them as schema errors, so the build fails
    /// on the schema element rather than on unreadable generated code.
    /// </summary>
    internal sealed class NameChecker
    {
        private static readonly string[] CompositeReserved =
        {
            "SbeEncodedLength", "Wrap", "IsNull", "SetNull", "AppendTo", "ToString", "CopyFrom", "SbeNullImage", "Equals", "GetHashCode", "GetType",
        };

        private static readonly string[] RootReserved =
        {
            "SbeTemplateId", "SbeSchemaId", "SbeSchemaVersion", "SbeBlockLength", "SbeHeaderLength", "SbeName", "SbeSemanticType",
            "ActingVersion", "ActingBlockLength", "Offset", "TryWrap", "Wrap", "TryWrapBody", "TryValidate", "AppendTo", "ToString",
            "SbeAppendBody", "SbeSeek", "SbeSkipElements", "SbeRequiredBlockLength", "SbeCursor", "WrapAndApplyHeader", "Finish",
            "CopyFrom", "Transcode", "SbeInitialImage", "SbeBegin", "SbeCloseChild", "SbeFillEmpty", "Equals", "GetHashCode", "GetType",
        };

        private static readonly string[] GroupReserved =
        {
            "SbeBlockLength", "SbeDimensionLength", "SbeMaxCount", "Count", "Index", "ActingBlockLength", "GetEnumerator", "Current",
            "MoveNext", "SbeOpen", "SbeFinishEntry", "SbeSeek", "SbeSkipElements", "SbeTryReadDimension", "SbeTrySkip",
            "SbeRequiredBlockLength", "AppendEntryTo", "SbeNullImage", "Next", "SbeEntry", "SbeDefaultBlock", "SbeDimensionImage",
            "SbeWriteDimension", "SbeWriteEmpty", "SbeClose", "SbeBegin", "SbeCloseChild", "SbeFillEmpty", "CopyFrom", "Equals",
            "GetHashCode", "GetType", "ToString",
        };

        private readonly EmitContext _context;

        public NameChecker(EmitContext context)
        {
            _context = context;
        }

        public void Check()
        {
            var topLevel = new Dictionary<string, SourceRef>();
            MessageSchema schema = _context.Schema;
            SourceRef schemaSource = new SourceRef(schema.FilePath, 1, 1, "<messageSchema>");
            Add(topLevel, _context.SchemaClass, schemaSource);
            foreach (SbeType type in schema.TypeOrder)
            {
                string name = Naming.Pascal(type.Name);
                switch (type)
                {
                    case EnumType enumType:
                        Add(topLevel, name, type.Source);
                        CheckUnique(EnumEmitter.MemberNames(enumType).Values, enumType.Values.ConvertAll(v => v.Source));
                        break;
                    case SetType setType:
                        Add(topLevel, name, type.Source);
                        CheckUnique(setType.Choices.ConvertAll(c => Naming.Pascal(c.Name)), setType.Choices.ConvertAll(c => c.Source));
                        break;
                    case CompositeType composite:
                        Add(topLevel, name + "Decoder", type.Source);
                        Add(topLevel, name + "Encoder", type.Source);
                        CheckComposite(composite, name);
                        break;
                }
            }

            foreach (MessageDef message in schema.Messages)
            {
                string name = Naming.Pascal(message.Name);
                Add(topLevel, name + "Decoder", message.Source);
                Add(topLevel, name + "Encoder", message.Source);
                CheckBlock(message, name, RootReserved);
            }
        }

        private void CheckUnique(List<string> names, List<SourceRef> sources)
        {
            var seen = new Dictionary<string, SourceRef>();
            for (int i = 0; i < names.Count; i++)
            {
                Add(seen, names[i], sources[i]);
            }
        }

        private void CheckComposite(CompositeType composite, string name)
        {
            var members = Reserved(CompositeReserved, composite.Source);
            foreach (FixedMember member in CompositeEmitter.Members(composite))
            {
                foreach (string generated in FixedAccessorEmitter.MemberNames(member))
                {
                    Add(members, generated, member.Source);
                }
            }

            CheckEnclosing(members, name + "Decoder");
            CheckEnclosing(members, name + "Encoder");
        }

        private void CheckBlock(BlockDef block, string name, string[] reserved)
        {
            var members = Reserved(reserved, block.Source);
            foreach (FieldDef field in block.Fields)
            {
                foreach (string generated in FixedAccessorEmitter.MemberNames(FixedMember.FromField(field, block.Path)))
                {
                    Add(members, generated, field.Source);
                }
            }

            foreach (GroupDef group in block.Groups)
            {
                string groupName = Naming.Pascal(group.Name);
                Add(members, groupName, group.Source);
                Add(members, groupName + "Count", group.Source);
                Add(members, groupName + "Decoder", group.Source);
                Add(members, groupName + "Encoder", group.Source);
                CheckBlock(group, groupName, GroupReserved);
            }

            foreach (DataDef data in block.Data)
            {
                string dataName = Naming.Pascal(data.Name);
                Add(members, dataName, data.Source);
                Add(members, "Get" + dataName + "String", data.Source);
                Add(members, "Set" + dataName, data.Source);
            }

            CheckEnclosing(members, name + "Decoder");
            CheckEnclosing(members, name + "Encoder");
        }

        private static Dictionary<string, SourceRef> Reserved(string[] names, SourceRef source)
        {
            var map = new Dictionary<string, SourceRef>();
            foreach (string name in names)
            {
                map[name] = source;
            }

            return map;
        }

        private void CheckEnclosing(Dictionary<string, SourceRef> members, string typeName)
        {
            if (members.TryGetValue(typeName, out SourceRef? source))
            {
                _context.Error(DiagnosticIds.NameCollision, source, $"generates a member named '{typeName}', the name of its enclosing C# type; rename it");
            }
        }

        private void Add(Dictionary<string, SourceRef> names, string name, SourceRef source)
        {
            if (names.TryGetValue(name, out SourceRef? existing))
            {
                _context.Error(DiagnosticIds.NameCollision, source, $"generates the C# name '{name}', which is already generated for {existing.Element} (line {existing.Line}); rename one of them");
                return;
            }

            names[name] = source;
        }
    }
}
