// The options of AttentionTextClassification, ML.NET style: a mutable Options class with a nested
// Defaults, one property per setting, each documented with what it does and its default. The
// defaults are the recipe measured on the five standard datasets (issue #5; bench/tuning-log.md,
// bench/RESULTS.md): d=128, 2 layers, 4 heads, FFN 512, attention (4 hops) + mean pooling beside a
// 32-wide n-gram bag (tokens, hashed bigrams, and the tokens' character 3- to 5-grams as a back-off),
// AdamW lr 3e-3 with weight decay 0.01, linear warm-up then linear decay, clip 1.0, embedding dropout
// 0.5, word dropout 0.2, and
// epochs, early-stopping patience, sequence length, bag length and bag buckets chosen from the data
// (logged and saved) — "regularisation decides".
// Encoder (issue 11) swaps the learned vocabulary and encoder for a pretrained BERT encoder
// (minilm, arctic-xs or a folder); Options.Pretrained holds its first fine-tuning recipe, measured on
// with bench `tune DATASET Encoder=minilm`: sst2 0.8688 (2 epochs), ag_news 0.8971 (2 epochs); to be
// tuned under issue 11 item 5.
// Every value option is validated in every build (see .Validation.cs), saved with the model and
// covered by a test; Progress, CancellationToken and ValidationSet are run-time only (not saved).
using System.Text.Json.Serialization;
using MlNetAttention.Tokenizers;

namespace MlNetAttention.Trainers;

public sealed partial class AttentionTextClassificationTrainer
{
    /// <summary>The default value of every option.</summary>
    public static class Defaults
    {
        public const string LabelColumnName = "Label";
        public const string ScoreColumnName = "Score";
        public const string OutputColumnName = "PredictedLabel";
        public const string Sentence1ColumnName = "Sentence1";
        public const int BatchSize = 32;
        /// <summary>Epochs of the automatic plan for mid-size data (<see cref="Options.MaxEpochs"/> null).</summary>
        public const int MaxEpochs = 10;

        /// <summary>The automatic plan gives small data more epochs, so that training takes at least this
        /// many optimizer steps ...</summary>
        public const int AutomaticEpochsMinimumSteps = 512;

        /// <summary>... but at most this many epochs.</summary>
        public const int AutomaticEpochsMaximum = 50;

        /// <summary>The automatic plan gives large data fewer epochs (at least one), so that training reads
        /// at most this many encoder tokens in all; it bounds the training time (~5 minutes on 2 cores).</summary>
        public const long AutomaticEpochsTokenBudget = 15_000_000;
        public const double ValidationFraction = 0.1;
        /// <summary>The automatic early-stopping patience (<see cref="Options.EarlyStoppingPatience"/> null):
        /// this many epochs, or a quarter of the planned epochs when that is more — small data gets many short
        /// epochs, and a few of them on a small, noisy validation set stop training before it has learned.</summary>
        public const int EarlyStoppingPatience = 3;

        /// <inheritdoc cref="EarlyStoppingPatience"/>
        public const double AutomaticPatienceShareOfEpochs = 0.25;
        public const float LearningRate = 3e-3f;
        public const double WarmupRatio = 0.05;
        public const float WeightDecay = 0.01f;
        public const float MaximumGradientNorm = 1f;
        public const float LabelSmoothing = 0f;
        public const float PenaltyWeight = 0f;
        public const int ModelDimension = 128;
        public const int NumberOfLayers = 2;
        public const int NumberOfHeads = 4;
        public const int FeedForwardDimension = 512;
        public const TextPoolingKind Pooling = TextPoolingKind.AttentionAndMean;
        public const int AttentionHops = 4;
        public const int AttentionHiddenDimension = 64;
        public const float EmbeddingDropout = 0.5f;
        public const float WordDropout = 0.2f;
        public const float AttentionDropout = 0.1f;
        public const float ResidualDropout = 0.1f;
        public const float FeedForwardDropout = 0.1f;
        public const float ClassifierDropout = 0f;
        public const int NgramDimension = 32;
        public const int NgramOrder = 2;
        /// <summary>When <see cref="Options.NgramBuckets"/> is null, the bag gets one hash bucket per token of
        /// the training texts (a bound on their distinct n-grams; small data gets a small table and model file), rounded
        /// up to a power of two and kept within [<see cref="AutomaticNgramBucketsMinimum"/>,
        /// <see cref="AutomaticNgramBucketsMaximum"/>].</summary>
        public const int AutomaticNgramBucketsMinimum = 1 << 10;

