using CreateOs.Core.Chain;
using Xunit;

namespace CreateOs.Core.Tests.Chain;

public class RlpPropertyTests
{
    private static RlpItem RandomItem(Random random, int depth)
    {
        if (depth > 4 || random.Next(3) == 0)
        {
            // lengths around the 1-byte / 55 / 56 / 255 / 256 boundaries
            int[] lengths = { 0, 1, 1, 2, 54, 55, 56, 57, 255, 256, 1030 };
            var bytes = new byte[lengths[random.Next(lengths.Length)]];
            random.NextBytes(bytes);
            return RlpItem.String(bytes);
        }
        int count = random.Next(0, 12);
        var items = new List<RlpItem>();
        for (int i = 0; i < count; i++) items.Add(RandomItem(random, depth + 1));
        return RlpItem.List(items);
    }

    private static void AssertEqual(RlpItem expected, RlpItem actual)
    {
        Assert.Equal(expected.IsList, actual.IsList);
        if (!expected.IsList)
        {
            Assert.Equal(expected.Bytes, actual.Bytes);
            return;
        }
        Assert.Equal(expected.Items.Count, actual.Items.Count);
        for (int i = 0; i < expected.Items.Count; i++) AssertEqual(expected.Items[i], actual.Items[i]);
    }

    [Fact]
    public void Random_nested_structures_round_trip()
    {
        var random = new Random(7914);
        for (int i = 0; i < 500; i++)
        {
            RlpItem item = RandomItem(random, 0);
            byte[] encoded = Rlp.Encode(item);
            AssertEqual(item, Rlp.Decode(encoded));
            Assert.Equal(encoded, Rlp.Encode(Rlp.Decode(encoded)));
        }
    }

    [Fact]
    public void Truncations_and_trailing_bytes_are_rejected()
    {
        var random = new Random(155);
        for (int i = 0; i < 200; i++)
        {
            byte[] encoded = Rlp.Encode(RandomItem(random, 0));
            if (encoded.Length > 1)
            {
                byte[] truncated = encoded.Take(random.Next(1, encoded.Length)).ToArray();
                Assert.Throws<FormatException>(() => Rlp.Decode(truncated));
            }
            Assert.Throws<FormatException>(() => Rlp.Decode(encoded.Concat(new byte[] { 0x00 }).ToArray()));
        }
        Assert.Throws<FormatException>(() => Rlp.Decode(Array.Empty<byte>()));
    }

    [Fact]
    public void Deep_nesting_is_bounded()
    {
        byte[] deep = Enumerable.Repeat((byte)0xc0, 1).ToArray();
        for (int i = 0; i < 100; i++) deep = Rlp.EncodeList(deep);
        Assert.Throws<FormatException>(() => Rlp.Decode(deep));
    }
}
