namespace TradeX.Sbe.Parsing
{
    /// <summary>Annotation on an included XML tree: which file its elements came from.</summary>
    internal sealed class SchemaFile
    {
        public SchemaFile(string path)
        {
            Path = path;
        }

        public string Path { get; }
    }
}