        /// <inheritdoc cref="AutomaticNgramBucketsMinimum"/>
        public const int AutomaticNgramBucketsMaximum = 1 << 18;
        /// <summary>When <see cref="Options.NgramLearningRateScale"/> is null, the bag's table learns at
        /// <see cref="MaxEpochs"/> / planned epochs times the learning rate, kept within [1,
        /// <see cref="AutomaticNgramLearningRateScaleMaximum"/>].</summary>
        public const float AutomaticNgramLearningRateScaleMaximum = 3f;
        public const int SubwordMinimumLength = 3;
        public const int SubwordMaximumLength = 5;
        public const TextTokenizerKind Tokenizer = TextTokenizerKind.WordPiece;
        public const int VocabularySize = TokenizerTrainingOptions.Defaults.VocabularySize;
        public const int MinimumTokenFrequency = TokenizerTrainingOptions.Defaults.MinimumFrequency;

        /// <summary>When <see cref="Options.MaximumSequenceLength"/> is null, the length (in tokens, [CLS]
        /// and [SEP] included) that covers this share of the training texts is used...</summary>
        // ---- Pretrained encoder (issue 11) ----
        /// <summary>Encoder: "scratch" (learned from the training data).</summary>
        public const string Encoder = "scratch";

        /// <summary>Longest automatic input with a pretrained encoder (its position table allows more;
        /// fine-tuning cost grows with the length).</summary>
        public const int AutomaticPretrainedLengthMaximum = 128;

        /// <summary>HeadLearningRateScale: 1 (the heads learn at the encoder's rate).</summary>
        public const float HeadLearningRateScale = 1f;
        // ---- end pretrained encoder ----

        public const double AutomaticLengthCoverage = 0.98;

        /// <summary>...rounded up to a multiple of 8 and kept within [<see cref="AutomaticLengthMinimum"/>,
        /// <see cref="AutomaticLengthMaximum"/>] (attention costs grow with the square of the length).</summary>
        public const int AutomaticLengthMinimum = 16;

        /// <inheritdoc cref="AutomaticLengthMinimum"/>
        public const int AutomaticLengthMaximum = 256;

        /// <summary>When <see cref="Options.NgramMaximumLength"/> is null, the n-gram bag reads each text up
        /// to the length that covers this share of the training texts (rounded up to a multiple of 8, at
        /// most <see cref="AutomaticNgramLengthMaximum"/>); the bag costs O(1) per token, so it can read
        /// far more of a long text than the encoder.</summary>
        public const double AutomaticNgramLengthCoverage = 0.99;

        /// <inheritdoc cref="AutomaticNgramLengthCoverage"/>
        public const int AutomaticNgramLengthMaximum = 4096;
    }

    /// <summary>Every setting of the trainer.</summary>
    public sealed class Options
    {
        // ---- Columns -------------------------------------------------------------------------

        /// <summary>The label column: a key (use MapValueToKey first). Default "Label".</summary>
        public string LabelColumnName { get; set; } = Defaults.LabelColumnName;

        /// <summary>The output column of class probabilities (a vector that sums to 1, with the class
        /// names as SlotNames). Default "Score".</summary>
        public string ScoreColumnName { get; set; } = Defaults.ScoreColumnName;

