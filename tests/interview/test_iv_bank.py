"""The question bank: complete, valid, and a broken file is refused with file, point and field."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from interview.bank import BANK_DIR, BankError, load_bank
from interview.followup import analyze
from report.models import AREA_KEYS

# Topics of CONTROL_AREAS.md: every one must be asked about by some point of its area.
TOPICS = {
    "organization": ["职责", "不相容", "授权", "交接", "廉政", "培训", "轮岗", "回避", "考核"],
    "business": [
        "登记",
        "注销",
        "基数",
        "补缴",
        "欠费",
        "个人账户",
        "转移",
        "待遇",
        "认证",
        "停发",
        "规程",
        "时限",
        "公开",
        "投诉",
        "档案",
        "查阅",
    ],
    "fund_finance": [
        "收支两条线",
        "专户",
        "利息",
        "会计制度",
        "险种",
        "预算",
        "决算",
        "出纳",
        "印章",
        "U盾",
        "对账",
    ],
    "information_system": [
        "账号",
        "密码",
        "补丁",
        "病毒",
        "漏洞",
        "台账",
        "型号",
        "隔离",
        "U盘",
        "异地",
        "恢复",
        "修改",
        "日志",
        "发布",
    ],
    "supervision": [
        "稽核",
        "专职",
        "计划",
        "待遇",
        "缴费",
        "花名册",
        "抽查",
        "报告",
        "整改",
        "评价",
        "修订",
        "追究",
    ],
}


def test_every_area_has_six_points_and_covers_its_topics(bank):
    for key in AREA_KEYS:
        points = bank.points(key)
        assert len(points) >= 6, key
        text = "".join(p.title + p.question + p.explanation for p in points)
        missing = [t for t in TOPICS[key] if t not in text]
        assert not missing, f"{key} 未覆盖：{missing}"
    assert bank.points("assessment") and bank.points("rectification")


def test_every_point_is_complete_and_ids_are_unique(bank):
    ids = []
    for f in bank.files.values():
        for p in f.points:
            ids.append(p.id)
            assert 1 <= len(p.probes) <= 3
            assert p.keywords and p.query and p.example and p.explanation
    assert len(ids) == len(set(ids))


def test_example_answers_need_no_follow_up(bank):
    """The fictional unit's answers are what a good answer looks like: no follow-up, no gaps."""
    for key in AREA_KEYS:
        for cp in bank.points(key):
            a = analyze(cp.example, cp)
            assert not a.reasons, (cp.id, a.reasons)
            assert a.status_guess == "符合" and not a.problems, (cp.id, a.problems)


@pytest.fixture
def bank_copy(tmp_path: Path) -> Path:
    d = tmp_path / "questions"
    shutil.copytree(BANK_DIR, d)
    return d


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_missing_field_names_file_point_and_field(bank_copy):
    f = bank_copy / "organization.yaml"
    _edit(f, "    question: 各类业务和支出由谁审批", "    questoin: 各类业务和支出由谁审批")
    with pytest.raises(BankError) as exc:
        load_bank(bank_copy)
    msg = str(exc.value)
    assert "organization.yaml" in msg and "ORG-03" in msg and "question" in msg
    assert "questoin" in msg  # the unknown key is named too


def test_too_many_probes_and_bad_id_are_refused(bank_copy):
    f = bank_copy / "business.yaml"
    _edit(f, "  - id: BUS-02", "  - id: bus2")
    with pytest.raises(BankError) as exc:
        load_bank(bank_copy)
    assert "business.yaml" in str(exc.value) and "编号" in str(exc.value)

    shutil.copy(BANK_DIR / "business.yaml", f)
    _edit(
        f,
        "      - 缴费基数每年什么时候申报？按什么依据核定？",
        "      - 一？\n      - 二？\n      - 三？\n      - 四？",
    )
    with pytest.raises(BankError) as exc:
        load_bank(bank_copy)
    assert "BUS-02" in str(exc.value) and "probes" in str(exc.value)


def test_duplicate_ids_too_few_points_and_bad_yaml(bank_copy):
    f = bank_copy / "supervision.yaml"
    _edit(f, "  - id: SUP-02", "  - id: SUP-01")
    with pytest.raises(BankError, match="SUP-01.*重复"):
        load_bank(bank_copy)

    text = (BANK_DIR / "supervision.yaml").read_text(encoding="utf-8")
    f.write_text(text.split("  - id: SUP-06")[0].split("  - id: SUP-05")[0], encoding="utf-8")
    with pytest.raises(BankError, match="至少需要 6 个"):
        load_bank(bank_copy)

    f.write_text("key: supervision\npoints: [\n", encoding="utf-8")
    with pytest.raises(BankError, match="supervision.yaml.*YAML"):
        load_bank(bank_copy)


def test_adding_a_point_is_editing_data(bank_copy):
    f = bank_copy / "supervision.yaml"
    f.write_text(
        f.read_text(encoding="utf-8")
        + """  - id: SUP-07
    title: 内控联络员
    question: 各科室是否指定了内控联络员？
    explanation: 写明联络员名单和职责。
    probes: [联络员由谁担任？]
    keywords: ["联络员"]
    query: 内控 联络员
    example: 我局各科室各指定1名内控联络员，名单于2026年1月印发。
""",
        encoding="utf-8",
    )
    bank = load_bank(bank_copy)
    assert [p.id for p in bank.points("supervision")][-1] == "SUP-07"


def test_bank_refusals_name_fields_in_chinese_without_english_wording(bank_copy):
    from interview.bank import _FIELD_NAMES, BankFile, ControlPoint

    for model in (BankFile, ControlPoint):
        for key in model.model_fields:
            assert key in _FIELD_NAMES, key  # said as 分值（score）, never bare score
    f = bank_copy / "organization.yaml"
    _edit(
        f,
        "    question: 各类业务和支出由谁审批",
        "    score: 很多\n    question: 各类业务和支出由谁审批",
    )
    with pytest.raises(BankError) as exc:
        load_bank(bank_copy)
    msg = str(exc.value)
    assert "分值（score）" in msg and "应为数字" in msg and "Input should" not in msg
    shutil.copy(BANK_DIR / "organization.yaml", f)
    _edit(f, "key: organization", "key: business")
    with pytest.raises(BankError) as exc:
        load_bank(bank_copy)
    assert "部分（key）为 business" in str(exc.value)
