"""The excerpt panel shows the office's own imported articles before the shipped 要点.

Why this needs the interview's own rule: a point's query lists the official terms of the whole
checklist item in the national wording, and a 要点 summarises a whole part of a national
regulation, so it holds more of those terms than any one local article (ORG-05: 廉政教育 …
职业道德). The library rightly ranks it first for a general search; the officer answering about
the office wants the local rule that binds it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from interview.bank import load_bank
from interview.retrieval import fetch_excerpts
from knowledge.library import Library

LOCAL_RULES = """某县社会保险经办机构内部控制实施细则
第一条 为加强社会保险经办机构内部控制，结合本县实际，制定本细则。
第二条 经办机构每年至少组织两次政策业务培训和一次廉政警示教育，培训情况记入个人档案。
第三条 补缴社会保险费须经科室负责人审批，补缴材料由复核岗逐项核对。
第四条 欠费单位由征缴岗逐月催缴，欠费情况登记台账并按季度报告。
第五条 本细则自印发之日起施行。
"""


@pytest.fixture
def local_library(tmp_path: Path) -> Library:
    path = tmp_path / "某县实施细则.txt"
    path.write_bytes(LOCAL_RULES.encode("gbk"))
    lib = Library(tmp_path / "knowledge.db", semantic_leg=False)
    lib.import_paths([path])
    return lib


@pytest.mark.parametrize(("point", "article"), [("ORG-05", "第二条"), ("BUS-03", "第三条")])
def test_local_article_leads_the_panel_and_a_summary_stays(
    local_library: Library, point: str, article: str
) -> None:
    query = load_bank().get(point).query
    # the library alone puts a national 要点 first for this query
    assert local_library.search(query, 3)[0].is_summary
    excerpts, notice = fetch_excerpts(local_library, query, 3)
    assert notice is None and len(excerpts) == 3
    assert excerpts[0].label == "原文" and excerpts[0].citation.endswith(article)
    assert "要点" in [e.label for e in excerpts]


def test_an_article_matching_far_less_than_the_summary_stays_below(
    local_library: Library,
) -> None:
    # 第一条 shares only 内部控制 with this query: the 要点 keeps the lead
    excerpts, _ = fetch_excerpts(local_library, "不相容岗位 相互分离 内部控制", 3)
    assert excerpts and excerpts[0].label == "要点"
