"""Build small (or real-size) Argos Translate packages without downloading anything.

A package is what Argos ships: a zip with one top folder holding ``metadata.json``, a
CTranslate2 model in ``model/`` and a tokenizer, ``sentencepiece.model`` or ``bpe.model``
(``KINDS`` lists the kinds built here). The tokenizer is trained here on local text; the transformer's weights are set with numpy through
``ctranslate2.specs.TransformerSpec`` so that the model *copies its input*:

- the model dimension is split into a position subspace (the first ``4 * len(FREQUENCIES)``
  dimensions, custom ``position_encodings``) and a token subspace (random balanced ±1 codes,
  the source embeddings);
- every self-attention and feed-forward block writes zero, so the residual stream keeps the
  embedding;
- in the first decoder layer every cross-attention head matches decoder step ``t`` to source
  position ``t`` on the position subspace and carries that position's token code;
- the output projection is tied to the token codes, and ``add_source_eos`` puts ``</s>`` at
  the end of the source, so decoding stops where the source ends.

Every vector has zero mean and a fixed norm, so each LayerNorm is a fixed scale and the
construction is exact. The compute is that of a real model of the same shape (zero weights
cost the same as any others), so a real-size copy model is a fair benchmark, and its output
length equals the input length as a translation's roughly does.
"""

from __future__ import annotations

import io
import json
import shutil
import zipfile
from pathlib import Path

import numpy as np

# Frequencies k (angle 2πk/1024): for position offsets 1..511 the sum of cos over them stays
# at or below 6.4 of a peak of 16, so attention picks one position with a wide margin.
FREQUENCIES = (41, 43, 46, 152, 204, 264, 309, 326, 379, 397, 419, 439, 440, 483, 488, 505)
PERIOD = 1024

CORPUS = """\
Singapore and South Korea have agreed to work more closely in a range of areas such as trade,
sustainability and defence technology, as the two countries upgraded bilateral ties.
On Nov 1, Prime Minister Lawrence Wong and South Korean President Lee Jae Myung jointly
launched a strategic partnership between the two countries at the presidential office in Seoul.
The strategic partnership has eight agreements, including a pact to establish a green and
digital shipping corridor where the two nations will collaborate to support the maritime
sector's transition to zero or near-zero greenhouse gas emission fuels.
When both sides established relations in 1975, the global economy was still recovering from
deep turbulence. Yet South Korea and Singapore pressed on and emerged as "Asian Tigers", he said.
Write to news@example.com or visit https://www.example.com/news/2025/11/01/story_id?x=1&y=2 now.
Placeholders look like {0}, {1}, {2}, {3}, {4}, {5}, {6}, {7}, {8}, {9} and {10}.
The quick brown fox jumps over the lazy dog; THE QUICK BROWN FOX JUMPS OVER THE LAZY DOG!
Numbers: 0 1 2 3 4 5 6 7 8 9 10 50 100 2025 US$4.5 million, 3.5% growth (estimate) [note].
Punctuation: a-b a_b a/b a:b a@b a#b a+b a=b a*b a<b a>b a~b a|b a\\b 'quoted' "quoted" ... ?
Curly “quotes” and ‘single’ ones – dashes — and an ellipsis… are part of news text too.
Asean, AI governance, cyber security, new energy solutions and green shipping were discussed.
"""


def train_sentencepiece(path: Path, vocab_size: int = 400, text: str = CORPUS) -> list[str]:
    """Train a SentencePiece model on ``text`` into ``path``; return its pieces in id order.

    Identity normalisation keeps the round trip exact (real Argos models use NFKC).
    """
    import sentencepiece as spm

    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(line for line in text.splitlines() if line.strip()),
        model_writer=model,
        vocab_size=vocab_size,
        model_type="unigram",
        character_coverage=1.0,
        normalization_rule_name="identity",
        hard_vocab_limit=False,
        bos_id=1,
        eos_id=2,
        unk_id=0,
        pad_id=-1,
        num_threads=1,
        minloglevel=2,
    )
    path.write_bytes(model.getvalue())
    processor = spm.SentencePieceProcessor(model_file=str(path))
    return [processor.id_to_piece(i) for i in range(processor.get_piece_size())]