        /// <summary>The output column of the predicted class (a key with the label's KeyValues).
        /// Default "PredictedLabel".</summary>
        public string OutputColumnName { get; set; } = Defaults.OutputColumnName;

        /// <summary>The text column (Text). Default "Sentence1".</summary>
        public string Sentence1ColumnName { get; set; } = Defaults.Sentence1ColumnName;

        /// <summary>An optional second text column for sentence-pair tasks; the input is then encoded as
        /// [CLS] sentence1 [SEP] sentence2 [SEP] (cut longest-first to fit). Default null (one text).</summary>
        public string? Sentence2ColumnName { get; set; }

        // ---- Training loop -------------------------------------------------------------------

        /// <summary>Texts per optimizer step. Batches are built from texts of similar length so that
        /// little work goes to padding. Default 32.</summary>
        public int BatchSize { get; set; } = Defaults.BatchSize;

        /// <summary>Most passes over the training data; the learning rate decays to 0 over them (early
        /// stopping may end training sooner). Null (default) plans them from the data, logs and saves the
        /// choice: <see cref="Defaults.MaxEpochs"/> (10) for mid-size data, more for small data (at least
        /// <see cref="Defaults.AutomaticEpochsMinimumSteps"/> steps, at most
        /// <see cref="Defaults.AutomaticEpochsMaximum"/> epochs), fewer for large data (at most
        /// <see cref="Defaults.AutomaticEpochsTokenBudget"/> tokens in all).</summary>
        public int? MaxEpochs { get; set; }

        /// <summary>Data to choose the best epoch on (same columns as the training data, already
        /// transformed like it). When null, <see cref="ValidationFraction"/> of the training rows are held
        /// out instead. Default null. Not saved with the model.</summary>
        [JsonIgnore]
        public IDataView? ValidationSet { get; set; }

        /// <summary>Share of the training rows held out (stratified by class, seeded) to validate each
        /// epoch when no <see cref="ValidationSet"/> is given. 0 trains on every row, disables early
        /// stopping and keeps the last weights. Default 0.1.</summary>
        public double ValidationFraction { get; set; } = Defaults.ValidationFraction;

        /// <summary>Stop after this many epochs without a better validation score (accuracy, then
        /// loss on ties); the best epoch's weights are kept. 0 never stops early (the best weights are
        /// still kept). Null chooses it from the planned epochs (see <see cref="Defaults.EarlyStoppingPatience"/>:
        /// 3 for 10 epochs) and logs and saves the choice. Default null.</summary>
        public int? EarlyStoppingPatience { get; set; }

        /// <summary>Stop training once this many seconds have passed since Fit began (checked between
        /// steps), keeping the best weights seen (the current ones are validated first). Reading the data,
        /// learning the vocabulary and encoding count too. Null: no limit. Default null.</summary>
        public double? MaximumTrainingTimeInSeconds { get; set; }

        // ---- Optimisation --------------------------------------------------------------------

        /// <summary>Peak learning rate of AdamW (Loshchilov &amp; Hutter 2019). Default 3e-3.</summary>
        public float LearningRate { get; set; } = Defaults.LearningRate;

        /// <summary>Share of all steps spent warming the learning rate up linearly from 0; it then
        /// decays linearly to 0 at the last step of the last planned epoch. Default 0.05.</summary>
        public double WarmupRatio { get; set; } = Defaults.WarmupRatio;

        /// <summary>Decoupled weight decay of AdamW, applied to weight matrices and embeddings (not to
        /// biases or layer-norm gains). Default 0.01.</summary>
        public float WeightDecay { get; set; } = Defaults.WeightDecay;

        /// <summary>Gradients are rescaled so their global 2-norm is at most this. Default 1.</summary>
        public float MaximumGradientNorm { get; set; } = Defaults.MaximumGradientNorm;

        /// <summary>Label smoothing ε of the cross-entropy, in [0, 1). Default 0.</summary>
        public float LabelSmoothing { get; set; } = Defaults.LabelSmoothing;

