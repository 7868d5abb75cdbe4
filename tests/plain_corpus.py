"""Reports that use every field the export reads, for the tests that keep report/plain.py (the
report read without pydantic, issue 16) equal to report.models."""

from __future__ import annotations

import datetime as dt
import random

from report.models import (
    Attachment,
    BankRef,
    BankSection,
    CarriedPoint,
    Point,
    Predecessor,
    PriorItem,
    Report,
)

BASE = {
    "unit": "某县社会保险事业局",
    "addressee": "市社会保险事业管理处",
    "year": 2026,
    "basis_title": "关于开展养老保险经办机构内部控制检查评估工作的通知",
    "basis_number": "某社险函〔2026〕71号",
    "date": dt.date(2026, 11, 29),
}
TEXTS = [
    "我局内设六个科室，印发了岗位职责说明。",
    "都有制度，按规定办理。",
    "严格执行不相容岗位分离，受理、复核、审批分设岗位",
    "高度重视，认真落实",
    "每月与开户银行对账，发现差异当日查明原因",
    "业务系统实行一人一号，密码定期更换，离岗即注销",
]
STATUSES = [None, "符合", "基本符合", "不符合", "不适用"]
FILE = Attachment(name="岗位职责.pdf", sha256="a" * 64, size=1200, added_at="2026-11-01T09:00:00")
OTHER = Attachment(name="对账单.xlsx", sha256="b" * 64, size=800)


def _point(rng: random.Random, i: int, control: str | None) -> Point:
    text = rng.choice(TEXTS)
    return Point(
        text=f"{i}．{text}" if rng.random() < 0.2 else text,
        drafted=rng.choice([None, None, f"{text}（已起草）"]),
        hand_edited=rng.random() < 0.2,
        control_point=control,
        status=rng.choice(STATUSES),
        status_confirmed=rng.random() < 0.8,
        status_reason=rng.choice([None, "含有笼统说法"]),
        problems=rng.choice([[], ["未留痕"]]),
        skipped=rng.random() < 0.15,
        custom=control is None and rng.random() < 0.5,
        deduction=rng.choice([None, None, 0.5, 2]),
        deduction_confirmed=rng.random() < 0.7,
        attachments=rng.choice([[], [FILE], [FILE, OTHER]]),
        carried=rng.choice(
            [
                None,
                CarriedPoint(
                    point_id="p0", year=2025, text="上年说法", body="上年报告句", status="符合"
                ),
            ]
        ),
        review_pending=rng.random() < 0.2,
    )


def _measure(rng: random.Random) -> Point:
    return Point(
        text=rng.choice(["加强干部轮岗交流", "规范业务档案管理", "都有制度"]),
        measure=rng.choice([None, "每年轮岗一次"]),
        owner=rng.choice([None, "办公室"]),
        due=rng.choice([None, dt.date(2026, 3, 31), dt.date(2027, 6, 30)]),
        progress=rng.choice([None, "未开始", "已完成"]),
        skipped=rng.random() < 0.1,
        source_point=rng.choice([None, "nope"]),
    )


def varied_reports(n: int = 12) -> list[Report]:
    """n reports; fixed seeds, so a failure names the same report every run."""
    out = [Report(**BASE)]  # blank: every area empty
    for seed in range(n - 1):
        rng = random.Random(seed)
        bank = None
        if seed % 4 == 3:
            bank = BankRef(
                name="某省检查评估表",
                version=2,
                hash="c" * 64,
                sections=(
                    BankSection(key="s01", title="机构设置"),
                    BankSection(key="s02", title="风险评估"),
                ),
            )
        report = Report(
            **BASE,
            title=rng.choice([None, False, "关于内部控制自查情况的报告"]),
            opening=rng.choice([None, "根据通知要求，现将自查情况报告如下："]),
            assessment=rng.choice([None, "总体来看，我局内部控制制度基本健全。"]),
            status=rng.choice(["draft", "submitted", "returned", "approved"]),
            revision=rng.randint(0, 9),
            bank=bank,
            predecessor=rng.choice([None, Predecessor(report_id=1, year=2025, digest="d" * 64)]),
            prior_items=[
                PriorItem(
                    origin_id=f"o{i}",
                    problem=rng.choice(["个别业务档案归档不及时。", ""]),
                    measure=rng.choice([None, "规范业务档案管理。"]),
                    area=rng.choice([None, "业务运行控制"]),
                    outcome=rng.choice([None, "已完成", "部分完成", "未完成"]),
                    done_text=rng.choice([None, "已于2026年3月完成归档"]),
                    done_date=rng.choice([None, dt.date(2026, 3, 15)]),
                    attachments=rng.choice([[], [OTHER]]),
                )
                for i in range(rng.randint(0, 3))
            ],
        )
        for k, key in enumerate(report.area_keys()):
            report.section(key).points = [
                _point(rng, i, rng.choice([None, f"ORG-{i + 1:02d}"]) if k == 0 else None)
                for i in range(rng.randint(0, 5))
            ]
        report.section("rectification").points = [_measure(rng) for _ in range(rng.randint(0, 3))]
        out.append(report)
    return out
