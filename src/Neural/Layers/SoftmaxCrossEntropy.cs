// Softmax cross-entropy over K classes with optional class weights w and label smoothing ε, exactly
// as torch.nn.functional.cross_entropy(logits, y, weight=w, label_smoothing=ε, reduction="mean"):
//   ℓ_ic = −log softmax(z_i)_c
//   loss = Σ_i [ (1−ε)·w_{y_i}·ℓ_{i,y_i} + (ε/K)·Σ_c w_c·ℓ_ic ] / Σ_i w_{y_i}
// (w = 1 without weights, giving the plain mean). Its gradient with respect to the logits is
//   ∂loss/∂z_ij = [ (1−ε)·w_{y_i}·(p_ij − δ_{j,y_i}) + (ε/K)·(W·p_ij − w_j) ] / Σ_i w_{y_i},  W = Σ_c w_c.
// Log-probabilities use log-sum-exp with the row max subtracted; the loss is accumulated in double.
namespace MlNetAttention.Neural.Layers;

internal static class SoftmaxCrossEntropy
{
    /// <summary>
    /// probabilities (B, K) = softmax(logits); returns the loss. <paramref name="classWeights"/> empty
    /// means all 1.
    /// </summary>
    public static float Forward(Span<float> probabilities, ReadOnlySpan<float> logits, ReadOnlySpan<int> labels,
        ReadOnlySpan<float> classWeights, float labelSmoothing, int B, int K)
    {
        double total = 0, normaliser = 0;
        for (int i = 0; i < B; i++)
        {
            ReadOnlySpan<float> z = logits.Slice(i * K, K);
            double max = double.NegativeInfinity;
            for (int c = 0; c < K; c++) max = Math.Max(max, z[c]);
            double sum = 0;
            for (int c = 0; c < K; c++) sum += Math.Exp(z[c] - max);
            double logSum = max + Math.Log(sum);
            for (int c = 0; c < K; c++) probabilities[i * K + c] = (float)Math.Exp(z[c] - logSum);
            int y = labels[i];
            double wy = classWeights.IsEmpty ? 1.0 : classWeights[y];
            double smooth = 0;
            for (int c = 0; c < K; c++) smooth += (classWeights.IsEmpty ? 1.0 : classWeights[c]) * (logSum - z[c]);
            total += (1.0 - labelSmoothing) * wy * (logSum - z[y]) + labelSmoothing / K * smooth;
            normaliser += wy;
        }
        return B == 0 ? 0f : (float)(total / normaliser);
    }

    /// <summary>dlogits (B, K) = ∂loss/∂logits (overwritten), from the forward's probabilities.</summary>
    public static void Backward(Span<float> dlogits, ReadOnlySpan<float> probabilities, ReadOnlySpan<int> labels,
        ReadOnlySpan<float> classWeights, float labelSmoothing, int B, int K)
    {
        double normaliser = 0, weightSum = 0;
        for (int i = 0; i < B; i++) normaliser += classWeights.IsEmpty ? 1.0 : classWeights[labels[i]];
        for (int c = 0; c < K; c++) weightSum += classWeights.IsEmpty ? 1.0 : classWeights[c];
        for (int i = 0; i < B; i++)
        {
            int y = labels[i];
            double wy = classWeights.IsEmpty ? 1.0 : classWeights[y];
            for (int j = 0; j < K; j++)
            {
                double p = probabilities[i * K + j];
                double wj = classWeights.IsEmpty ? 1.0 : classWeights[j];
                double g = (1.0 - labelSmoothing) * wy * (p - (j == y ? 1.0 : 0.0)) + labelSmoothing / K * (weightSum * p - wj);
                dlogits[i * K + j] = (float)(g / normaliser);
            }
        }
    }
}
