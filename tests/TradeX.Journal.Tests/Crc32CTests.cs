using System.Text;

namespace TradeX.Journal.Tests;

[TestFixture]
public sealed class Crc32CTests
{
    // Check value of the Castagnoli CRC (CRC-32/ISCSI in the CRC catalogue) and the test patterns of
    // RFC 3720 section B.4.
    [Test]
    public void The_check_value_of_123456789_is_E3069283() =>
        Assert.That(Crc32C.Compute(Encoding.ASCII.GetBytes("123456789")), Is.EqualTo(0xE3069283u));

    [Test]
    public void Thirty_two_zero_bytes_give_8A9136AA() => Assert.That(Crc32C.Compute(new byte[32]), Is.EqualTo(0x8A9136AAu));

    [Test]
    public void Thirty_two_FF_bytes_give_62A8AB43() =>
        Assert.That(Crc32C.Compute(Enumerable.Repeat((byte)0xFF, 32).ToArray()), Is.EqualTo(0x62A8AB43u));

    [Test]
    public void Incrementing_bytes_0_to_31_give_46DD794E() =>
        Assert.That(Crc32C.Compute(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray()), Is.EqualTo(0x46DD794Eu));

    [Test]
    public void Decrementing_bytes_31_to_0_give_113FDB5C() =>
        Assert.That(Crc32C.Compute(Enumerable.Range(0, 32).Select(i => (byte)(31 - i)).ToArray()), Is.EqualTo(0x113FDB5Cu));

    [Test]
    public void The_empty_input_gives_zero() => Assert.That(Crc32C.Compute([]), Is.Zero);

    [Test]
    public void Any_length_and_any_split_agree_with_a_bitwise_reference()
    {
        var rng = new Random(7);
        for (int length = 0; length < 300; length++)
        {
            var data = new byte[length];
            rng.NextBytes(data);
            uint expected = Reference(data);
            Assert.That(Crc32C.Compute(data), Is.EqualTo(expected), $"length {length}");
            int split = length == 0 ? 0 : rng.Next(length + 1);
            Assert.That(Crc32C.Append(Crc32C.Compute(data.AsSpan(0, split)), data.AsSpan(split)), Is.EqualTo(expected), $"length {length} split at {split}");
        }
    }

    [Test]
    public void This_machine_computes_it_in_hardware()
    {
        if (!System.Runtime.Intrinsics.X86.X86Base.IsSupported && !System.Runtime.Intrinsics.Arm.ArmBase.IsSupported) Assert.Ignore("neither x86 nor arm");
        Assert.That(Crc32C.IsHardwareAccelerated, Is.True, "SSE4.2 (x64) or CRC32 (arm64) expected on any server CPU this runs on");
    }

    /// <summary>The definition, one bit at a time (reflected polynomial 0x82F63B78).</summary>
    private static uint Reference(byte[] data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x82F63B78u : crc >> 1;
        }
        return ~crc;
    }
}
