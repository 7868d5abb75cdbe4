"""Slash commands (/接受, /跳过 …): parsing, help text and what each does, for both front ends.

The line mode (`zicha interview`, interview/console.py) and the full-screen interview
(tui/screens/interview_slash.py) both call `parse` and `dispatch` and only decide how to show
the `Outcome`. A command runs on the engine's thread and never touches the screen.

Adding a command is one entry in COMMANDS: its name, usage, help line and a handler
`(CommandContext, arg) -> Outcome`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from report.models import STATUSES, Point, is_area_key

from .coverage import format_coverage
from .engine import InterviewEngine
from .errors import InterviewError
from .models import Accepted, Prompt, WeaknessRow
from .navigation import SECTION_ALIASES

SLASHES = ("/", "／")

# What a front end must do itself (it owns the screen, the help page and the editor).
UiAction = Literal["quit", "help", "reply_editor"]


class Outcome(BaseModel):
    """What a command did, for the front end to show."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    accepted: Accepted | None = None  # an answer was recorded: show it, then accepted.next
    moved: bool = False  # the current question changed: show `prompt`
    prompt: Prompt | None = None
    message: str = ""  # one line to show as a notice
    lines: list[str] = Field(default_factory=list)  # a listing (/列表, /覆盖)
    weaknesses: list[WeaknessRow] | None = None  # /整改: the problems found, to list
    ui: UiAction | None = None
    comment_id: int | None = None  # for ui == "reply_editor"


@dataclass
class CommandState:
    """What a session remembers between commands (the same in both front ends)."""

    last_point: str | None = None  # the point last recorded: /修改 /问题 /重拟 act on it
    last_section: str | None = None
    suggestion: tuple[str, str | None] | None = None  # a language-model rewrite to /采纳


@dataclass
class CommandContext:
    engine: InterviewEngine
    actor: str
    state: CommandState = field(default_factory=CommandState)

    def remember(self, accepted: Accepted) -> None:
        if accepted.point_id and accepted.section_key != "prior":
            self.state.last_point = accepted.point_id
        self.state.last_section = accepted.section_key
        s = accepted.suggestion
        if s is not None and s.text:
            self.state.suggestion = (s.text, accepted.point_id)


Handler = Callable[[CommandContext, str], Outcome]


@dataclass(frozen=True)
class Command:
    name: str
    usage: str  # as shown in the help: "/转到 编号"
    help: str
    run: Handler
    aliases: tuple[str, ...] = ()


class Invocation(BaseModel):
    """A parsed slash line: the command (None if unknown), the word typed and its argument."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    command: Command | None
    word: str
    arg: str


# --- helpers -------------------------------------------------------------------------------
def edit_target(ctx: CommandContext) -> str | None:
    """The point /修改 /问题 /重拟 act on: the current one if answered, else the last recorded."""
    p = ctx.engine.current()
    if p is not None and p.point_id and p.existing_text is not None:
        return p.point_id
    return ctx.state.last_point


def current_section(ctx: CommandContext) -> str:
    p = ctx.engine.current()
    return p.section_key if p else (ctx.state.last_section or ctx.engine.report.area_keys()[0])


def current_area(ctx: CommandContext) -> str | None:
    """The area an own point goes to: the current one, else the one answered last."""
    for key in (current_section(ctx), ctx.state.last_section):
        if is_area_key(key):
            return key
    return None


def section_points(ctx: CommandContext, section: str) -> list[Point]:
    if section not in {s.key for s in ctx.engine.report.sections}:
        return []
    return [x for x in ctx.engine.report.section(section).points if not x.skipped]


def list_lines(ctx: CommandContext, section: str) -> list[str]:
    points = section_points(ctx, section)
    if not points:
        return ["这一部分还没有要点。"]
    lines = []
    for i, x in enumerate(points, 1):
        tag = x.control_point or ("自拟" if x.custom else "")
        status = f"［{x.status}］" if x.status else ""
        lines.append(f"  {i}. {tag}{status} {x.body}")
    return lines


def comment_ref(arg: str) -> tuple[int | None, str]:
    """ "#3 内容" / "＃3 内容" / "内容" -> (3 or None, 内容)."""
    head, _, rest = arg.partition(" ")
    if head[:1] in ("#", "＃") and head[1:].isdigit():
        return int(head[1:]), rest.strip()
    return None, arg


def pick_thread(ctx: CommandContext, ident: int | None) -> int:
    """The open review thread a /回复 or /解决 means: by number, else the current point's."""

    engine = ctx.engine
    by_anchor = engine.store.open_threads_by_anchor(engine.report_id, engine.report)
    if ident is not None:
        everywhere = [t for items in by_anchor.values() for t in items]
        if any(t.comment.id == ident for t in everywhere):
            return ident
        raise InterviewError(f"本报告没有编号为 #{ident} 的未解决批注。")
    p = engine.current()
    here = []
    if p is not None:
        here = (by_anchor.get(p.point_id, []) if p.point_id else []) + by_anchor.get(
            p.section_key, []
        )
    if not here:
        raise InterviewError(
            "当前要点和所在部分没有未解决的审核批注。左侧标「批」的要点或部分有批注。"
        )
    # the first one still waiting for an answer, else the first one
    return next((t for t in here if not t.answered), here[0]).comment.id


