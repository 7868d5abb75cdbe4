"""Read-only inspection of a zicha SQLite file, for `zicha doctor`.

Opens with mode=ro so that diagnosing never creates, migrates or repairs anything.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from pydantic import BaseModel


class DbHealth(BaseModel):
    path: str
    exists: bool
    size_bytes: int = 0
    schema_version: int | None = None
    expected_version: int
    counts: dict[str, int] = {}
    problem: str | None = None  # Chinese, says what to do

    @property
    def ok(self) -> bool:
        return self.exists and self.problem is None


def inspect_sqlite(
    path: Path, expected_version: int, counts: dict[str, str], what: str
) -> DbHealth:
    """counts: label -> table name to count rows of. what: 报告库 / 法规库, for messages."""
    health = DbHealth(path=str(path), exists=path.is_file(), expected_version=expected_version)
    if not health.exists:
        return health
    health.size_bytes = path.stat().st_size
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        health.problem = f"无法以只读方式打开{what}（{exc}），请检查文件权限。"
        return health
    try:
        check = conn.execute("PRAGMA quick_check").fetchone()[0]
        if check != "ok":
            health.problem = f"{what}已损坏（{check}），请用备份恢复。"
            return health
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "schema_version" in tables:
            row = conn.execute("SELECT max(version) FROM schema_version").fetchone()
            health.schema_version = int(row[0] or 0)
        for label, table in counts.items():
            if table in tables:
                health.counts[label] = int(
                    conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
                )
    except sqlite3.DatabaseError as exc:
        health.problem = f"{what}不是 zicha 的数据文件或已损坏（{exc}），请用备份恢复。"
        return health
    finally:
        conn.close()
    if health.schema_version is None:
        health.problem = f"{what}中没有结构版本信息，可能不是 zicha 的数据文件。"
    elif health.schema_version > expected_version:
        health.problem = (
            f"{what}由更新版本的 zicha 创建（结构版本 {health.schema_version}，"
            f"本程序只认识到 {expected_version}），请升级 zicha。"
        )
    return health
