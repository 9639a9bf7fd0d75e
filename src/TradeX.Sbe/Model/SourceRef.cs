namespace TradeX.Sbe.Model
{
    /// <summary>Where a schema element is: file, 1-based line and column, and how to name it in a message.</summary>
    public sealed class SourceRef
    {
        /// <summary>Creates a reference.</summary>
        public SourceRef(string filePath, int line, int column, string element)
        {
            FilePath = filePath;
            Line = line;
            Column = column;
            Element = element;
        }

        /// <summary>Path of the schema (or included) file.</summary>
        public string FilePath { get; }

        /// <summary>1-based line, 0 when unknown.</summary>
        public int Line { get; }

        /// <summary>1-based column, 0 when unknown.</summary>
        public int Column { get; }

        /// <summary>The element as written in diagnostics, e.g. <c>&lt;field name="price"&gt; in message NewOrderSingle</c>.</summary>
        public string Element { get; }
    }
}