def deduction_lines(engine: InterviewEngine) -> list[str]:
    """Deductions zicha proposed and the officer has not confirmed yet (scored banks)."""
    return [
        f"拟扣分：{p.control_point} 扣 {p.deduction:g} 分 —— {p.deduction_reason}"
        "（输入 /扣分 确认，或 /扣分 分数 原因 修改）"
        for section in engine.report.sections
        for p in section.points
        if p.deduction is not None and not p.deduction_confirmed
    ]


def score_lines(engine: InterviewEngine) -> list[str]:
    """On a scored bank: 得分 per section and the rescaled total; nothing otherwise."""
    from report.scoring import section_totals, totals

    from .scoring import score_rows

    rows = score_rows(engine.report, engine.bank)
    if not rows:
        return []
    lines = [
        f"  {engine.report.section_title(key)} 得分 {t.score:g} / {t.applicable_max:g}"
        for key, t in section_totals(rows).items()
    ]
    t = totals(rows)
    lines.append(f"  合计得分 {t.score:g} / {t.applicable_max:g}（折算百分制 {t.hundred:g} 分）")
    return lines


def _moved(prompt: Prompt | None, message: str = "") -> Outcome:
    return Outcome(moved=True, prompt=prompt, message=message)


def _accepted(ctx: CommandContext, a: Accepted) -> Outcome:
    ctx.remember(a)
    return Outcome(accepted=a, moved=True, prompt=a.next)


def _need_point(ctx: CommandContext) -> str:
    pid = edit_target(ctx)
    if not pid:
        raise InterviewError("请先回答本题，再补记问题或修改报告稿。")
    return pid


# --- the commands --------------------------------------------------------------------------
def _accept(ctx: CommandContext, arg: str) -> Outcome:
    return _accepted(ctx, ctx.engine.accept_as_is())


def _keep_previous(ctx: CommandContext, arg: str) -> Outcome:
    return _accepted(ctx, ctx.engine.keep_previous())


def _skip(ctx: CommandContext, arg: str) -> Outcome:
    return _moved(ctx.engine.skip(), "已跳过。")


def _back(ctx: CommandContext, arg: str) -> Outcome:
    return _moved(ctx.engine.back())


def _forward(ctx: CommandContext, arg: str) -> Outcome:
    return _moved(ctx.engine.forward())


def _goto(ctx: CommandContext, arg: str) -> Outcome:
    own = {title: key for key, title in ctx.engine.report.own_titles().items()}
    key = SECTION_ALIASES.get(arg) or own.get(arg)
    return _moved(ctx.engine.goto(key, None if key else arg))


def _status(ctx: CommandContext, arg: str) -> Outcome:
    message = ctx.engine.set_status(arg)
    return Outcome(message=message, lines=deduction_lines(ctx.engine))


def _confirm(ctx: CommandContext, arg: str) -> Outcome:
    message = ctx.engine.confirm_status()
    return Outcome(message=message, lines=deduction_lines(ctx.engine))


def _deduction(ctx: CommandContext, arg: str) -> Outcome:
    amount, _, reason = arg.partition(" ")
    if not amount:
        return Outcome(message=ctx.engine.set_deduction())
    try:
        value = float(amount.replace("分", ""))
    except ValueError as exc:
        raise InterviewError("扣分应写成数字，例如：/扣分 2 档案借阅偶尔未登记。") from exc
    return Outcome(message=ctx.engine.set_deduction(value, reason.strip()))


def _evidence(ctx: CommandContext, arg: str) -> Outcome:
    p = ctx.engine.current()
    target = (p.point_id if p else None) or ctx.state.last_point
    files = [f.strip() for f in arg.replace("；", ";").split(";") if f.strip()]
    names = ctx.engine.add_evidence(files, target)
    return Outcome(message="已添加佐证材料：" + "、".join(names))


def _weaknesses(ctx: CommandContext, arg: str) -> Outcome:
    return Outcome(weaknesses=ctx.engine.weaknesses())


