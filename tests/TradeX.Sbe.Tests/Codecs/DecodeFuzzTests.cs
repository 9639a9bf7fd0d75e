using System.Diagnostics;
using FsCheck.Fluent;
using TradeX.Sbe.Model;
using TradeX.Sbe.Runtime;
using TradeX.Sbe.Tests.Oracle;
using TradeX.Sbe.Tests.Support;

namespace TradeX.Sbe.Tests.Codecs;

/// <summary>
/// Random and mutated buffers through every generated decoder (the project's schemas, the test
/// schemas, and every reference schema compiled in-process): at least 1,000,000 in the normal run
/// (TRADEX_LONG_TESTS=1: 20,000,000). Each buffer sits flush against an inaccessible page (at its
/// end, then at its start, alternately), so any read outside it would crash the run. For each
/// buffer: the non-throwing validator answers; decoding and re-encoding with the flyweights agrees
/// with it (a well-formed buffer transcodes to a well-formed message, a malformed one throws the
/// same SbeDecodeException the validator reported, never anything else); dumps never throw.
/// A failing run prints its seed; TRADEX_FUZZ_SEED=n replays it.
/// </summary>
[TestFixture]
public sealed class DecodeFuzzTests
{
    private const int MaxInput = 2048;

    private static int Iterations => Environment.GetEnvironmentVariable("TRADEX_LONG_TESTS") == "1" ? 20_000_000 : 1_000_000;

    [Test]
    public void Random_and_mutated_buffers_only_ever_produce_the_documented_decode_error()
    {
        List<SchemaUnderTest> schemas = SchemaCatalog.AllSchemaFiles().Select(SchemaCatalog.Load)
            .Concat(CompiledReferenceSchemas.RelativePaths().Select(CompiledReferenceSchemas.Load))
            .ToList();
        List<(SchemaUnderTest Schema, byte[] Bytes)> corpus = BuildCorpus(schemas);
        int seed = int.TryParse(Environment.GetEnvironmentVariable("TRADEX_FUZZ_SEED"), out int replay) ? replay : Environment.TickCount;
        var random = new Random(seed);
        using var input = new GuardedMemory(MaxInput + 64);
        using var output = new GuardedMemory(1 << 20);
        Span<byte> destination = output.FlushEnd(output.Length);
        var outcomes = new Dictionary<string, int>();
        var scratch = new byte[MaxInput + 64];
        var clock = Stopwatch.StartNew();

        for (int i = 0; i < Iterations; i++)
        {
            (SchemaUnderTest schema, byte[] original) = corpus[random.Next(corpus.Count)];
            int length = Mutate(random, original, scratch, schema);
            Span<byte> buffer = (i & 1) == 0 ? input.FlushEnd(length) : input.FlushStart(length);
            scratch.AsSpan(0, length).CopyTo(buffer);
            string outcome = Exercise(schema.Descriptor, buffer, destination, describe: (i & 63) == 0, seed, i);
            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
        }

        TestContext.Out.WriteLine($"{Iterations:N0} buffers in {clock.Elapsed.TotalSeconds:F1} s (seed {seed}, guard pages {(input.IsGuarded ? "on" : "unavailable")}):");
        foreach ((string outcome, int count) in outcomes.OrderByDescending(p => p.Value))
        {
            TestContext.Out.WriteLine($"  {count,10:N0}  {outcome}");
        }

        Assert.That(outcomes.GetValueOrDefault("well-formed"), Is.GreaterThan(Iterations / 20), "the mutations should leave a good share of messages well formed");
        Assert.That(outcomes.Keys.Count(k => k != "well-formed"), Is.GreaterThanOrEqualTo(5), "the mutations should reach many different errors");
    }

    [Test]
    public void The_guard_pages_around_fuzzed_buffers_are_really_inaccessible()
    {
        using var memory = new GuardedMemory(4096);
        if (!memory.IsGuarded)
        {
            Assert.Ignore("Guard pages need mmap/mprotect (Linux); the fuzz test runs on ordinary memory here.");
        }

        string[] maps = File.ReadAllLines("/proc/self/maps");
        (ulong before, ulong after) = memory.GuardAddresses;

        Assert.That(PermissionsAt(maps, before), Is.EqualTo("---p"), "the page before the buffer");
        Assert.That(PermissionsAt(maps, after), Is.EqualTo("---p"), "the page after the buffer");
        Assert.That(PermissionsAt(maps, after - 1), Does.StartWith("rw"), "the buffer itself");
    }

    private static string PermissionsAt(string[] maps, ulong address)
    {
        foreach (string line in maps)
        {
            string[] parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            string[] range = parts[0].Split('-');
            ulong start = ulong.Parse(range[0], System.Globalization.NumberStyles.HexNumber);
            ulong end = ulong.Parse(range[1], System.Globalization.NumberStyles.HexNumber);
            if (address >= start && address < end)
            {
                return parts[1];
            }
        }

        return "unmapped";
    }

