using TradeX.Sbe.Model;

namespace TradeX.Sbe.Parsing
{
    /// <summary>A schema error: a stable id, a message naming the file and element, and where it is.</summary>
    public sealed class SchemaDiagnostic
    {
        /// <summary>Creates the diagnostic.</summary>
        public SchemaDiagnostic(string id, string message, SourceRef source)
        {
            Id = id;
            Message = message;
            Source = source;
        }

        /// <summary>Diagnostic id (SBE001...).</summary>
        public string Id { get; }

        /// <summary>Text naming the schema file and element.</summary>
        public string Message { get; }

        /// <summary>Location.</summary>
        public SourceRef Source { get; }

        /// <inheritdoc />
        public override string ToString() =>
            $"{Source.FilePath}({Source.Line},{Source.Column}): error {Id}: {Message}";
    }
}
