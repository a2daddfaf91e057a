"""Golden fixtures for the engine's PyTorch-equivalence tests (tests/Neural.Tests/Model/GoldenFixtureTests.cs).

Builds tiny versions of the PyTorch reference model (../shared/anchors/torch_reference.py: nn.Embedding
with padding_idx=0, learned positions, nn.TransformerEncoder of nn.TransformerEncoderLayer(
activation="gelu", batch_first=True, norm_first=True), final nn.LayerNorm, Lin et al. pooling, nn.Linear)
with torch's own modules in float32 and dropout 0, plus the options the engine adds (pooling kinds,
sinusoidal/no positions, 0 layers, class weights, label smoothing, the ‖AAᵀ − I‖²_F penalty, the n-gram
bag: nn.EmbeddingBag(mode="mean") over unigram ids and SplitMix64-hashed n-gram ids). For each
case it writes one safetensors file (the engine's own container, so the fixture also exercises its
reader) holding:
  metadata  config   : the engine's EncoderClassifierConfig JSON
            training : penalty, label smoothing, class weights, AdamW, clip, schedule
  param.<name>       : initial weights under the engine's names (mapping in ModelParameters.cs)
  input.ids (S,B,T) I32, input.labels (S,B) I32 : S batches, padded with 0
  expected.logits (B,K), expected.loss (1)       : forward on batch 0
  grad.<name>                                    : every parameter gradient on batch 0
  adamw.losses (S)                               : loss before each of S AdamW steps (batch s at step s)
  adamw.final.<name>                             : weights after S steps (main case only)
Run from the repository root: /usr/bin/python3 tests/Neural.Tests/Fixtures/make_fixtures.py
Not part of the build or the tests (the committed files are frozen); kept so the two remaining fixtures,
which test what the live TorchSharp oracle does not (torch's own encoder modules, ten scheduled steps, the
lazy n-gram AdamW), can be regenerated.
"""
import json, math, os, struct
import torch, torch.nn as nn, torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
V, D, HEADS, FF, DA, HOPS, MAXLEN, K, B, T, STEPS = 16, 16, 2, 32, 8, 2, 8, 3, 3, 7, 10
NGRAM_DIM, NGRAM_ORDER, NGRAM_BUCKETS = 6, 3, 11   # few buckets, so that some n-grams collide
MASK64, GAMMA = (1 << 64) - 1, 0x9E3779B97F4A7C15


def mix(z):  # SplitMix64's output function (src/Neural/Kernels/SplitMix64.cs)
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
    return z ^ (z >> 31)


def ngram_row(ngram):  # NgramEmbeddingBag.NgramRow: V + (h mod NB), h = Mix(... Mix(seed ^ id_0) ... ^ id_{n-1})
    h = GAMMA
    for i in ngram:
        h = mix(h ^ int(i))
    return V + h % NGRAM_BUCKETS


def bags(x):
    """The bag of each row of the padded id matrix x: its ids, then its hashed n-grams of orders 2..NGRAM_ORDER."""
    rows, offsets = [], []
    for row in x.tolist():
        ids = [i for i in row if i != 0]
        offsets.append(len(rows))
        rows += ids
        for n in range(2, NGRAM_ORDER + 1):
            rows += [ngram_row(ids[t:t + n]) for t in range(len(ids) - n + 1)]
    return torch.tensor(rows, dtype=torch.long), torch.tensor(offsets, dtype=torch.long)


