"""The export path without pydantic (issue 16: `zicha export` against a bare python-docx loop).

The writers read plain dataclasses; the checks at the boundaries (profile YAML) stay pydantic.
These tests keep the two forms from drifting apart and the export path from importing pydantic
again by accident.
"""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path

import pytest

from exports.document_profile import DocumentProfile
from exports.layout import DEFAULT_LAYOUT, Layout
from exports.profile import LayoutModel, ProfileModel, builtin_profiles, parse_profile
from exports.profile_store import resolve_profile

REPO = Path(__file__).resolve().parents[2]


def _defaults(cls: type) -> dict[str, object]:
    out: dict[str, object] = {}
    for f in dataclasses.fields(cls):
        if f.default is not dataclasses.MISSING:
            out[f.name] = f.default
        elif f.default_factory is not dataclasses.MISSING:
            out[f.name] = f.default_factory()
    return out


def test_layout_model_and_layout_have_the_same_fields_and_defaults():
    checked = LayoutModel()
    assert list(LayoutModel.model_fields) == [f.name for f in dataclasses.fields(Layout)]
    assert {name: getattr(checked, name) for name in LayoutModel.model_fields} == _defaults(Layout)
    assert ProfileModel().to_profile().layout == Layout() == DEFAULT_LAYOUT


def test_profile_model_and_document_profile_have_the_same_fields_and_defaults():
    plain = [f.name for f in dataclasses.fields(DocumentProfile)]
    # source is where the file was read from: set by the reader, never written in a file.
    assert [*ProfileModel.model_fields, "source"] == plain
    assert ProfileModel().to_profile() == DocumentProfile()
    assert builtin_profiles()["标准"] == DocumentProfile()
    # `zicha export` without --profile takes the defaults instead of parsing the built-in YAML.
    assert resolve_profile(Path("/nonexistent"), None) == DocumentProfile()


def test_a_checked_profile_becomes_the_plain_one_with_every_value(tmp_path: Path):
    text = (
        "name: 上报\nkind: 上行文\norgan_mark: 某县社会保险事业局文件\n"
        "doc_number: 某社险〔2026〕12号\nsigner: 张三\ncc: [市局, 县财政局]\nprinter: 某县社保局办公室\n"
        "print_date: 2026-11-30\nattachments: [附件一]\n"
        "layout:\n  margin_top_mm: 35\n  fonts:\n    body: 方正仿宋_GBK\n  sizes:\n    organ_mark: 29\n"
        "  colours:\n    organ_mark: c00000\n"
    )
    p = parse_profile(text, "t.yaml", source=str(tmp_path / "t.yaml"))
    assert type(p) is DocumentProfile and type(p.layout) is Layout
    assert p.signer == ["张三"] and p.cc == ["市局", "县财政局"] and p.kind == "上行文"
    assert p.layout.margin_top_mm == 35 and p.layout.fonts["body"] == "方正仿宋_GBK"
    assert p.layout.fonts["title"] == Layout().fonts["title"]  # unnamed roles keep theirs
    assert p.layout.colours["organ_mark"] == "C00000" and p.layout.style("organ_mark").size_pt == 29
    assert p.source == str(tmp_path / "t.yaml") and p.has_head and p.has_record
    assert p.model_copy(update={"name": "另一个"}).name == "另一个" and p.name == "上报"


@pytest.mark.parametrize(
    "module",
    [
        "exports.docx_writer",
        "exports.service",
        "exports.writer",
        "exports.options",
        "exports.preflight",
        "exports.profile_store",
        "exports.formats",
        "exports.appendices",
        "exports.document_profile",
    ],
)
def test_the_export_path_imports_without_pydantic(module: str):
    code = (
        f"import sys, {module}; print(sorted(m for m in sys.modules if m.startswith('pydantic')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]", f"{module} imports pydantic"
