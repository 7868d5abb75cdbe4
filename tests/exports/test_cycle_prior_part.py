"""上年度问题整改落实情况 in the exported .docx (both numbering styles, before or after the five
areas), no such part without a predecessor, and the 附件清单 at the end."""

from __future__ import annotations

import datetime as dt

import docx
import pytest

from exports.assemble import assemble
from exports.writer import export_report
from report.carry import next_year_report, record_prior_outcome
from report.models import Attachment


@pytest.fixture
def next_year(example_report):
    new = next_year_report(example_report, 1, None, None)
    new.id = 2
    first, second = new.prior_items[0].id, new.prior_items[1].id
    new = record_prior_outcome(new, first, "已完成", "完成3人轮岗", dt.date(2027, 3, 1))
    new = record_prior_outcome(new, second, "未完成", "补缴档案尚在整理", None)
    new.assessment = "总体看，我局内部控制运行有效。"
    return new


def _paragraphs(path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs if p.text.strip()]


@pytest.mark.parametrize("numbering", ["runin", "headings"])
def test_part_comes_first_and_numbering_shifts(next_year, tmp_path, numbering):
    out = export_report(next_year, tmp_path / "r.docx", numbering=numbering)
    paras = _paragraphs(out)
    heads = [p for p in paras if p[:2] in ("一、", "二、", "三、", "四、", "五、", "六、", "七、")]
    assert heads[:3] == ["一、上年度问题整改落实情况", "二、组织机构控制", "三、业务运行控制"]
    assert heads[5] == "六、内部控制的管理和监督"
    body = "\n".join(paras)
    # The example's items are measures with no problem noted: the area is named, the measure
    # is never quoted as if it were the problem.
    assert "针对“加强干部轮岗交流" not in body
    assert (
        "针对上年度自查中组织机构控制方面发现的问题，已整改完成。完成3人轮岗"
        "（完成时间：2027年3月1日）" in body
    )
    assert "整改尚未完成。补缴档案尚在整理；已纳入本年度整改" in body
    if numbering == "runin":
        assert any(p.startswith("一是针对上年度自查中") for p in paras)
    else:
        assert any(p.startswith("（一）针对上年度自查中") or p.startswith("（一）") for p in paras)


def test_layout_option_puts_it_after_the_five_areas(next_year):
    blocks = assemble(next_year, "runin", prior_position="after").blocks
    heads = [b.text for b in blocks if b.kind == "heading1"]
    assert heads[:6] == [
        "一、组织机构控制",
        "二、业务运行控制",
        "三、基金财务控制",
        "四、信息系统控制",
        "五、内部控制的管理和监督",
        "六、上年度问题整改落实情况",
    ]


def test_no_predecessor_no_part(example_report):
    heads = [b.text for b in assemble(example_report).blocks if b.kind == "heading1"]
    assert heads[0] == "一、组织机构控制"
    assert not any("上年度" in h for h in heads)


def test_attachment_list_ends_the_document(next_year, tmp_path):
    a = Attachment(name="轮岗记录.pdf", sha256="a" * 64, size=3)
    b = Attachment(name="会议纪要.docx", sha256="b" * 64, size=3)
    next_year.prior_items[0].attachments = [a]
    next_year.section("organization").points[0].attachments = [b, a]
    paras = _paragraphs(export_report(next_year, tmp_path / "r.docx"))
    assert paras[-3:] == ["附件清单", "1．轮岗记录.pdf", "2．会议纪要.docx"]
    txt = tmp_path / "r.txt"
    export_report(next_year, txt, fmt="txt")
    assert "附件清单" in txt.read_text(encoding="utf-8-sig")


def test_without_attachments_no_list(example_report, tmp_path):
    paras = _paragraphs(export_report(example_report, tmp_path / "r.docx"))
    assert "附件清单" not in paras