class Model(nn.Module):
    def __init__(s, layers, pooling, positions, ngram_bag=False):
        super().__init__()
        s.pooling, s.positions, s.layers, s.ngram_bag = pooling, positions, layers, ngram_bag
        s.emb = nn.Embedding(V, D, padding_idx=0)
        if positions == "Learned":
            s.pos = nn.Embedding(MAXLEN, D)
        if layers:
            layer = nn.TransformerEncoderLayer(D, HEADS, FF, dropout=0.0, activation="gelu", batch_first=True, norm_first=True)
            s.enc = nn.TransformerEncoder(layer, layers, enable_nested_tensor=False)
        s.norm = nn.LayerNorm(D)
        if pooling in ("Attention", "AttentionAndMean"):
            s.w1 = nn.Linear(D, DA, bias=False); s.w2 = nn.Linear(DA, HOPS, bias=False)
        width = {"Attention": HOPS * D, "AttentionAndMean": HOPS * D + D}.get(pooling, D)
        if ngram_bag:
            s.bag = nn.EmbeddingBag(V + NGRAM_BUCKETS, NGRAM_DIM, mode="mean")
            width += NGRAM_DIM
        s.out = nn.Linear(width, K)

    def forward(s, x):
        pad = x.eq(0)
        h = s.emb(x)
        if s.positions == "Learned":
            h = h + s.pos(torch.arange(x.size(1)).unsqueeze(0))
        elif s.positions == "Sinusoidal":
            h = h + sinusoids(x.size(1), D)
        if s.layers:
            h = s.enc(h, src_key_padding_mask=pad)
        h = s.norm(h)
        feats, penalty = [], torch.zeros(())
        if s.pooling in ("Attention", "AttentionAndMean"):
            e = s.w2(torch.tanh(s.w1(h))).masked_fill(pad.unsqueeze(-1), float("-inf"))
            A = torch.softmax(e, dim=1)                                    # B, T, r
            feats.append(torch.einsum("btr,btd->brd", A, h).flatten(1))
            G = A.transpose(1, 2) @ A - torch.eye(HOPS)
            penalty = (G ** 2).sum((1, 2)).mean()
        if s.pooling in ("Mean", "AttentionAndMean"):
            keep = (~pad).unsqueeze(-1).float()
            feats.append((h * keep).sum(1) / keep.sum(1))
        if s.pooling == "FirstToken":
            feats.append(h[:, 0])
        if s.ngram_bag:
            feats.append(s.bag(*bags(x)))
        return s.out(torch.cat(feats, 1)), penalty


def sinusoids(length, width):
    pe = torch.zeros(length, width, dtype=torch.float64)
    for t in range(length):
        for c in range(width):
            angle = t / 10000 ** ((c - c % 2) / width)
            pe[t, c] = math.sin(angle) if c % 2 == 0 else math.cos(angle)
    return pe.float()


def engine_name(torch_name):
    n = torch_name
    if n.startswith("enc."): n = n[4:]
    n = n.replace("emb.weight", "token_embedding.weight").replace("pos.weight", "position_embedding.weight")
    if n.startswith("norm."): n = "final_norm." + n[5:]
    if n.startswith("out."): n = "classifier." + n[4:]
    if n.startswith("w1.") or n.startswith("w2."): n = "pool." + n
    n = n.replace("bag.weight", "ngram_embedding.weight")
    return n


def batches(generator):
    ids = torch.zeros(STEPS, B, T, dtype=torch.int32)
    labels = torch.randint(0, K, (STEPS, B), generator=generator, dtype=torch.int32)
    for s in range(STEPS):
        lengths = [T, 4, 1] if s == 0 else torch.randint(1, T + 1, (B,), generator=generator).tolist()
        for b, length in enumerate(lengths):
            ids[s, b, :length] = torch.randint(1, V, (length,), generator=generator, dtype=torch.int32)
    return ids, labels


def write_safetensors(path, metadata, tensors):
    header, offset, blobs = {"__metadata__": metadata}, 0, []
    for name, t in tensors:
        t = t.detach().contiguous()
        dtype = {torch.float32: "F32", torch.int32: "I32"}[t.dtype]
        data = t.numpy().tobytes()
        header[name] = {"dtype": dtype, "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        offset += len(data); blobs.append(data)
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * ((8 - len(text) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text))); f.write(text)
        for blob in blobs: f.write(blob)


