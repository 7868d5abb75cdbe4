"""Export targets: only a regular file or a new path is written; modes follow the umask."""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from tui.cli import main

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "answers.yaml"


@pytest.fixture
def zicha(home: Path):
    def run(*args: str):
        return CliRunner().invoke(main, ["--home", str(home), *args])

    assert run("report", "new", "--from", str(EXAMPLE)).exit_code == 0
    return run


def test_fifo_is_refused_even_with_force(zicha, tmp_path):
    fifo = tmp_path / "pipe.docx"
    os.mkfifo(fifo)
    r = zicha("export", "1", "-o", str(fifo), "--force")
    assert r.exit_code == 1 and "命名管道" in r.output
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_device_is_refused_even_with_force(zicha):
    r = zicha("export", "1", "-o", "/dev/null", "--force", "--format", "txt")
    assert r.exit_code in (1, 2) and ("设备文件" in r.output or "矛盾" in r.output)
    r = zicha("export", "1", "-o", "/dev/null", "--force")
    assert r.exit_code == 1 and "设备文件" in r.output


def test_dangling_symlink_is_refused_without_force(zicha, tmp_path):
    link = tmp_path / "out.docx"
    link.symlink_to(tmp_path / "elsewhere" / "x.docx")
    r = zicha("export", "1", "-o", str(link))
    assert r.exit_code == 1 and "符号链接" in r.output
    assert link.is_symlink() and not (tmp_path / "elsewhere").exists()


def test_symlink_is_followed_only_when_asked(zicha, tmp_path):
    real = tmp_path / "real.docx"
    real.write_bytes(b"old")
    link = tmp_path / "link.docx"
    link.symlink_to(real)
    r = zicha("export", "1", "-o", str(link), "--force")
    assert r.exit_code == 1 and "--follow-symlinks" in r.output
    assert real.read_bytes() == b"old"
    r = zicha("export", "1", "-o", str(link), "--force", "--follow-symlinks")
    assert r.exit_code == 0, r.output
    assert link.is_symlink() and real.read_bytes()[:2] == b"PK"


def test_format_contradicting_extension_is_a_usage_error(zicha, tmp_path):
    r = zicha("export", "1", "--format", "txt", "-o", str(tmp_path / "x.docx"))
    assert r.exit_code == 2 and "矛盾" in r.output
    assert not (tmp_path / "x.docx").exists()


@pytest.mark.parametrize(("umask", "mode"), [(0o077, 0o600), (0o022, 0o644), (0o027, 0o640)])
def test_export_follows_the_umask(zicha, tmp_path, umask, mode):
    old = os.umask(umask)
    try:
        r = zicha("export", "1", "-o", str(tmp_path / "r.docx"))
    finally:
        os.umask(old)
    assert r.exit_code == 0, r.output
    assert stat.S_IMODE((tmp_path / "r.docx").stat().st_mode) == mode


def test_stale_temp_files_of_a_killed_export_are_cleaned(zicha, tmp_path):
    stale = tmp_path / ".~zicha-abc123.docx.tmp"
    stale.write_bytes(b"half a document")
    old = time.time() - 3600
    os.utime(stale, (old, old))
    fresh = tmp_path / ".~zicha-def456.docx.tmp"  # maybe another export right now: kept
    fresh.write_bytes(b"in progress")
    r = zicha("export", "1", "-o", str(tmp_path / "r.docx"))
    assert r.exit_code == 0, r.output
    assert not stale.exists() and fresh.exists()


@pytest.mark.skipif(os.name == "nt", reason="Windows has no POSIX file modes")
def test_forced_export_keeps_the_replaced_files_mode_and_never_sets_the_umask(
    zicha, tmp_path, monkeypatch
):
    out = tmp_path / "r.docx"
    out.write_bytes(b"old")
    os.chmod(out, 0o664)

    def no_setting(mask):  # setting it to read it races with other threads' files
        raise AssertionError("os.umask() called")

    monkeypatch.setattr(os, "umask", no_setting)
    r = zicha("export", "1", "-o", str(out), "--force")
    assert r.exit_code == 0, r.output
    assert out.read_bytes()[:2] == b"PK"
    assert stat.S_IMODE(out.stat().st_mode) == 0o664
