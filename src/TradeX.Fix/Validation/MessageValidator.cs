using TradeX.Fix.Dictionary;
using TradeX.Fix.Protocol;

namespace TradeX.Fix.Validation;

/// <summary>
/// Checks a parsed message against a <see cref="DataDictionary"/>: MsgType known, every tag known and
/// allowed for the message, values present and of the right format and enumeration, no tag twice,
/// header first and trailer last, repeating groups opened by their delimiter with the announced count,
/// and every required field present (in the header, the body and each group instance).
/// The first problem found is returned as the Reject it calls for. One instance per thread (it keeps
/// scratch state); it allocates nothing per message.
/// </summary>
public sealed class MessageValidator
{
    private const int UserDefinedTagStart = 5000;
    private readonly DataDictionary _dictionary;
    private readonly ValidationOptions _options;
    // seen[tag] == stamp of the field map (header, body, one group instance) where the tag appeared.
    private readonly int[] _seen;
    private int _stamp;

    public MessageValidator(DataDictionary dictionary, ValidationOptions? options = null)
    {
        _dictionary = dictionary;
        _options = options ?? ValidationOptions.Default;
        _seen = new int[dictionary.MaxTag + 1];
    }

    public DataDictionary Dictionary => _dictionary;

    public ValidationResult Validate(FixMessage message)
    {
        var definition = _dictionary.Message(message.MsgType);
        if (definition is null) return ValidationResult.Reject(SessionRejectReason.InvalidMsgType, Tag.MsgType);

        int headerStamp = NextStamp(), bodyStamp = NextStamp(), trailerStamp = NextStamp();
        var header = _dictionary.Header;
        var trailer = _dictionary.Trailer;
        var body = definition.Body;
        var sections = definition.Sections;
        int n = message.FieldCount;
        // 0 = header, 1 = body, 2 = trailer: the section the walk has reached, for ordering.
        int section = 0;
        int i = 0;
        while (i < n)
        {
            int tag = message.TagAt(i);
            int kind = (uint)tag < (uint)sections.Length ? sections[tag] : 0;
            if (kind == MessageDefinition.HeaderField)
            {
                if (section > 0 && _options.FieldsOutOfOrder) return ValidationResult.Reject(SessionRejectReason.TagSpecifiedOutOfRequiredOrder, tag);
                var r = CheckField(message, i, tag, headerStamp);
                if (!r.IsValid) return r;
                var hg = header.GroupFor(tag);
                i++;
                if (hg is not null)
                {
                    r = WalkGroup(message, hg, ref i);
                    if (!r.IsValid) return r;
                }
                continue;
            }
            if (kind == MessageDefinition.TrailerField)
            {
                section = 2;
                var r = CheckField(message, i, tag, trailerStamp);
                if (!r.IsValid) return r;
                i++;
                continue;
            }
            if (section == 2 && _options.FieldsOutOfOrder) return ValidationResult.Reject(SessionRejectReason.TagSpecifiedOutOfRequiredOrder, tag);
            section = 1;
            if (kind == 0)
            {
                var unknown = Unknown(tag);
                if (!unknown.IsValid) return unknown;
                i++;
                continue;
            }
            var fr = CheckField(message, i, tag, bodyStamp);
            if (!fr.IsValid) return fr;
            i++;
            var group = body.GroupFor(tag);
            if (group is not null)
            {
                var gr = WalkGroup(message, group, ref i);
                if (!gr.IsValid) return gr;
            }
        }
        var missing = Required(header, headerStamp);
        if (!missing.IsValid) return missing;
        missing = Required(body, bodyStamp);
        if (!missing.IsValid) return missing;
        return Required(trailer, trailerStamp);
    }

