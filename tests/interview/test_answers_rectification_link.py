"""An answers file's rectification item names its point (`point: ORG-06`): the interview sees
the weakness as planned and does not add a second, placeholder item for it.

Before, the item kept 「ORG-06」 as its link while the interview links by the answer's id, so
`zicha interview` on such a report added 「重要岗位轮岗与回避方面仍有薄弱环节」 as an extra
rectification item without department or deadline, and it went into the document.
"""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from exports.preflight import preflight
from interview.bank import load_bank
from report.models import AREA_KEYS
from report.store import ReportStore
from tui.cli import main

WEAK = "重要岗位轮岗制度已建立，但2名待遇审核人员在岗超过5年，尚未轮岗。"


def _answers(tmp_path: Path) -> Path:
    bank = load_bank()
    lines = [
        "unit: 青禾县社会保险事业中心",
        "addressee: 青禾市社会保险事业管理中心",
        "year: 2026",
        "basis: {title: 关于开展内部控制自查工作的通知, number: 青社险函〔2026〕12号}",
        "sections:",
    ]
    for key in AREA_KEYS:
        lines.append(f"  {key}:")
        for cp in bank.points(key):
            weak = cp.id == "ORG-06"
            text = WEAK if weak else cp.example
            status = "基本符合" if weak else "符合"
            lines.append(f"    - {{text: {text}, point: {cp.id}, status: {status}}}")
    lines += [
        "rectification:",
        "  - {text: 制定轮岗计划，完成2名待遇审核人员轮岗, point: ORG-06, owner: 办公室, "
        "due: 2027-06-30}",
    ]
    path = tmp_path / "answers.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_item_from_the_answers_file_covers_its_weak_point(tmp_path: Path) -> None:
    home = tmp_path / "home"
    runner = CliRunner()
    made = runner.invoke(
        main, ["--home", str(home), "report", "new", "--from", str(_answers(tmp_path))]
    )
    assert made.exit_code == 0, made.output
    rid = int(made.output.strip().splitlines()[-1])
    # The interview: accept the proposed assessment, then stop.
    run = runner.invoke(
        main, ["--home", str(home), "interview", str(rid), "--no-library"], input="/接受\n/退出\n"
    )
    assert "（未写明具体问题）" not in run.output, run.output
    with ReportStore.open(home) as store:
        report = store.get(rid)
    items = report.section("rectification").points
    assert [i.text for i in items] == ["制定轮岗计划，完成2名待遇审核人员轮岗"]
    weak = next(p for p in report.section("organization").points if p.control_point == "ORG-06")
    assert items[0].source_point == weak.id
    assert not [i for i in preflight(report) if i.section_key == "rectification"]
