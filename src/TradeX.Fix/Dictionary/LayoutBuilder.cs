using System.Xml.Linq;

namespace TradeX.Fix.Dictionary;

/// <summary>Expands the fields, groups and components of one dictionary element into a <see cref="FieldLayout"/>.</summary>
internal sealed class LayoutBuilder(
    Dictionary<string, FieldDefinition> fields, Dictionary<string, XElement> components, int maxTag, string source)
{
    public FieldLayout Build(XElement container)
    {
        var tags = new List<int>();
        var required = new List<int>();
        var groups = new List<GroupDefinition>();
        Collect(container, required: true, tags, required, groups, depth: 0);
        return new FieldLayout(maxTag, tags, required, groups);
    }

    private void Collect(XElement container, bool required, List<int> tags, List<int> requiredTags, List<GroupDefinition> groups, int depth)
    {
        if (depth > 32) throw new InvalidDataException($"{source}: components nest too deep (a cycle?) at <{container.Name.LocalName} name='{(string?)container.Attribute("name")}'>");
        foreach (var e in container.Elements())
        {
            string name = DataDictionaryLoader.Attr(e, "name", source);
            bool isRequired = required && (string?)e.Attribute("required") == "Y";
            switch (e.Name.LocalName)
            {
                case "field":
                    {
                        int tag = FieldTag(name);
                        tags.Add(tag);
                        if (isRequired) requiredTags.Add(tag);
                        break;
                    }
                case "group":
                    {
                        int countTag = FieldTag(name);
                        tags.Add(countTag);
                        if (isRequired) requiredTags.Add(countTag);
                        var instanceTags = new List<int>();
                        var instanceRequired = new List<int>();
                        var instanceGroups = new List<GroupDefinition>();
                        // Inside an instance, "required" is relative to the instance, whatever the group's own flag.
                        Collect(e, required: true, instanceTags, instanceRequired, instanceGroups, depth + 1);
                        if (instanceTags.Count == 0) throw new InvalidDataException($"{source}: group '{name}' has no fields");
                        var group = new GroupDefinition(countTag, instanceTags[0], isRequired)
                        {
                            Instance = new FieldLayout(maxTag, instanceTags, instanceRequired, instanceGroups),
                        };
                        groups.Add(group);
                        break;
                    }
                case "component":
                    if (!components.TryGetValue(name, out var component))
                        throw new InvalidDataException($"{source}: unknown component '{name}'");
                    Collect(component, isRequired, tags, requiredTags, groups, depth + 1);
                    break;
            }
        }
    }

    private int FieldTag(string name) =>
        fields.TryGetValue(name, out var f) ? f.Tag : throw new InvalidDataException($"{source}: '{name}' is used but not defined in <fields>");
}
