using System.Runtime.CompilerServices;
using TradeX.Fix.Dictionary;
using TradeX.Fix.Protocol;

namespace TradeX.Fix.Validation;

/// <summary>
/// Checks a parsed message against a <see cref="DataDictionary"/> and answers with the Reject it calls for,
/// in QuickFIX's order of checks, so a counterparty certified against QuickFIX gets the reason and RefTagID it
/// expects when a message has more than one problem:
/// <list type="number">
/// <item>structure: header fields first, then the body, then the trailer (ValidateFieldsOutOfOrder) → 14 on the
/// first field out of its section (a header tag after a body field, a body tag after a trailer field); each
/// instance of a repeating group opened by its delimiter field → 15 on the field found instead (as QuickFIX/J:
/// the instance cannot be read);</item>
/// <item>MsgType defined by the dictionary → else 11, naming no tag;</item>
/// <item>required fields of the header, the trailer, the body, then of each group instance present → 1 on the
/// lowest missing tag;</item>
/// <item>each field, in wire order, the first problem found: 13 tag twice in one section or group instance,
/// 4 no value (ValidateFieldsHaveValues), 6 format, 5 enumerated value, 0 tag unknown (and tags 0 and below),
/// 2 tag not defined for this message type, 16 NumInGroup not the number of instances (a count of 0 with no
/// instances is valid).</item>
/// </list>
/// One instance per thread (it keeps scratch state); it allocates nothing per message.
/// </summary>
public sealed class MessageValidator
{
    private const int UserDefinedTagStart = 5000;
    private const byte HeaderPart = MessageDefinition.HeaderField, TrailerPart = MessageDefinition.TrailerField;
    private const int InHeader = 0, InBody = 1, InTrailer = 2;
    private readonly DataDictionary _dictionary;
    private readonly ValidationOptions _options;
    // seen[tag] == stamp of the field map (header, body, one group instance) where the tag appeared.
    private readonly int[] _seen;
    // By tag: the dictionary's header (its groups' fields too) or trailer; 0 for everything else. The sections
    // do not depend on the message type, so the structure is checked even when the MsgType is unknown.
    private readonly byte[] _parts;
    private int _stamp;
    // Found while walking, reported only when nothing of a higher class is: the first problem of a field, and
    // the first required field missing from a group instance.
    private ValidationResult _fieldProblem;
    private ValidationResult _groupMissing;

    public MessageValidator(DataDictionary dictionary, ValidationOptions? options = null)
    {
        _dictionary = dictionary;
        _options = options ?? ValidationOptions.Default;
        _seen = new int[dictionary.MaxTag + 1];
        _parts = MessageDefinition.HeaderAndTrailer(dictionary.Header, dictionary.Trailer, dictionary.MaxTag);
    }

    public DataDictionary Dictionary => _dictionary;

    public ValidationResult Validate(FixMessage message)
    {
        _fieldProblem = ValidationResult.Valid;
        _groupMissing = ValidationResult.Valid;
        var definition = _dictionary.Message(message.MsgType);
        if (definition is null)
        {
            var order = CheckOrder(message);
            return order.IsValid ? ValidationResult.Reject(SessionRejectReason.InvalidMsgType, 0) : order;
        }

        int headerStamp = NextStamp(), bodyStamp = NextStamp(), trailerStamp = NextStamp();
        var header = _dictionary.Header;
        var body = definition.Body;
        // One lookup per field: header, trailer, this message's body, or 0 (foreign to this message).
        var sections = definition.Sections;
        bool checkOrder = _options.FieldsOutOfOrder;
        int n = message.FieldCount;
        int section = InHeader;
        int i = 0;
        while (i < n)
        {
            int tag = message.TagAt(i);
            int kind = (uint)tag < (uint)sections.Length ? sections[tag] : 0;
            if (kind == MessageDefinition.HeaderField)
            {
                if (section != InHeader && checkOrder) return ValidationResult.Reject(SessionRejectReason.TagSpecifiedOutOfRequiredOrder, tag);
                CheckField(message, i, tag, headerStamp);
                i++;
                var headerGroup = header.GroupFor(tag);
                if (headerGroup is not null)
                {
                    var structure = WalkGroup(message, headerGroup, ref i);
                    if (!structure.IsValid) return structure;
                }
                continue;
            }
            if (kind == MessageDefinition.TrailerField)
            {
                section = InTrailer;
                CheckField(message, i, tag, trailerStamp);
                i++;
                continue;
            }
            if (section == InTrailer && checkOrder) return ValidationResult.Reject(SessionRejectReason.TagSpecifiedOutOfRequiredOrder, tag);
            section = InBody;
            if (kind == 0)
            {
                Note(CheckForeignField(message, i, tag));
                i++;
                continue;
            }
            CheckField(message, i, tag, bodyStamp);
            i++;
            var group = body.GroupFor(tag);
            if (group is not null)
            {
                var structure = WalkGroup(message, group, ref i);
                if (!structure.IsValid) return structure;
            }
        }
        var trailer = _dictionary.Trailer;
        var missing = Missing(header, headerStamp);
        if (missing.IsValid) missing = Missing(trailer, trailerStamp);
        if (missing.IsValid) missing = Missing(body, bodyStamp);
        if (missing.IsValid) missing = _groupMissing;
        return missing.IsValid ? _fieldProblem : missing;
    }

    /// <summary>The structure check alone, for a message whose MsgType the dictionary does not define.</summary>
    private ValidationResult CheckOrder(FixMessage message)
    {
        int section = InHeader;
        for (int i = 0; i < message.FieldCount; i++)
        {
            int tag = message.TagAt(i);
            if (OutOfOrder(Part(tag), ref section)) return ValidationResult.Reject(SessionRejectReason.TagSpecifiedOutOfRequiredOrder, tag);
        }
        return ValidationResult.Valid;
    }

