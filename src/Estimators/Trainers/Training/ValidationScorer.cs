// Scores the model on held-out rows after each epoch: accuracy (argmax = label) and the mean
// cross-entropy −log p(label) with p clipped at 1e-15 (ML.NET's LogLoss clipping). No dropout
// (Predict), rows in a fixed length-sorted order so batches are dense and the result deterministic.
// It reuses the training batch, so validation needs no memory of its own beyond the probabilities.
using MlNetAttention.Neural.Model;

namespace MlNetAttention.Trainers;

internal sealed class ValidationScorer
{
    private const double ProbabilityFloor = 1e-15;
    private readonly EncodedRows _data;
    private readonly int[] _rows;             // sorted by length
    private readonly float[] _probabilities;  // (batch capacity, K)
    private readonly int _classCount;

    public ValidationScorer(EncodedRows data, ReadOnlySpan<int> rows, int batchCapacity, int classCount)
    {
        _data = data;
        _rows = rows.ToArray();
        var lengths = _rows.Select(data.Length).ToArray();
        Array.Sort(lengths, _rows);
        _probabilities = new float[batchCapacity * classCount];
        _classCount = classCount;
    }

    public int RowCount => _rows.Length;

    /// <summary>Accuracy and mean log-loss of <paramref name="model"/> on the validation rows.</summary>
    public (double Accuracy, double Loss) Score(EncoderClassifier model, TokenBatch batch, CancellationToken cancellation)
    {
        int correct = 0;
        double loss = 0;
        int K = _classCount;
        for (int start = 0; start < _rows.Length; start += batch.Capacity)
        {
            cancellation.ThrowIfCancellationRequested();
            int count = Math.Min(batch.Capacity, _rows.Length - start);
            batch.Clear();
            for (int i = 0; i < count; i++) _data.AddTo(batch, _rows[start + i], -1);
            model.Predict(batch, _probabilities);
            for (int i = 0; i < count; i++)
            {
                ReadOnlySpan<float> p = _probabilities.AsSpan(i * K, K);
                int label = _data.Label(_rows[start + i]);
                if (System.Numerics.Tensors.TensorPrimitives.IndexOfMax(p) == label) correct++;
                loss -= Math.Log(Math.Max(p[label], ProbabilityFloor));
            }
        }
        return (correct / (double)_rows.Length, loss / _rows.Length);
    }
}
