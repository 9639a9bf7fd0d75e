using System.Runtime.InteropServices;
using TradeX.Core;
using TradeX.Journal;

namespace TradeX.Testing;

/// <summary>Journal files for tests: written from inputs, damaged on purpose, replayed to a hash.</summary>
public static class Journals
{
    /// <summary>Writes <paramref name="inputs"/> in batches of <paramref name="batch"/>.</summary>
    public static void Write(string directory, IReadOnlyList<EngineInput> inputs, JournalOptions? options = null, int batch = 7)
    {
        using var writer = JournalWriter.Open(directory, options ?? new JournalOptions { Sync = JournalSyncPolicy.None });
        for (int i = 0; i < inputs.Count; i++)
        {
            writer.Append(inputs[i], endOfBatch: i % batch == batch - 1 || i == inputs.Count - 1);
        }
    }

    /// <summary>XORs the byte at <paramref name="offset"/> of a file with <paramref name="mask"/> (damage on purpose).</summary>
    public static void FlipBits(string path, long offset, byte mask = 0x10)
    {
        using var f = new FileStream(path, FileMode.Open);
        f.Position = offset;
        int b = f.ReadByte();
        f.Position = offset;
        f.WriteByte((byte)(b ^ mask));
    }

    public static ulong ReplayHash(IEnumerable<EngineInput> inputs)
    {
        var engine = new Engine(NullSink.Instance, LiveRun.Options);
        foreach (var input in inputs) engine.Apply(input);
        return engine.StateHash();
    }

    /// <summary>The input's 96 bytes: equal bytes mean every field, padding included, is equal.</summary>
    public static byte[] Bytes(in EngineInput input) => MemoryMarshal.AsBytes(new ReadOnlySpan<EngineInput>(in input)).ToArray();

    public static void AssertSameInputs(IReadOnlyList<EngineInput> actual, IReadOnlyList<EngineInput> expected, int count)
    {
        Assert.That(actual, Has.Count.EqualTo(count));
        for (int i = 0; i < count; i++)
        {
            if (!Bytes(actual[i]).AsSpan().SequenceEqual(Bytes(expected[i])))
            {
                Assert.Fail($"input {i + 1} differs: journal has kind {actual[i].Kind} sequence {actual[i].Sequence}, expected kind {expected[i].Kind} sequence {expected[i].Sequence}");
            }
        }
    }
}
