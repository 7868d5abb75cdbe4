"""An optional language model that suggests: more formal prose, a sharper follow-up question.

Nothing is configured by default and nothing is downloaded. The user adds to config.toml in the
data home, for example::

    [assistant]
    provider = "ollama"            # ollama | openai（任何 OpenAI 兼容服务，含 llama.cpp server）| llamacpp
    model = "qwen2.5:7b"
    base_url = "http://127.0.0.1:11434"
    timeout = 20                   # 秒；超时即改用内置规则

The model is reached through LangChain's chat-model interface; the provider packages are the
optional extra ``zicha[llm]`` and are imported only when configured. Output is always a
Suggestion for the officer to accept or reject; a timeout or error gives a one-line notice and
the deterministic path goes on.
"""

from __future__ import annotations

import concurrent.futures
import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from report.errors import ZichaError

from .drafting import draft_hand_edit
from .models import Suggestion

CONFIG_FILE = "config.toml"

POLISH_SYSTEM = (
    "你是社会保险经办机构内部控制自查报告的文字秘书。把用户给出的一段话改写成正式、简洁的公文语言："
    "使用第一人称单位自称（如“我局”），全角标点，保留全部事实、数字、岗位和文件名称，不增加任何新事实，"
    "不加编号。只输出改写后的一段话。"
)
FOLLOWUP_SYSTEM = (
    "你在帮助社会保险经办机构做内部控制自查访谈。根据问题和经办人的回答，提出一个简短的追问，"
    "请对方补充具体的岗位、时间、数量或制度名称。只输出这一个问句。"
)


class AssistantError(ZichaError):
    """The assistant is configured but cannot be set up (a package missing, a bad setting)."""


class AssistantConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    provider: Literal["ollama", "openai", "llamacpp"]
    model: str | None = None
    base_url: str | None = None
    api_key: str | None = None
    model_path: str | None = None
    timeout: float = Field(default=20.0, gt=0, le=600)
    temperature: float = Field(default=0.2, ge=0, le=2)


def load_config(home: Path) -> AssistantConfig | None:
    """The [assistant] table of config.toml, or None when there is none."""
    path = Path(home) / CONFIG_FILE
    if not path.exists():
        return None
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise AssistantError(f"{path} 格式有误（{exc}），请检查后再试，或删除该文件。") from exc
    table = data.get("assistant")
    if not table:
        return None
    try:
        return AssistantConfig.model_validate(table)
    except ValidationError as exc:
        fields = "、".join(".".join(str(p) for p in e["loc"]) for e in exc.errors())
        raise AssistantError(
            f"{path} 的 [assistant] 设置有误（{fields}）。provider 只能是 ollama、openai 或 llamacpp。"
        ) from exc


def build_chat_model(cfg: AssistantConfig) -> Any:
    """A LangChain chat model for cfg; provider packages are imported only here."""
    try:
        if cfg.provider == "ollama":
            from langchain_ollama import ChatOllama

            kwargs: dict[str, Any] = {
                "model": cfg.model or "qwen2.5:7b",
                "temperature": cfg.temperature,
            }
            if cfg.base_url:
                kwargs["base_url"] = cfg.base_url
            return ChatOllama(**kwargs)
        if cfg.provider == "openai":
            from langchain_openai import ChatOpenAI

            return ChatOpenAI(
                model=cfg.model or "default",
                base_url=cfg.base_url,
                api_key=cfg.api_key or "none",
                timeout=cfg.timeout,
                temperature=cfg.temperature,
                max_retries=0,
            )
        from langchain_community.chat_models import ChatLlamaCpp

        if not cfg.model_path:
            raise AssistantError(
                "使用 llamacpp 时需要在 config.toml 中填写 model_path（本机模型文件路径）。"
            )
        return ChatLlamaCpp(model_path=cfg.model_path, temperature=cfg.temperature)
    except ImportError as exc:
        raise AssistantError(
            f"未安装语言模型组件（{exc.name}）。请运行 pip install 'zicha[llm]'，"
            "或删除 config.toml 中的 [assistant] 设置。"
        ) from exc


class Assistant:
    """Wraps a chat model; every call returns a Suggestion and never raises."""

    def __init__(self, chat_model: Any, timeout: float = 20.0):
        self.chat_model = chat_model
        self.timeout = timeout

    @classmethod
    def from_home(cls, home: Path) -> Assistant | None:
        cfg = load_config(home)
        if cfg is None:
            return None
        return cls(build_chat_model(cfg), timeout=cfg.timeout)

    def _ask(self, system: str, user: str) -> Suggestion:
        from langchain_core.messages import HumanMessage, SystemMessage

        messages = [SystemMessage(content=system), HumanMessage(content=user)]
        pool = concurrent.futures.ThreadPoolExecutor(max_workers=1)
        future = pool.submit(self.chat_model.invoke, messages)
        try:
            reply = future.result(timeout=self.timeout)
        except concurrent.futures.TimeoutError:
            return Suggestion(notice="语言模型未在规定时间内响应，已使用内置规则。")
        except Exception as exc:  # noqa: BLE001 - any model failure falls back to the rules
            return Suggestion(notice=f"语言模型出错（{type(exc).__name__}），已使用内置规则。")
        finally:
            pool.shutdown(wait=False, cancel_futures=True)
        content = getattr(reply, "content", reply)
        if isinstance(content, list):
            content = "".join(c if isinstance(c, str) else str(c.get("text", "")) for c in content)
        text = str(content or "").strip()
        if not text:
            return Suggestion(notice="语言模型没有给出建议，已使用内置规则。")
        return Suggestion(text=text)

    def polish(self, paragraph: str) -> Suggestion:
        s = self._ask(POLISH_SYSTEM, paragraph)
        if s.text is not None:
            polished = draft_hand_edit(s.text)
            return Suggestion(text=polished) if polished != paragraph else Suggestion()
        return s

    def propose_followup(self, question: str, answer: str) -> Suggestion:
        return self._ask(FOLLOWUP_SYSTEM, f"问题：{question}\n回答：{answer}")
