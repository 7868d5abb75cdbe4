"""`zicha --version` and `zicha doctor`: what is installed and what is wrong, in Chinese."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from click.testing import CliRunner

from tui.cli import main

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "answers.yaml"


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_version() -> None:
    from importlib.metadata import version

    result = run("--version")
    assert result.exit_code == 0
    assert result.output.strip() == f"zicha {version('zicha')}"


def test_doctor_on_a_new_home_creates_nothing(tmp_path: Path) -> None:
    home = tmp_path / "新 目录"
    result = run("--home", str(home), "doctor")
    assert result.exit_code == 0, result.output
    assert "尚未创建" in result.output and "没有发现问题" in result.output
    assert "[正常] SQLite" in result.output and "FTS5" in result.output
    assert not home.exists()


def test_doctor_counts_reports_and_library(tmp_path: Path) -> None:
    home = tmp_path / "home"
    assert run("--home", str(home), "report", "new", "--from", str(EXAMPLE)).exit_code == 0
    assert run("--home", str(home), "kb", "search", "缴费基数").exit_code == 0
    before = {p.name: p.stat().st_mtime_ns for p in home.iterdir()}
    result = run("--home", str(home), "doctor")
    assert result.exit_code == 0, result.output
    assert "1 份报告" in result.output
    assert "[正常] 法规库" in result.output and "条条文" in result.output
    assert {p.name: p.stat().st_mtime_ns for p in home.iterdir() if p.name in before} == before


def test_doctor_names_a_damaged_database_and_what_to_do(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / "zicha.db").write_bytes(b"this is not a database" * 100)
    result = run("--home", str(home), "doctor")
    assert result.exit_code == 1
    assert "[问题] 报告库" in result.output and "备份" in result.output
    assert "发现 1 个问题" in result.output
    assert (home / "zicha.db").read_bytes() == b"this is not a database" * 100


def test_doctor_names_a_newer_schema(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    conn = sqlite3.connect(home / "knowledge.db")
    conn.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
    conn.execute("INSERT INTO schema_version VALUES (999)")
    conn.commit()
    conn.close()
    result = run("--home", str(home), "doctor")
    assert result.exit_code == 1
    assert "[问题] 法规库" in result.output and "请升级 zicha" in result.output


def test_doctor_without_libreoffice_says_which_package(monkeypatch, tmp_path) -> None:
    import tui.cli.doctor_cmd as doctor

    # The same lookup the PDF export uses: a ZICHA_SOFFICE that names no file finds nothing.
    monkeypatch.setenv("ZICHA_SOFFICE", str(tmp_path / "no-soffice"))
    (finding,) = doctor.check_pdf()
    assert finding.level == "note" and "libreoffice-writer" in finding.text


def test_doctor_finds_libreoffice_where_the_pdf_export_does(monkeypatch, tmp_path) -> None:
    import tui.cli.doctor_cmd as doctor

    soffice = tmp_path / "LibreOffice" / "soffice"
    soffice.parent.mkdir()
    soffice.write_text("")
    monkeypatch.setenv("ZICHA_SOFFICE", str(soffice))
    (finding,) = doctor.check_pdf()
    assert finding.level == "ok" and str(soffice) in finding.text
