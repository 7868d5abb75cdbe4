"""What WPS needs to show the document as Word does. The rules (each checked by a test):

1. No theme-font references (w:asciiTheme, w:hAnsiTheme, w:eastAsiaTheme, w:cstheme) in any
   WordprocessingML part: WPS misses the theme's fonts or falls back to a Japanese font.
2. Every w:rFonts names w:ascii, w:hAnsi and w:eastAsia explicitly.
3. The theme's own major/minor fonts (latin, ea, Hans) are the profile's CJK fonts.
4. Word 2010's stylesWithEffects.xml (a second copy of the styles, theme references and all)
   is left out.
5. Every table has w:tblW in twips and a w:tblGrid whose w:gridCol widths add up to it (WPS
   reads the grid, Word the table width).
6. Every font used is in the font table with the GB2312 charset and an altName to fall back to.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from . import layout as L
from .docx_xml import W

if TYPE_CHECKING:
    from docx.document import Document

THEME_ATTRS = (f"{W}asciiTheme", f"{W}hAnsiTheme", f"{W}eastAsiaTheme", f"{W}cstheme")
FONT_SLOTS = (f"{W}ascii", f"{W}hAnsi", f"{W}eastAsia", f"{W}cs")
_WML_PART = re.compile(
    r"/word/(document|styles|numbering|header\d*|footer\d*|footnotes|endnotes)\.xml$"
)


def _wml_parts(doc: Document) -> list[Any]:
    """The XML parts whose runs and styles carry fonts (body, styles, headers, footers, …)."""
    parts = []
    for part in doc.part.package.iter_parts():
        if _WML_PART.search(str(part.partname)) and hasattr(part, "element"):
            parts.append(part.element)
    return parts


def explicit_fonts(root: Any, minor: str, major: str) -> None:
    """Rules 1 and 2 on one XML tree: a theme slot becomes the font it stood for."""
    for rfonts in root.iter(f"{W}rFonts"):
        for attr in THEME_ATTRS:
            theme = rfonts.attrib.pop(attr, None)
            slot = attr.replace("Theme", "").replace("cstheme", "cs")
            if theme is not None and rfonts.get(slot) is None:
                rfonts.set(slot, major if theme.startswith("major") else minor)
        named = next((rfonts.get(s) for s in FONT_SLOTS[:3] if rfonts.get(s)), None) or minor
        for slot in FONT_SLOTS[:3]:
            if not rfonts.get(slot):
                rfonts.set(slot, named)


def _theme_fonts(doc: Document, minor: str, major: str) -> None:
    """Rule 3: the theme names the CJK fonts too, so anything still asking the theme gets them."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from lxml import etree

    try:
        part = doc.part.part_related_by(RT.THEME)
    except KeyError:
        return
    a = "http://schemas.openxmlformats.org/drawingml/2006/main"
    root = etree.fromstring(part.blob)
    for tag, font in (("majorFont", major), ("minorFont", minor)):
        for collection in root.iter(f"{{{a}}}{tag}"):
            for child in collection:
                local = etree.QName(child).localname
                if local in ("latin", "ea") or (
                    local == "font" and child.get("script") in ("Hans", "Hant", "Jpan")
                ):
                    child.set("typeface", font)
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _drop_styles_with_effects(doc: Document) -> None:
    """Rule 4."""
    rels = doc.part.rels
    for rId, rel in list(rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            del rels[rId]


def table_widths(root: Any) -> None:
    """Rule 5 for tables that came with a template: tblW from the grid when it is missing or auto."""
    for tbl in root.iter(f"{W}tbl"):
        grid = tbl.find(f"{W}tblGrid")
        cols = (
            [int(c.get(f"{W}w", "0")) for c in grid.findall(f"{W}gridCol")]
            if grid is not None
            else []
        )
        tblPr = tbl.find(f"{W}tblPr")
        if tblPr is None or not cols or not all(cols):
            continue
        tblW = tblPr.find(f"{W}tblW")
        if tblW is None:
            tblW = tblPr.makeelement(f"{W}tblW")
            # schema order: tblStyle, tblpPr, tblOverlap, bidiVisual, …Band…, tblW
            anchor = None
            for name in (
                "tblStyleColBandSize",
                "tblStyleRowBandSize",
                "bidiVisual",
                "tblOverlap",
                "tblpPr",
                "tblStyle",
            ):
                anchor = tblPr.find(f"{W}{name}")
                if anchor is not None:
                    break
            if anchor is None:
                tblPr.insert(0, tblW)
            else:
                anchor.addnext(tblW)
        if tblW.get(f"{W}type") != "dxa":
            tblW.set(f"{W}type", "dxa")
            tblW.set(f"{W}w", str(sum(cols)))


def register_fonts(doc: Document, lay: L.Layout) -> None:
    """Rule 6: each font with an altName Word/WPS try when it is missing."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from lxml import etree

    part = doc.part.part_related_by(RT.FONT_TABLE)
    w = W[1:-1]
    root = etree.fromstring(part.blob)
    have = {f.get(f"{{{w}}}name") for f in root.findall(f"{{{w}}}font")}
    for spec in lay.font_specs():
        if spec.name in have:
            continue
        font = etree.SubElement(root, f"{{{w}}}font", {f"{{{w}}}name": spec.name})
        if spec.fallbacks:
            etree.SubElement(font, f"{{{w}}}altName", {f"{{{w}}}val": spec.fallbacks[0]})
        etree.SubElement(font, f"{{{w}}}charset", {f"{{{w}}}val": "86"})  # GB2312
        etree.SubElement(font, f"{{{w}}}family", {f"{{{w}}}val": "auto"})
        etree.SubElement(font, f"{{{w}}}pitch", {f"{{{w}}}val": "variable"})
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def make_wps_safe(doc: Document, lay: L.Layout) -> None:
    minor = lay.fonts["body"]
    major = lay.fonts["heading1"]
    for root in _wml_parts(doc):
        explicit_fonts(root, minor, major)
        table_widths(root)
    _theme_fonts(doc, minor, major)
    _drop_styles_with_effects(doc)
    register_fonts(doc, lay)
