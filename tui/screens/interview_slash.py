"""Slash commands typed in the answer box (/接受, /跳过 …), the same words the engine's
messages and `zicha interview` use, so a hint like "输入 /接受" works here too."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from interview.navigation import SECTION_ALIASES
from report.models import SECTION_TITLES
from tui import strings as S
from tui.screens import interview_view as view
from tui.widgets.answer_box import AnswerBox

if TYPE_CHECKING:
    from tui.screens.interview import InterviewScreen

I = S.INTERVIEW  # noqa: E741


def comment_ref(arg: str) -> tuple[int | None, str]:
    """ "#3 内容" / "＃3 内容" / "内容" -> (3 or None, 内容)."""
    head, _, rest = arg.partition(" ")
    if head[:1] in ("#", "＃") and head[1:].isdigit():
        return int(head[1:]), rest.strip()
    return None, arg


def run_slash(screen: InterviewScreen, line: str) -> None:
    engine = screen.engine
    if engine is None:
        return
    cmd, _, arg = line.partition(" ")
    arg = arg.strip()
    box = screen.query_one(AnswerBox)

    def cleared(then):  # type: ignore[no-untyped-def]
        async def after(result):  # type: ignore[no-untyped-def]
            box.clear()
            out = then(result)
            if out is not None:
                await out

        return after

    if cmd == "接受":
        screen._run(engine.accept_as_is, cleared(lambda a: screen._accepted(a, "")))
    elif cmd == "沿用":
        screen._run(engine.keep_previous, cleared(lambda a: screen._accepted(a, "")))
    elif cmd == "佐证":
        files = arg.replace("；", ";").split(";")
        point_id = screen.prompt.point_id if screen.prompt else None
        job = functools.partial(engine.add_evidence, files, point_id or screen.last_point)
        screen._run(
            job, cleared(lambda names: screen._noted("已添加佐证材料：" + "、".join(names)))
        )
    elif cmd == "跳过":
        screen._run(engine.skip, cleared(lambda p: screen._moved(p, I["skipped"])))
    elif cmd == "返回":
        screen._run(engine.back, cleared(screen._moved))
    elif cmd == "继续":
        screen._run(engine.forward, cleared(screen._moved))
    elif cmd == "转到":
        key = SECTION_ALIASES.get(arg)
        job = functools.partial(engine.goto, key, None if key else arg)
        screen._run(job, cleared(screen._moved))
    elif cmd == "状态":
        screen._run(functools.partial(engine.set_status, arg), cleared(screen._noted))
    elif cmd == "确认":
        screen._run(engine.confirm_status, cleared(screen._noted))
    elif cmd == "整改":
        box.clear()
        screen._run(engine.weaknesses, lambda rows: screen._say(view.weakness_lines(rows)))
    elif cmd in ("修改", "重拟", "问题"):
        point_id = screen._edit_target()
        if point_id is None:
            screen.notify(I["no_point"], severity="warning")
            return
        if cmd == "修改":
            job = functools.partial(engine.edit_drafted, point_id, arg)
            msg = I["edited"]
        elif cmd == "重拟":
            job = functools.partial(engine.redraft, point_id)
            msg = I["redrafted"]
        else:
            job = functools.partial(engine.add_problem, point_id, arg)
            msg = I["problem_added"]

        def said(p):  # type: ignore[no-untyped-def]
            text = "；".join(p.problems) if cmd == "问题" else p.body
            return screen._noted(msg.format(text=text))

        screen._run(job, cleared(said))
    elif cmd == "自拟":
        section = screen._current_area()
        if section is None:
            screen.notify(I["own_section"], severity="warning")
            return
        job = functools.partial(engine.add_own_point, section, arg)
        screen._run(job, cleared(lambda a: screen._accepted(a, arg)))
    elif cmd == "完成":
        section = screen.prompt.section_key if screen.prompt else None
        if section is None:
            return
        title = SECTION_TITLES.get(section, section)
        job = functools.partial(engine.mark_section_done, section)
        screen._run(
            job, cleared(lambda p: screen._moved(p, I["section_done"].format(section=title)))
        )
    elif cmd in ("回复", "解决"):
        ident, text = comment_ref(arg)
        if cmd == "解决":
            box.clear()
            screen.resolve_comment(ident)
        elif not text:
            screen.action_reply_comment(ident)  # opens the editor
        else:
            thread = screen._pick_thread(ident)
            if thread is not None:
                box.clear()
                screen.reply_comment(thread.comment.id, text)
    elif cmd in ("帮助", "?", "？"):
        screen.app.action_help()
    else:
        screen.notify(I["unknown_cmd"].format(cmd=cmd), severity="warning", timeout=8)