        /// <summary>Weight of each class in the loss, in key order (element 0 for key 1); positive, one per
        /// class of the label's key type. Null: all 1. Default null.</summary>
        public float[]? ClassWeights { get; set; }

        /// <summary>Coefficient of Lin et al.'s redundancy penalty ‖A·Aᵀ − I‖²_F, which pushes the
        /// attention hops apart (attention pooling kinds only). Default 0.</summary>
        public float PenaltyWeight { get; set; } = Defaults.PenaltyWeight;

        // ---- Model ---------------------------------------------------------------------------

        /// <summary>Width d of the token states. Default 128.</summary>
        public int ModelDimension { get; set; } = Defaults.ModelDimension;

        /// <summary>Encoder blocks (pre-LayerNorm, Vaswani et al. 2017). 0 pools straight over the
        /// embeddings. Default 2.</summary>
        public int NumberOfLayers { get; set; } = Defaults.NumberOfLayers;

        /// <summary>Attention heads per block; must divide <see cref="ModelDimension"/>. Default 4.</summary>
        public int NumberOfHeads { get; set; } = Defaults.NumberOfHeads;

        /// <summary>Hidden width of each block's GELU feed-forward network. Default 512.</summary>
        public int FeedForwardDimension { get; set; } = Defaults.FeedForwardDimension;

        /// <summary>How token states become one vector. Default AttentionAndMean.</summary>
        public TextPoolingKind Pooling { get; set; } = Defaults.Pooling;

        /// <summary>r, the hops of attention pooling (rows of A). Default 4.</summary>
        public int AttentionHops { get; set; } = Defaults.AttentionHops;

        /// <summary>d_a, the hidden width of attention pooling (Lin et al. 2017). Default 64.</summary>
        public int AttentionHiddenDimension { get; set; } = Defaults.AttentionHiddenDimension;

        /// <summary>Longest model input in tokens, [CLS] and [SEP] included; longer texts are cut. Null
        /// chooses it from the training texts (see <see cref="Defaults.AutomaticLengthCoverage"/>) and
        /// logs and saves the choice. Default null.</summary>
        public int? MaximumSequenceLength { get; set; }

        /// <summary>Dropout on token + position embeddings. Default 0.5.</summary>
        public float EmbeddingDropout { get; set; } = Defaults.EmbeddingDropout;

        /// <summary>Probability that a training token is replaced by [UNK] (word dropout); also keeps
        /// the [UNK] embedding trained. Default 0.2.</summary>
        public float WordDropout { get; set; } = Defaults.WordDropout;

        /// <summary>Dropout on the attention probabilities of self-attention. Default 0.1.</summary>
        public float AttentionDropout { get; set; } = Defaults.AttentionDropout;

        /// <summary>Dropout on each residual branch of the encoder blocks. Default 0.1.</summary>
        public float ResidualDropout { get; set; } = Defaults.ResidualDropout;

        /// <summary>Dropout after the GELU of the feed-forward networks. Default 0.1.</summary>
        public float FeedForwardDropout { get; set; } = Defaults.FeedForwardDropout;

        /// <summary>Dropout on the pooled features before the classifier. Default 0.</summary>
        public float ClassifierDropout { get; set; } = Defaults.ClassifierDropout;

        /// <summary>Width of the n-gram bag, a fastText-style "wide" path beside the encoder: the mean
        /// of learned embeddings of the text's tokens and hashed token n-grams, concatenated to the pooled
        /// features before the classifier. 0 turns it off. Default 32.</summary>
        public int NgramDimension { get; set; } = Defaults.NgramDimension;

        /// <summary>Longest token n-gram in the bag (1 = tokens only, 2 = tokens and bigrams). Default 2.</summary>
        public int NgramOrder { get; set; } = Defaults.NgramOrder;

