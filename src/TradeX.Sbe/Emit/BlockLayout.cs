using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using TradeX.Sbe.Model;

namespace TradeX.Sbe.Emit
{
    /// <summary>Facts about one level (message root or group entry) shared by the decoder and encoder emitters.</summary>
    internal sealed class BlockLayout
    {
        public BlockLayout(BlockDef block, MessageDef message)
        {
            Block = block;
            Message = message;
            Depth = block is GroupDef group ? group.Depth : 0;
            Fields = block.Fields.Select(f => FixedMember.FromField(f, block.Path)).ToList();
        }

        public BlockDef Block { get; }

        public MessageDef Message { get; }

        /// <summary>0 for the message root, 1 for its groups, and so on.</summary>
        public int Depth { get; }

        public List<FixedMember> Fields { get; }

        public int ElementCount => Block.ElementCount;

        public bool HasElements => Block.ElementCount > 0;

        public bool HasGroups => Block.Groups.Count > 0;

        public string D => Depth.ToString(CultureInfo.InvariantCulture);

        public string Child => (Depth + 1).ToString(CultureInfo.InvariantCulture);

        public string N => ElementCount.ToString(CultureInfo.InvariantCulture);

        /// <summary>
        /// The smallest blockLength a message of <c>actingVersion</c> may declare: the end of the last
        /// field that version has. Emitted as a chain of comparisons, newest version first.
        /// </summary>
        public string RequiredBlockLengthExpression(string version)
        {
            var ends = new SortedDictionary<int, int>();
            foreach (FieldDef field in Block.Fields)
            {
                if (field.Presence == Presence.Constant)
                {
                    continue;
                }

                int end = field.Offset + field.EncodedLength;
                ends[field.SinceVersion] = ends.TryGetValue(field.SinceVersion, out int current) ? System.Math.Max(current, end) : end;
            }

            var cumulative = new List<KeyValuePair<int, int>>();
            int running = 0;
            foreach (KeyValuePair<int, int> pair in ends)
            {
                running = System.Math.Max(running, pair.Value);
                cumulative.Add(new KeyValuePair<int, int>(pair.Key, running));
            }

            if (cumulative.Count == 0)
            {
                return "0";
            }

            var builder = new StringBuilder();
            for (int i = cumulative.Count - 1; i >= 0; i--)
            {
                KeyValuePair<int, int> pair = cumulative[i];
                string value = pair.Value.ToString(CultureInfo.InvariantCulture);
                if (i == 0 && pair.Key == 0)
                {
                    builder.Append(value);
                }
                else
                {
                    builder.Append($"{version} >= {pair.Key.ToString(CultureInfo.InvariantCulture)} ? {value} : ");
                    if (i == 0)
                    {
                        builder.Append('0');
                    }
                }
            }

            return builder.ToString();
        }

        public static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);
    }
}
