// Naive twins of the element-wise and row kernels: plain loops in double precision, no SIMD, no
// TensorPrimitives. They are the test oracles for Softmax, LayerNormKernel, Gelu, Erf, Dropout and
// EmbeddingKernel (the way NaiveGemm is for Gemm); keep them obviously correct, never fast.
namespace MlNetAttention.Neural.Kernels;

public static class NaiveKernels
{
    /// <summary>erf in double: Maclaurin series for |x| ≤ 2.5, Lentz-free bottom-up continued fraction
    /// for erfc beyond (Abramowitz & Stegun 7.1.5 and 7.1.14); about 1e-14 absolute error.</summary>
    public static double Erf(double x)
    {
        if (double.IsNaN(x)) return x;
        double ax = Math.Abs(x);
        double result;
        if (ax <= 2.5)
        {
            // erf(x) = 2/√π Σ (−1)^n x^(2n+1) / (n! (2n+1))
            double term = ax, sum = ax;
            for (int n = 1; n < 200 && Math.Abs(term) > 1e-17 * Math.Abs(sum); n++)
            {
                term *= -ax * ax / n;
                sum += term / (2 * n + 1);
            }
            result = 2.0 / Math.Sqrt(Math.PI) * sum;
        }
        else
        {
            // erfc(x) = exp(−x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + …)))))
            double fraction = ax;
            for (int k = 120; k >= 1; k--) fraction = ax + k / 2.0 / fraction;
            result = 1.0 - Math.Exp(-ax * ax) / Math.Sqrt(Math.PI) / fraction;
        }
        return x < 0 ? -result : result;
    }

    public static void GeluForward(Span<float> y, ReadOnlySpan<float> x)
    {
        for (int i = 0; i < x.Length; i++)
        {
            double v = x[i];
            y[i] = (float)(0.5 * v * (1.0 + Erf(v / Math.Sqrt(2.0))));
        }
    }

    public static void GeluBackward(Span<float> dx, ReadOnlySpan<float> dy, ReadOnlySpan<float> x)
    {
        for (int i = 0; i < x.Length; i++)
        {
            double v = x[i];
            double cdf = 0.5 * (1.0 + Erf(v / Math.Sqrt(2.0)));
            double pdf = Math.Exp(-0.5 * v * v) / Math.Sqrt(2.0 * Math.PI);
            dx[i] = (float)(dy[i] * (cdf + v * pdf));
        }
    }

    public static void SoftmaxForward(Span<float> y, ReadOnlySpan<float> x)
    {
        double max = double.NegativeInfinity;
        foreach (float v in x) max = Math.Max(max, v);
        if (double.IsNegativeInfinity(max))
        {
            y.Clear();
            return;
        }
        double sum = 0;
        for (int i = 0; i < x.Length; i++) sum += Math.Exp(x[i] - max);
        for (int i = 0; i < x.Length; i++) y[i] = (float)(Math.Exp(x[i] - max) / sum);
    }

    public static void SoftmaxBackward(Span<float> dx, ReadOnlySpan<float> dy, ReadOnlySpan<float> y)
    {
        double dot = 0;
        for (int i = 0; i < y.Length; i++) dot += (double)y[i] * dy[i];
        for (int i = 0; i < y.Length; i++) dx[i] = (float)(y[i] * (dy[i] - dot));
    }

    public static void LayerNormForward(Span<float> output, Span<float> mean, Span<float> rstd,
        ReadOnlySpan<float> input, ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, int rows, int channels, float epsilon)
    {
        for (int n = 0; n < rows; n++)
        {
            ReadOnlySpan<float> x = input.Slice(n * channels, channels);
            double m = 0, v = 0;
            for (int c = 0; c < channels; c++) m += x[c];
            m /= channels;
            for (int c = 0; c < channels; c++) v += (x[c] - m) * (x[c] - m);
            v /= channels;
            double s = 1.0 / Math.Sqrt(v + epsilon);
            for (int c = 0; c < channels; c++)
                output[n * channels + c] = (float)((x[c] - m) * s * weight[c] + bias[c]);
            mean[n] = (float)m;
            rstd[n] = (float)s;
        }
    }

    public static void LayerNormBackward(Span<float> dinput, Span<float> dweight, Span<float> dbias,
        ReadOnlySpan<float> doutput, ReadOnlySpan<float> input, ReadOnlySpan<float> weight,
        ReadOnlySpan<float> mean, ReadOnlySpan<float> rstd, int rows, int channels)
    {
        for (int n = 0; n < rows; n++)
        {
            double gMean = 0, gxMean = 0;
            for (int c = 0; c < channels; c++)
            {
                double xhat = (input[n * channels + c] - mean[n]) * (double)rstd[n];
                double g = (double)doutput[n * channels + c] * weight[c];
                gMean += g;
                gxMean += g * xhat;
            }
            gMean /= channels;
            gxMean /= channels;
            for (int c = 0; c < channels; c++)
            {
                double xhat = (input[n * channels + c] - mean[n]) * (double)rstd[n];
                double dy = doutput[n * channels + c];
                double g = dy * weight[c];
                dinput[n * channels + c] += (float)((g - gMean - xhat * gxMean) * rstd[n]);
                dweight[c] += (float)(dy * xhat);
                dbias[c] += (float)dy;
            }
        }
    }

    public static void DropoutMask(Span<float> mask, float probability, ulong streamKey, long firstIndex)
    {
        for (int i = 0; i < mask.Length; i++)
        {
            double u = (SplitMix64.At(streamKey, firstIndex + i) >> 40) / (double)(1 << 24);
            mask[i] = u < probability ? 0f : (float)(1.0 / (1.0 - probability));
        }
    }

    public static void EmbeddingGather(Span<float> output, ReadOnlySpan<int> ids, ReadOnlySpan<float> table, int channels)
    {
        for (int n = 0; n < ids.Length; n++)
            for (int c = 0; c < channels; c++)
                output[n * channels + c] = table[ids[n] * channels + c];
    }

    public static void EmbeddingScatterAdd(Span<float> dtable, ReadOnlySpan<float> doutput, ReadOnlySpan<int> ids, int channels)
    {
        for (int n = 0; n < ids.Length; n++)
            for (int c = 0; c < channels; c++)
                dtable[ids[n] * channels + c] += doutput[n * channels + c];
    }
}
