using TradeX.Sbe.Model;

namespace TradeX.Sbe.Emit
{
    /// <summary>
    /// One fixed-position value as the accessor emitter sees it, whether it is a message or group
    /// field or a composite member: name, encoding, presence, offset, version and constant.
    /// </summary>
    internal sealed class FixedMember
    {
        public FixedMember(string schemaName, SbeType type, Presence presence, int offset, int sinceVersion, string path, SourceRef source)
        {
            SchemaName = schemaName;
            Name = Naming.Pascal(schemaName);
            Type = type;
            Presence = presence;
            Offset = offset;
            SinceVersion = sinceVersion;
            Path = path;
            Source = source;
        }

        public string SchemaName { get; }

        public string Name { get; }

        public SbeType Type { get; }

        public Presence Presence { get; }

        public int Offset { get; }

        public int SinceVersion { get; }

        /// <summary>Schema path for errors, e.g. Car.engine.</summary>
        public string Path { get; }

        public SourceRef Source { get; }

        public string? Description { get; set; }

        public int? Deprecated { get; set; }

        public int Id { get; set; }

        public EnumType? ConstantEnum { get; set; }

        public EnumValue? ConstantEnumValue { get; set; }

        public bool IsConstant => Presence == Presence.Constant;

        public bool IsOptional => Presence == Presence.Optional;

        public static FixedMember FromField(FieldDef field, string blockPath) =>
            new FixedMember(field.Name, field.Type, field.Presence, field.Offset, field.SinceVersion, blockPath + "." + field.Name, field.Source)
            {
                Description = field.Description,
                Deprecated = field.Deprecated,
                Id = field.Id,
                ConstantEnum = field.ConstantEnum,
                ConstantEnumValue = field.ConstantEnumValue,
            };

        public static FixedMember FromMember(CompositeMember member, string compositePath)
        {
            Presence presence;
            switch (member.Type)
            {
                case EncodedType encoded:
                    presence = encoded.Presence;
                    break;
                case EnumType enumType:
                    presence = enumType.Encoding.Presence == Presence.Optional ? Presence.Optional : Presence.Required;
                    break;
                default:
                    presence = Presence.Required;
                    break;
            }

            // Composite members carry sinceVersion for documentation only: SBE 1.0 §5 does not allow
            // extending a composite compatibly, so decoders never hide a member by version.
            return new FixedMember(member.Name, member.Type, presence, member.Offset, 0, compositePath + "." + member.Name, member.Source)
            {
                Deprecated = member.Deprecated,
            };
        }
    }
}