    /// <summary>
    /// Walks the instances of a group whose count field was just read (at index i - 1); leaves i on the
    /// first field after the group.
    /// </summary>
    private ValidationResult WalkGroup(FixMessage message, GroupDefinition group, ref int i)
    {
        FixValues.TryParseInt(message.ValueAt(i - 1), out int declared);
        var layout = group.Instance;
        int n = message.FieldCount;
        int instances = 0;
        while (i < n && layout.Contains(message.TagAt(i)))
        {
            if (message.TagAt(i) != group.DelimiterTag)
                return ValidationResult.Reject(SessionRejectReason.RepeatingGroupFieldsOutOfOrder, message.TagAt(i));
            instances++;
            int stamp = NextStamp();
            do
            {
                int tag = message.TagAt(i);
                var r = CheckField(message, i, tag, stamp);
                if (!r.IsValid) return r;
                i++;
                var nested = layout.GroupFor(tag);
                if (nested is not null)
                {
                    r = WalkGroup(message, nested, ref i);
                    if (!r.IsValid) return r;
                }
            }
            while (i < n && message.TagAt(i) != group.DelimiterTag && layout.Contains(message.TagAt(i)));
            var missing = Required(layout, stamp);
            if (!missing.IsValid) return missing;
        }
        return instances == declared
            ? ValidationResult.Valid
            : ValidationResult.Reject(SessionRejectReason.IncorrectNumInGroupCountForRepeatingGroup, group.CountTag);
    }

    private ValidationResult CheckField(FixMessage message, int index, int tag, int stamp)
    {
        var field = _dictionary.Field(tag);
        if (field is null) return Unknown(tag);
        if (_seen[tag] == stamp) return ValidationResult.Reject(SessionRejectReason.TagAppearsMoreThanOnce, tag);
        _seen[tag] = stamp;
        var value = message.ValueAt(index);
        if (value.IsEmpty)
            return _options.FieldsHaveValues ? ValidationResult.Reject(SessionRejectReason.TagSpecifiedWithoutAValue, tag) : ValidationResult.Valid;
        if (!HasValidFormat(field.Type, value)) return ValidationResult.Reject(SessionRejectReason.IncorrectDataFormatForValue, tag);
        if (!field.IsAllowedValue(value)) return ValidationResult.Reject(SessionRejectReason.ValueIsIncorrect, tag);
        return ValidationResult.Valid;
    }

    private ValidationResult Unknown(int tag)
    {
        if (tag <= 0) return ValidationResult.Reject(SessionRejectReason.InvalidTagNumber, tag);
        if (_options.AllowUnknownMessageFields) return ValidationResult.Valid;
        if (tag >= UserDefinedTagStart && !_options.UserDefinedFields) return ValidationResult.Valid;
        // A tag the dictionary defines but this message does not carry is reason 2; one it does not
        // define at all is an invalid tag number (reason 0), the code QuickFIX peers also send.
        return _dictionary.Field(tag) is null
            ? ValidationResult.Reject(SessionRejectReason.InvalidTagNumber, tag)
            : ValidationResult.Reject(SessionRejectReason.TagNotDefinedForThisMessageType, tag);
    }

    private ValidationResult Required(FieldLayout layout, int stamp)
    {
        foreach (int tag in layout.RequiredTags)
            if (_seen[tag] != stamp) return ValidationResult.Reject(SessionRejectReason.RequiredTagMissing, tag);
        return ValidationResult.Valid;
    }

    private int NextStamp()
    {
        if (++_stamp == int.MaxValue)
        {
            Array.Clear(_seen);
            _stamp = 1;
        }
        return _stamp;
    }

    private static bool HasValidFormat(FieldType type, ReadOnlySpan<byte> v) => type switch
    {
        FieldType.Int => FixValues.IsInt(v, allowNegative: true),
        FieldType.NonNegativeInt => FixValues.IsInt(v, allowNegative: false),
        FieldType.Float => FixValues.IsFloat(v),
        FieldType.Char => v.Length == 1,
        FieldType.Boolean => v.Length == 1 && v[0] is (byte)'Y' or (byte)'N',
        FieldType.UtcTimestamp => FixValues.IsUtcTimestamp(v),
        FieldType.UtcTimeOnly => FixValues.IsTimeOnly(v),
        FieldType.Date => FixValues.IsDate(v),
        FieldType.MonthYear => FixValues.IsMonthYear(v),
        _ => true,
    };
}
