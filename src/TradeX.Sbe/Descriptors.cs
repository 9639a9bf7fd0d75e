using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using TradeX.Sbe.Parsing;

namespace TradeX.Sbe
{
    /// <summary>The compiler diagnostics the generator reports: one error per <see cref="DiagnosticIds"/> id.</summary>
    internal static class Descriptors
    {
        private const string Category = "TradeX.Sbe";

        private static readonly Dictionary<string, DiagnosticDescriptor> ById = new Dictionary<string, DiagnosticDescriptor>
        {
            [DiagnosticIds.InvalidXml] = Make(DiagnosticIds.InvalidXml, "SBE schema is not well-formed XML"),
            [DiagnosticIds.InvalidAttribute] = Make(DiagnosticIds.InvalidAttribute, "SBE schema attribute missing or malformed"),
            [DiagnosticIds.UnknownType] = Make(DiagnosticIds.UnknownType, "SBE schema refers to an unknown type"),
            [DiagnosticIds.DuplicateName] = Make(DiagnosticIds.DuplicateName, "SBE schema name is used twice"),
            [DiagnosticIds.DuplicateId] = Make(DiagnosticIds.DuplicateId, "SBE schema id or value is used twice"),
            [DiagnosticIds.OffsetOverlap] = Make(DiagnosticIds.OffsetOverlap, "SBE schema offsets overlap"),
            [DiagnosticIds.BlockLength] = Make(DiagnosticIds.BlockLength, "SBE schema block length is invalid"),
            [DiagnosticIds.InvalidValue] = Make(DiagnosticIds.InvalidValue, "SBE schema value is invalid for its type"),
            [DiagnosticIds.InvalidStructure] = Make(DiagnosticIds.InvalidStructure, "SBE schema structure is invalid"),
            [DiagnosticIds.InvalidEncodingShape] = Make(DiagnosticIds.InvalidEncodingShape, "SBE header, dimension or var data encoding is invalid"),
            [DiagnosticIds.IncludeNotFound] = Make(DiagnosticIds.IncludeNotFound, "SBE schema xi:include not found"),
            [DiagnosticIds.NameCollision] = Make(DiagnosticIds.NameCollision, "SBE schema names collide in generated C#"),
            [DiagnosticIds.Unsupported] = Make(DiagnosticIds.Unsupported, "SBE schema construct not supported"),
            [DiagnosticIds.RuntimeMissing] = Make(DiagnosticIds.RuntimeMissing, "TradeX.Sbe.Runtime is not referenced"),
            [DiagnosticIds.InvalidValueRef] = Make(DiagnosticIds.InvalidValueRef, "SBE schema valueRef is invalid"),
            [DiagnosticIds.VersionOutOfRange] = Make(DiagnosticIds.VersionOutOfRange, "SBE schema version attribute out of range"),
            [DiagnosticIds.InputBinding] = Make(DiagnosticIds.InputBinding, "Journal schema and engine input disagree"),
        };

        public static DiagnosticDescriptor For(string id) => ById[id];

        private static DiagnosticDescriptor Make(string id, string title) =>
            new DiagnosticDescriptor(id, title, "{0}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);
    }
}
