"""A blank report for a county agency, for tests that build one in code (every test folder
can import it: tests/ is on the path through tests/conftest.py)."""

from __future__ import annotations

from typing import Any

from report.models import Report

COUNTY = {
    "unit": "某县社会保险事业局",
    "addressee": "市社会保险事业管理处",
    "year": 2026,
    "basis_title": "关于开展养老保险经办机构内部控制检查评估工作的通知",
    "basis_number": "某社险函〔2026〕71号",
}


def county_report(**fields: Any) -> Report:
    """The county's blank report; fields (bank, date, …) are set on it as given."""
    return Report(**(COUNTY | fields))
