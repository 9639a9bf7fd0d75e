using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace TradeX.Sbe.Emit
{
    /// <summary>How schema names become C# names: PascalCase identifiers and namespaces.</summary>
    internal static class Naming
    {
        /// <summary>
        /// A PascalCase identifier: invalid characters become '_', a leading digit gets a '_' prefix,
        /// the first letter is upper-cased. An upper-case first letter can never spell a C# keyword.
        /// </summary>
        public static string Pascal(string name)
        {
            var builder = new StringBuilder(name.Length + 1);
            foreach (char c in name)
            {
                builder.Append(char.IsLetterOrDigit(c) || c == '_' ? c : '_');
            }

            if (builder.Length == 0 || char.IsDigit(builder[0]))
            {
                builder.Insert(0, '_');
            }

            builder[0] = char.ToUpperInvariant(builder[0]);
            return builder.ToString();
        }

        /// <summary>The namespace for a package: each dot-separated part Pascal-cased, hyphens joined.</summary>
        public static string Namespace(string package, int schemaId)
        {
            if (string.IsNullOrWhiteSpace(package))
            {
                return "SbeSchema" + schemaId.ToString(CultureInfo.InvariantCulture);
            }

            var parts = new List<string>();
            foreach (string segment in package.Split('.'))
            {
                var joined = new StringBuilder();
                foreach (string word in segment.Split('-', ' '))
                {
                    if (word.Length > 0)
                    {
                        joined.Append(Pascal(word));
                    }
                }

                if (joined.Length > 0)
                {
                    parts.Add(joined.ToString());
                }
            }

            return parts.Count == 0 ? "SbeSchema" + schemaId.ToString(CultureInfo.InvariantCulture) : string.Join(".", parts);
        }

        /// <summary>True when <paramref name="ns"/> is a valid dotted C# namespace.</summary>
        public static bool IsValidNamespace(string ns)
        {
            if (string.IsNullOrEmpty(ns))
            {
                return false;
            }

            foreach (string part in ns.Split('.'))
            {
                if (part.Length == 0 || !(char.IsLetter(part[0]) || part[0] == '_'))
                {
                    return false;
                }

                foreach (char c in part)
                {
                    if (!(char.IsLetterOrDigit(c) || c == '_'))
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        /// <summary>A C# string literal.</summary>
        public static string Literal(string text)
        {
            var builder = new StringBuilder(text.Length + 2);
            builder.Append('"');
            foreach (char c in text)
            {
                switch (c)
                {
                    case '"': builder.Append("\\\""); break;
                    case '\\': builder.Append("\\\\"); break;
                    case '\n': builder.Append("\\n"); break;
                    case '\r': builder.Append("\\r"); break;
                    case '\t': builder.Append("\\t"); break;
                    default:
                        if (c < 0x20 || c > 0x7e)
                        {
                            builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                        }
                        else
                        {
                            builder.Append(c);
                        }

                        break;
                }
            }

            builder.Append('"');
            return builder.ToString();
        }
    }
}
