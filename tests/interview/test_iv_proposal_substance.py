"""`zicha interview ID` in line mode: a proposed status and its quoted reason come from what the
officer actually said about the control, never from vague words, a hardship told as context, or
a bad practice left unquoted because of how it was phrased."""

from __future__ import annotations

from iv_cli_helpers import new_report, run_interview

VAGUE_FIRST = [
    "都有制度，按规定办",
    "按县编办2019年印发的三定方案设置四个股室，核定编制15名，现有在编12人；"
    "每个岗位都有书面岗位职责说明书，每年年初修订一次。",
    "",
    "/退出",
]


def _proposal(out: str, control: str) -> str:
    """The 「拟定：」 line shown when the answer to `control` was recorded."""
    block = out[out.index(f"✔ 已记录 {control}") :]
    return next(line for line in block.splitlines() if "拟定：" in line)


def test_vague_words_are_no_evidence_for_the_proposal(tmp_path) -> None:
    home = tmp_path / "home"
    run = run_interview(home, new_report(home), VAGUE_FIRST, "--no-library", "--no-assistant")
    assert run.returncode == 0, run.stderr + run.stdout[-2000:]
    line = _proposal(run.stdout, "ORG-01")
    assert "拟定：符合 —— 因为：" in line
    assert "按县编办2019年印发的三定方案设置四个股室" in line
    assert "都有制度" not in line and "按规定办" not in line


HARDSHIP_THEN_PROBLEM = [
    "/转到 ORG-02",
    "我们中心人少，会计和出纳是分开的，但是数据录入和修改审批有时是小王一个人弄的。",
    "",
    "/退出",
]


def test_a_hardship_told_as_context_is_no_finding(tmp_path) -> None:
    home = tmp_path / "home"
    run = run_interview(
        home, new_report(home), HARDSHIP_THEN_PROBLEM, "--no-library", "--no-assistant"
    )
    assert run.returncode == 0, run.stderr + run.stdout[-2000:]
    block = run.stdout[run.stdout.index("✔ 已记录 ORG-02") :]
    line = _proposal(run.stdout, "ORG-02")
    assert "拟定：基本符合 —— 因为：「……数据录入和修改审批有时是小王一个人弄的」" in line
    assert "人少" not in line
    found = next(x for x in block.splitlines() if "发现的问题（将列入整改）" in x)
    assert found.endswith("：数据录入和修改审批有时是小王一个人弄的"), found


HEDGED_PRACTICE = [
    "/转到 INF-05",
    "数据由省里统一备份，我们这边没有做过恢复演练，U盘也偶尔有人直接插业务电脑上。",
    "",
    "/退出",
]


def test_a_hedged_bad_practice_is_found(tmp_path) -> None:
    home = tmp_path / "home"
    run = run_interview(home, new_report(home), HEDGED_PRACTICE, "--no-library", "--no-assistant")
    assert run.returncode == 0, run.stderr + run.stdout[-2000:]
    block = run.stdout[run.stdout.index("✔ 已记录 INF-05") :]
    line = _proposal(run.stdout, "INF-05")
    assert "拟定：基本符合" in line
    assert "U盘也偶尔有人直接插业务电脑上" in line
    found = next(x for x in block.splitlines() if "发现的问题（将列入整改）" in x)
    assert "没有做过恢复演练" in found and "U盘也偶尔有人直接插业务电脑上" in found, found
