"""A torch-free BERT sentence encoder for questions.

Importing sentence-transformers (and with it torch) takes about 8 s on the 2-core target
machine, while a one-shot ``newsbot ask`` must answer in 3 s. Encoding one short question is a
few small matrix products, so this module re-implements the BERT forward pass of a
sentence-transformers model in NumPy, with ``tokenizers`` for the word pieces and
``safetensors.numpy`` for the weights. Index builds keep using sentence-transformers; the
vectors agree with it to a cosine of about 0.99999 (tests/test_minilm_numpy.py).

Only the exact recipe that sentence-transformers runs for models like all-MiniLM-L6-v2 is
supported: a BERT encoder with absolute positions and erf GELU, mean pooling, L2 normalisation.
:func:`unsupported_reason` refuses anything else (a Dense layer, CLS pooling, another
architecture) so callers fall back to sentence-transformers instead of getting vectors that
silently disagree with the index.

Nothing here may import torch, transformers or sentence-transformers.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from pathlib import Path
from typing import Any

import numpy as np
from safetensors.numpy import load_file
from tokenizers import Encoding, Tokenizer

__all__ = ["NumpyEncoder", "supports", "unsupported_reason"]

# Vectors kept per word-piece sequence: a question typed in lower case is searched twice
# (once to learn its names' capitals, once recased), a follow-up read alone and in context;
# the model is case-blind (MiniLM's word pieces are lower case), so one forward pass serves.
_SEEN = 256

# The sentence-transformers modules this encoder reproduces, by class name; anything else in a
# model's modules.json (Dense, LayerNorm, WordEmbeddings, ...) changes the vectors.
_KNOWN_MODULES = frozenset({"Transformer", "Pooling", "Normalize"})

# HF BERT masks padded keys by adding the dtype's most negative value before the softmax.
_MASK_VALUE = np.float32(np.finfo(np.float32).min)


def _read_json(path: Path) -> dict[str, Any] | list[Any] | None:
    """Optional JSON files are common in model folders; absent means "library default"."""
    if not path.is_file():
        return None
    with path.open(encoding="utf-8") as f:
        return json.load(f)


def _module_entries(model_dir: Path) -> list[dict[str, Any]]:
    """modules.json entries, or what sentence-transformers assumes for a bare HF folder.

    Without modules.json sentence-transformers wraps a plain transformer with mean pooling and
    no normalisation; our encode() normalises anyway, which matches the index built with
    ``normalize_embeddings=True``.
    """
    modules = _read_json(model_dir / "modules.json")
    if not isinstance(modules, list):
        return [
            {"type": "sentence_transformers.models.Transformer", "path": ""},
            {"type": "sentence_transformers.models.Pooling", "path": ""},
        ]
    return [m for m in modules if isinstance(m, dict)]


def _module_kind(entry: dict[str, Any]) -> str:
    return str(entry.get("type", "")).rsplit(".", 1)[-1]


def _transformer_dir(model_dir: Path, modules: list[dict[str, Any]]) -> Path:
    """Some models keep the BERT files in a sub-folder such as ``0_Transformer``."""
    for entry in modules:
        if _module_kind(entry) == "Transformer":
            return model_dir / str(entry.get("path") or "")
    return model_dir


def _pooling_problem(model_dir: Path, modules: list[dict[str, Any]]) -> str | None:
    """Mean pooling is the only pooling implemented; report any other configured mode."""
    entries = [e for e in modules if _module_kind(e) == "Pooling"]
    if len(entries) != 1:
        return f"expected exactly one Pooling module, found {len(entries)}"
    path = entries[0].get("path") or ""
    config = _read_json(model_dir / str(path) / "config.json") if path else None
    if config is None:
        return None  # sentence-transformers' Pooling defaults to mean
    if not isinstance(config, dict):
        return "pooling config.json is not an object"
    mode = config.get("pooling_mode")
    if isinstance(mode, str):
        return None if mode == "mean" else f"pooling mode {mode!r} is not mean"
    enabled = sorted(k for k, v in config.items() if k.startswith("pooling_mode_") and v)
    if enabled != ["pooling_mode_mean_tokens"]:
        return f"pooling modes {enabled} are not just mean pooling"
    return None


def unsupported_reason(model_dir: str | Path) -> str | None:
    """Why this encoder cannot reproduce the model's sentence-transformers vectors, or None.

    Returned as text rather than a bool so the caller can log why it falls back to the slow
    torch path; a silent fallback would only show up as a slow ``newsbot ask``.
    """
    root = Path(model_dir)
    if not root.is_dir():
        return f"{root} is not a local folder"
    modules = _module_entries(root)
    unknown = sorted({_module_kind(m) for m in modules} - _KNOWN_MODULES)
    if unknown:
        return f"modules.json has modules this encoder does not implement: {unknown}"
    if problem := _pooling_problem(root, modules):
        return problem
    bert_dir = _transformer_dir(root, modules)
    for name in ("config.json", "tokenizer.json", "model.safetensors"):
        if not (bert_dir / name).is_file():
            return f"{bert_dir / name} is missing"
    config = _read_json(bert_dir / "config.json")
    if not isinstance(config, dict):
        return "config.json is not an object"
    if config.get("model_type") != "bert":
        return f"model_type {config.get('model_type')!r} is not 'bert'"
    if config.get("hidden_act", "gelu") != "gelu":
        return f"hidden_act {config.get('hidden_act')!r} is not the exact (erf) 'gelu'"
    if config.get("position_embedding_type", "absolute") != "absolute":
        return f"position_embedding_type {config.get('position_embedding_type')!r} is not absolute"
    return None


def supports(model_dir: str | Path) -> bool:
    """Whether a one-shot question can skip torch for this model (see unsupported_reason)."""
    return unsupported_reason(model_dir) is None


def _erf(x: np.ndarray) -> np.ndarray:
    """Abramowitz & Stegun 7.1.26 (|error| < 1.5e-7, below float32 resolution near 1).

    NumPy has no erf and scipy is not a dependency; BERT's GELU is the exact erf form, and the
    tanh approximation would cost agreement with the torch vectors for no speed benefit.
    """
    sign = np.sign(x)
    a = np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * a)
    poly = t * (
        0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))
    )
    return sign * (1.0 - poly * np.exp(-a * a))


def _gelu(x: np.ndarray) -> np.ndarray:
    return 0.5 * x * (1.0 + _erf(x * np.float32(0.7071067811865476)))


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, eps: float) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    centred = x - mean
    var = np.mean(centred * centred, axis=-1, keepdims=True)
    return centred / np.sqrt(var + np.float32(eps)) * weight + bias


class _Layer:
    """One encoder layer's weights, transposed once at load so every product is ``x @ W``."""

    def __init__(self, w: dict[str, np.ndarray], prefix: str) -> None:
        def linear(name: str) -> tuple[np.ndarray, np.ndarray]:
            return (
                np.ascontiguousarray(w[f"{prefix}{name}.weight"].T),
                w[f"{prefix}{name}.bias"],
            )

        q_w, q_b = linear("attention.self.query")
        k_w, k_b = linear("attention.self.key")
        v_w, v_b = linear("attention.self.value")
        # One fused product for Q, K and V: three small GEMMs cost more than one wide one.
        self.qkv_w = np.ascontiguousarray(np.concatenate([q_w, k_w, v_w], axis=1))
        self.qkv_b = np.concatenate([q_b, k_b, v_b])
        self.attn_out_w, self.attn_out_b = linear("attention.output.dense")
        self.attn_ln_w = w[f"{prefix}attention.output.LayerNorm.weight"]
        self.attn_ln_b = w[f"{prefix}attention.output.LayerNorm.bias"]
        self.ffn_in_w, self.ffn_in_b = linear("intermediate.dense")
        self.ffn_out_w, self.ffn_out_b = linear("output.dense")
        self.ffn_ln_w = w[f"{prefix}output.LayerNorm.weight"]
        self.ffn_ln_b = w[f"{prefix}output.LayerNorm.bias"]


