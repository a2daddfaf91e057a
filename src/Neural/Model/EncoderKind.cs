// Which encoder turns the token ids into per-token states before pooling. The two differ in layout,
// not only in weights, so the kind is part of the configuration saved with a model.
namespace MlNetAttention.Neural.Model;

public enum EncoderKind
{
    /// <summary>The encoder trained from scratch: token + position embeddings, pre-LN blocks (Xiong et
    /// al. 2020), a final layer norm (Layers/EncoderBlock; the PyTorch reference's layout).</summary>
    Scratch,
    /// <summary>A BERT-style encoder (Devlin et al. 2019), the layout of pretrained checkpoints such as
    /// MiniLM and Arctic-embed: word + position + token-type embeddings, embedding layer norm, post-LN
    /// blocks, no final norm (Layers/BertBlock). Its weights normally come from Pretrained/OnnxBertImport.</summary>
    Bert,
}