def make(case, layers, pooling, positions, penalty=0.0, smoothing=0.0, class_weights=None, save_final=False, seed=0,
         ngram_bag=False):
    torch.manual_seed(seed)
    model = Model(layers, pooling, positions, ngram_bag)
    if layers:  # nn.TransformerEncoder deep-copies one layer; give each its own weights so a mix-up shows
        for layer in model.enc.layers:
            layer.self_attn._reset_parameters(); layer.linear1.reset_parameters(); layer.linear2.reset_parameters()
    with torch.no_grad():  # move 1-D parameters off their 0/1 defaults so every gradient path is exercised
        for name, p in model.named_parameters():
            if p.dim() == 1:
                p.add_(0.1 * torch.randn_like(p))
    generator = torch.Generator().manual_seed(seed + 1)
    ids, labels = batches(generator)
    weight = torch.tensor(class_weights) if class_weights else None
    lr, wd, clip, warm_ratio = 1e-2, 0.1, 1.0, 0.2

    def loss_of(s):
        logits, pen = model(ids[s].long())
        return F.cross_entropy(logits, labels[s].long(), weight=weight, label_smoothing=smoothing) + penalty * pen, logits

    params = [(engine_name(n), p) for n, p in model.named_parameters()]
    tensors = [("param." + n, p.detach().clone()) for n, p in params]
    loss, logits = loss_of(0)
    loss.backward()
    tensors += [("input.ids", ids), ("input.labels", labels), ("expected.logits", logits.detach()),
                ("expected.loss", loss.detach().reshape(1))]
    tensors += [("grad." + n, p.grad.detach().clone()) for n, p in params]

    # STEPS AdamW steps: decay on matrices and embeddings, not on biases or norm gains (the engine's rule).
    # The n-gram table is updated lazily (the engine's AdamW with TouchedRows): only the rows in the
    # batch's bags get the AdamW update, decay included; written out by hand below.
    lazy = [p for n, p in params if n == "ngram_embedding.weight"]
    decay = [p for n, p in params if p.dim() >= 2 and n != "ngram_embedding.weight"]
    no_decay = [p for n, p in params if p.dim() < 2]
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": wd}, {"params": no_decay, "weight_decay": 0.0}], lr=lr)
    warm = max(1, int(STEPS * warm_ratio))
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: min((s + 1) / warm, max(0.0, (STEPS - s) / (STEPS - warm))))
    lazy_m = [torch.zeros_like(p) for p in lazy]
    lazy_v = [torch.zeros_like(p) for p in lazy]
    losses = []
    for s in range(STEPS):
        opt.zero_grad()
        for p in lazy: p.grad = None
        loss, _ = loss_of(s)
        loss.backward()
        nn.utils.clip_grad_norm_(model.parameters(), clip)
        rate = opt.param_groups[0]["lr"]
        with torch.no_grad():
            rows = bags(ids[s].long())[0].unique()
            for p, m, v in zip(lazy, lazy_m, lazy_v):
                g = p.grad[rows]
                p[rows] *= 1 - rate * wd
                m[rows] = 0.9 * m[rows] + 0.1 * g
                v[rows] = 0.999 * v[rows] + 0.001 * g * g
                c1, c2 = 1 - 0.9 ** (s + 1), 1 - 0.999 ** (s + 1)
                p[rows] -= rate / c1 * m[rows] / (v[rows].sqrt() / math.sqrt(c2) + 1e-8)
        opt.step(); sched.step()
        losses.append(loss.item())
    tensors.append(("adamw.losses", torch.tensor(losses)))
    if save_final:
        tensors += [("adamw.final." + n, p.detach().clone()) for n, p in params]

    config = {"VocabularySize": V, "ClassCount": K, "MaxLength": MAXLEN, "ModelDimension": D, "HeadCount": HEADS,
              "LayerCount": layers, "FeedForwardDimension": FF, "Pooling": pooling, "PoolingHiddenDimension": DA,
              "PoolingHops": HOPS, "PositionEncoding": positions, "AttentionDropout": 0.0, "ResidualDropout": 0.0,
              "FeedForwardDropout": 0.0, "EmbeddingDropout": 0.0, "WordDropout": 0.0, "UnknownTokenId": 1,
              "ClassifierDropout": 0.0, "LayerNormEpsilon": 1e-5}
    if ngram_bag:
        config.update({"NgramDimension": NGRAM_DIM, "NgramOrder": NGRAM_ORDER, "NgramBuckets": NGRAM_BUCKETS})
    training = {"PenaltyWeight": penalty, "LabelSmoothing": smoothing, "ClassWeights": class_weights,
                "LearningRate": lr, "WeightDecay": wd, "MaxGradientNorm": clip, "WarmupRatio": warm_ratio, "Steps": STEPS}
    path = os.path.join(HERE, case + ".safetensors")
    write_safetensors(path, {"config": json.dumps(config), "training": json.dumps(training),
                             "generator": "make_fixtures.py, torch " + torch.__version__}, tensors)
    print(f"{case}: loss {losses[0]:.6f} -> {losses[-1]:.6f}, {os.path.getsize(path)} bytes")


if __name__ == "__main__":
    torch.set_num_threads(1)
    make("attention_penalty", 2, "Attention", "Learned", penalty=0.5, save_final=True, seed=10)
    # attention_mean_weighted, mean_sinusoidal and first_token_no_layers were dropped: the TorchSharp
    # oracle (tests/Neural.Tests/Oracle) checks those options live on random shapes.
    make("attention_mean_ngram_bag", 1, "AttentionAndMean", "Learned", save_final=True, seed=50, ngram_bag=True)
