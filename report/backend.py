"""Where the report store lives, and the connection every report/ module writes SQL against.

Two backends sit behind the same store methods:
- SQLite (report/db.py): zicha.db in the data home, the default for one PC;
- PostgreSQL (report/db_postgres.py): one database shared by the PCs of an office, chosen with
  `--db URL`, the ZICHA_DB environment variable or `[database] url` in config.toml.

report/ modules see a `Conn`: qmark (`?`) parameters, tuples as rows, `insert()` for a new
row's id, `begin_write()` for a transaction that serialises writers. SQL in those modules is
the subset both engines run the same way; what differs (DDL, locking, catalogue queries)
lives in the two backend modules only.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, Protocol

from .errors import ZichaError

DB_ENV = "ZICHA_DB"
CONFIG_FILE = "config.toml"
POSTGRES_SCHEMES = ("postgresql", "postgres", "postgresql+psycopg")


class Cursor(Protocol):
    @property
    def rowcount(self) -> int: ...

    @property
    def description(self) -> Any: ...

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...

    def __iter__(self) -> Iterator[Any]: ...


class Conn(Protocol):
    """What report/ modules may use of a connection (sqlite3's own API, plus four helpers)."""

    @property
    def dialect(self) -> str: ...

    @property
    def in_transaction(self) -> bool: ...

    @property
    def home(self) -> Path | None:
        """The local data home (unit key, anchor file, evidence), None for a bare database."""
        ...

    @property
    def anchor_file(self) -> str:
        """The file in the home that remembers this database's last audit head."""
        ...

    @property
    def missing_table(self) -> tuple[type[Exception], ...]:
        """The error a query on a table that does not exist (yet) raises."""
        ...

    def execute(self, sql: str, parameters: Any = ..., /) -> Cursor: ...

    def executemany(self, sql: str, parameters: Any, /) -> Any: ...

    def insert(self, sql: str, parameters: Sequence[Any]) -> int:
        """Run an INSERT into a table with an `id` column; return the new row's id."""
        ...

    def begin_write(self) -> None:
        """Start a transaction that no other writer runs alongside (SQLite's BEGIN IMMEDIATE,
        PostgreSQL's transaction-scoped advisory lock)."""
        ...

    def commit(self) -> None: ...

    def rollback(self) -> None: ...

    def close(self) -> None: ...

    def table_names(self) -> set[str]: ...


@dataclass(frozen=True)
class StoreTarget:
    """The report store: a SQLite file, or a PostgreSQL URL. `home` is always the local data
    home (the library, the unit key, evidence files and the anchor file stay on the PC)."""

    kind: Literal["sqlite", "postgresql"]
    home: Path
    path: Path | None = None
    url: str | None = None

    @property
    def is_postgres(self) -> bool:
        return self.kind == "postgresql"

    def display(self) -> str:
        """Where, for people: never the password."""
        if self.path is not None:
            return str(self.path)
        return safe_url(self.url or "")

    @classmethod
    def sqlite(cls, path: Path, home: Path | None = None) -> StoreTarget:
        path = Path(path)
        return cls(kind="sqlite", home=home or path.parent, path=path)

    @classmethod
    def parse(cls, where: str | os.PathLike[str], home: Path) -> StoreTarget:
        """A PostgreSQL URL, or a SQLite file path (for `zicha db copy --to`)."""
        text = os.fspath(where)
        if is_postgres_url(text):
            return cls(kind="postgresql", home=home, url=text)
        if "://" in text.split("?")[0][:20]:
            raise ZichaError(
                f"无法识别的数据库地址「{safe_url(text)}」：只支持 postgresql://用户@主机:端口/数据库名"
                "，或一个 SQLite 文件路径。"
            )
        return cls.sqlite(Path(text).expanduser())


def is_postgres_url(text: str) -> bool:
    scheme = text.split("://", 1)[0].lower() if "://" in text else ""
    return scheme in POSTGRES_SCHEMES


def safe_url(url: str) -> str:
    """The URL with any password replaced by ***, without importing SQLAlchemy."""
    if "://" not in url:
        return url
    scheme, rest = url.split("://", 1)
    netloc, sep, tail = rest.partition("/")
    if "@" in netloc:
        userinfo, host = netloc.rsplit("@", 1)
        if ":" in userinfo:
            userinfo = userinfo.split(":", 1)[0] + ":***"
        netloc = f"{userinfo}@{host}"
    # password=… in the query string (libpq accepts it there too)
    if "password=" in tail:
        parts = tail.split("?", 1)
        if len(parts) == 2:
            query = "&".join(
                "password=***" if p.lower().startswith("password=") else p
                for p in parts[1].split("&")
            )
            tail = f"{parts[0]}?{query}"
    return f"{scheme}://{netloc}{sep}{tail}"


def configured_url(home: Path) -> str | None:
    """`[database] url` from config.toml in the data home, if any."""
    section = _config_section(home)
    url = section.get("url")
    if url is None:
        return None
    if not isinstance(url, str) or not url.strip():
        raise ZichaError(
            f"{home / CONFIG_FILE} 中 [database] 的 url 应是一个字符串，"
            '例如 url = "postgresql://zicha@192.168.1.10:5432/zicha"。'
        )
    return url.strip()


def allow_network_filesystem(home: Path) -> bool:
    """`[database] allow_network_filesystem = true`: the explicit override for a shared folder."""
    return _config_section(home).get("allow_network_filesystem") is True


def _config_section(home: Path) -> dict[str, Any]:
    path = home / CONFIG_FILE
    if not path.is_file():
        return {}
    import tomllib

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ZichaError(f"配置文件 {path} 无法读取（{exc}），请改正或删除它。") from exc
    section = data.get("database", {})
    return section if isinstance(section, dict) else {}


def store_target(home: Path, db: str | None = None) -> StoreTarget:
    """--db URL, else $ZICHA_DB, else [database] url in config.toml, else zicha.db in home."""
    from .home import reports_db_path

    url = db or os.environ.get(DB_ENV) or configured_url(home)
    if not url:
        return StoreTarget.sqlite(reports_db_path(home), home)
    target = StoreTarget.parse(url, home)
    if target.kind == "sqlite":
        return StoreTarget.sqlite(target.path or reports_db_path(home), home)
    return target


def connect(
    target: StoreTarget,
    light: bool = False,
    readonly: bool = False,
    notices: list[str] | None = None,
) -> Conn:
    """Open (creating and migrating if needed) the store's database.

    light: for the first screen's cheap reads, PostgreSQL through psycopg alone (SQLAlchemy's
    import is left to the store, after the first screen is up).
    readonly: nothing is created, migrated or written: a SQLite file opens read-only
    (report/db.py open_db), a PostgreSQL session is read-only (db_postgres.py); notices
    collects what the user should be told (permissions tightened, no zicha data yet)."""
    if target.is_postgres:
        from .db_postgres import open_postgres, open_postgres_readonly

        if readonly:
            return open_postgres_readonly(target, notices if notices is not None else [], light)
        return open_postgres(target, light=light)
    from .db import open_db

    assert target.path is not None
    return open_db(target.path, home=target.home, readonly=readonly, notices=notices)
