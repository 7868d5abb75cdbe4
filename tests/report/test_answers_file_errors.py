"""answers files an office PC produces by accident get a Chinese line that says what to fix."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from report.answers import AnswersFileError, load_answers
from report.store import ReportStore
from tui.cli import main

GOOD = """\
unit: 某县社会保险事业局
addressee: 市社会保险事业管理处
year: 2026
basis: {title: 关于开展检查的通知, number: 某社险函〔2026〕71号}
sections:
  organization:
    - text: 明确了各岗位职责
      status: 符合
"""


def write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "answers.yaml"
    p.write_text(text, encoding="utf-8")
    return p


def test_duplicate_key_is_refused_with_its_line(tmp_path: Path):
    path = write(tmp_path, GOOD + "year: 2025\n")
    with pytest.raises(AnswersFileError) as exc:
        load_answers(path)
    assert "第 9 行，year" in str(exc.value) and "重复" in str(exc.value)


def test_duplicate_key_inside_a_point_is_refused(tmp_path: Path):
    path = write(tmp_path, GOOD + "      status: 不符合\n")
    with pytest.raises(AnswersFileError, match="第 9 行，status.*重复"):
        load_answers(path)


def test_tab_indentation_is_explained_in_chinese(tmp_path: Path):
    path = write(tmp_path, GOOD.replace("    - text", "\t- text"))
    with pytest.raises(AnswersFileError) as exc:
        load_answers(path)
    message = str(exc.value)
    assert "第 7 行" in message and "制表符" in message and "cannot start" not in message


def test_control_character_gets_line_and_chinese_hint(tmp_path: Path):
    path = write(tmp_path, GOOD.replace("各岗位职责", "各岗位\x07职责"))
    with pytest.raises(AnswersFileError) as exc:
        load_answers(path)
    message = str(exc.value)
    assert "第 7 行" in message and "控制字符" in message and "unacceptable" not in message


def test_cli_writes_nothing_for_a_duplicate_key(tmp_path: Path):
    home = tmp_path / "home"
    path = write(tmp_path, GOOD + "unit: 另一个局\n")
    result = CliRunner().invoke(main, ["--home", str(home), "report", "new", "--from", str(path)])
    assert result.exit_code == 1, result.output
    assert "重复" in result.output
    with ReportStore.open(home) as store:
        assert store.list() == []


def test_title_false_with_other_errors_is_a_chinese_message_not_a_crash(tmp_path: Path):
    """Found by hypothesis: the length limit was applied to `title: false`."""
    path = tmp_path / "a.yaml"
    path.write_text("unit: null\ntitle: false\n", encoding="utf-8")
    with pytest.raises(AnswersFileError, match="year"):
        load_answers(path)


def _refusal(tmp_path: Path, text: str) -> str:
    with pytest.raises(AnswersFileError) as exc:
        load_answers(write(tmp_path, text))
    return str(exc.value)


def test_missing_basis_is_named_in_chinese_with_what_to_write(tmp_path: Path):
    no_basis = GOOD.replace(
        "basis: {title: 关于开展检查的通知, number: 某社险函〔2026〕71号}\n", ""
    )
    message = _refusal(tmp_path, no_basis)
    assert "缺少依据通知（basis）" in message and "缺少「basis」" not in message
    assert "title:" in message and "number:" in message and "examples/answers.yaml" in message
    no_number = GOOD.replace(", number: 某社险函〔2026〕71号", "")
    message = _refusal(tmp_path, no_number)
    assert "缺少依据通知文号（basis.number）" in message and "「number」" not in message
    no_title = GOOD.replace("title: 关于开展检查的通知, ", "")
    message = _refusal(tmp_path, no_title)
    # basis.title is the notice's title, not the report's title line
    assert "缺少依据通知标题（basis.title）" in message and "缺少标题（title）" not in message


def test_every_key_of_the_answers_file_is_named_in_chinese(tmp_path: Path):
    """No refusal names a key of the file by its English key alone (「measure」)."""
    from report.answers import AnswerPoint, AnswersFile, Basis, RectificationEntry, answers_label

    for model, at in (
        (AnswersFile, ()),
        (Basis, ("basis",)),
        (AnswerPoint, ("sections", "organization", 0)),
        (RectificationEntry, ("rectification", 0)),
    ):
        for key in model.model_fields:
            label = answers_label((*at, key))
            assert not label.startswith("「"), (model.__name__, key, label)
            assert any("\u4e00" <= ch <= "\u9fff" for ch in label), (key, label)
    bad_measure = GOOD + "rectification:\n  - text: 规范档案\n    measure: [1, 2]\n"
    message = _refusal(tmp_path, bad_measure)
    assert "整改措施（measure）应为文字" in message and "「measure」" not in message