        /// <summary>Hash buckets for the n-grams of order ≥ 2 (the table has VocabularySize + NgramBuckets
        /// rows of NgramDimension). Null chooses it from the training texts (see
        /// <see cref="Defaults.AutomaticNgramBucketsMinimum"/>) and logs and saves the choice. Default null.</summary>
        public int? NgramBuckets { get; set; }

        /// <summary>Longest view of a text the n-gram bag reads, in tokens ([CLS] and [SEP] included); when
        /// longer than the encoder's <see cref="MaximumSequenceLength"/>, the bag reads this much of each text
        /// and the encoder the first MaximumSequenceLength tokens. Null chooses it from the training texts
        /// (see <see cref="Defaults.AutomaticNgramLengthCoverage"/>) and logs and saves the choice; a length no longer
        /// than the encoder's means the bag reads the encoder's input. Default null.</summary>
        public int? NgramMaximumLength { get; set; }

        /// <summary>Multiplies <see cref="LearningRate"/> for the n-gram bag's table. Its rows are updated
        /// lazily (only those in the batch, one AdamW step per occurrence), so a row moves in proportion to
        /// how often it is seen, epochs included. Null (default) chooses it from the planned epochs, and logs
        /// and saves the choice: <see cref="Defaults.MaxEpochs"/> (10) / planned epochs, within [1,
        /// <see cref="Defaults.AutomaticNgramLearningRateScaleMaximum"/>], so that when the token budget cuts
        /// large data to a few epochs the table still moves about as far as in 10 (measured: imdb, 3 epochs,
        /// 0.8955 at 1× and 0.9001 at 3×; sst2, 10 epochs, 0.813–0.823 at 1× over seeds 0–3 and 0.802–0.811 at 3×).
        /// A heuristic: the bundled sample (37 epochs) does better at 3×; bench/RESULTS.md has the evidence.</summary>
        public float? NgramLearningRateScale { get; set; }

        /// <summary>Shortest character n-gram of the bag's subword features (fastText's -minn). Used only
        /// when <see cref="SubwordMaximumLength"/> &gt; 0. Default 3.</summary>
        public int SubwordMinimumLength { get; set; } = Defaults.SubwordMinimumLength;

        /// <summary>Longest character n-gram of the bag's subword features (fastText's -maxn; Bojanowski et
        /// al. 2017): every token of the bag also brings the hashed character n-grams of its text (with "&lt;"
        /// where a word starts, and "&gt;" where the tokenizer knows it ends), so tokens that share spelling
        /// share features; they share their token's weight in the bag, as a back-off. They hash into the
        /// NgramBuckets rows. 0 turns them off. Default 5: fastText's 3–5 had the best sst2 dev accuracy
        /// of the lengths tried; together with the table at 1× they moved sst2 0.8067 → 0.8182, ag_news
        /// 0.8728 → 0.8708, pricerunner 0.9829 → 0.9852 (seed 0, bench/RESULTS.md).</summary>
        public int SubwordMaximumLength { get; set; } = Defaults.SubwordMaximumLength;

        // ---- Pretrained encoder (issue 11) ---------------------------------------------------

        /// <summary>
        /// The encoder: "scratch" (default: a vocabulary and encoder learned from the training data),
        /// "minilm" or "arctic-xs" (pretrained BERT encoders carried by the packages
        /// MlNetAttention.Encoders.MiniLM / .ArcticXs, which the application must reference), or a
        /// folder holding model.onnx and vocab.txt. With a pretrained encoder the vocabulary and the
        /// encoder's shape come from it, so ModelDimension, NumberOfLayers, NumberOfHeads,
        /// FeedForwardDimension, Tokenizer, VocabularySize and MinimumTokenFrequency must keep their
        /// defaults; start from <see cref="Pretrained"/> for the fine-tuning recipe. The choice, the
        /// encoder's name, SHA-256 and shape are saved with the model, which then loads without it.
        /// </summary>
        public string Encoder { get; set; } = Defaults.Encoder;

