"""Hostile and clumsy input gets a Chinese message and exit 1 or 2, never a traceback, and
nothing is written. Includes property tests that feed random bytes and random YAML."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from report.store import ReportStore
from tui.cli import main

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "answers.yaml"


def zicha(home: Path, *args: str, **kw):
    return CliRunner().invoke(main, ["--home", str(home), *args], **kw)


def _no_traceback(result) -> None:
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception


def _report_count(home: Path) -> int:
    db = home / "zicha.db"
    if not db.exists():
        return 0
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT count(*) FROM reports").fetchone()[0]
    finally:
        conn.close()


def _answers(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _example_with(line_from: str, line_to: str) -> str:
    text = EXAMPLE.read_text(encoding="utf-8")
    assert line_from in text
    return text.replace(line_from, line_to, 1)


CASES = {
    "year 1999": (("year: 2026", "year: 1999"), "2000 至 2100"),
    "year true": (("year: 2026", "year: true"), "2000 至 2100"),
    "lone surrogate": (("opening: null", 'opening: "\\ud800"'), "无法保存的字符"),
    "terminal escape": (("opening: null", 'opening: "红\\e[31m字"'), "控制字符"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_bad_answers_files_are_refused_in_chinese(home, tmp_path, case):
    (old, new), words = CASES[case]
    path = _answers(tmp_path, "a.yaml", _example_with(old, new))
    r = zicha(home, "report", "new", "--from", str(path))
    _no_traceback(r)
    assert r.exit_code == 1 and words in r.output and "错误：" in r.output
    assert _report_count(home) == 0


def test_deep_nesting_is_refused(home, tmp_path):
    path = _answers(tmp_path, "deep.yaml", "unit: " + "[" * 3000 + "]" * 3000 + "\n")
    r = zicha(home, "report", "new", "--from", str(path))
    _no_traceback(r)
    assert r.exit_code == 1 and "嵌套层数过多" in r.output
    assert _report_count(home) == 0


def test_too_many_points_in_a_section_is_refused(home, tmp_path):
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    data["sections"]["supervision"] = [{"text": f"第{i}条做法。"} for i in range(501)]
    path = _answers(tmp_path, "many.yaml", yaml.safe_dump(data, allow_unicode=True))
    r = zicha(home, "report", "new", "--from", str(path))
    _no_traceback(r)
    assert r.exit_code == 1 and "500" in r.output
    assert _report_count(home) == 0


def test_overlong_answer_is_refused(home, tmp_path):
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    data["sections"]["organization"][0]["text"] = "很长的回答。" * 2000
    path = _answers(tmp_path, "long.yaml", yaml.safe_dump(data, allow_unicode=True))
    r = zicha(home, "report", "new", "--from", str(path))
    _no_traceback(r)
    assert r.exit_code == 1 and "太长" in r.output
    assert _report_count(home) == 0


def test_section_with_a_thousand_points_exports(tmp_path):
    from report.text import chinese_numeral

    assert chinese_numeral(1000) == "一千" and chinese_numeral(1010) == "一千零一十"


def test_output_name_over_255_bytes_is_refused(home, tmp_path):
    assert zicha(home, "report", "new", "--from", str(EXAMPLE)).exit_code == 0
    target = tmp_path / ("长" * 90 + ".docx")
    r = zicha(home, "export", "1", "-o", str(target))
    _no_traceback(r)
    assert r.exit_code == 1 and "文件名太长" in r.output


def test_unexpected_error_gives_chinese_line_and_a_log_file(home, monkeypatch):
    import report.store

    def boom(self):
        raise RuntimeError("simulated bug")

    assert zicha(home, "report", "new", "--from", str(EXAMPLE)).exit_code == 0
    monkeypatch.setattr(report.store.ReportStore, "list", boom)
    r = zicha(home, "report", "list")
    _no_traceback(r)
    assert r.exit_code == 1 and "程序内部出错" in r.output
    logs = list((home / "logs").glob("zicha-error-*.log"))
    assert len(logs) == 1 and str(logs[0]) in r.output
    assert "RuntimeError: simulated bug" in logs[0].read_text(encoding="utf-8")
    assert "simulated bug" not in r.output


def test_bit_flipped_database_is_a_chinese_message(home):
    assert zicha(home, "report", "new", "--from", str(EXAMPLE)).exit_code == 0
    db = home / "zicha.db"
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    data = bytearray(db.read_bytes())
    for i in range(200, len(data), 97):  # flip bits all over the file, header kept
        data[i] ^= 0x5A
    db.write_bytes(bytes(data))
    for args in (("report", "list"), ("report", "show", "1"), ("audit", "verify")):
        r = zicha(home, *args)
        _no_traceback(r)
        assert r.exit_code == 1 and "错误" in r.output, (args, r.output)


@pytest.mark.slow
def test_full_disk_on_stdout_is_one_chinese_line(home):
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full on this system")
    ReportStore.open(home).close()
    env = {**os.environ, "ZICHA_HOME": str(home)}
    with open("/dev/full", "w") as full:
        proc = subprocess.run(
            [sys.executable, "-c", "from tui.cli import run; run()", "report", "list"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            timeout=120,
        )
    assert proc.returncode == 1
    assert "Exception ignored" not in proc.stderr and "Traceback" not in proc.stderr
    assert "磁盘已满" in proc.stderr


# --- property tests ---------------------------------------------------------------------------
PROPERTY = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@PROPERTY
@given(raw=st.binary(max_size=400))
def test_random_bytes_as_answers_file_never_crash(tmp_path, raw):
    home = tmp_path / "h"
    path = tmp_path / "random.yaml"
    path.write_bytes(raw)
    for args in (("report", "new", "--from", str(path)),):
        r = zicha(home, *args)
        _no_traceback(r)
        assert r.exit_code in (0, 1, 2)
        assert "程序内部出错" not in r.output, r.output


_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True),
    st.text(max_size=30),
)
_yaml_values = st.recursive(
    _scalars,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                [
                    "unit",
                    "year",
                    "addressee",
                    "basis",
                    "sections",
                    "text",
                    "status",
                    "title",
                    "date",
                    "organization",
                    "rectification",
                    "due",
                    "x",
                ]
            ),
            children,
            max_size=5,
        )
    ),
    max_leaves=20,
)


@PROPERTY
@given(value=_yaml_values)
def test_random_yaml_as_answers_file_never_crash(tmp_path, value):
    home = tmp_path / "h"
    path = tmp_path / "random.yaml"
    path.write_text(yaml.safe_dump(value, allow_unicode=True), encoding="utf-8")
    r = zicha(home, "report", "new", "--from", str(path))
    _no_traceback(r)
    assert r.exit_code in (0, 1, 2)
    assert "程序内部出错" not in r.output, r.output


@PROPERTY
@given(args=st.lists(st.text(max_size=12), min_size=1, max_size=4))
def test_random_arguments_never_crash(tmp_path, args):
    home = tmp_path / "h"
    for head in (["report", "show"], ["audit", "verify", "--anchor"], ["kb", "search"], ["export"]):
        r = zicha(home, *head, *args)
        _no_traceback(r)
        assert r.exit_code in (0, 1, 2)
        assert "程序内部出错" not in r.output, (head, args, r.output)