    /// <summary>
    /// Moves <paramref name="section"/> on with a field of <paramref name="part"/>; true when the field is out of
    /// order and ValidateFieldsOutOfOrder says that matters.
    /// </summary>
    private bool OutOfOrder(byte part, ref int section)
    {
        if (part == HeaderPart) return section != InHeader && _options.FieldsOutOfOrder;
        if (part == TrailerPart)
        {
            section = InTrailer;
            return false;
        }
        if (section == InTrailer && _options.FieldsOutOfOrder) return true;
        section = InBody;
        return false;
    }

    private byte Part(int tag) => (uint)tag < (uint)_parts.Length ? _parts[tag] : (byte)0;

    /// <summary>Keeps <paramref name="result"/> if it is the first field problem (the slow path: not inlined).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Note(ValidationResult result)
    {
        if (!result.IsValid && _fieldProblem.IsValid) _fieldProblem = result;
    }

    /// <summary>
    /// Walks the instances of a group whose count field was just read (at index i - 1); leaves i on the
    /// first field after the group. Returns only a structure problem (15); the others are noted.
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
                CheckField(message, i, tag, stamp);
                i++;
                var nested = layout.GroupFor(tag);
                if (nested is not null)
                {
                    var structure = WalkGroup(message, nested, ref i);
                    if (!structure.IsValid) return structure;
                }
            }
            while (i < n && message.TagAt(i) != group.DelimiterTag && layout.Contains(message.TagAt(i)));
            if (_groupMissing.IsValid) _groupMissing = Missing(layout, stamp);
        }
        if (instances != declared) Note(ValidationResult.Reject(SessionRejectReason.IncorrectNumInGroupCountForRepeatingGroup, group.CountTag));
        return ValidationResult.Valid;
    }

    /// <summary>
    /// A field of the header, trailer, body or group instance being walked: 13, 4, then its value; the first
    /// problem is noted. Nothing is returned, so a valid field (nearly every one) costs no result struct.
    /// </summary>
    private void CheckField(FixMessage message, int index, int tag, int stamp)
    {
        if (_seen[tag] == stamp)
        {
            Note(ValidationResult.Reject(SessionRejectReason.TagAppearsMoreThanOnce, tag));
            return;
        }
        _seen[tag] = stamp;
        var value = message.ValueAt(index);
        if (value.IsEmpty)
        {
            if (_options.FieldsHaveValues) Note(ValidationResult.Reject(SessionRejectReason.TagSpecifiedWithoutAValue, tag));
            return;
        }
        var field = _dictionary.Field(tag);
        if (field is null) Note(ValidationResult.Reject(SessionRejectReason.InvalidTagNumber, tag));
        else if (!HasValidFormat(field.Type, value)) Note(ValidationResult.Reject(SessionRejectReason.IncorrectDataFormatForValue, tag));
        else if (!field.IsAllowedValue(value)) Note(ValidationResult.Reject(SessionRejectReason.ValueIsIncorrect, tag));
    }

    /// <summary>
    /// A field this message type does not hold: 4, its value if the dictionary knows it, then 0 (unknown tag; a
    /// tag of 0 or below whatever the options) or 2 (known, not in this message). Tags 5000 and above pass with
    /// ValidateUserDefinedFields=N, every tag with AllowUnknownMsgFields=Y.
    /// </summary>
    private ValidationResult CheckForeignField(FixMessage message, int index, int tag)
    {
        var value = message.ValueAt(index);
        if (value.IsEmpty && _options.FieldsHaveValues) return ValidationResult.Reject(SessionRejectReason.TagSpecifiedWithoutAValue, tag);
        if (tag <= 0) return ValidationResult.Reject(SessionRejectReason.InvalidTagNumber, tag);
        var field = _dictionary.Field(tag);
        if (field is not null && !value.IsEmpty)
        {
            var format = CheckValue(field, value);
            if (!format.IsValid) return format;
        }
        if (_options.AllowUnknownMessageFields || (tag >= UserDefinedTagStart && !_options.UserDefinedFields)) return ValidationResult.Valid;
        return ValidationResult.Reject(field is null ? SessionRejectReason.InvalidTagNumber : SessionRejectReason.TagNotDefinedForThisMessageType, tag);
    }

    private static ValidationResult CheckValue(FieldDefinition field, ReadOnlySpan<byte> value)
    {
        if (!HasValidFormat(field.Type, value)) return ValidationResult.Reject(SessionRejectReason.IncorrectDataFormatForValue, field.Tag);
        if (!field.IsAllowedValue(value)) return ValidationResult.Reject(SessionRejectReason.ValueIsIncorrect, field.Tag);
        return ValidationResult.Valid;
    }

    /// <summary>The lowest required tag of <paramref name="layout"/> not seen under <paramref name="stamp"/> (QuickFIX keeps them in tag order).</summary>
    private ValidationResult Missing(FieldLayout layout, int stamp)
    {
        int lowest = int.MaxValue;
        foreach (int tag in layout.RequiredTags)
            if (_seen[tag] != stamp && tag < lowest) lowest = tag;
        return lowest == int.MaxValue ? ValidationResult.Valid : ValidationResult.Reject(SessionRejectReason.RequiredTagMissing, lowest);
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

    // Integers of every integer type may be negative, as in QuickFIX: a negative MsgSeqNum is the session's to
    // judge (too low), a negative NumInGroup is a count that does not match (16), a negative data length garbled.
    private static bool HasValidFormat(FieldType type, ReadOnlySpan<byte> v) => type switch
    {
        FieldType.Int or FieldType.NonNegativeInt => FixValues.IsInt(v, allowNegative: true),
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