        /// <summary>
        /// With a pretrained encoder: multiplies the learning rate of the heads (pooling and classifier),
        /// which start from random values while the encoder starts from its checkpoint (the n-gram table
        /// keeps NgramLearningRateScale). Must stay 1 with Encoder "scratch". Default 1.
        /// </summary>
        public float HeadLearningRateScale { get; set; } = Defaults.HeadLearningRateScale;

        /// <summary>
        /// Options holding the first fine-tuning recipe for a pretrained <paramref name="encoder"/>
        /// (Devlin et al. 2019's ranges): learning rate 5e-5, 10 % warm-up then linear decay, 3 epochs,
        /// dropout 0.1 in the encoder and on the embeddings, no word dropout, mean pooling, no n-gram bag;
        /// the sequence length is chosen from the data within [16, 128].
        /// </summary>
        public static Options Pretrained(string encoder)
        {
            var options = new Options();
            options.UsePretrainedRecipe(encoder);
            return options;
        }

        /// <summary>Sets <see cref="Encoder"/> and the fine-tuning recipe of <see cref="Pretrained"/> on these
        /// options (the CLI's --encoder does this before applying the other flags).</summary>
        internal void UsePretrainedRecipe(string encoder)
        {
            Encoder = encoder;
            LearningRate = 5e-5f;
            WarmupRatio = 0.1;
            MaxEpochs = 3;
            EmbeddingDropout = 0.1f;
            WordDropout = 0f;
            AttentionDropout = 0.1f;
            ResidualDropout = 0.1f;
            FeedForwardDropout = 0.1f;
            Pooling = TextPoolingKind.Mean;
            NgramDimension = 0;
        }

        // ---- Vocabulary ----------------------------------------------------------------------

        /// <summary>The tokenizer whose vocabulary is learned from the training text. Default WordPiece.</summary>
        public TextTokenizerKind Tokenizer { get; set; } = Defaults.Tokenizer;

        /// <summary>Largest vocabulary to learn, the 5 special tokens included; learning stops earlier
        /// when nothing left is frequent enough. Default 16000.</summary>
        public int VocabularySize { get; set; } = Defaults.VocabularySize;

        /// <summary>A character, merge or word must occur this often in the training text to enter the
        /// vocabulary. Default 2.</summary>
        public int MinimumTokenFrequency { get; set; } = Defaults.MinimumTokenFrequency;

        // ---- Run time ------------------------------------------------------------------------

        /// <summary>Most threads for vocabulary learning, training and scoring. Null: one per logical processor. The same seed,
        /// data and thread count give bit-identical models. Default null.</summary>
        public int? NumberOfThreads { get; set; }

        /// <summary>Seed of the split, the shuffles, the initial weights and dropout. Null: drawn from
        /// the MLContext (so <c>new MLContext(seed)</c> makes training reproducible). Default null.</summary>
        public int? Seed { get; set; }

        /// <summary>Also output, per row, each token's pooling weight ("AttentionWeights") and the token
        /// strings ("Tokens"), for explanations. Default false.</summary>
        public bool OutputAttentionWeights { get; set; }

        /// <summary>Receives a report after every training step and after every epoch's validation,
        /// synchronously on the training thread. Default null. Not saved with the model.</summary>
        [JsonIgnore]
        public IProgress<TrainingProgress>? Progress { get; set; }

        /// <summary>Stops <c>Fit</c> between two steps (well within a second) with an
        /// OperationCanceledException; nothing is left half-built. Not saved with the model.</summary>
        [JsonIgnore]
        public CancellationToken CancellationToken { get; set; }

        /// <summary>A copy (arrays copied too), so later edits to this object do not reach a trainer.</summary>
        public Options Clone()
        {
            var copy = (Options)MemberwiseClone();
            copy.ClassWeights = (float[]?)ClassWeights?.Clone();
            return copy;
        }
    }
}
