// The pieces Fit builds its epochs from: length-bucketed batches (every row once per epoch, similar
// lengths together, a different order every epoch, the same order for the same seed), the stratified
// validation split, and the automatic sequence length.
using MlNetAttention.Trainers;

namespace MlNetAttention.Estimators.Tests.Trainers.Data;

public sealed class BatchingTests
{
    private static EncodedRows RowsOfLengths(IEnumerable<int> lengths)
    {
        var rows = new EncodedRows();
        foreach (int length in lengths) rows.Add(Enumerable.Repeat(7, length).ToArray(), 0);
        return rows;
    }

    private static int[][] Epoch(LengthBucketBatcher batcher, Random random)
    {
        batcher.Shuffle(random);
        return Enumerable.Range(0, batcher.BatchCount).Select(b => batcher.Batch(b).ToArray()).ToArray();
    }

    [Fact]
    public void Every_row_is_in_exactly_one_batch_each_epoch()
    {
        var random = new Random(1);
        var data = RowsOfLengths(Enumerable.Range(0, 1000).Select(_ => random.Next(1, 200)));
        var rows = Enumerable.Range(0, 1000).Where(r => r % 7 != 0).ToArray(); // a subset, as after a split
        var batcher = new LengthBucketBatcher(rows, data, batchSize: 16);

        for (int epoch = 0; epoch < 3; epoch++)
        {
            var batches = Epoch(batcher, random);
            Assert.Equal((rows.Length + 15) / 16, batches.Length);
            Assert.All(batches, b => Assert.InRange(b.Length, 1, 16));
            Assert.Equal(rows, batches.SelectMany(b => b).Order());
        }
    }

    [Fact]
    public void Batches_hold_rows_of_similar_length_and_change_every_epoch()
    {
        var random = new Random(2);
        var lengths = Enumerable.Range(0, 3200).Select(_ => random.Next(1, 400)).ToArray();
        var data = RowsOfLengths(lengths);
        var batcher = new LengthBucketBatcher(Enumerable.Range(0, 3200).ToArray(), data, batchSize: 32);

        var first = Epoch(batcher, new Random(5));
        var second = Epoch(batcher, new Random(6));

        // Padding waste: Σ (longest − length) over all rows, relative to a random batching's.
        double Waste(int[][] batches) => batches.Sum(b => b.Sum(r => b.Max(x => lengths[x]) - lengths[r]));
        var randomOrder = Enumerable.Range(0, 3200).OrderBy(_ => random.Next()).Chunk(32).ToArray();
        Assert.True(Waste(first) < 0.1 * Waste(randomOrder), $"bucketed waste {Waste(first)} vs random {Waste(randomOrder)}");
        Assert.NotEqual(first.Select(b => b[0]), second.Select(b => b[0]));
    }

    [Fact]
    public void The_same_random_seed_gives_the_same_batches()
    {
        var data = RowsOfLengths(Enumerable.Range(0, 500).Select(i => i % 37 + 1));
        var a = new LengthBucketBatcher(Enumerable.Range(0, 500).ToArray(), data, 10);
        var b = new LengthBucketBatcher(Enumerable.Range(0, 500).ToArray(), data, 10);

        Assert.Equal(Epoch(a, new Random(9)), Epoch(b, new Random(9)));
    }

    [Fact]
    public void The_validation_split_is_stratified_seeded_and_leaves_every_class_a_training_row()
    {
        int[] labels = [.. Enumerable.Repeat(0, 100), .. Enumerable.Repeat(1, 30), .. Enumerable.Repeat(2, 1), .. Enumerable.Repeat(3, 2)];

        var held = ValidationSplit.Stratified(labels, 4, 0.1, seed: 3);

        int HeldOf(int c) => labels.Where((l, i) => l == c && held[i]).Count();
        Assert.Equal((10, 3, 0, 0), (HeldOf(0), HeldOf(1), HeldOf(2), HeldOf(3)));
        Assert.Equal(held, ValidationSplit.Stratified(labels, 4, 0.1, seed: 3));
        Assert.NotEqual(held, ValidationSplit.Stratified(labels, 4, 0.1, seed: 4));
        Assert.All(ValidationSplit.Stratified(labels, 4, 0.0, seed: 3), h => Assert.False(h));
        Assert.Single(ValidationSplit.Stratified(labels, 4, 0.9, seed: 3).Where((h, i) => labels[i] == 3 && h));
    }

    [Theory]
    [InlineData(new[] { 3, 4, 5 }, 16)]            // short texts: the minimum
    [InlineData(new[] { 900, 1000 }, 256)]         // long texts: the maximum
    [InlineData(new int[0], 16)]
    public void The_automatic_length_is_clamped(int[] lengths, int expected) =>
        Assert.Equal(expected, SequenceLengthChoice.Automatic(lengths));

    [Fact]
    public void The_automatic_length_covers_98_percent_rounded_up_to_8()
    {
        var lengths = Enumerable.Range(1, 100).ToArray(); // the 98th of 100 is 98

        Assert.Equal(104, SequenceLengthChoice.Automatic(lengths));
        Assert.Equal(40, SequenceLengthChoice.Automatic([.. Enumerable.Repeat(33, 99), 500]));
    }
}
