"""Opening zicha.db: damaged, foreign or empty files are refused untouched; read-only commands
never create or migrate; permissions are tightened with a notice."""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from report.db import MIGRATIONS, open_db
from report.errors import ZichaError
from report.store import ReportStore
from tui.cli import main

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "answers.yaml"
pytestmark = pytest.mark.sqlite_only("the open checks of the zicha.db file itself")

READ_COMMANDS = (("report", "list"), ("audit", "verify"), ("review", "list"), ("user", "list"))


def zicha(home: Path, *args: str):
    return CliRunner().invoke(main, ["--home", str(home), *args])


def test_read_only_commands_do_not_create_a_database(home):
    for args in READ_COMMANDS:
        r = zicha(home, *args)
        assert "Traceback" not in r.output
    assert not (home / "zicha.db").exists()


@pytest.mark.parametrize("stale_wal", [False, True])
def test_zero_byte_database_is_refused_untouched(home, stale_wal):
    home.mkdir()
    (home / "zicha.db").write_bytes(b"")
    if stale_wal:
        (home / "zicha.db-wal").write_bytes(b"\x37\x7f\x06\x82" + b"\0" * 28)
    for args in (*READ_COMMANDS, ("report", "new", "--from", str(EXAMPLE))):
        r = zicha(home, *args)
        assert r.exit_code == 1 and "空文件" in r.output, (args, r.output)
    assert (home / "zicha.db").read_bytes() == b""


def test_foreign_file_is_refused_untouched(home):
    home.mkdir()
    junk = b"PK\x03\x04 this is a zip, not a database" * 10
    (home / "zicha.db").write_bytes(junk)
    r = zicha(home, "report", "new", "--from", str(EXAMPLE))
    assert r.exit_code == 1 and "不是 zicha 的数据文件" in r.output
    assert (home / "zicha.db").read_bytes() == junk


def test_foreign_sqlite_database_is_refused_untouched(home):
    home.mkdir()
    conn = sqlite3.connect(home / "zicha.db")
    conn.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
    conn.commit()
    conn.close()
    before = (home / "zicha.db").read_bytes()
    r = zicha(home, "report", "new", "--from", str(EXAMPLE))
    assert r.exit_code == 1 and "不是 zicha 的数据文件" in r.output
    assert (home / "zicha.db").read_bytes() == before


def test_damaged_database_is_refused_for_writing(home):
    assert zicha(home, "report", "new", "--from", str(EXAMPLE)).exit_code == 0
    db = home / "zicha.db"
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    data = bytearray(db.read_bytes())
    page = 4096
    for i in range(page * 2 + 100, len(data), 211):  # pages after the schema, header kept
        data[i] ^= 0xFF
    db.write_bytes(bytes(data))
    before = db.read_bytes()
    r = zicha(home, "report", "new", "--from", str(EXAMPLE))
    assert r.exit_code == 1 and "错误" in r.output and "Traceback" not in r.output
    assert db.read_bytes() == before


def test_read_only_command_does_not_migrate_an_old_file(tmp_path):
    path = tmp_path / "zicha.db"
    open_db(path, MIGRATIONS[:4]).close()
    with pytest.raises(ZichaError, match="结构版本"):
        open_db(path, readonly=True)
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT max(version) FROM schema_version").fetchone()[0] == 4
    conn.close()


def test_loose_permissions_are_tightened_with_a_notice(home):
    home.mkdir(mode=0o755)
    os.chmod(home, 0o755)
    ReportStore.open(home).close()
    os.chmod(home / "zicha.db", 0o644)
    r = zicha(home, "report", "new", "--from", str(EXAMPLE))
    assert r.exit_code == 0, r.output
    assert "权限" in r.output
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    assert stat.S_IMODE((home / "zicha.db").stat().st_mode) == 0o600


def test_new_data_home_is_private_under_a_loose_umask(home):
    old = os.umask(0o022)
    try:
        assert zicha(home, "report", "new", "--from", str(EXAMPLE)).exit_code == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    assert stat.S_IMODE((home / "zicha.db").stat().st_mode) == 0o600


needs_non_root = pytest.mark.skipif(
    os.name != "posix" or os.geteuid() == 0, reason="root can write read-only files"
)


@needs_non_root
def test_read_only_file_has_its_own_message(home):
    assert zicha(home, "report", "new", "--from", str(EXAMPLE)).exit_code == 0
    os.chmod(home / "zicha.db", 0o400)
    r = zicha(home, "report", "new", "--from", str(EXAMPLE))
    assert r.exit_code == 1 and "数据文件" in r.output and "只读" in r.output


@needs_non_root
def test_read_only_folder_has_its_own_message(home):
    assert zicha(home, "report", "new", "--from", str(EXAMPLE)).exit_code == 0
    os.chmod(home, 0o500)
    try:
        r = zicha(home, "report", "new", "--from", str(EXAMPLE))
        assert r.exit_code == 1 and "数据目录" in r.output and "只读" in r.output
    finally:
        os.chmod(home, 0o700)


def test_opening_a_second_store_keeps_the_first_ones_writes(home):
    """The open checks never open() the file: closing a plain descriptor of zicha.db drops
    every POSIX lock this process's SQLite connections hold, so another process closing its
    connection then deletes the live -wal and later writes vanish (found by the kill -9 test)."""
    first = ReportStore.open(home)
    try:
        rid = _a_report(first)
        first.set_state(rid, "interview.unsent", "一")
        ReportStore.open(home).close()  # the TUI opens several stores in one process
        ReportStore.open(home, readonly=True).close()
        assert _read_in_another_process(home / "zicha.db") == "一"
        first.set_state(rid, "interview.unsent", "二")
        assert _read_in_another_process(home / "zicha.db") == "二"
        assert (home / "zicha.db-wal").exists()
    finally:
        first.close()


def _read_in_another_process(db: Path) -> str:
    import subprocess
    import sys

    code = (
        "import sqlite3, sys\n"
        "c = sqlite3.connect(sys.argv[1])\n"
        "row = c.execute(\"SELECT value FROM report_state WHERE key = 'interview.unsent'\")"
        ".fetchone()\n"
        "c.close()\n"
        "sys.stdout.buffer.write((row[0] if row else '').encode('utf-8'))\n"
    )
    out = subprocess.run([sys.executable, "-c", code, str(db)], capture_output=True, check=True)
    return out.stdout.decode("utf-8")


def _a_report(store: ReportStore) -> int:
    from report.answers import load_answers

    return store.create(load_answers(EXAMPLE).new_report()).id or 0
