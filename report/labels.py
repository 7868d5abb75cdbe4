"""Plain words shared by report/ and the screens, kept free of pydantic so the first screen
can use them without loading the models (start-up time)."""

from __future__ import annotations

# Who acts in single-user mode (no users in the data home).
DEFAULT_ACTOR = "本机用户"

STATE_LABELS: dict[str, str] = {
    "draft": "草稿",
    "submitted": "已提交",
    "returned": "退回修改",
    "approved": "已审定",
}