def _problem(ctx: CommandContext, arg: str) -> Outcome:
    pt = ctx.engine.add_problem(_need_point(ctx), arg)
    return Outcome(message="已补记问题：" + "；".join(pt.problems))


def _edit(ctx: CommandContext, arg: str) -> Outcome:
    pt = ctx.engine.edit_drafted(_need_point(ctx), arg)
    return Outcome(message=f"已改写报告稿：{pt.body}")


def _redraft(ctx: CommandContext, arg: str) -> Outcome:
    pt = ctx.engine.redraft(_need_point(ctx))
    return Outcome(message=f"已重新起草：{pt.body}")


def _own_point(ctx: CommandContext, arg: str) -> Outcome:
    section = current_area(ctx)
    if section is None:
        raise InterviewError(
            "自拟要点只能加在逐项检查的部分中（不能加在评价或整改中），请先转到相应部分。"
        )
    a = ctx.engine.add_own_point(section, arg)
    ctx.remember(a)
    return Outcome(accepted=a, prompt=ctx.engine.current())


def _list(ctx: CommandContext, arg: str) -> Outcome:
    return Outcome(lines=list_lines(ctx, current_section(ctx)))


def _reorder(delta: int) -> Handler:
    def run(ctx: CommandContext, arg: str) -> Outcome:
        section = current_section(ctx)
        pid = _numbered_point(ctx, section, arg)
        ctx.engine.move_point(section, pid, delta)
        return Outcome(lines=list_lines(ctx, section))

    return run


def _numbered_point(ctx: CommandContext, section: str, arg: str) -> str:
    points = section_points(ctx, section)
    if not arg.isdigit() or not 1 <= int(arg) <= len(points):
        raise InterviewError(f"请写明序号（1 至 {len(points)}），可先用 /列表 查看。")
    return points[int(arg) - 1].id


def _drop(ctx: CommandContext, arg: str) -> Outcome:
    section = current_section(ctx)
    ctx.engine.drop_point(section, _numbered_point(ctx, section, arg))
    return _moved(ctx.engine.current(), "已删除。")


def _add_rectification(ctx: CommandContext, arg: str) -> Outcome:
    item = ctx.engine.add_rectification(arg)
    return _moved(ctx.engine.current(), f"已新增整改项：{item.text}")


def _section_done(ctx: CommandContext, arg: str) -> Outcome:
    section = current_section(ctx)
    prompt = ctx.engine.mark_section_done(section)
    return _moved(prompt, f"已将「{ctx.engine.report.section_title(section)}」标记为完成。")


def _coverage(ctx: CommandContext, arg: str) -> Outcome:
    lines = format_coverage(ctx.engine.coverage()).splitlines()
    return Outcome(lines=lines + score_lines(ctx.engine))


def _take_suggestion(ctx: CommandContext, arg: str) -> Outcome:
    if not ctx.state.suggestion:
        raise InterviewError("目前没有语言模型的建议。")
    text, pid = ctx.state.suggestion
    ctx.engine.accept_suggestion(text, pid)
    ctx.state.suggestion = None
    return Outcome(message="已采用建议。")


def _reply(ctx: CommandContext, arg: str) -> Outcome:
    from report.comments import reply

    ident, text = comment_ref(arg)
    cid = pick_thread(ctx, ident)
    if not text:
        return Outcome(ui="reply_editor", comment_id=cid)
    reply(ctx.engine.store, cid, ctx.actor, text)
    return Outcome(message=f"已回复批注 #{cid}：{text}")


def _resolve(ctx: CommandContext, arg: str) -> Outcome:
    from report.comments import resolve

    ident, _ = comment_ref(arg)
    cid = pick_thread(ctx, ident)
    resolve(ctx.engine.store, cid, ctx.actor)
    return Outcome(message=f"已将批注 #{cid} 标为已解决。")


def _help(ctx: CommandContext, arg: str) -> Outcome:
    return Outcome(ui="help", lines=help_text().splitlines())


def _quit(ctx: CommandContext, arg: str) -> Outcome:
    return Outcome(ui="quit")


STATUS_WORDS = "、".join(STATUSES)

