using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Xml;
using System.Xml.Linq;
using TradeX.Sbe.Model;

namespace TradeX.Sbe.Parsing
{
    /// <summary>Shared state of one schema parse: the diagnostics so far and element location helpers.</summary>
    internal sealed class ParseContext
    {
        public ParseContext(string filePath)
        {
            FilePath = filePath;
        }

        public string FilePath { get; }

        public List<SchemaDiagnostic> Diagnostics { get; } = new List<SchemaDiagnostic>();

        public int SchemaVersion { get; set; }

        public bool HasErrors => Diagnostics.Count > 0;

        public void Error(string id, XElement element, string problem)
        {
            SourceRef source = Source(element);
            Diagnostics.Add(new SchemaDiagnostic(id, $"{PathText.FileName(source.FilePath)}: {source.Element}: {problem}", source));
        }

        public void Error(string id, SourceRef source, string problem)
        {
            Diagnostics.Add(new SchemaDiagnostic(id, $"{PathText.FileName(source.FilePath)}: {source.Element}: {problem}", source));
        }

        public SourceRef Source(XElement element)
        {
            var info = (IXmlLineInfo)element;
            int line = info.HasLineInfo() ? info.LineNumber : 0;
            int column = info.HasLineInfo() ? info.LinePosition : 0;
            return new SourceRef(FileOf(element), line, column, Describe(element));
        }

        /// <summary>The file an element was read from (the schema, or an xi:include-d file).</summary>
        public string FileOf(XElement element)
        {
            for (XElement? e = element; e != null; e = e.Parent)
            {
                SchemaFile? file = e.Annotation<SchemaFile>();
                if (file != null)
                {
                    return file.Path;
                }
            }

            return FilePath;
        }

        /// <summary>Names an element the way a schema author finds it: &lt;field name="x"&gt; in &lt;message name="M"&gt;.</summary>
        public static string Describe(XElement element)
        {
            string self = Tag(element);
            var context = new List<string>();
            for (XElement? parent = element.Parent; parent != null; parent = parent.Parent)
            {
                string local = parent.Name.LocalName;
                if (local == "message" || local == "group" || local == "composite")
                {
                    context.Add(Tag(parent));
                }
            }

            return context.Count == 0 ? self : self + " in " + string.Join(" in ", context);
        }

        private static string Tag(XElement element)
        {
            string? name = (string?)element.Attribute("name");
            return name == null ? $"<{element.Name.LocalName}>" : $"<{element.Name.LocalName} name=\"{name}\">";
        }

        public string? Attr(XElement element, string name)
        {
            XAttribute? attribute = element.Attribute(name);
            return attribute?.Value;
        }

        /// <summary>
        /// An attribute of the project's binding namespace (<see cref="BindingNamespace"/>): how a schema
        /// field maps onto the engine's input struct and its display name. SBE ignores foreign attributes.
        /// </summary>
        public Dictionary<string, string> BindingAttrs(XElement element) =>
            element.Attributes().Where(a => a.Name.NamespaceName == BindingNamespace).ToDictionary(a => a.Name.LocalName, a => a.Value);

        /// <summary>The XML namespace of the engine-binding attributes (<c>xmlns:tx</c> in schemas/journal.xml).</summary>
        public const string BindingNamespace = "urn:tradex:engine-binding";

        public string? RequiredAttr(XElement element, string name)
        {
            string? value = Attr(element, name);
            if (string.IsNullOrWhiteSpace(value))
            {
                Error(DiagnosticIds.InvalidAttribute, element, $"missing required attribute '{name}'");
                return null;
            }

            return value!.Trim();
        }

        public int? IntAttr(XElement element, string name, int min = 0)
        {
            string? value = Attr(element, name);
            if (value == null)
            {
                return null;
            }

            if (!int.TryParse(value.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int result) || result < min)
            {
                Error(DiagnosticIds.InvalidAttribute, element, $"attribute {name}=\"{value}\" is not an integer >= {min}");
                return null;
            }

            return result;
        }

        public int SinceVersion(XElement element)
        {
            int version = IntAttr(element, "sinceVersion") ?? 0;
            if (version > SchemaVersion)
            {
                Error(DiagnosticIds.VersionOutOfRange, element, $"sinceVersion {version} is greater than the schema version {SchemaVersion}");
            }

            return version;
        }

        public int? Deprecated(XElement element)
        {
            int? version = IntAttr(element, "deprecated");
            if (version > SchemaVersion)
            {
                Error(DiagnosticIds.VersionOutOfRange, element, $"deprecated {version} is greater than the schema version {SchemaVersion}");
            }

            return version;
        }

        public Presence? PresenceAttr(XElement element)
        {
            string? value = Attr(element, "presence");
            if (value == null)
            {
                return null;
            }

            switch (value.Trim().ToLowerInvariant())
            {
                case "required": return Presence.Required;
                case "optional": return Presence.Optional;
                case "constant": return Presence.Constant;
                default:
                    Error(DiagnosticIds.InvalidAttribute, element, $"presence=\"{value}\" is not required, optional or constant");
                    return null;
            }
        }

        public static IEnumerable<XElement> Children(XElement element, string localName) =>
            element.Elements().Where(e => e.Name.LocalName == localName);

        /// <summary>True for SBE symbolic names: letters, digits and underscore, not starting with a digit.</summary>
        public bool CheckSymbolicName(XElement element, string? name)
        {
            if (name == null)
            {
                return false;
            }

            bool valid = name.Length > 0 && !char.IsDigit(name[0]);
            foreach (char c in name)
            {
                if (!(c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')))
                {
                    valid = false;
                }
            }

            if (!valid)
            {
                Error(DiagnosticIds.InvalidAttribute, element, $"name \"{name}\" is not a symbolic name (letters, digits and underscore, not starting with a digit)");
            }

            return valid;
        }
    }
}
