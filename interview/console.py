"""The interview as a plain line-by-line conversation (`zicha interview ID`).

Reads one line at a time through `read(prompt) -> str` and prints through `write(text)`, so it
runs over a bare SSH session and from a script with piped stdin. Every accepted answer is saved
by the engine before anything is printed about it; Ctrl+C or a killed process loses nothing
that was reported as recorded.
"""

from __future__ import annotations

from collections.abc import Callable

from report.errors import ZichaError
from report.text import chinese_numeral

from .commands import (
    SLASHES,
    CommandContext,
    deduction_lines,
    dispatch,
    find,
    help_text,
    is_command,
    parse,
    score_lines,
)
from .coverage import format_coverage
from .engine import InterviewEngine
from .models import Accepted, FollowUp, Prompt, Suggestion, WeaknessRow

HELP = help_text()


Reader = Callable[[str], str]
Writer = Callable[[str], None]
# Writes the report to the path typed and returns where it went. tui/cli passes the one from
# exports/ (approval facts, numbering, audit event): interview/ must not import exports/.
Exporter = Callable[[str], str]


def _number(key: str, areas: tuple[str, ...]) -> str:
    keys = [*areas, "rectification"]
    return chinese_numeral(keys.index(key) + 1) + "、" if key in keys else ""


class ConsoleSession:
    def __init__(
        self,
        engine: InterviewEngine,
        read: Reader,
        write: Writer,
        exporter: Exporter | None = None,
        actor: str | None = None,
    ):
        self.engine = engine
        self.read = read
        self.write = write
        self.exporter = exporter
        # The same commands, words and session memory as the full-screen interview.
        self.ctx = CommandContext(engine, actor or engine.actor)
        self.shown_section: str | None = None  # the section of the prompt shown last

    # --- output --------------------------------------------------------------------
    def show_score(self) -> None:
        """On a scored bank: 得分 per section and the rescaled total."""
        for line in score_lines(self.engine):
            self.write(line)

    def show_deductions(self) -> None:
        """Deductions zicha proposed and the officer has not confirmed yet (scored banks)."""
        for line in deduction_lines(self.engine):
            self.write(line)

    def show_weaknesses(self, rows: list[WeaknessRow]) -> None:
        if not rows:
            self.write("本次自查没有形成需要整改的问题。")
            return
        self.write(
            f"本次自查发现的问题（共 {len(rows)} 项），请逐项写明整改措施、责任部门和完成时限："
        )
        for i, row in enumerate(rows, 1):
            done = f"（已写措施 {row.measured} 项）" if row.measured else ""
            self.write(f"  {i}. {row.line()}{done}")

    def show_confirm(self, p: Prompt | None) -> None:
        if p is not None and p.confirm is not None:
            c = p.confirm
            self.write(f"待确认：{c.label}　{c.text()}")
            if not c.status:
                self.write(
                    "（请选择：/状态 符合、/状态 基本符合、/状态 不符合、/状态 不适用；"
                    "直接回车不会记为符合）"
                )
                return
            self.write(
                "（直接回车确认；或输入 /状态 符合、/状态 基本符合、/状态 不符合、/状态 不适用 修改）"
            )

    def show_prompt(self, p: Prompt) -> None:
        w = self.write
        if p.section_key == "rectification" and self.shown_section != "rectification":
            w("─" * 40)
            self.show_weaknesses(p.weaknesses)
        self.shown_section = p.section_key
        w("─" * 40)
        where = f"第 {p.position}/{p.section_total} 项" if p.kind == "point" else ""
        head = f"【{_number(p.section_key, self.engine.report.area_keys())}{p.section_title}】{where} {p.label}"
        w(f"{head}    总进度 {p.progress.label()}")
        if p.problem:
            w(f"问题：{p.problem}")
        w(f"问：{p.control.question}")
        w(f"提示：{p.control.explanation}")
        if p.kind == "assessment" and p.proposal:
            w(f"建议段落（输入 /接受 采用）：{p.proposal}")
        else:
            w(f"示例：{p.control.example}")
        if p.excerpts:
            w("相关条文：")
            for i, e in enumerate(p.excerpts, 1):
                w(f"  [{i}] {e.citation}")
                w(f"      {e.text}")
        if p.notice:
            w(p.notice)
        if p.previous:
            w(p.previous)
        if p.review_pending:
            w("〔待复核〕输入 /沿用 保留上年内容，或输入新的回答、用 /状态 修改符合情况。")
        if p.origin:
            w(f"〔{p.origin}〕")
        if p.kind == "prior" and p.existing_drafted:
            w(f"已记录：{p.existing_drafted}；{p.existing_text or ''}")
        elif p.existing_text and not p.review_pending:
            w(f"当前回答：{p.existing_text}")
            if p.existing_drafted and p.existing_drafted != p.existing_text:
                w(f"报告稿：{p.existing_drafted}")
            w("（输入新的回答将替换原回答；/继续 保留原回答）")
        if p.status and not p.review_pending:
            w(f"符合情况：{p.status if p.status_confirmed else '待确认（拟定：' + p.status + '）'}")
        elif not p.status_confirmed and not p.review_pending:
            w("符合情况：待确认（未拟定）")
        if p.followup_question:
            w(f"已输入：{p.pending}")
            w(f"追问（{p.followups}/{p.max_followups}）：{p.followup_question}")
        unsent = self.engine.unsent()
        if unsent:
            w(f"上次输入但未记录的文字（可复制后重新输入）：{unsent}")
        self.show_confirm(p)

    def show_followup(self, f: FollowUp) -> None:
        self.write(f"原因：{f.reason_text()}")
        self.write(f"追问（{f.count}/{f.max_followups}）：{f.question}")
        self._show_suggestion(f.suggestion, None, follow=True)
        self.write("（请补充后回车；或输入 /接受 按现有内容记录）")

    def show_accepted(self, a: Accepted) -> None:
        label = a.control_id or "自拟要点"
        if a.section_key == "assessment":
            self.write("✔ 已记录 总体评价")
        elif a.section_key == "prior":
            when = f"，完成时间：{a.due.isoformat()}" if a.due else ""
            self.write(f"✔ 已记录 上年度整改落实情况：{a.drafted}{when}")
            if a.notice:
                self.write(f"  {a.notice}")
            self.ctx.state.last_section = "prior"
            return
        elif a.section_key == "rectification":
            if a.item_owners:
                each = "；".join(
                    f"{chinese_numeral(i)}、责任部门：{o or '未写明'}，"
                    f"完成时限：{d.isoformat() if d else '未写明'}"
                    for i, (o, d) in enumerate(a.item_owners, 1)
                )
                self.write(f"✔ 已记录 整改措施，拆为 {a.items} 项（{each}）")
            else:
                self.write(
                    f"✔ 已记录 整改措施（责任部门：{a.owner or '未写明'}；"
                    f"完成时限：{a.due.isoformat() if a.due else '未写明'}）"
                )
        elif a.proposal is not None:
            self.write(f"✔ 已记录 {label}，符合情况待确认")
        else:
            self.write(f"✔ 已记录 {label}，符合情况：{a.status or '未设置'}")
        for line in a.drafted.split("\n"):
            self.write(f"  报告稿：{line}")
        for note in a.notes:
            self.write(f"  {note}")
        if a.proposal is not None:
            self.write(f"  {a.proposal.text()}")
        if a.problems:
            self.write("  发现的问题（将列入整改）：" + "；".join(a.problems))
        if a.notice:
            self.write(f"  {a.notice}")
        self.ctx.remember(a)
        self._show_suggestion(a.suggestion, a.point_id)

    def _show_suggestion(
        self, s: Suggestion | None, point_id: str | None, follow: bool = False
    ) -> None:
        if s is None:
            return
        if s.notice:
            self.write(s.notice)
        if s.text:
            if follow:
                self.write(f"（语言模型建议的追问：{s.text}）")
            else:
                self.ctx.state.suggestion = (s.text, point_id)
                self.write(f"  语言模型改写建议（/采纳 采用）：{s.text}")

    # --- the loop ------------------------------------------------------------------
    def run(self) -> int:
        engine = self.engine
        prompt = engine.start()
        if prompt is None:
            self.write("这份报告的访谈已全部完成。")
            return self.finish()
        self.write("输入回答后回车；/帮助 查看命令；/退出 随时退出，已记录的回答不会丢失。")
        self.show_prompt(prompt)
        code = self._questions()
        if code is not None:
            return code
        self.write("访谈已全部完成。")
        return self.finish()

    def _questions(self) -> int | None:
        """Ask until the interview is complete (None) or the officer leaves (the exit code)."""
        engine = self.engine
        while True:
            try:
                line = self.read("> ")
            except EOFError:
                self.write("")
                self.write(
                    "输入结束。已记录的回答均已保存，下次运行 zicha interview 从当前位置继续。"
                )
                return 0
            line = line.strip()
            if not line:
                # Enter on an empty line takes the proposed status, if one waits.
                current = engine.current()
                try:
                    if current is not None and engine.awaiting() is not None:
                        self.write(engine.confirm_status())
                        self.show_deductions()
                    elif current is not None and current.review_pending:
                        self.show_accepted(engine.keep_previous())
                        following = engine.current()
                        if following is not None:
                            self.show_prompt(following)
                except ZichaError as exc:
                    self.write(f"！{exc}")
                continue
            try:
                outcome = self.handle(line)
            except ZichaError as exc:
                self.write(f"！{exc}")
                continue
            if outcome == "quit":
                self.write(
                    "已退出。已记录的回答均已保存，下次运行 zicha interview 从当前位置继续。"
                )
                return 0
            current = engine.current()
            if current is None:
                return None
            if outcome == "prompt":
                self.show_prompt(current)

    def handle(self, line: str) -> str:
        """Carry out one line; return "prompt" to show the current prompt, "stay" or "quit"."""
        engine = self.engine
        if not is_command(line):
            # kept until the engine has recorded it: a killed session offers it again
            engine.save_unsent(line)
            result = engine.answer(line)
            if isinstance(result, FollowUp):
                self.show_followup(result)
                return "stay"
            self.show_accepted(result)
            return "prompt"
        inv = parse(line)
        assert inv is not None  # the line starts with a slash
        outcome = dispatch(self.ctx, inv)
        if outcome.ui == "quit":
            return "quit"
        if outcome.ui == "help":
            self.write(HELP)
            return "stay"
        if outcome.ui == "reply_editor":
            self.write(f"！请写明回复内容，例如 /回复 #{outcome.comment_id} 已按要求整改。")
            return "stay"
        if outcome.accepted is not None:
            self.show_accepted(outcome.accepted)
        if outcome.message:
            self.write(outcome.message)
        for text in outcome.lines:
            self.write(text)
        if outcome.weaknesses is not None:
            self.show_weaknesses(outcome.weaknesses)
        return "prompt" if outcome.moved else "stay"

    def finish(self) -> int:
        """After the last question: the coverage, then an export path; commands still work
        (/状态 changes a status, /转到 reopens a question and the interview goes on)."""
        self.write(format_coverage(self.engine.coverage()))
        if self.exporter is None:
            self.write(f"可用 zicha export {self.engine.report_id} 导出报告。")
            return 0
        self.write("（访谈已完成；仍可输入 /状态、/转到、/列表 等命令修改。）")
        while True:
            try:
                path = self.read("导出 .docx 的保存路径（直接回车跳过）：").strip()
            except EOFError:
                return 0
            if not path:
                self.write(f"未导出。之后可用 zicha export {self.engine.report_id} 导出。")
                return 0
            words = path.lstrip("".join(SLASHES)).split()
            command = find(words[0]) if is_command(path) and words else None
            if command is not None:
                # 「/整改」 typed here is a command, never a file at the root of the disk.
                if command.name == "退出":
                    self.write(f"未导出。之后可用 zicha export {self.engine.report_id} 导出。")
                    return 0
                code = self._after_end_command(path)
                if code is not None:
                    return code
                continue
            try:
                self.write(f"已导出：{self.exporter(path)}")
                return 0
            except ZichaError as exc:
                self.write(f"！{exc}")

    def _after_end_command(self, line: str) -> int | None:
        """A command typed after the end: carried out; a jump reopens the interview there.
        Returns an exit code when the officer leaves, None to ask for the path again."""
        try:
            outcome = self.handle(line)
        except ZichaError as exc:
            self.write(f"！{exc}")
            return None
        if outcome == "quit":
            self.write("已退出。已记录的回答均已保存。")
            return 0
        current = self.engine.current()
        if current is None:
            return None
        self.show_prompt(current)
        code = self._questions()
        if code is not None:
            return code
        self.write("访谈已全部完成。")
        self.write(format_coverage(self.engine.coverage()))
        return None


__all__ = ["HELP", "ConsoleSession", "Exporter"]