class NumpyEncoder:
    """Encodes texts like ``SentenceTransformer(model_dir).encode(..., normalize_embeddings=True)``.

    Meant for a handful of short questions per process; index builds should keep using the
    batched torch path, which is faster for thousands of passages.
    """

    dim: int
    max_seq_length: int

    def __init__(self, model_dir: str | Path) -> None:
        if reason := unsupported_reason(model_dir):
            raise ValueError(f"NumpyEncoder cannot run {model_dir}: {reason}")
        root = Path(model_dir)
        bert_dir = _transformer_dir(root, _module_entries(root))
        config = _read_json(bert_dir / "config.json")
        assert isinstance(config, dict)  # checked by unsupported_reason
        self.dim = int(config["hidden_size"])
        self._heads = int(config["num_attention_heads"])
        self._eps = float(config.get("layer_norm_eps", 1e-12))
        self.max_seq_length = self._read_max_seq_length(bert_dir, config)

        st_config = _read_json(bert_dir / "sentence_bert_config.json")
        # sentence-transformers lower-cases before its tokenizer when asked to; the MiniLM
        # tokenizer lower-cases by itself, so for the default model this is a no-op.
        self._lower_case = bool(isinstance(st_config, dict) and st_config.get("do_lower_case"))

        self._tokenizer = Tokenizer.from_file(str(bert_dir / "tokenizer.json"))
        self._seen: OrderedDict[tuple[int, ...], np.ndarray] = OrderedDict()
        self._seen_lock = threading.Lock()
        # tokenizer.json files exported by transformers carry their own truncation (128 for
        # all-MiniLM-L6-v2) and fixed padding; sentence-transformers overrides both on every
        # call, so do the same: truncate to max_seq_length counting [CLS]/[SEP], and pad
        # ourselves to the longest text of each batch.
        self._tokenizer.enable_truncation(max_length=self.max_seq_length)
        self._tokenizer.no_padding()
        pad_id = self._tokenizer.token_to_id("[PAD]")
        self._pad_id = int(config.get("pad_token_id") or 0) if pad_id is None else pad_id

        weights = load_file(str(bert_dir / "model.safetensors"))
        weights = {
            (k[len("bert.") :] if k.startswith("bert.") else k): v.astype(np.float32, copy=False)
            for k, v in weights.items()
            if np.issubdtype(v.dtype, np.floating)
        }
        self._word = weights["embeddings.word_embeddings.weight"]
        self._position = weights["embeddings.position_embeddings.weight"]
        self._token_type = weights["embeddings.token_type_embeddings.weight"]
        self._emb_ln_w = weights["embeddings.LayerNorm.weight"]
        self._emb_ln_b = weights["embeddings.LayerNorm.bias"]
        self._layers = [
            _Layer(weights, f"encoder.layer.{i}.") for i in range(int(config["num_hidden_layers"]))
        ]

    @staticmethod
    def supports(model_dir: str | Path) -> bool:
        """Same as the module-level :func:`supports`, reachable from the class."""
        return supports(model_dir)

    @staticmethod
    def _read_max_seq_length(bert_dir: Path, config: dict[str, Any]) -> int:
        """sentence-transformers' limit: sentence_bert_config.json, else the tokenizer's.

        Capped at max_position_embeddings because there are no position vectors beyond it.
        """
        limit: int | None = None
        st_config = _read_json(bert_dir / "sentence_bert_config.json")
        if isinstance(st_config, dict) and st_config.get("max_seq_length"):
            limit = int(st_config["max_seq_length"])
        else:
            tok_config = _read_json(bert_dir / "tokenizer_config.json")
            if isinstance(tok_config, dict) and tok_config.get("model_max_length"):
                limit = int(tok_config["model_max_length"])
        max_positions = int(config.get("max_position_embeddings", 512))
        return min(limit, max_positions) if limit else max_positions

    def encode(self, texts: list[str], batch_size: int = 16) -> np.ndarray:
        """L2-normalised float32 vectors, shape (len(texts), dim), in the order given.

        Texts are grouped by length (as sentence-transformers does) so one long paragraph does
        not make every short question in its batch pay for 256 padded positions; the batch size
        is small because attention scores grow as batch x heads x length squared.
        """
        if isinstance(texts, str):
            raise TypeError("encode() takes a list of texts, not a single string")
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        if not texts:
            return out
        prepared = [t.lower() if self._lower_case else t for t in texts]
        encodings = [self._tokenizer.encode(t) for t in prepared]
        keys = [tuple(e.ids) for e in encodings]
        todo = []
        with self._seen_lock:  # (Telegram's workers encode at once)
            for i, key in enumerate(keys):
                if key in self._seen:
                    out[i] = self._seen[key]  # copied now: a later eviction cannot zero it
                    self._seen.move_to_end(key)
                else:
                    todo.append(i)
        order = sorted(todo, key=lambda i: -len(keys[i]))
        for start in range(0, len(order), batch_size):
            idx = order[start : start + batch_size]
            out[idx] = self._forward(*self._pad([encodings[i] for i in idx]))
        with self._seen_lock:
            for i in todo:
                self._seen[keys[i]] = out[i].copy()
                self._seen.move_to_end(keys[i])
                if len(self._seen) > _SEEN:
                    self._seen.popitem(last=False)
        return out

    def forget(self) -> None:
        """Drop the vectors kept, for benchmarks that must time every question's encoding."""
        with self._seen_lock:
            self._seen.clear()

    def _pad(self, encodings: list[Encoding]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Token ids, token type ids and attention mask, right-padded to the longest text.

        One ``encode`` per text instead of ``encode_batch``: question batches are a few texts
        at ~60 us each, so the tokenizers thread pool buys nothing, and leaving it unstarted
        avoids the TOKENIZERS_PARALLELISM fork warning some tokenizers releases print.
        """
        length = max(len(e.ids) for e in encodings)
        ids = np.full((len(encodings), length), self._pad_id, dtype=np.int64)
        type_ids = np.zeros((len(encodings), length), dtype=np.int64)
        mask = np.zeros((len(encodings), length), dtype=np.float32)
        for row, e in enumerate(encodings):
            ids[row, : len(e.ids)] = e.ids
            type_ids[row, : len(e.ids)] = e.type_ids
            mask[row, : len(e.ids)] = 1.0
        return ids, type_ids, mask

    def _forward(self, ids: np.ndarray, type_ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        batch, length = ids.shape
        heads, head_dim = self._heads, self.dim // self._heads
        x = self._word[ids] + self._position[:length] + self._token_type[type_ids]
        x = _layer_norm(x, self._emb_ln_w, self._emb_ln_b, self._eps).reshape(-1, self.dim)
        # (batch, 1, 1, length): padded keys get no attention weight.
        key_bias = ((1.0 - mask) * _MASK_VALUE)[:, None, None, :]
        scale = np.float32(1.0 / np.sqrt(head_dim))
        for layer in self._layers:
            qkv = (x @ layer.qkv_w + layer.qkv_b).reshape(batch, length, 3, heads, head_dim)
            q, k, v = qkv.transpose(2, 0, 3, 1, 4)  # each (batch, heads, length, head_dim)
            scores = (q @ k.transpose(0, 1, 3, 2)) * scale + key_bias
            scores -= scores.max(axis=-1, keepdims=True)
            probs = np.exp(scores)
            probs /= probs.sum(axis=-1, keepdims=True)
            context = (probs @ v).transpose(0, 2, 1, 3).reshape(-1, self.dim)
            attn = context @ layer.attn_out_w + layer.attn_out_b
            x = _layer_norm(attn + x, layer.attn_ln_w, layer.attn_ln_b, self._eps)
            hidden = _gelu(x @ layer.ffn_in_w + layer.ffn_in_b)
            ffn = hidden @ layer.ffn_out_w + layer.ffn_out_b
            x = _layer_norm(ffn + x, layer.ffn_ln_w, layer.ffn_ln_b, self._eps)
        tokens = x.reshape(batch, length, self.dim)
        # Mean over real tokens, then L2 norm, with sentence-transformers' epsilons.
        summed = (tokens * mask[:, :, None]).sum(axis=1)
        pooled = summed / np.maximum(mask.sum(axis=1, keepdims=True), np.float32(1e-9))
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.maximum(norms, np.float32(1e-12))).astype(np.float32, copy=False)
