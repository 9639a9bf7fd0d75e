using TradeX.Core.Collections;

namespace TradeX.Core.Tests;

/// <summary>
/// The client-order-id index lays out 32 consecutive ids of an account side by side (cache and TLB
/// locality for ids that count up). That must not turn linear probing into long probe runs, even at
/// the table's highest load (one half) and for id patterns a client might choose.
/// </summary>
public sealed class HashTableTests
{
    private static (double Mean, int Max) Displacements(OpenHashMap<ClientOrderKey> map)
    {
        int mask = map.Capacity - 1;
        long total = 0;
        int max = 0;
        for (int s = 0; s < map.Capacity; s++)
        {
            if (!map.IsUsed(s)) continue;
            int home = (int)map.KeyAt(s).Hash64() & mask;
            int d = (s - home) & mask;
            total += d;
            max = Math.Max(max, d);
        }
        return ((double)total / map.Count, max);
    }

    private static OpenHashMap<ClientOrderKey> Fill(int accounts, int idsPerAccount, Func<int, int, ulong> id)
    {
        var map = new OpenHashMap<ClientOrderKey>(accounts * idsPerAccount);
        for (int i = 0; i < idsPerAccount; i++)
            for (int a = 0; a < accounts; a++)
                Assert.That(map.TryAdd(new ClientOrderKey(a, id(a, i)), i), Is.True);
        Assert.That(map.Count, Is.EqualTo(accounts * idsPerAccount));
        return map;
    }

    [TestCase(64, 4096, "monotone from 1")]
    [TestCase(64, 4096, "monotone, every account from the same large base")]
    [TestCase(64, 4096, "stride 32")]
    [TestCase(64, 4096, "stride 1024")]
    [TestCase(64, 4096, "random")]
    public void Client_order_ids_keep_probe_runs_short_at_the_highest_load(int accounts, int ids, string pattern)
    {
        var random = new Random(7);
        Func<int, int, ulong> id = pattern switch
        {
            "monotone from 1" => (_, i) => (ulong)i + 1,
            "monotone, every account from the same large base" => (_, i) => 20_260_105_000_000UL + (ulong)i,
            "stride 32" => (_, i) => (ulong)i * 32 + 1,
            "stride 1024" => (_, i) => (ulong)i * 1024 + 1,
            _ => (_, _) => (ulong)random.NextInt64(1, long.MaxValue),
        };
        var map = Fill(accounts, ids, id);
        var (mean, max) = Displacements(map);
        TestContext.Out.WriteLine($"{pattern}: {map.Count} keys in {map.Capacity} slots, mean displacement {mean:F2}, max {max}");
        Assert.Multiple(() =>
        {
            Assert.That(mean, Is.LessThan(25), "mean slots probed past a key's home (16 for monotone ids, 0.5 for random ones)");
            Assert.That(max, Is.LessThan(1_500), "longest probe run (800 for monotone ids)");
        });
    }

    [Test]
    public void Every_key_is_found_again_after_half_of_them_are_removed()
    {
        var map = Fill(16, 2048, (_, i) => (ulong)i + 1);
        for (int a = 0; a < 16; a++)
            for (int i = 0; i < 2048; i += 2)
                Assert.That(map.Remove(new ClientOrderKey(a, (ulong)i + 1)), Is.True);
        for (int a = 0; a < 16; a++)
            for (int i = 0; i < 2048; i++)
                Assert.That(map.ContainsKey(new ClientOrderKey(a, (ulong)i + 1)), Is.EqualTo(i % 2 == 1), $"account {a} id {i + 1}");
    }
}
