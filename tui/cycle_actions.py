"""Ledger out and in, and evidence files, from any screen: asks with dialogs, then calls the
same functions as `zicha ledger` and `zicha evidence` (no rules here). Files are read and the
report written in thread workers (tui/jobs.py), each on a store of its own."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from tui.jobs import run_on_store

if TYPE_CHECKING:
    from report.store import ReportStore

Done = Callable[[], Any]
T = TypeVar("T")


def _on_store(app: Any, job: Callable[[ReportStore], Any], done: Callable[[Any], Any]) -> None:
    run_on_store(app, job, done, group="cycle")


def _in_store(app: Any, job: Callable[[ReportStore], T]) -> T:
    """job on a store of its own, for a dialog's thread worker (PathInputScreen's `use`)."""
    from report.store import ReportStore

    with ReportStore(app.db_path) as store:
        return job(store)


def export_ledger(app: Any, report_id: int) -> None:
    from tui.screens.cycle_dialogs import PathInputScreen
    from tui.widgets.export_path import default_directory

    def write(path: str) -> tuple[Path, int]:
        from exports.ledger_service import export_ledger_stored

        target = Path(path).expanduser()
        return _in_store(
            app, lambda store: export_ledger_stored(store, report_id, target, actor=app.actor)
        )

    def written(outcome: tuple[Path, int] | None) -> None:
        if outcome is not None:
            where, count = outcome
            app.notify(f"已导出整改台账（{count} 项）：{where}", timeout=8)

    initial = str(default_directory() / "整改台账.xlsx")
    app.push_screen(
        PathInputScreen(
            "导出整改台账（Excel）",
            "每个整改项一行，发给各部门填写整改情况和完成状态，填好后按 U 导回。保存到：",
            initial,
            ok="导出",
            use=write,
        ),
        written,
    )


def import_ledger(app: Any, report_id: int, done: Done) -> None:
    from tui.screens.cycle_dialogs import ApplyLedgerScreen, PathInputScreen
    from tui.widgets.export_path import default_directory

    def read(path: str) -> tuple[Any, Any]:
        # In the dialog's worker: a wrong path or a bad file is said in the dialog, which
        # stays open with what was typed.
        from exports.ledger_xlsx import read_ledger
        from report.ledger import plan_import, raise_all

        source = Path(path).expanduser()

        def plan(store: ReportStore) -> tuple[Any, Any]:
            problems: list[str] = []  # every bad cell at once, as on the command line
            rows = read_ledger(source, problems)
            planned = plan_import(store.get(report_id), rows, source.name, problems)
            raise_all(problems)
            return rows, planned

        return _in_store(app, plan)

    def ask(planned: tuple[Any, Any] | None) -> None:
        if planned is None:
            return
        rows, plan = planned
        if not plan.changes:
            app.notify(plan.text())
            return

        def apply(ok: bool | None) -> None:
            if not ok:
                app.notify("未更新，报告保持原样。")
                return
            from report.ledger import apply_plan

            def applied(saved: Any) -> None:
                app.notify(
                    f"已导入整改台账：更新 {len(plan.changes)} 处（第 {saved.revision} 版）。"
                )
                done()

            _on_store(app, lambda store: apply_plan(store, plan, rows, actor=app.actor), applied)

        app.push_screen(ApplyLedgerScreen(plan.text(), plan.notes), apply)

    app.push_screen(
        PathInputScreen(
            "导入整改台账",
            "各部门填写后的台账文件（.xlsx）。导入前会列出每行将要更新的内容：",
            str(default_directory() / "整改台账.xlsx"),
            ok="读取",
            use=read,
        ),
        ask,
    )


def add_evidence(app: Any, report_id: int, holder: str, label: str, done: Done) -> None:
    from tui.screens.cycle_dialogs import PathInputScreen

    def add(text: str) -> list[Any]:
        from report.evidence import add_evidence as add_files

        files = [f.strip().strip('"') for f in text.replace("；", ";").split(";") if f.strip()]
        return _in_store(
            app, lambda store: add_files(store, report_id, holder, files, actor=app.actor)
        )

    def added(items: list[Any] | None) -> None:
        if items is not None:
            app.notify("已添加佐证材料：" + "、".join(a.name for a in items))
            done()

    app.push_screen(
        PathInputScreen(
            f"添加佐证材料：{label}",
            "文件路径（多个文件用分号 ; 分隔），每个文件不超过 50 MB；文件按内容保存在数据目录中：",
            ok="添加",
            use=add,
        ),
        added,
    )