def position_codes(max_positions: int, offset: int = 0) -> np.ndarray:
    """(max_positions, 4F): per frequency cos, sin, -cos, -sin (zero sum, fixed norm) of
    positions ``offset``, ``offset + 1``, …"""
    t = np.arange(max_positions)[:, None] + offset
    angles = 2 * np.pi * t * np.array(FREQUENCIES)[None, :] / PERIOD
    blocks = [np.cos(angles), np.sin(angles), -np.cos(angles), -np.sin(angles)]
    return np.stack(blocks, axis=-1).reshape(max_positions, -1).astype(np.float32)


def token_codes(vocab_size: int, dims: int, seed: int = 7) -> np.ndarray:
    """(vocab_size, dims) random ±1 codes with exactly half of each sign (zero sum)."""
    rng = np.random.default_rng(seed)
    base = np.array([1.0] * (dims // 2) + [-1.0] * (dims - dims // 2), dtype=np.float32)
    return np.stack([rng.permutation(base) for _ in range(vocab_size)])


def copy_model_spec(
    vocabulary: list[str],
    d_model: int = 256,
    num_heads: int = 2,
    num_layers: int = 1,
    ffn_dim: int = 256,
    max_positions: int = 512,
    random_ffn: bool = False,
    target_vocabulary: list[str] | None = None,
    shift: int = 0,
    blind: bool = False,
):
    """A ``TransformerSpec`` whose greedy or beam output equals its input, token by token.

    ``target_vocabulary`` (as long as ``vocabulary``): source token i is written as target
    token i. ``shift``: decoder step t copies source position t + shift (1 where the source
    starts with a bos token, -1 where the target starts with a forced prefix). ``blind``: a
    broken model whose decoder attends to no position in particular.
    """
    from ctranslate2.specs import TransformerSpec

    pos_dims = 4 * len(FREQUENCIES)
    head_dim = d_model // num_heads
    if d_model % num_heads or head_dim < pos_dims or d_model - pos_dims < 32:
        raise ValueError("need d_model/num_heads >= 64 and room for token codes")
    tok_dims = d_model - pos_dims
    tok_dims -= tok_dims % 2
    vocab = len(vocabulary)
    codes = token_codes(vocab, tok_dims)
    rng = np.random.default_rng(11)

    def zeros(*shape):
        return np.zeros(shape, dtype=np.float32)

    embedding = zeros(vocab, d_model)
    embedding[:, pos_dims : pos_dims + tok_dims] = codes
    positions = zeros(max_positions, d_model)
    positions[:, :pos_dims] = position_codes(max_positions)
    decoder_positions = zeros(max_positions, d_model)
    decoder_positions[:, :pos_dims] = position_codes(max_positions, shift)

    # Scales: each LayerNorm divides by the (fixed) RMS of its input.
    enc_rms = np.sqrt((tok_dims + 2 * len(FREQUENCIES)) / d_model)
    dec_rms = np.sqrt(2 * len(FREQUENCIES) / d_model)
    peak, off_peak = 2 * len(FREQUENCIES), 2 * 6.4
    # Attention logit margin between the right position and any other: 40.
    alpha = 40 * np.sqrt(head_dim) * enc_rms * dec_rms / (peak - off_peak)

    spec = TransformerSpec.from_config((num_layers, num_layers), num_heads)
    spec.config.add_source_eos = True
    spec.config.layer_norm_epsilon = 1e-6
    for side, codes_of_side in ((spec.encoder, positions), (spec.decoder, decoder_positions)):
        side.scale_embeddings = False
        side.position_encodings.encodings = codes_of_side
        side.layer_norm.gamma = np.ones(d_model, np.float32)
        side.layer_norm.beta = zeros(d_model)
    spec.encoder.embeddings[0].weight = embedding
    spec.decoder.embeddings.weight = zeros(vocab, d_model)

    def norm(ln):
        ln.gamma = np.ones(d_model, np.float32)
        ln.beta = zeros(d_model)

    def linear(lin, rows, cols, weight=None):
        lin.weight = weight if weight is not None else zeros(rows, cols)
        lin.bias = zeros(rows)

    def silent_ffn(ffn):
        # linear_1 writes zero; linear_0 may be random so its compute is realistic.
        norm(ffn.layer_norm)
        w0 = rng.normal(0, 0.05, (ffn_dim, d_model)).astype(np.float32) if random_ffn else None
        linear(ffn.linear_0, ffn_dim, d_model, w0)
        linear(ffn.linear_1, d_model, ffn_dim)

    def silent_self_attention(att):
        norm(att.layer_norm)
        linear(att.linear[0], 3 * d_model, d_model)
        linear(att.linear[1], d_model, d_model)

    for layer in spec.encoder.layer:
        silent_self_attention(layer.self_attention)
        silent_ffn(layer.ffn)

    query, keys_values, out = (
        zeros(d_model, d_model),
        zeros(2 * d_model, d_model),
        zeros(d_model, d_model),
    )
    for head in range(num_heads):
        for i in range(pos_dims):
            query[head * head_dim + i, i] = 0.0 if blind else alpha
            keys_values[head * head_dim + i, i] = 1.0
    for j in range(tok_dims):
        keys_values[d_model + j, pos_dims + j] = 1.0  # values carry the token code
        out[pos_dims + j, j] = 1.0
    for index, layer in enumerate(spec.decoder.layer):
        silent_self_attention(layer.self_attention)
        silent_ffn(layer.ffn)
        norm(layer.attention.layer_norm)
        linear(layer.attention.linear[0], d_model, d_model, query)
        linear(layer.attention.linear[1], 2 * d_model, d_model, keys_values)
        linear(layer.attention.linear[2], d_model, d_model, out if index == 0 else None)

    # The final LayerNorm scales the copied code to RMS 1; a margin of ~tok_dims*beta/rms nats.
    projection = zeros(vocab, d_model)
    projection[:, pos_dims : pos_dims + tok_dims] = codes * (0.5 / np.sqrt(tok_dims / d_model))
    spec.decoder.projection.weight = projection
    spec.decoder.projection.bias = zeros(vocab)

    spec.register_source_vocabulary(vocabulary)
    spec.register_target_vocabulary(target_vocabulary or vocabulary)
    return spec


# The kinds of package the tests build: how Argos trains them (one SentencePiece model for
# both sides), and how OPUS-MT conversions come (the target vocabulary is not the SentencePiece
# model's; BPE; a bos token on the source; a target prefix), and two broken ones (a model that
# echoes its bos token; a model whose attention is broken, so it repeats itself).
KINDS = ("shared", "target-vocabulary", "bpe", "bos", "prefix")
BROKEN_KINDS = ("echoes-bos", "blind")
BOS_TOKEN = ">>zsm_Latn<<"
TARGET_PREFIX = "__zsm_Latn__"
SPECIALS = ("<unk>", "<s>", "</s>")
# A few subword-nmt merges (codes file format 0.2: ``</w>`` ends a word).
BPE_CODES = """\
#version: 0.2
t h
th e</w>
a n
an d</w>
i n
in g</w>
e r
o n
r e
e s
a t
e n
o r
s t
a l
e d</w>
t o</w>
o f</w>
"""


def fullwidth(piece: str) -> str:
    """A target piece an OPUS-style target vocabulary might hold and the source SentencePiece
    model does not know: its ASCII letters full-width (``▁AI`` → ``▁ＡＩ``)."""
    if piece in SPECIALS:
        return piece
    return "".join(chr(ord(c) + 0xFEE0) if c.isascii() and c.isalpha() else c for c in piece)


def bpe_vocabulary(codes: Path, text: str) -> list[str]:
    """The BPE tokens of ``text`` through argostranslate's tokenizer, and every character
    alone and joined (``a``, ``a@@``), so any word of those characters has tokens."""
    from argostranslate.tokenizer import BPETokenizer

    tokenizer = BPETokenizer(codes, "en", "ms")
    tokens = {t for line in text.splitlines() if line.strip() for t in tokenizer.encode(line)}
    chars = {c for t in tokens for c in t.removesuffix("@@")}
    tokens |= chars | {c + "@@" for c in chars}
    return [*SPECIALS, *sorted(tokens)]


def _tokenizer(folder: Path, kind: str, vocab_size: int, corpus: str) -> list[str]:
    """Write the package's tokenizer; return the model's source vocabulary."""
    if kind == "bpe":
        (folder / "bpe.model").write_text(BPE_CODES, encoding="utf-8")
        return bpe_vocabulary(folder / "bpe.model", corpus)
    return train_sentencepiece(folder / "sentencepiece.model", vocab_size, corpus)


def build_package_dir(
    folder: Path,
    from_code: str = "en",
    to_code: str = "ko",
    version: str = "1.0",
    vocab_size: int = 400,
    quantization: str = "int8",
    corpus: str = CORPUS,
    kind: str = "shared",
    **model,
) -> Path:
    """An installed-form package folder ``folder`` (metadata.json, model/, a tokenizer) of
    ``kind`` (``KINDS``, ``BROKEN_KINDS``)."""
    folder.mkdir(parents=True)
    vocabulary = _tokenizer(folder, kind, vocab_size, corpus)
    extra = model.pop("vocabulary_size", 0)
    vocabulary += [f"<extra_{i}>" for i in range(max(0, extra - len(vocabulary)))]
    metadata_extra = {}
    if kind == "target-vocabulary":
        model["target_vocabulary"] = [fullwidth(p) for p in vocabulary]
    elif kind in ("bos", "echoes-bos"):
        vocabulary.append(BOS_TOKEN)
        model["shift"] = 1 if kind == "bos" else 0
    elif kind == "prefix":
        vocabulary.append(TARGET_PREFIX)
        model["shift"] = -1
        metadata_extra["target_prefix"] = TARGET_PREFIX
    elif kind == "blind":
        model["blind"] = True
    spec = copy_model_spec(vocabulary, **model)
    if kind in ("bos", "echoes-bos"):  # as Locomotive's --bos and a Marian conversion write
        spec.config.add_source_bos = True
        spec.config.bos_token = BOS_TOKEN
        spec.config.decoder_start_token = "</s>"
    spec.validate()
    spec.optimize(quantization=quantization)
    (folder / "model").mkdir()
    spec.save(str(folder / "model"))
    metadata = {
        "package_version": version,
        "argos_version": "1.0",
        "from_code": from_code,
        "from_name": from_code,
        "to_code": to_code,
        "to_name": to_code,
        "type": "translate",
        "links": [],
        **metadata_extra,
    }
    (folder / "metadata.json").write_text(json.dumps(metadata, indent=2), encoding="utf-8")
    (folder / "README.md").write_text("Copy model built by the tests.\n", encoding="utf-8")
    return folder


def zip_package(folder: Path, archive: Path) -> Path:
    """Zip a package folder as Argos does: one top folder named like the package."""
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_STORED) as zf:
        for path in sorted(folder.rglob("*")):
            name = f"{folder.name}/{path.relative_to(folder).as_posix()}"
            if path.is_dir():
                zf.writestr(name + "/", "")
            else:
                zf.write(path, name)
    return archive


def build_package(
    workdir: Path, from_code: str = "en", to_code: str = "ko", version: str = "1.0", **kw
) -> Path:
    """``workdir/translate-<from>_<to>-<version>.argosmodel``, built from scratch."""
    name = f"translate-{from_code}_{to_code}-{version.replace('.', '_')}"
    folder = build_package_dir(workdir / name, from_code, to_code, version, **kw)
    archive = zip_package(folder, workdir / f"{name}.argosmodel")
    shutil.rmtree(folder)
    return archive


def repackage(
    archive: Path,
    dest: Path,
    top: str | None = None,
    metadata: dict | None = None,
    drop: tuple[str, ...] = (),
    add: dict[str, bytes] | None = None,
) -> Path:
    """A copy of a package file with its top folder renamed, metadata changed (a value None
    removes a key), members dropped (paths below the top folder) or raw members added."""
    with zipfile.ZipFile(archive) as src, zipfile.ZipFile(dest, "w", zipfile.ZIP_STORED) as out:
        old_top = src.namelist()[0].split("/")[0]
        new_top = top or old_top
        for info in src.infolist():
            inner = info.filename[len(old_top) + 1 :]
            if inner in drop or any(inner.startswith(d.rstrip("/") + "/") for d in drop):
                continue
            data = src.read(info)
            if inner == "metadata.json" and metadata is not None:
                meta = json.loads(data)
                meta.update(metadata)
                meta = {k: v for k, v in meta.items() if v is not None}
                data = json.dumps(meta).encode()
            out.writestr(f"{new_top}/{inner}" if inner else f"{new_top}/", data)
        for name, data in (add or {}).items():
            out.writestr(name, data)
    return dest
