using System.Collections.Generic;

namespace TradeX.Sbe.Parsing
{
    /// <summary>
    /// Pure string path arithmetic for xi:include hrefs. The generator runs inside the compiler,
    /// where file system calls are off limits, so paths are combined and normalised by hand and
    /// the text itself comes from the compilation's AdditionalFiles.
    /// </summary>
    public static class PathText
    {
        /// <summary>Resolves <paramref name="href"/> against the directory of <paramref name="baseFile"/>.</summary>
        public static string Resolve(string baseFile, string href)
        {
            string h = href.Replace('\\', '/');
            if (h.StartsWith("/", System.StringComparison.Ordinal) || (h.Length > 1 && h[1] == ':'))
            {
                return Normalize(h);
            }

            string b = baseFile.Replace('\\', '/');
            int slash = b.LastIndexOf('/');
            string directory = slash >= 0 ? b.Substring(0, slash + 1) : string.Empty;
            return Normalize(directory + h);
        }

        /// <summary>Removes "." and "dir/.." segments and unifies separators to '/'.</summary>
        public static string Normalize(string path)
        {
            string p = path.Replace('\\', '/');
            bool rooted = p.StartsWith("/", System.StringComparison.Ordinal);
            var parts = new List<string>();
            foreach (string segment in p.Split('/'))
            {
                if (segment.Length == 0 || segment == ".")
                {
                    continue;
                }

                if (segment == ".." && parts.Count > 0 && parts[parts.Count - 1] != "..")
                {
                    parts.RemoveAt(parts.Count - 1);
                    continue;
                }

                parts.Add(segment);
            }

            string joined = string.Join("/", parts);
            return rooted ? "/" + joined : joined;
        }

        /// <summary>The file name part of a path.</summary>
        public static string FileName(string path)
        {
            string p = path.Replace('\\', '/');
            int slash = p.LastIndexOf('/');
            return slash >= 0 ? p.Substring(slash + 1) : p;
        }
    }
}