    private static string Exercise(SbeSchemaDescriptor descriptor, ReadOnlySpan<byte> buffer, Span<byte> destination, bool describe, int seed, int iteration)
    {
        bool valid = descriptor.Validate(buffer, out int length, out SbeError error);
        if (valid && (length < 0 || length > buffer.Length))
        {
            Fail($"validated length {length} outside the {buffer.Length}-byte buffer", buffer, seed, iteration);
        }

        if (describe)
        {
            _ = descriptor.Describe(buffer);
        }

        try
        {
            int written = descriptor.Transcode(buffer, destination);
            if (!valid)
            {
                Fail($"the validator reported {error} but the flyweights decoded the message", buffer, seed, iteration);
            }

            if (!descriptor.Validate(destination[..written], out int rewritten, out SbeError again) || rewritten != written)
            {
                Fail($"re-encoding produced a message the validator rejects: {again}", buffer, seed, iteration);
            }
        }
        catch (SbeDecodeException exception)
        {
            if (valid)
            {
                Fail($"the validator accepted the message but the flyweights threw {exception.Error}", buffer, seed, iteration);
            }

            if (exception.Error != error)
            {
                Fail($"the flyweights threw {exception.Error} but the validator reported {error}", buffer, seed, iteration);
            }
        }

        return valid ? "well-formed" : $"{error.Code} at {error.Element}";
    }

    private static void Fail(string problem, ReadOnlySpan<byte> buffer, int seed, int iteration) =>
        throw new AssertionException($"iteration {iteration} (seed {seed}): {problem}\n{Convert.ToHexString(buffer)}");

    private static List<(SchemaUnderTest, byte[])> BuildCorpus(List<SchemaUnderTest> schemas)
    {
        var corpus = new List<(SchemaUnderTest, byte[])>();
        foreach (SchemaUnderTest schema in schemas)
        {
            foreach (MessageDef message in schema.Schema.Messages)
            {
                foreach (BlockValue value in ValueGenerators.Message(schema.Schema, message).Sample(10, 16))
                {
                    byte[] bytes = WireOracle.Encode(schema.Schema, message, value);
                    if (bytes.Length <= MaxInput)
                    {
                        corpus.Add((schema, bytes));
                    }
                }
            }
        }

        return corpus;
    }

    /// <summary>Writes a mutation of <paramref name="original"/> into <paramref name="target"/>; returns its length.</summary>
    private static int Mutate(Random random, byte[] original, byte[] target, SchemaUnderTest schema)
    {
        int length = original.Length;
        original.CopyTo(target, 0);
        switch (random.Next(9))
        {
            case 0:
                // Pure noise.
                length = random.Next(0, 300);
                random.NextBytes(target.AsSpan(0, length));
                break;
            case 1:
                // A real header (this schema, a real template) over a noisy body.
                int body = random.Next(0, 300);
                random.NextBytes(target.AsSpan(schema.Descriptor.HeaderLength, body));
                length = Math.Min(original.Length, schema.Descriptor.HeaderLength) + body;
                break;
            case 2:
                for (int flips = random.Next(1, 4); flips > 0 && length > 0; flips--)
                {
                    target[random.Next(length)] ^= (byte)(1 << random.Next(8));
                }

                break;
            case 3:
                for (int writes = random.Next(1, 5); writes > 0 && length > 0; writes--)
                {
                    target[random.Next(length)] = (byte)random.Next(256);
                }

                break;
            case 4:
                length = random.Next(0, length + 1);
                break;
            case 5:
                int extra = random.Next(1, 64);
                random.NextBytes(target.AsSpan(length, extra));
                length += extra;
                break;
            case 6:
                // Lengths, counts and block lengths are 1-4 byte unsigned integers: push one to an extreme.
                if (length >= 2)
                {
                    int at = random.Next(length - 1);
                    ushort extreme = random.Next(4) switch { 0 => 0xffff, 1 => 0x0000, 2 => 0x8000, _ => 0x7fff };
                    target[at] = (byte)extreme;
                    target[at + 1] = (byte)(extreme >> 8);
                }

                break;
            case 7:
                // Insert or delete a few bytes in the middle, shifting everything after.
                int position = random.Next(length + 1);
                int count = random.Next(1, 9);
                if (random.Next(2) == 0)
                {
                    Array.Copy(original, position, target, position + count, length - position);
                    random.NextBytes(target.AsSpan(position, count));
                    length += count;
                }
                else
                {
                    count = Math.Min(count, length - position);
                    Array.Copy(original, position + count, target, position, length - position - count);
                    length -= count;
                }

                break;
            default:
                // Unchanged: well formed by construction.
                break;
        }

        return length;
    }
}
