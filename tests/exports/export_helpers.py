"""Reports built directly from report.models, and small readers for exported .docx files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from report.models import Point, Report

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

AREA_TEXTS: dict[str, list[str]] = {
    "organization": [
        "组织机构健全。我局内设六个科室,印发了岗位职责说明",
        "严格执行不相容岗位分离,受理、复核、审批分设",
        "建立三级审核制度",
    ],
    "business": ["参保登记和待遇核定均按经办规程办理"],
    "fund_finance": ["严格执行收支两条线", "每月与开户银行对账"],
    "information_system": ["业务系统实行一人一号", "业务专网与互联网物理隔离"],
    "supervision": ["稽核科每季度开展一次专项稽核", "内控制度每年评估一次"],
}


def make_report(**overrides) -> Report:
    """A complete report: five areas, assessment, two rectification measures."""
    fields = {
        "unit": "某县社会保险事业局",
        "addressee": "市社会保险事业管理处",
        "year": 2026,
        "basis_title": "关于开展养老保险经办机构内部控制检查评估工作的通知",
        "basis_number": "某社险函〔2026〕71号",
        "date": dt.date(2026, 11, 29),
        "assessment": "总体来看,我局内部控制制度基本健全,但个别环节仍有薄弱之处",
    }
    r = Report(**{**fields, **overrides})
    for key, texts in AREA_TEXTS.items():
        r.section(key).points = [Point(text=t, status="符合") for t in texts]
    r.section("rectification").points = [
        Point(text="加强干部轮岗交流", owner="办公室", due=dt.date(2027, 6, 30)),
        Point(text="规范业务档案管理", owner="征缴科", due=dt.date(2027, 3, 31)),
    ]
    return r


def open_docx(path: Path):
    import docx

    return docx.Document(str(path))


def body_texts(doc) -> list[str]:
    """Non-empty body paragraphs, in order."""
    return [p.text for p in doc.paragraphs if p.text.strip()]
