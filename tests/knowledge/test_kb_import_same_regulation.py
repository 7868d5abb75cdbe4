"""The same regulation in two files (.docx and .pdf, a GBK .txt copy): imported once, and the
second file says in Chinese which file already holds it, so no search shows an article twice."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from kb_docs import FIXTURE_NUMBER, FIXTURE_REGULATION, pdf_bytes, write_docx

from knowledge.library import Library

SHORT = [
    "某市社会保险基金财务管理办法",
    "某财社〔2023〕5号",
    "第一章 总则",
    "第一条 为规范社会保险基金财务管理，制定本办法。",
    "第二条 基金实行收支两条线管理，专款专用，任何单位不得挤占挪用。",
    "第三条 财务科室每月十日前取得银行对账单，编制余额调节表。",
]


def _imported(lib: Library) -> list:
    return [d for d in lib.documents() if not d.is_starter]


def test_pdf_of_an_imported_docx_is_skipped_and_names_the_docx(
    kb_lib: Library, tmp_path: Path
) -> None:
    docx_path = write_docx(tmp_path / "财务办法.docx", "\n".join(SHORT))
    pdf_path = tmp_path / "财务办法 扫描版.pdf"
    pdf_path.write_bytes(pdf_bytes(SHORT))
    assert kb_lib.import_paths([docx_path]).outcomes[0].status == "imported"
    [doc] = _imported(kb_lib)

    [outcome] = kb_lib.import_paths([pdf_path]).outcomes
    assert outcome.status == "duplicate"
    assert outcome.message.startswith(
        "财务办法 扫描版.pdf：与已导入的 财务办法.docx 是同一份法规（某财社〔2023〕5号），已跳过"
    )
    assert f"zicha kb remove {doc.id}" in outcome.message
    assert [d.source_path for d in _imported(kb_lib)] == [str(docx_path.resolve())]
    citations = [h.citation for h in kb_lib.search("收支两条线 专款专用")]
    assert citations.count("《某市社会保险基金财务管理办法》（某财社〔2023〕5号）第二条") == 1


def test_both_formats_in_one_folder_keep_the_first(kb_lib: Library, tmp_path: Path) -> None:
    folder = tmp_path / "法规 2023"
    folder.mkdir()
    write_docx(folder / "a 财务办法.docx", "\n".join(SHORT))
    (folder / "b 财务办法.pdf").write_bytes(pdf_bytes(SHORT))
    result = kb_lib.import_paths([folder])
    assert [o.status for o in result.outcomes] == ["imported", "duplicate"]
    assert result.outcomes[1].message == (
        "b 财务办法.pdf：与本次导入的 a 财务办法.docx 是同一份法规（某财社〔2023〕5号），已跳过。"
    )
    assert len(_imported(kb_lib)) == 1
    assert "未变 1 个" in result.summary()


def test_same_title_without_number_and_nearly_same_text_is_a_duplicate(
    kb_lib: Library, tmp_path: Path
) -> None:
    lines = [line for line in SHORT if "〔" not in line]
    first = tmp_path / "办法.txt"
    first.write_text("\n".join(lines), encoding="utf-8")
    # the same text as a GBK copy, with other line breaks and spacing
    second = tmp_path / "办法（另存）.txt"
    second.write_bytes(("\n\n".join(lines).replace("，", "， ") + "\n").encode("gbk"))
    kb_lib.import_paths([first])
    [outcome] = kb_lib.import_paths([second]).outcomes
    assert outcome.status == "duplicate"
    assert "与已导入的 办法.txt 是同一份法规（《某市社会保险基金财务管理办法》）" in outcome.message


def test_a_revised_version_with_the_same_title_is_imported(kb_lib: Library, tmp_path: Path) -> None:
    old = tmp_path / "2023.txt"
    old.write_text("\n".join(SHORT), encoding="utf-8")
    revised = [line.replace("〔2023〕5号", "〔2025〕9号") for line in SHORT[:4]] + [
        "第二条 基金纳入社会保障基金财政专户，实行收支两条线管理。",
        "第三条 收入户资金每月底前全额划入财政专户。",
        "第四条 支出户只接收财政专户拨入的资金。",
    ]
    new = tmp_path / "2025.txt"
    new.write_text("\n".join(revised), encoding="utf-8")
    draft = [SHORT[0], SHORT[2], SHORT[3], "第二条 各项基金分别建账、分别核算。", "第三条 丙。"]
    no_number = tmp_path / "征求意见稿.txt"
    no_number.write_text("\n".join(draft), encoding="utf-8")
    result = kb_lib.import_paths([old, new])
    assert [o.status for o in result.outcomes] == ["imported", "imported"]
    # same title, no 文号, text changed by whole articles: another version, not a copy
    assert kb_lib.import_paths([no_number]).outcomes[0].status == "imported"
    assert len(_imported(kb_lib)) == 3


def test_a_changed_file_at_the_same_path_is_still_updated(kb_lib: Library, tmp_path: Path) -> None:
    path = tmp_path / "办法.txt"
    path.write_text("\n".join(SHORT), encoding="utf-8")
    kb_lib.import_paths([path])
    path.write_text("\n".join([*SHORT, "第四条 本办法自印发之日起施行。"]), encoding="utf-8")
    [outcome] = kb_lib.import_paths([path]).outcomes
    assert outcome.status == "replaced" and outcome.chunks == 4


@pytest.mark.slow
def test_libreoffice_pdf_and_gbk_text_of_the_imported_docx_are_skipped(
    kb_lib: Library, tmp_path: Path, regulation_docx_and_pdf: tuple[Path, Path]
) -> None:
    src, pdf = (Path(shutil.copy(p, tmp_path)) for p in regulation_docx_and_pdf)
    gbk = tmp_path / "实施细则.txt"
    gbk.write_bytes(FIXTURE_REGULATION.encode("gbk"))
    assert kb_lib.import_paths([src]).outcomes[0].status == "imported"
    result = kb_lib.import_paths([pdf, gbk])
    assert [o.status for o in result.outcomes] == ["duplicate", "duplicate"]
    assert all(
        f"与已导入的 细则.docx 是同一份法规（{FIXTURE_NUMBER}）" in o.message
        for o in result.outcomes
    )
    hits = kb_lib.search("缴费基数核定")
    assert len({h.citation for h in hits}) == len(hits)


def test_two_regulations_whose_notices_cite_one_national_number_are_both_imported(
    kb_lib: Library, tmp_path: Path
) -> None:
    def county(name: str) -> str:
        return (
            f"{name}人力资源和社会保障局\n关于印发{name}社会保险稽核办法的通知\n各乡镇：\n"
            "为贯彻《社会保险稽核办法》（劳社部发〔2003〕16号），现将本办法印发给你们。\n"
            f"第一条 为规范{name}社会保险稽核工作，制定本办法。\n"
            f"第二条 {name}社会保险经办机构每年制定稽核计划，对缴费基数开展稽核。\n"
        )

    for name in ("甲县", "乙县"):
        (tmp_path / f"{name}.txt").write_text(county(name), encoding="utf-8")
    result = kb_lib.import_paths([tmp_path / "甲县.txt", tmp_path / "乙县.txt"])
    assert [o.status for o in result.outcomes] == ["imported", "imported"]
    docs = sorted(_imported(kb_lib), key=lambda d: d.title)
    assert [(d.title, d.doc_number) for d in docs] == [
        ("乙县社会保险稽核办法", None),  # the cited 文号 is not theirs
        ("甲县社会保险稽核办法", None),
    ]
