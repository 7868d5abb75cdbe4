"""The overall assessment (总体评价) where REPORT_FORMAT.md puts it, in the draft and the .docx.

REPORT_FORMAT.md, part 5: an overall assessment paragraph after the five areas, before the
rectification section, which is numbered on after the areas (六、); the paragraph has no
heading and no number of its own. The draft showed it as one more paragraph after 五's last
point, nothing saying what it was: the officer read it as part of 内部控制的管理和监督. The draft
now names it with a mark that is not part of the document, and the .docx keeps it a body
paragraph in that place.
"""

from __future__ import annotations

from pathlib import Path

import docx
from snapshot_helpers import screen_lines
from tui_helpers import draft_app, settle

from exports.writer import export_report
from tui.widgets.draft_blocks import ASSESSMENT_MARK, BlockItem, DraftView


def _body(paragraphs: list) -> list[str]:
    return [p.text.replace("\n", "") for p in paragraphs if p.text]


async def test_assessment_between_the_areas_and_rectification_in_draft_and_docx(
    home: Path, store, example_report, tmp_path: Path
) -> None:
    report = store.create(example_report)
    assessment = report.assessment
    assert assessment
    async with draft_app(home, report.id, size=(80, 24)) as (app, pilot, screen):
        view = screen.query_one(DraftView)
        items = [i for i in view.children if isinstance(i, BlockItem)]
        at = next(n for n, i in enumerate(items) if i.block.kind == "assessment")
        # after 五's last paragraph, right before 六、整改意见或建议
        assert items[at - 1].block.section_key == "supervision"
        assert items[at + 1].block.text.startswith("六、")
        # the document's text is the paragraph alone; the mark is only shown
        assert items[at].block.text == assessment
        shown = str(items[at].query_one(".block-text").render())
        assert shown.startswith(ASSESSMENT_MARK + "\n")
        view.index = at
        await settle(pilot)
        lines = [line.strip() for line in screen_lines(app)]
        mark = lines.index(ASSESSMENT_MARK)
        assert lines[mark + 1].startswith(assessment[:10])
        draft = [i.block.text for i in items]

    out = export_report(report, tmp_path / "report.docx")
    doc = docx.Document(str(out))
    paragraphs = [p for p in doc.paragraphs if p.text]
    assert _body(paragraphs) == draft  # the draft shows exactly the document's paragraphs
    texts = _body(paragraphs)
    n = texts.index(assessment)
    assert texts[n + 1].startswith("六、整改")
    assert texts[n - 1] == draft[at - 1]
    para = paragraphs[n]
    # a body paragraph: same style as the points, no outline level (not a heading)
    assert para.style.name == paragraphs[n - 1].style.name
    assert para._p.pPr is None or para._p.pPr.find(docx.oxml.ns.qn("w:outlineLvl")) is None
    assert not any("总体评价" in t for t in texts)
