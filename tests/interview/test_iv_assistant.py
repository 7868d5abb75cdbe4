"""The optional language model: suggestions only, and a quiet fallback on timeout or error."""

from __future__ import annotations

import pytest
from langchain_core.language_models.fake_chat_models import FakeListChatModel

from interview.assistant import Assistant, AssistantError, build_chat_model, load_config


class ExplodingModel(FakeListChatModel):
    def _call(self, *args, **kwargs):
        raise ConnectionError("server down")


def test_polish_returns_a_suggestion_with_fixed_punctuation():
    a = Assistant(FakeListChatModel(responses=["我局严格执行岗位分离制度,受理、复核、审批分设"]))
    s = a.polish("我局岗位都分开了。")
    assert s.text == "我局严格执行岗位分离制度，受理、复核、审批分设。" and s.notice is None


def test_timeout_falls_back_with_one_line_notice():
    a = Assistant(FakeListChatModel(responses=["太慢了"], sleep=2), timeout=0.2)
    s = a.polish("我局岗位都分开了。")
    assert s.text is None and "未在规定时间内响应" in s.notice and "\n" not in s.notice


def test_error_falls_back_with_notice():
    s = Assistant(ExplodingModel(responses=["x"])).propose_followup("问", "答")
    assert s.text is None and "语言模型出错" in s.notice


def test_engine_shows_suggestions_but_never_writes_them(make_engine):
    model = FakeListChatModel(
        responses=["请问复核岗由谁担任？", "我局机构设置健全，岗位职责明确。"]
    )
    e = make_engine(assistant=Assistant(model))
    e.start()
    f = e.answer("有职责")
    assert f.kind == "followup" and f.suggestion.text == "请问复核岗由谁担任？"
    assert f.question in e.bank.get("ORG-01").probes  # the deterministic probe is still asked
    acc = e.answer("我们设了5个科室，岗位职责写在2025年印发的岗位职责手册里")
    assert acc.suggestion.text == "我局机构设置健全，岗位职责明确。"
    stored = e.store.get(e.report_id).find_point(acc.point_id)[1]
    assert stored.drafted == acc.drafted != acc.suggestion.text and not stored.hand_edited
    e.accept_suggestion(acc.suggestion.text, acc.point_id)
    stored = e.store.get(e.report_id).find_point(acc.point_id)[1]
    assert stored.drafted == "我局机构设置健全，岗位职责明确。" and stored.hand_edited


def test_engine_with_a_dead_model_still_works(make_engine):
    e = make_engine(assistant=Assistant(ExplodingModel(responses=["x"])))
    e.start()
    acc = e.answer(e.bank.get("ORG-01").example)
    assert acc.kind == "accepted" and acc.suggestion.text is None and acc.suggestion.notice


def test_no_config_means_no_assistant(tmp_path):
    assert load_config(tmp_path) is None
    assert Assistant.from_home(tmp_path) is None
    (tmp_path / "config.toml").write_text("[other]\nx = 1\n", encoding="utf-8")
    assert Assistant.from_home(tmp_path) is None


def test_config_is_read_and_checked(tmp_path):
    cfg = tmp_path / "config.toml"
    cfg.write_text(
        '[assistant]\nprovider = "ollama"\nmodel = "qwen2.5:7b"\ntimeout = 5\n', encoding="utf-8"
    )
    c = load_config(tmp_path)
    assert c.provider == "ollama" and c.model == "qwen2.5:7b" and c.timeout == 5
    cfg.write_text('[assistant]\nprovider = "cloud"\n', encoding="utf-8")
    with pytest.raises(AssistantError, match="provider 只能是"):
        load_config(tmp_path)
    cfg.write_text("[assistant\n", encoding="utf-8")
    with pytest.raises(AssistantError, match="格式有误"):
        load_config(tmp_path)


def test_missing_provider_package_is_a_clear_message(tmp_path):
    pytest.importorskip("langchain_core")
    try:
        import langchain_ollama  # noqa: F401
    except ImportError:
        pass
    else:
        pytest.skip("langchain-ollama is installed here")
    (tmp_path / "config.toml").write_text('[assistant]\nprovider = "ollama"\n', encoding="utf-8")
    with pytest.raises(AssistantError, match=r"zicha\[llm\]"):
        build_chat_model(load_config(tmp_path))
