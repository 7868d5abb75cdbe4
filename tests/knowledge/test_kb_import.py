"""Importing files: formats, bad inputs, re-import, interruption, all-or-nothing documents."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from kb_docs import (
    FIXTURE_REGULATION,
    FIXTURE_TITLE,
    encrypted_pdf_bytes,
    pdf_bytes,
    scanned_pdf_bytes,
    write_docx,
)

from knowledge import index as kb_index
from knowledge import loaders
from knowledge.errors import KnowledgeError, NotFoundError, SchemaTooNewError
from knowledge.library import Library

PDF_LINES = [
    "社会保险基金财务制度",
    "财社〔2017〕144号",
    "第一章 总则",
    "第一条 为规范社会保险基金财务管理，制定本制度。",
    "第二条 基金实行收支两条线管理，专款专用。",
]


def _imported(lib: Library) -> list:
    return [d for d in lib.documents() if not d.is_starter]


def test_mixed_folder_imports_three_and_explains_the_broken_one(
    kb_lib: Library, tmp_path: Path
) -> None:
    folder = tmp_path / "法规"
    (folder / "子目录").mkdir(parents=True)
    docx_path = write_docx(folder / "细则.docx", FIXTURE_REGULATION)
    (folder / "子目录" / "稽核.txt").write_bytes(
        "社会保险稽核办法\n第一条 稽核缴费基数。\n第二条 稽核待遇领取。".encode("gbk")
    )
    (folder / "财务.pdf").write_bytes(pdf_bytes(PDF_LINES))
    (folder / "坏.docx").write_bytes(docx_path.read_bytes()[:2000])
    (folder / "说明.png").write_bytes(b"\x89PNG")  # unsupported types in folders are ignored
    progress = []
    result = kb_lib.import_paths([folder], progress=progress.append)
    assert result.count("imported") == 3
    failed = [o for o in result.outcomes if o.status == "failed"]
    assert [o.message for o in failed] == [
        "坏.docx：Word 文件已损坏或不完整，请用 Word 打开后另存再导入。"
    ]
    assert [p.done for p in progress] == [1, 2, 3, 4] and progress[-1].errors == 1
    docs = {d.title: d for d in _imported(kb_lib)}
    assert docs[FIXTURE_TITLE].doc_number == "某人社发〔2021〕8号"
    assert docs["社会保险基金财务制度"].doc_number == "财社〔2017〕144号"
    assert docs["社会保险稽核办法"].chunks == 2
    hit = kb_lib.search("收支两条线 专款专用")[0]
    assert hit.citation == "《社会保险基金财务制度》（财社〔2017〕144号）第二条"


@pytest.mark.parametrize(
    ("name", "payload", "reason"),
    [
        ("加密.pdf", lambda: encrypted_pdf_bytes(PDF_LINES), "PDF 已加密"),
        ("损坏.pdf", lambda: pdf_bytes(PDF_LINES)[:400], "PDF 文件已损坏或不完整"),
        ("扫描件.pdf", scanned_pdf_bytes, "PDF 没有文字层（可能是扫描件）"),
        ("截断.docx", lambda: b"PK\x03\x04" + b"\x00" * 100, "Word 文件已损坏或不完整"),
        ("二进制.txt", lambda: bytes(range(256)) * 20, "不是文本文件"),
        ("空文件.txt", lambda: b"", "文件是空的"),
        ("空白.md", lambda: b"  \n\n ", "文件是空的"),
        ("数据.xlsx", lambda: b"PK", "不支持的文件类型"),
    ],
)
def test_each_bad_file_gets_one_clear_line_and_others_still_import(
    kb_lib: Library, tmp_path: Path, name: str, payload, reason: str
) -> None:
    bad = tmp_path / name
    bad.write_bytes(payload())
    good = tmp_path / "好.txt"
    good.write_text("某办法\n第一条 甲规定。\n第二条 乙规定。", encoding="utf-8")
    result = kb_lib.import_paths([bad, good])
    by_name = {Path(o.path).name: o for o in result.outcomes}
    assert by_name["好.txt"].status == "imported"
    assert by_name[name].status == "failed"
    assert by_name[name].message.startswith(f"{name}：{reason}")
    assert "\n" not in by_name[name].message
    assert [d.title for d in _imported(kb_lib)] == ["某办法"]


def test_file_over_the_size_limit(kb_lib: Library, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr("knowledge.importer.MAX_FILE_BYTES", 1024 * 1024)
    big = tmp_path / "大文件.txt"
    big.write_text("第一条 甲。\n" * 200_000, encoding="utf-8")
    [outcome] = kb_lib.import_paths([big]).outcomes
    assert outcome.status == "failed"
    assert "超过 1 MB 的上限，请拆分后再导入" in outcome.message
    assert loaders.MAX_FILE_BYTES == 20 * 1024 * 1024  # the stated limit


def test_missing_path_is_reported(kb_lib: Library, tmp_path: Path) -> None:
    [outcome] = kb_lib.import_paths([tmp_path / "没有.txt"]).outcomes
    assert outcome.status == "failed" and "找不到该文件或文件夹" in outcome.message


def test_reimport_unchanged_does_nothing_and_changed_file_replaces_chunks(
    kb_lib: Library, tmp_path: Path
) -> None:
    path = tmp_path / "办法.txt"
    path.write_text("某办法\n第一条 原来的轮岗规定。\n第二条 乙。", encoding="utf-8")
    first = kb_lib.import_paths([path]).outcomes[0]
    assert first.status == "imported"
    assert kb_lib.import_paths([path]).outcomes[0].status == "unchanged"
    copy = tmp_path / "副本.txt"
    copy.write_bytes(path.read_bytes())
    assert kb_lib.import_paths([copy]).outcomes[0].status == "duplicate"
    path.write_text("某办法\n第一条 新的回避规定。\n第二条 乙。\n第三条 丙。", encoding="utf-8")
    second = kb_lib.import_paths([path]).outcomes[0]
    assert second.status == "replaced" and second.chunks == 3
    assert kb_lib.search("轮岗规定") == [] or all(
        "原来" not in h.text for h in kb_lib.search("轮岗规定")
    )
    assert "新的【回避】【规定】" in kb_lib.search("回避规定")[0].highlighted
    assert len(_imported(kb_lib)) == 1
    fts_rows = kb_lib.conn.execute("SELECT count(*) FROM chunks_fts").fetchone()[0]
    chunk_rows = kb_lib.conn.execute("SELECT count(*) FROM chunks").fetchone()[0]
    assert fts_rows == chunk_rows


def test_stop_between_documents_leaves_complete_documents_only(
    kb_lib: Library, tmp_path: Path
) -> None:
    paths = []
    for i in range(4):
        p = tmp_path / f"办法{i}.txt"
        p.write_text(f"办法{i}\n第一条 甲{i}。\n第二条 乙{i}。", encoding="utf-8")
        paths.append(p)
    calls = iter([False, False, True])
    result = kb_lib.import_paths(paths, should_stop=lambda: next(calls))
    assert result.stopped and result.count("imported") == 2
    assert len(result.not_started) == 2
    assert "已按要求中止" in result.summary()
    assert all(d.chunks == 2 for d in _imported(kb_lib))


def test_a_crash_mid_document_writes_nothing_of_it(
    kb_lib: Library, tmp_path: Path, monkeypatch
) -> None:
    path = tmp_path / "办法.txt"
    path.write_text(FIXTURE_REGULATION, encoding="utf-8")
    kb_lib.ensure_starter()
    real = kb_index.insert_chunks

    def failing(conn, meta, source, sha, kind, rows):
        real(conn, meta, source, sha, kind, rows[:5])
        raise RuntimeError("power cut")

    monkeypatch.setattr(kb_index, "insert_chunks", failing)
    with pytest.raises(RuntimeError):
        kb_lib.import_paths([path])
    assert _imported(kb_lib) == []
    n = kb_lib.conn.execute(
        "SELECT count(*) FROM chunks c JOIN documents d ON d.id = c.doc_id WHERE d.kind = 'import'"
    ).fetchone()[0]
    assert n == 0
    fts = kb_lib.conn.execute("SELECT count(*) FROM chunks_fts").fetchone()[0]
    assert fts == kb_lib.conn.execute("SELECT count(*) FROM chunks").fetchone()[0]
    monkeypatch.setattr(kb_index, "insert_chunks", real)
    assert kb_lib.import_paths([path]).outcomes[0].status == "imported"


def test_remove_and_rebuild(kb_with_fixture: Library) -> None:
    lib = kb_with_fixture
    [doc] = _imported(lib)
    starter = [d for d in lib.documents() if d.is_starter]
    with pytest.raises(KnowledgeError, match="内置要点，不能删除"):
        lib.remove(starter[0].id)
    with pytest.raises(NotFoundError, match="没有编号为 9999"):
        lib.remove(9999)
    assert lib.rebuild() == sum(d.chunks for d in lib.documents())
    assert FIXTURE_TITLE in [h.title for h in lib.search("银行存款余额调节表")]
    assert lib.remove(doc.id).title == FIXTURE_TITLE
    assert all(h.title != FIXTURE_TITLE for h in lib.search("银行存款余额调节表"))


def test_starter_library_is_indexed_once(tmp_path: Path) -> None:
    path = tmp_path / "knowledge.db"
    with Library(path) as lib:
        docs = lib.documents()
    with Library(path) as lib:
        assert [d.id for d in lib.documents()] == [d.id for d in docs]
    assert len(docs) >= 7
    assert sum(d.chunks for d in docs) >= 60


def test_newer_schema_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "knowledge.db"
    Library(path).close()
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO schema_version VALUES (99)")
    conn.commit()
    conn.close()
    with pytest.raises(SchemaTooNewError, match="更新版本的 zicha"):
        Library(path)


def test_not_a_database_is_explained(tmp_path: Path) -> None:
    path = tmp_path / "knowledge.db"
    path.write_bytes(b"not sqlite" * 100)
    with pytest.raises(KnowledgeError, match="已损坏或不是 zicha 的法规库"):
        Library(path)


def test_two_identical_files_in_one_import_keep_one_document(
    kb_lib: Library, tmp_path: Path
) -> None:
    # The twin is caught within the run (the snapshot of imported files predates both).
    folder = tmp_path / "法规"
    folder.mkdir()
    text = "某办法\n第一条 甲。\n第二条 乙。"
    (folder / "a.txt").write_text(text, encoding="utf-8")
    (folder / "b.txt").write_text(text, encoding="utf-8")
    result = kb_lib.import_paths([folder])
    assert [o.status for o in result.outcomes] == ["imported", "duplicate"]
    assert "a.txt" in result.outcomes[1].message
    assert len(_imported(kb_lib)) == 1
