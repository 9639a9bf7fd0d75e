using System;
using System.Collections.Generic;
using System.Linq;
using System.Xml;
using System.Xml.Linq;

namespace TradeX.Sbe.Parsing
{
    /// <summary>
    /// Replaces &lt;xi:include href="..."/&gt; elements with the root element of the named file, as the
    /// SBE specification suggests for sharing common encodings (§4.3.3.2). Files are looked up with
    /// a caller-supplied function (the generator passes its AdditionalFiles). Included elements keep
    /// a <see cref="SchemaFile"/> annotation so errors in them name the included file.
    /// </summary>
    internal sealed class XIncludeExpander
    {
        private const string XIncludeNamespace = "http://www.w3.org/2001/XInclude";
        private readonly Func<string, string?> _resolve;
        private readonly ParseContext _context;

        public XIncludeExpander(Func<string, string?> resolve, ParseContext context)
        {
            _resolve = resolve;
            _context = context;
        }

        public void Expand(XElement root, string file, HashSet<string> active)
        {
            List<XElement> includes = root.Descendants().Where(e => e.Name.LocalName == "include" && e.Name.NamespaceName == XIncludeNamespace).ToList();
            foreach (XElement include in includes)
            {
                string? href = (string?)include.Attribute("href");
                if (string.IsNullOrWhiteSpace(href))
                {
                    _context.Error(DiagnosticIds.IncludeNotFound, include, "xi:include has no href");
                    include.Remove();
                    continue;
                }

                string path = PathText.Resolve(file, href!.Trim());
                if (active.Contains(path))
                {
                    _context.Error(DiagnosticIds.IncludeNotFound, include, $"xi:include of '{href}' includes itself");
                    include.Remove();
                    continue;
                }

                string? text = _resolve(path);
                if (text == null)
                {
                    _context.Error(DiagnosticIds.IncludeNotFound, include, $"xi:include href=\"{href}\" not found (looked for {path}; add it to the project as AdditionalFiles)");
                    include.Remove();
                    continue;
                }

                XDocument included;
                try
                {
                    included = XDocument.Parse(text, LoadOptions.SetLineInfo);
                }
                catch (XmlException ex)
                {
                    var source = new Model.SourceRef(path, ex.LineNumber, ex.LinePosition, "<xml>");
                    _context.Error(DiagnosticIds.InvalidXml, source, $"included file is not well-formed XML: {ex.Message}");
                    include.Remove();
                    continue;
                }

                XElement includedRoot = included.Root!;
                includedRoot.Remove();
                includedRoot.AddAnnotation(new SchemaFile(path));
                active.Add(path);
                Expand(includedRoot, path, active);
                active.Remove(path);
                include.ReplaceWith(includedRoot);
            }
        }
    }
}
