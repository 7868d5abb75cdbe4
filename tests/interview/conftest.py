"""Fixtures for the interview tests: a stored blank report, engines, a fake library."""

from __future__ import annotations

import pytest
from iv_helpers import FakeRetriever

from interview.bank import Bank, load_bank
from interview.engine import InterviewEngine


@pytest.fixture(scope="session")
def bank() -> Bank:
    return load_bank()


@pytest.fixture
def report_id(store, blank_report) -> int:
    return store.create(blank_report).id


@pytest.fixture
def make_engine(store, report_id, bank):
    def make(**kw) -> InterviewEngine:
        kw.setdefault("bank", bank)
        return InterviewEngine(store, report_id, **kw)

    return make


@pytest.fixture
def engine(make_engine) -> InterviewEngine:
    e = make_engine(retriever=FakeRetriever())
    e.start()
    return e