COMMANDS: tuple[Command, ...] = (
    Command(
        "接受",
        "/接受",
        "按已输入的内容记录本题（不再追问）；总体评价处采用建议段落；回看时保留原回答",
        _accept,
    ),
    Command("沿用", "/沿用", "待复核的要点沿用上年内容（仍请核对符合情况）", _keep_previous),
    Command(
        "佐证",
        "/佐证 文件路径",
        "给本题（或刚记录的一题）附上佐证材料，多个文件用分号分隔",
        _evidence,
    ),
    Command("跳过", "/跳过", "跳过本题（之后可用 /转到 回来补答）", _skip),
    Command("返回", "/返回", "回到上一题（修改后，后面的回答全部保留）", _back),
    Command("继续", "/继续", "回看时不作修改，回到当前进度", _forward),
    Command(
        "转到",
        "/转到 编号",
        "转到某一要点，如 /转到 ORG-03；也可 /转到 评价、/转到 整改、/转到 基金财务控制",
        _goto,
    ),
    Command(
        "状态",
        "/状态 符合情况",
        f"设定符合情况：{STATUS_WORDS}（有待确认的拟定时改的是它）",
        _status,
    ),
    Command(
        "确认",
        "/确认",
        "采用 zicha 拟定的符合情况（也可直接回车；确认前显示为「待确认」）",
        _confirm,
    ),
    Command(
        "扣分",
        "/扣分 分数 原因",
        "有分值的题库：设定本题扣分并写明原因；只输入 /扣分 则确认拟定的扣分",
        _deduction,
    ),
    Command(
        "问题", "/问题 文字", "为本题（或刚记录的一题）补记一个存在的问题，将生成整改项", _problem
    ),
    Command(
        "修改", "/修改 文字", "手工改写本题（或刚记录的一题）的报告稿，之后不会被自动覆盖", _edit
    ),
    Command("重拟", "/重拟", "放弃手工改写，按回答重新起草报告稿", _redraft),
    Command("自拟", "/自拟 文字", "在当前部分增加一条自己的要点", _own_point),
    Command("列表", "/列表", "列出当前部分的各条要点及编号", _list),
    Command("上移", "/上移 序号", "把当前部分的第几条上移一位", _reorder(-1)),
    Command("下移", "/下移 序号", "把当前部分的第几条下移一位", _reorder(1)),
    Command(
        "删除",
        "/删除 序号",
        "删除当前部分的第几条（自拟要点删除，题库要点记为跳过，整改项不再列入）",
        _drop,
    ),
    Command("新增整改", "/新增整改 问题", "增加一条整改项", _add_rectification),
    Command(
        "整改",
        "/整改",
        "列出发现的全部问题（要点、原话、符合情况）及整改措施填写情况",
        _weaknesses,
    ),
    Command("完成", "/完成", "将当前部分标记为已完成（未答的题不再询问）", _section_done),
    Command("覆盖", "/覆盖", "显示各部分答题和符合情况统计", _coverage, ("进度",)),
    Command("采纳", "/采纳", "采用语言模型给出的改写建议", _take_suggestion),
    Command("回复", "/回复 #编号 文字", "回复审核批注（不写编号则回复当前要点的批注）", _reply),
    Command("解决", "/解决 #编号", "将审核批注标为已解决", _resolve),
    Command("帮助", "/帮助", "显示本说明", _help, ("?", "？", "help")),
    Command(
        "退出", "/退出", "退出（已记录的回答都已保存，下次从当前位置继续）", _quit, ("q", "quit")
    ),
)


def find(word: str) -> Command | None:
    return next((c for c in COMMANDS if word == c.name or word in c.aliases), None)


def help_text() -> str:
    from report.linebreak import cells  # display cells: a Chinese character takes two

    width = max(cells(c.usage) for c in COMMANDS) + 2
    rows = [f"  {c.usage}{' ' * (width - cells(c.usage))}{c.help}" for c in COMMANDS]
    return "可用命令（以 / 开头，全角 ／ 亦可）：\n" + "\n".join(rows)


def command_names() -> str:
    return " ".join(f"/{c.name}" for c in COMMANDS)


def is_command(line: str) -> bool:
    return line.strip().startswith(SLASHES)


def parse(line: str) -> Invocation | None:
    """None if line is an answer, not a command; an unknown word gives command=None."""
    text = line.strip()
    if not text.startswith(SLASHES):
        return None
    word, _, arg = text[1:].strip().partition(" ")
    return Invocation(command=find(word), word=word, arg=arg.strip())


def unknown_message(word: str) -> str:
    return f"不认识的命令「/{word}」。输入 /帮助 查看可用命令。"


def dispatch(ctx: CommandContext, inv: Invocation) -> Outcome:
    """Run a parsed command. Raises ZichaError (Chinese) when it cannot be done."""
    if inv.command is None:
        raise InterviewError(unknown_message(inv.word))
    return inv.command.run(ctx, inv.arg)


__all__ = [
    "COMMANDS",
    "Command",
    "CommandContext",
    "CommandState",
    "Invocation",
    "Outcome",
    "comment_ref",
    "dispatch",
    "edit_target",
    "help_text",
    "is_command",
    "parse",
]
