namespace TradeX.Sbe.Parsing
{
    /// <summary>
    /// Stable ids of schema errors. Every one fails the build: a schema that is wrong in any of these
    /// ways would produce codecs that disagree with a counterparty's.
    /// </summary>
    public static class DiagnosticIds
    {
        /// <summary>The file is not well-formed XML.</summary>
        public const string InvalidXml = "SBE001";

        /// <summary>A required attribute is missing or an attribute value is malformed.</summary>
        public const string InvalidAttribute = "SBE002";

        /// <summary>A type, dimensionType, encodingType or headerType names no encoding.</summary>
        public const string UnknownType = "SBE003";

        /// <summary>Two encodings, messages, fields, groups, members, values or choices share a name.</summary>
        public const string DuplicateName = "SBE004";

        /// <summary>Two messages, or two fields/groups/data of one block, share an id; or two enum values share a value.</summary>
        public const string DuplicateId = "SBE005";

        /// <summary>An explicit offset would make elements overlap.</summary>
        public const string OffsetOverlap = "SBE006";

        /// <summary>A blockLength is smaller than the fields it must hold, or does not fit its wire type.</summary>
        public const string BlockLength = "SBE007";

        /// <summary>A nullValue, minValue, maxValue, constant, enum value or choice is invalid for its type.</summary>
        public const string InvalidValue = "SBE008";

        /// <summary>Elements are out of the required order, or an element is unknown.</summary>
        public const string InvalidStructure = "SBE009";

        /// <summary>The message header, a group dimension or a var data composite lacks required members.</summary>
        public const string InvalidEncodingShape = "SBE010";

        /// <summary>An xi:include could not be resolved.</summary>
        public const string IncludeNotFound = "SBE011";

        /// <summary>Generated C# names collide.</summary>
        public const string NameCollision = "SBE012";

        /// <summary>A construct this generator does not support.</summary>
        public const string Unsupported = "SBE013";

        /// <summary>The compilation does not reference TradeX.Sbe.Runtime.</summary>
        public const string RuntimeMissing = "SBE014";

        /// <summary>A valueRef does not name a valid value of an enum of the right type.</summary>
        public const string InvalidValueRef = "SBE015";

        /// <summary>A sinceVersion or deprecated is greater than the schema version.</summary>
        public const string VersionOutOfRange = "SBE016";

        /// <summary>The journal schema and the engine's input types disagree (a kind, a struct member or a type).</summary>
        public const string InputBinding = "SBE020";
    }
}
