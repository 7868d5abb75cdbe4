"""WPS-safe output: each rule of exports/wps_safe.py checked on the XML of a real export."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from export_helpers import W, make_report
from lxml import etree
from profile_helpers import write_profile

from exports.profile import builtin_profiles, load_profile_file
from exports.writer import export_report

WML_PARTS = re.compile(r"^word/(document|styles|numbering|header\d*|footer\d*)\.xml$")
THEME_ATTRS = ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme")


def exports(tmp_path: Path) -> list[Path]:
    out = []
    for name, profile in builtin_profiles().items():
        out.append(
            export_report(
                make_report(),
                tmp_path / f"{name}.docx",
                profile=profile,
                appendices=("stats", "rectification"),
            )
        )
    upward = load_profile_file(write_profile(tmp_path))
    out.append(export_report(make_report(), tmp_path / "up.docx", profile=upward))
    return out


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> list[Path]:
    return exports(tmp_path_factory.mktemp("wps"))


def parts(path: Path) -> dict[str, etree._Element]:
    with zipfile.ZipFile(path) as zf:
        return {n: etree.fromstring(zf.read(n)) for n in zf.namelist() if WML_PARTS.match(n)}


def test_rule1_no_theme_font_references(files):
    for path in files:
        for name, root in parts(path).items():
            for rfonts in root.iter(f"{W}rFonts"):
                assert not [a for a in THEME_ATTRS if rfonts.get(f"{W}{a}")], (path.name, name)


def test_rule2_every_rfonts_names_ascii_hansi_eastasia(files):
    for path in files:
        for name, root in parts(path).items():
            for rfonts in root.iter(f"{W}rFonts"):
                for slot in ("ascii", "hAnsi", "eastAsia"):
                    assert rfonts.get(f"{W}{slot}"), (path.name, name, slot)


def test_rule3_theme_fonts_are_the_profiles_cjk_fonts(files):
    a = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    for path in files:
        with zipfile.ZipFile(path) as zf:
            theme = etree.fromstring(zf.read("word/theme/theme1.xml"))
        major = theme.find(f".//{a}majorFont")
        minor = theme.find(f".//{a}minorFont")
        for coll in (major, minor):
            assert coll.find(f"{a}latin").get("typeface")
            hans = next(f for f in coll.findall(f"{a}font") if f.get("script") == "Hans")
            assert hans.get("typeface") == coll.find(f"{a}ea").get("typeface")
        assert "仿宋" in minor.find(f"{a}ea").get("typeface")
        assert "黑体" in major.find(f"{a}ea").get("typeface")


def test_rule4_no_styles_with_effects(files):
    for path in files:
        with zipfile.ZipFile(path) as zf:
            names = zf.namelist()
            rels = zf.read("word/_rels/document.xml.rels").decode()
        assert "word/stylesWithEffects.xml" not in names
        assert "stylesWithEffects" not in rels


def test_rule5_tables_have_tblw_and_gridcol_that_agree(files):
    seen = 0
    for path in files:
        root = parts(path)["word/document.xml"]
        for tbl in root.iter(f"{W}tbl"):
            seen += 1
            tblw = tbl.find(f"{W}tblPr/{W}tblW")
            assert tblw.get(f"{W}type") == "dxa"
            cols = [int(c.get(f"{W}w")) for c in tbl.findall(f"{W}tblGrid/{W}gridCol")]
            assert cols and all(cols) and sum(cols) == int(tblw.get(f"{W}w"))
            for tr in tbl.findall(f"{W}tr"):
                widths = [
                    int(tc.find(f"{W}tcPr/{W}tcW").get(f"{W}w")) for tc in tr.findall(f"{W}tc")
                ]
                assert sum(widths) == sum(cols)
            assert tbl.find(f"{W}tblPr/{W}tblLayout").get(f"{W}type") == "fixed"
    assert seen == 4  # two appendix tables under each built-in profile


def test_rule6_every_font_used_is_in_the_font_table_with_fallback(files):
    for path in files:
        with zipfile.ZipFile(path) as zf:
            table = etree.fromstring(zf.read("word/fontTable.xml"))
        listed = {f.get(f"{W}name"): f for f in table.findall(f"{W}font")}
        used = {
            rf.get(f"{W}eastAsia")
            for root in parts(path).values()
            for rf in root.iter(f"{W}rFonts")
        }
        for font in used:
            assert font in listed, (path.name, font)
        for font in used - {"Times New Roman", "Calibri"}:
            el = listed[font]
            if "GB2312" in font or "_GBK" in font or font in ("黑体", "方正小标宋简体"):
                assert el.find(f"{W}altName") is not None, font
                assert el.find(f"{W}charset").get(f"{W}val") == "86"


def test_python_docx_default_template_had_these_problems():
    """The rules are not vacuous: python-docx's own template breaks 1, 2 and 4."""
    import docx

    doc = docx.Document()
    styles = doc.styles.element
    assert any(rf.get(f"{W}{a}") for rf in styles.iter(f"{W}rFonts") for a in THEME_ATTRS)
    assert any(r.reltype.endswith("/stylesWithEffects") for r in doc.part.rels.values())
