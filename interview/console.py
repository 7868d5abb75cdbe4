"""The interview as a plain line-by-line conversation (`zicha interview ID`).

Reads one line at a time through `read(prompt) -> str` and prints through `write(text)`, so it
runs over a bare SSH session and from a script with piped stdin. Every accepted answer is saved
by the engine before anything is printed about it; Ctrl+C or a killed process loses nothing
that was reported as recorded.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from report.errors import ZichaError
from report.models import AREA_KEYS, SECTION_TITLES, STATUSES
from report.text import chinese_numeral

from .coverage import format_coverage
from .engine import InterviewEngine
from .models import Accepted, FollowUp, Prompt, Suggestion, WeaknessRow
from .navigation import SECTION_ALIASES

HELP = """可用命令（以 / 开头，全角 ／ 亦可）：
  /接受            按已输入的内容记录本题（不再追问）；总体评价处采用建议段落；回看时保留原回答
  /沿用            待复核的要点沿用上年内容（仍请核对符合情况）
  /佐证 文件路径    给本题（或刚记录的一题）附上佐证材料，多个文件用分号分隔
  /跳过            跳过本题（之后可用 /转到 回来补答）
  /返回            回到上一题（修改后，后面的回答全部保留）
  /继续            回看时不作修改，回到当前进度
  /转到 编号       转到某一要点，如 /转到 ORG-03；也可 /转到 评价、/转到 整改、/转到 基金财务控制
  直接回车 / /确认  采用 zicha 拟定的符合情况（拟定的符合情况在确认前显示为「待确认」）
  /状态 符合情况   设定符合情况：符合、基本符合、不符合、不适用（有待确认的拟定时改的是它）
  /扣分 分数 原因  有分值的题库：设定本题扣分并写明原因；只输入 /扣分 则确认拟定的扣分
  /问题 文字       为本题（或刚记录的一题）补记一个存在的问题，将生成整改项
  /修改 文字       手工改写本题（或刚记录的一题）的报告稿，之后不会被自动覆盖
  /重拟            放弃手工改写，按回答重新起草报告稿
  /自拟 文字       在当前部分增加一条自己的要点
  /列表            列出当前部分的各条要点及编号
  /上移 序号       /下移 序号：调整当前部分要点的顺序
  /删除 序号       删除当前部分的第几条（自拟要点删除，题库要点记为跳过，整改项不再列入）
  /新增整改 问题   增加一条整改项
  /整改            列出发现的全部问题（要点、原话、符合情况）及整改措施填写情况
  /完成            将当前部分标记为已完成（未答的题不再询问）
  /覆盖            显示各部分答题和符合情况统计
  /采纳            采用语言模型给出的改写建议
  /帮助            显示本说明
  /退出            退出（已记录的回答都已保存，下次运行从当前位置继续）"""


Reader = Callable[[str], str]
Writer = Callable[[str], None]


def _number(key: str) -> str:
    keys = list(AREA_KEYS) + ["rectification"]
    return chinese_numeral(keys.index(key) + 1) + "、" if key in keys else ""


class ConsoleSession:
    def __init__(
        self,
        engine: InterviewEngine,
        read: Reader,
        write: Writer,
        exporter: Callable[[str], str] | None = None,
    ):
        self.engine = engine
        self.read = read
        self.write = write
        self.exporter = exporter
        self.last_point: str | None = None
        self.last_section: str | None = None
        self.suggestion: tuple[str, str | None] | None = None
        self.shown_section: str | None = None  # the section of the prompt shown last

    # --- output --------------------------------------------------------------------
    def show_score(self) -> None:
        """On a scored bank: 得分 per section and the rescaled total."""
        from report.models import SECTION_TITLES
        from report.scoring import section_totals, totals

        from .scoring import score_rows

        rows = score_rows(self.engine.report, self.engine.bank)
        if not rows:
            return
        for key, t in section_totals(rows).items():
            self.write(f"  {SECTION_TITLES.get(key, key)} 得分 {t.score:g} / {t.applicable_max:g}")
        t = totals(rows)
        self.write(f"  合计得分 {t.score:g} / {t.applicable_max:g}（折算百分制 {t.hundred:g} 分）")

    def show_deductions(self) -> None:
        """Deductions zicha proposed and the officer has not confirmed yet (scored banks)."""
        for section in self.engine.report.sections:
            for p in section.points:
                if p.deduction is not None and not p.deduction_confirmed:
                    self.write(
                        f"拟扣分：{p.control_point} 扣 {p.deduction:g} 分 —— {p.deduction_reason}"
                        "（输入 /扣分 确认，或 /扣分 分数 原因 修改）"
                    )

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
        head = f"【{_number(p.section_key)}{p.section_title}】{where} {p.label}"
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
            self.last_section = "prior"
            return
        elif a.section_key == "rectification":
            many = f"，拆为 {a.items} 项" if a.items > 1 else ""
            self.write(
                f"✔ 已记录 整改措施{many}（责任部门：{a.owner or '未写明'}；"
                f"完成时限：{a.due.isoformat() if a.due else '未写明'}）"
            )
        elif a.proposal is not None:
            self.write(f"✔ 已记录 {label}，符合情况待确认")
        else:
            self.write(f"✔ 已记录 {label}，符合情况：{a.status or '未设置'}")
        self.write(f"  报告稿：{a.drafted}")
        for note in a.notes:
            self.write(f"  {note}")
        if a.proposal is not None:
            self.write(f"  {a.proposal.text()}")
        if a.problems:
            self.write("  发现的问题（将列入整改）：" + "；".join(a.problems))
        if a.notice:
            self.write(f"  {a.notice}")
        self.last_point = a.point_id
        self.last_section = a.section_key
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
                self.suggestion = (s.text, point_id)
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
                        if engine.current() is not None:
                            self.show_prompt(engine.current())
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
            if engine.current() is None:
                self.write("访谈已全部完成。")
                return self.finish()
            if outcome == "prompt":
                self.show_prompt(engine.current())

    def handle(self, line: str) -> str:
        """Carry out one line; return "prompt" to show the current prompt, "stay" or "quit"."""
        engine = self.engine
        if line[0] not in "/／":
            # kept until the engine has recorded it: a killed session offers it again
            engine.save_unsent(line)
            result = engine.answer(line)
            if isinstance(result, FollowUp):
                self.show_followup(result)
                return "stay"
            self.show_accepted(result)
            return "prompt"
        cmd, _, arg = line[1:].strip().partition(" ")
        arg = arg.strip()
        p = engine.current()
        section = p.section_key if p else (self.last_section or "organization")
        if cmd in ("退出", "q", "quit"):
            return "quit"
        if cmd in ("帮助", "?", "？", "help"):
            self.write(HELP)
            return "stay"
        if cmd == "接受":
            self.show_accepted(engine.accept_as_is())
            return "prompt"
        if cmd == "沿用":
            self.show_accepted(engine.keep_previous())
            return "prompt"
        if cmd == "佐证":
            target = (p.point_id if p else None) or self.last_point
            files = arg.replace("；", ";").split(";")
            names = engine.add_evidence(files, target)
            self.write("已添加佐证材料：" + "、".join(names))
            return "stay"
        if cmd == "跳过":
            engine.skip()
            self.write("已跳过。")
            return "prompt"
        if cmd == "返回":
            engine.back()
            return "prompt"
        if cmd == "继续":
            engine.forward()
            return "prompt"
        if cmd == "转到":
            key = SECTION_ALIASES.get(arg)
            engine.goto(key, None if key else arg)
            return "prompt"
        if cmd == "状态":
            self.write(engine.set_status(arg))
            self.show_deductions()
            return "stay"
        if cmd == "确认":
            self.write(engine.confirm_status())
            self.show_deductions()
            return "stay"
        if cmd == "扣分":
            amount, _, reason = arg.partition(" ")
            if not amount:
                self.write(engine.set_deduction())
                return "stay"
            try:
                value = float(amount.replace("分", ""))
            except ValueError:
                self.write("！扣分应写成数字，例如：/扣分 2 档案借阅偶尔未登记。")
                return "stay"
            self.write(engine.set_deduction(value, reason))
            return "stay"
        if cmd == "整改":
            self.show_weaknesses(engine.weaknesses())
            return "stay"
        if cmd in ("问题", "修改", "重拟"):
            pid = (
                p.point_id if p and p.point_id and p.kind != "rectification" else None
            ) or self.last_point
            if not pid:
                self.write("！请先回答本题，再补记问题或修改报告稿。")
                return "stay"
            if cmd == "问题":
                pt = engine.add_problem(pid, arg)
                self.write("已补记问题：" + "；".join(pt.problems))
            elif cmd == "修改":
                pt = engine.edit_drafted(pid, arg)
                self.write(f"已改写报告稿：{pt.drafted}")
            else:
                pt = engine.redraft(pid)
                self.write(f"已重新起草：{pt.drafted}")
            return "stay"
        if cmd == "自拟":
            if section not in AREA_KEYS:
                section = self.last_section if self.last_section in AREA_KEYS else "supervision"
            self.show_accepted(engine.add_own_point(section, arg))
            return "stay"
        if cmd == "列表":
            self._list(section)
            return "stay"
        if cmd in ("上移", "下移", "删除"):
            points = self._points(section)
            if not arg.isdigit() or not 1 <= int(arg) <= len(points):
                self.write(f"！请写明序号（1 至 {len(points)}），可先用 /列表 查看。")
                return "stay"
            pid = points[int(arg) - 1].id
            if cmd == "删除":
                engine.drop_point(section, pid)
                self.write("已删除。")
                return "prompt"
            engine.move_point(section, pid, -1 if cmd == "上移" else 1)
            self._list(section)
            return "stay"
        if cmd == "新增整改":
            item = engine.add_rectification(arg)
            self.write(f"已新增整改项：{item.text}")
            return "prompt"
        if cmd == "完成":
            engine.mark_section_done(section)
            self.write(f"已将「{SECTION_TITLES.get(section, section)}」标记为完成。")
            return "prompt"
        if cmd in ("覆盖", "进度"):
            self.write(format_coverage(engine.coverage()))
            self.show_score()
            return "stay"
        if cmd == "采纳":
            if not self.suggestion:
                self.write("！目前没有语言模型的建议。")
                return "stay"
            text, pid = self.suggestion
            engine.accept_suggestion(text, pid)
            self.suggestion = None
            self.write("已采用建议。")
            return "stay"
        self.write(f"！不认识的命令「/{cmd}」。输入 /帮助 查看可用命令。")
        return "stay"

    def _points(self, section: str):
        if section not in SECTION_TITLES:
            return []
        return [x for x in self.engine.report.section(section).points if not x.skipped]

    def _list(self, section: str) -> None:
        points = self._points(section)
        if not points:
            self.write("这一部分还没有要点。")
            return
        for i, x in enumerate(points, 1):
            tag = x.control_point or ("自拟" if x.custom else "")
            status = f"［{x.status}］" if x.status else ""
            self.write(f"  {i}. {tag}{status} {x.body}")

    def finish(self) -> int:
        self.write(format_coverage(self.engine.coverage()))
        if self.exporter is None:
            self.write(f"可用 zicha export {self.engine.report_id} 导出报告。")
            return 0
        while True:
            try:
                path = self.read("导出 .docx 的保存路径（直接回车跳过）：").strip()
            except EOFError:
                return 0
            if not path:
                self.write(f"未导出。之后可用 zicha export {self.engine.report_id} 导出。")
                return 0
            try:
                self.write(f"已导出：{self.exporter(path)}")
                return 0
            except ZichaError as exc:
                self.write(f"！{exc}")


def default_exporter(engine: InterviewEngine, actor: str) -> Callable[[str], str] | None:
    """Export through exports/ when it is installed; the export is logged like `zicha export`."""
    try:
        from exports.writer import export_record, export_report, format_from_path
    except ImportError:
        return None

    def run(path: str) -> str:
        fmt = format_from_path(path)
        report = engine.store.get(engine.report_id)
        written = export_report(report, Path(path).expanduser(), fmt=fmt)
        engine.store.record(
            "export",
            engine.report_id,
            export_record(report, written, fmt, "runin", report.status != "approved", False),
            actor=actor,
            detail=f"{fmt} {written.name}",
        )
        return str(written)

    return run


__all__ = ["HELP", "STATUSES", "ConsoleSession", "default_exporter"]
