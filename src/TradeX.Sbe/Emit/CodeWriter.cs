using System.Text;

namespace TradeX.Sbe.Emit
{
    /// <summary>An indenting text builder for generated C#.</summary>
    internal sealed class CodeWriter
    {
        private readonly StringBuilder _text = new StringBuilder();
        private int _indent;

        public CodeWriter Line(string line = "")
        {
            if (line.Length == 0)
            {
                _text.Append('\n');
                return this;
            }

            _text.Append(' ', _indent * 4).Append(line).Append('\n');
            return this;
        }

        public CodeWriter Open(string line)
        {
            Line(line);
            Line("{");
            _indent++;
            return this;
        }

        public CodeWriter Close(string suffix = "")
        {
            _indent--;
            Line("}" + suffix);
            return this;
        }

        /// <summary>
        /// Writes a &lt;summary&gt; doc comment, one line per source line. The text is XML already:
        /// schema-provided text must go through <see cref="Escape"/> first.
        /// </summary>
        public CodeWriter Summary(string text)
        {
            if (text.IndexOf('\n') < 0)
            {
                return Line("/// <summary>" + text.Trim() + "</summary>");
            }

            Line("/// <summary>");
            foreach (string part in text.Replace("\r", string.Empty).Split('\n'))
            {
                string trimmed = part.Trim();
                if (trimmed.Length > 0)
                {
                    Line("/// " + trimmed);
                }
            }

            Line("/// </summary>");
            return this;
        }

        public static string Escape(string text) =>
            text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

        public override string ToString() => _text.ToString();
    }
}
