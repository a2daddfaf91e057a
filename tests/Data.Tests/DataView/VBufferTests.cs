// VBuffer and VBufferEditor: dense and sparse values, buffer reuse, copies, argument checks.
namespace MlNetAttention.Data.Tests.DataView;

public sealed class VBufferTests
{
    [Fact]
    public void SparseVectorsExposeTheirImplicitZeros()
    {
        var sparse = new VBuffer<float>(5, 2, [1.5f, 2.5f], [1, 3]);
        Assert.False(sparse.IsDense);
        Assert.Equal([0f, 1.5f, 0f, 2.5f, 0f], sparse.DenseValues());
        Assert.Equal(2.5f, sparse.GetItemOrDefault(3));
        Assert.Equal(0f, sparse.GetItemOrDefault(4));
        VBuffer<float> dense = default;
        sparse.CopyToDense(ref dense);
        Assert.True(dense.IsDense);
        Assert.Equal(sparse.DenseValues(), dense.GetValues().ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => sparse.GetItemOrDefault(5));
        Assert.Throws<ArgumentException>(() => new VBuffer<float>(5, 2, [1, 2], [3, 1]));
        Assert.Throws<ArgumentException>(() => new VBuffer<float>(3, [1f]));
    }

    [Fact]
    public void EditorReusesTheDestinationArraysWhenLargeEnough()
    {
        var buffer = new VBuffer<int>(4, [1, 2, 3, 4]);
        var editor = VBufferEditor.Create(ref buffer, 3);
        editor.Values[0] = 9;
        var shorter = editor.Commit();
        Assert.Equal([9, 2, 3], shorter.GetValues().ToArray());
        var bigger = VBufferEditor.Create(ref shorter, 10);
        Assert.Equal(10, bigger.Values.Length);

        var source = new VBuffer<int>(3, [5, 6, 7]);
        VBuffer<int> copy = default;
        source.CopyTo(ref copy);
        Assert.Equal([5, 6, 7], copy.DenseValues());
        Assert.Throws<ArgumentOutOfRangeException>(() => VBufferEditor.Create(ref copy, -1));
    }
}
