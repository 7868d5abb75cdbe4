"""The draft view shows exactly the paragraphs the .docx has, in both numbering styles (issue 9)."""

from __future__ import annotations

from pathlib import Path

import docx
from tui_helpers import settle

from exports.writer import export_report
from report.models import Point
from tui.app import ZichaApp
from tui.screens.draft import DraftScreen
from tui.widgets.draft_blocks import BlockItem, DraftView


def docx_paragraphs(path: Path) -> list[str]:
    """Non-empty body paragraphs; a title broken over lines is one paragraph."""
    return [p.text.replace("\n", "") for p in docx.Document(str(path)).paragraphs if p.text]


async def test_draft_view_paragraphs_equal_docx_in_both_styles(
    home: Path, store, example_report, tmp_path: Path
) -> None:
    # a short one-sentence answer and a point with a short lead sentence
    org = example_report.section("organization").points
    org.append(Point(text="明确岗位职责", status="符合", custom=True))
    org.append(Point(text="组织机构健全。内设六个科室，职责均已成文。", status="符合", custom=True))
    report = store.create(example_report)
    app = ZichaApp(home, resume=False)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = DraftScreen(report.id)
        await app.push_screen(screen)
        await settle(pilot)
        for numbering in ("runin", "headings"):
            if screen.numbering != numbering:
                await pilot.press("n")
                await settle(pilot)
            items = [i for i in screen.query_one(DraftView).children if isinstance(i, BlockItem)]
            shown = [i.block.text for i in items]
            out = export_report(report, tmp_path / f"{numbering}.docx", numbering=numbering)
            assert shown == docx_paragraphs(out), numbering
            # every point is one paragraph: the short answer is a numbered sentence, not a heading
            for p in report.section("organization").points:
                assert sum(i.block.point_id == p.id for i in items) == 1
            if numbering == "headings":
                lone = next(t for t in shown if t.endswith("明确岗位职责。"))
                assert lone.startswith("（") and lone.endswith("）明确岗位职责。")
                lead = next(i for i in items if "组织机构健全。" in i.block.text)
                assert lead.block.lead == "组织机构健全。"
                assert str(lead.query_one(".block-text").render()).endswith(
                    "组织机构健全。内设六个科室，职责均已成文。"
                )
