"""Control characters (C0/C1 except tab and newline) never reach the report or the screen:
typed in the TUI or piped in line mode, in a comment, in an imported document; and what a
subcommand prints shows them as visible \\xNN instead of acting on the terminal (issue 11)."""

from __future__ import annotations

import re
import subprocess
import sys

from click.testing import CliRunner

from interview.engine import InterviewEngine
from report.limits import clean_text, safe_for_terminal
from report.store import ReportStore
from tui.cli import main

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# A title change, a colour, cursor movement, a bell and a C1 CSI: what a hostile paste holds.
HOSTILE = "我局\x1b]0;pwned\x07按三定方案\x1b[31m设置\x1b[2J5个股室\x9b1m，岗位\x00职责每年修订\r\n"


def _stored_texts(store: ReportStore, report_id: int) -> list[str]:
    report = store.get(report_id)
    return [p.text for s in report.sections for p in s.points]


def test_the_engine_stores_no_control_characters(store, report_id, bank):
    engine = InterviewEngine(store, report_id, bank=bank)
    engine.start()
    engine.save_unsent(HOSTILE)
    assert not CONTROL.search(engine.unsent())
    engine.answer(HOSTILE)
    texts = _stored_texts(store, report_id)
    assert texts and not any(CONTROL.search(t) for t in texts)
    assert "按三定方案" in texts[0] and "5个股室" in texts[0]


def test_clean_and_escape_keep_tab_and_newline():
    assert clean_text("甲\t乙\n丙\x1b[0m\x85") == "甲\t乙\n丙[0m"
    assert safe_for_terminal("甲\x1b[2J\t乙\n") == "甲\\x1b[2J\t乙\n"


def test_line_mode_takes_piped_escapes_as_plain_text(tmp_path):
    home = tmp_path / "home"
    env = {"ZICHA_HOME": str(home), "PATH": "/usr/bin:/bin"}
    new = [sys.executable, "-m", "tui.cli", "report", "new", "--unit", "某县社会保险事业局",
           "--to", "市社会保险事业管理处", "--year", "2026", "--basis-title", "关于开展检查的通知",
           "--basis-number", "某社险函〔2026〕71号"]  # fmt: skip
    made = subprocess.run(new, env=env, capture_output=True, text=True, check=True)
    rid = made.stdout.strip().splitlines()[-1]
    run = subprocess.run(
        [sys.executable, "-m", "tui.cli", "interview", rid],
        input=HOSTILE.replace("\r\n", "\n") + "/退出\n",
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "\x1b" not in run.stdout + run.stderr and "\x9b" not in run.stdout + run.stderr
    assert "Traceback" not in run.stderr
    with ReportStore.open(home) as store:
        texts = _stored_texts(store, int(rid))
    assert any("5个股室" in t for t in texts), run.stdout[-1500:]
    assert not any(CONTROL.search(t) for t in texts)


def test_subcommands_print_stored_escapes_visibly(home, store, report_id):
    """A report written before the input checks (or by another tool) still holds ESC: shown
    as \\x1b, never sent raw to the terminal."""
    report = store.get(report_id)
    report.unit = "某县\x1b]0;pwned\x07社会保险事业局"
    store.conn.execute(
        "UPDATE reports SET body = json_set(body, '$.unit', ?) WHERE id = ?",
        (report.unit, report_id),
    )
    shown = CliRunner().invoke(main, ["--home", str(home), "report", "list"])
    assert shown.exit_code == 0, shown.output
    assert "\x1b" not in shown.output and "\\x1b]0;pwned\\x07" in shown.output


def test_comments_are_stored_without_control_characters(home, blank_report):
    from report import comments, users, workflow
    from report.models import Point

    with ReportStore.open(home) as store:
        users.add_user(store.conn, "admin", "admin", "admin-pass-1", "本机用户")
        users.add_user(store.conn, "zhang", "officer", "zhang-pass-1", "admin")
        users.add_user(store.conn, "li", "supervisor", "li-pass-123", "admin")
        blank_report.section("organization").points.append(
            Point(text="我局按三定方案设5个科室。", control_point="ORG-01", status="符合")
        )
        report = store.create(blank_report, actor="zhang")
        workflow.submit(store, report.id, "zhang")
        made = comments.add_comment(store, report.id or 0, "li", "请补充\x1b[2J轮岗\x9b记录")
    assert made.body == "请补充[2J轮岗记录"


def test_the_store_keeps_no_control_characters_from_any_form(home, blank_report):
    """The new-report form, a CLI option, the draft editor: whatever built the report."""
    blank_report.unit = "某县\x1b[31m社会保险事业局"
    blank_report.addressee = "市社会保险\x9b2J事业管理处"
    with ReportStore.open(home) as store:
        made = store.create(blank_report)
        assert made.unit == "某县[31m社会保险事业局" and made.addressee == "市社会保险2J事业管理处"
        made.opening = "开头\x07一段\t有制表\n和换行"
        saved = store.save(made)
        assert saved.opening == "开头一段\t有制表\n和换行"
        assert store.list()[0].unit == "某县[31m社会保险事业局"
        assert store.verify_audit().ok


def test_an_overlong_answer_is_refused_and_nothing_is_written(store, report_id, bank):
    from report.limits import MAX_TEXT_CHARS

    engine = InterviewEngine(store, report_id, bank=bank)
    engine.start()
    before = store.get(report_id).revision
    long = "我局按规程办理。" * (MAX_TEXT_CHARS // 8 + 1)
    try:
        engine.answer(long)
    except Exception as exc:  # noqa: BLE001 - the message is what the officer reads
        assert "回答太长" in str(exc) and str(MAX_TEXT_CHARS) in str(exc)
    else:
        raise AssertionError("a 5,000+ character answer was accepted")
    assert store.get(report_id).revision == before


def test_own_points_stop_at_the_section_limit(store, report_id, bank, monkeypatch):
    import interview.engine as engine_module

    monkeypatch.setattr(engine_module, "MAX_POINTS_PER_SECTION", 3)
    engine = InterviewEngine(store, report_id, bank=bank)
    engine.start()
    for n in range(3):
        engine.add_own_point("organization", f"我局自拟要点第{n}项，按规程办理。", status="符合")
    try:
        engine.add_own_point("organization", "再加一项。", status="符合")
    except Exception as exc:  # noqa: BLE001
        assert "上限" in str(exc)
    else:
        raise AssertionError("a point past the section limit was added")
