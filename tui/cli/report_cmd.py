"""`zicha report new|list|show|fill`."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import click

from report.answers import load_answers
from report.errors import ZichaError
from report.models import STATE_LABELS, Report, validation_message

from .context import CliContext, fail

if TYPE_CHECKING:
    from interview.bank import Bank
    from report.models import BankRef


@click.group()
def report() -> None:
    """新建、查看和填写自查报告。"""


def _parse_date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise click.UsageError(
            f"成文日期「{value}」不对，请写成 2026-11-29 这样的格式（年-月-日）。"
        ) from None


@report.command("new")
@click.option("--unit", help="单位全称，如「某县社会保险事业局」。")
@click.option(
    "--short-name",
    default=None,
    help="报告中的自称；默认按单位名称：……局→我局，……中心→我中心，……处→我处。",
)
@click.option("--to", "addressee", help="主送机关，如「市社会保险事业管理处」。")
@click.option("--year", type=int, help="自查年度，如 2026。")
@click.option("--basis-title", help="上级通知的标题（不含书名号）。")
@click.option("--basis-number", help="上级通知的文号，如「某社险函〔2026〕71号」。")
@click.option(
    "--date",
    "doc_date",
    metavar="年-月-日",
    callback=lambda ctx, param, value: _parse_date(value),
    help="成文日期，如 2026-11-29；默认今天。",
)
@click.option(
    "--from",
    "from_file",
    type=click.Path(dir_okay=False),
    help="从答案文件（YAML）一次建好并填写。",
)
@click.option(
    "--from-report",
    "from_report",
    type=int,
    metavar="ID",
    help="以上年度报告为基础新建下一年度的报告（单位、主送机关等沿用，要点待复核）。",
)
@click.option(
    "--bank",
    "bank_name",
    metavar="题库名称",
    default=None,
    help="按哪个题库访谈（zicha bank list 查看）；默认内置题库。",
)
@click.pass_obj
def new(
    obj: CliContext,
    unit: str | None,
    short_name: str | None,
    addressee: str | None,
    year: int | None,
    basis_title: str | None,
    basis_number: str | None,
    doc_date: dt.date | None,
    from_file: str | None,
    from_report: int | None,
    bank_name: str | None,
) -> None:
    """新建一份报告，最后一行输出报告编号。"""
    bank_ref = _bank_ref(obj, bank_name)
    if from_report is not None:
        _new_from_report(
            obj,
            from_report,
            year,
            others={
                "--unit": unit,
                "--short-name": None if short_name == "我局" else short_name,
                "--to": addressee,
                "--basis-title": basis_title,
                "--basis-number": basis_number,
                "--date": doc_date,
                "--from": from_file,
            },
        )
        return
    if from_file:
        given = [
            flag
            for flag, value in (
                ("--unit", unit),
                ("--short-name", short_name),
                ("--to", addressee),
                ("--year", year),
                ("--basis-title", basis_title),
                ("--basis-number", basis_number),
                ("--date", doc_date),
            )
            if value is not None
        ]
        if given:  # they would be silently ignored
            raise click.UsageError(
                f"--from 不能与 {'、'.join(given)} 同时使用：请把这些内容写进答案文件，"
                "或去掉 --from 逐项填写。"
            )
    try:
        if from_file:
            draft = load_answers(from_file).new_report()
            action = "fill"
        else:
            missing = [
                flag
                for flag, value in (
                    ("--unit", unit),
                    ("--to", addressee),
                    ("--year", year),
                    ("--basis-title", basis_title),
                    ("--basis-number", basis_number),
                )
                if value in (None, "")
            ]
            if missing:
                raise click.UsageError(
                    "缺少必填项："
                    + "、".join(missing)
                    + "。也可以用 --from 答案文件.yaml 一次建好。"
                )
            try:
                draft = Report(
                    unit=unit,
                    # without --short-name the model takes it from the unit (……中心 -> 我中心)
                    **({"short_name": short_name} if short_name else {}),
                    addressee=addressee,
                    year=year,
                    basis_title=basis_title,
                    basis_number=basis_number,
                    date=doc_date or dt.date.today(),
                )
            except ValueError as exc:
                raise click.ClickException(validation_message(exc)) from exc
            action = "create"
        if bank_ref is not None:
            try:
                draft.bank = bank_ref
            except ValueError as exc:  # an answers file's sections the bank does not have
                raise click.ClickException(validation_message(exc)) from exc
        with obj.store() as store:
            created = store.create(draft, actor=obj.actor, action=action)
            twins = [
                r.id
                for r in store.list()
                if r.unit == created.unit and r.year == created.year and r.id != created.id
            ]
    except ZichaError as exc:
        raise fail(exc) from exc
    if bank_ref is not None:
        click.echo(f"题库：{bank_ref.name}（版本 {bank_ref.version}）")
    if twins:  # on stderr: the last line of output stays the new id
        click.echo(
            f"提醒：已有{created.unit} {created.year}年度的报告（编号 "
            + "、".join(str(i) for i in twins)
            + "）。如果是重复新建，可在全屏界面首页选中多余的一份按 D 删除。",
            err=True,
        )
    click.echo(f"已新建报告：{created.unit} {created.year}年度（编号 {created.id}）")
    click.echo(str(created.id))


def _bank_ref(obj: CliContext, name: str | None) -> BankRef | None:
    """The bank a new report is answered on; None for the built-in bank."""
    if name is None:
        return None
    from interview.bank_store import BUILTIN_NAME, bank_ref, open_bank

    if name == BUILTIN_NAME:
        return None
    try:
        info, bank = open_bank(obj.home, name)
    except ZichaError as exc:
        raise fail(exc) from exc
    return bank_ref(info, bank)


def _new_from_report(
    obj: CliContext, from_report: int, year: int | None, others: dict[str, object]
) -> None:
    from report.carry import carry_forward, mark_counts

    given = [flag for flag, value in others.items() if value is not None]
    if given:
        raise click.UsageError(
            f"--from-report 不能与 {'、'.join(given)} 同时使用：新报告沿用上年度报告的单位、"
            "自称、主送机关和依据通知，新建后可在界面中修改；年度用 --year 指定。"
        )
    try:
        with obj.store() as store:
            created = carry_forward(store, from_report, year=year, actor=obj.actor)
    except ZichaError as exc:
        raise fail(exc) from exc
    points = sum(mark_counts(created).values())
    click.echo(
        f"已以报告 {from_report}（{created.predecessor.year if created.predecessor else ''}年度）"
        f"为基础新建：{created.unit} {created.year}年度（编号 {created.id}）"
    )
    click.echo(
        f"沿用要点 {points} 条，均为「待复核」；上年度整改项 {len(created.prior_items)} 项，"
        "访谈时先询问整改落实情况。"
    )
    click.echo(str(created.id))


@report.command("list")
@click.pass_obj
def list_reports(obj: CliContext) -> None:
    """列出数据目录中的全部报告。"""
    from interview.bank_import import BankImportError
    from interview.bank_store import bank_for_report
    from interview.coverage import progress_label
    from report.local_time import local_minutes

    with obj.store(readonly=True) as store:
        rows = store.list()
        reports = {r.id: store.get(r.id) for r in rows}
    if not rows:
        click.echo("还没有报告。用 zicha report new 新建一份。")
        return
    # answered bank points / points in the report's own bank: the same count as Home and coverage
    banks: dict[str | None, Bank] = {}  # content hash (None: built-in) -> Bank
    for r in rows:
        report = reports[r.id]
        key = report.bank.hash if report.bank else None
        try:
            if key not in banks:
                banks[key] = bank_for_report(obj.home, report.bank)
            progress = f"已答 {progress_label(report, banks[key])}"
        except BankImportError:
            name = report.bank.name if report.bank else ""
            progress = f"已答 {r.points_answered} 条（缺题库「{name}」）"
        click.echo(
            f"{r.id}\t{r.unit}\t{r.year}年度\t{r.status_label}\t"
            f"{progress}\t第 {r.revision} 版\t{local_minutes(r.updated_at)}"
        )


@report.command("show")
@click.argument("report_id", type=int)
@click.pass_obj
def show(obj: CliContext, report_id: int) -> None:
    """显示一份报告的内容。"""
    try:
        with obj.store(readonly=True) as store:
            r = store.get(report_id)
    except ZichaError as exc:
        raise fail(exc) from exc
    click.echo(f"编号：{r.id}    状态：{STATE_LABELS[r.status]}    第 {r.revision} 版")
    click.echo(f"标题：{r.display_title() or '（不设标题）'}")
    click.echo(f"主送：{r.addressee}")
    click.echo(f"依据：《{r.basis_title}》（{r.basis_number}）")
    click.echo(f"成文日期：{r.date_text()}")
    from report.carry import change_marks, mark_counts, prior_sentence

    marks = change_marks(r)
    if r.predecessor is not None:
        counts = "、".join(f"{k} {v}" for k, v in mark_counts(r).items())
        click.echo(
            f"上年度报告：编号 {r.predecessor.report_id}（{r.predecessor.year}年度）；与上年相比：{counts}"
        )
    click.echo("")
    click.echo(r.display_opening())
    if r.prior_items:
        click.echo("")
        click.echo("【上年度问题整改落实情况】")
        for item in r.prior_items:
            click.echo(f"  - {prior_sentence(item)}")
    for section in r.sections:
        click.echo("")
        click.echo(f"【{section.title}】{'（已完成）' if section.done else ''}")
        if not section.points:
            click.echo("  （暂无内容）")
        for p in section.points:
            status: str | None = p.status
            if not p.status_confirmed:
                status = f"待确认（拟定：{p.status}）" if p.status else "待确认（未拟定）"
            tags = [t for t in (p.control_point, status, "已跳过" if p.skipped else None) if t]
            if p.review_pending and not p.skipped:
                tags.append("待复核")
            if p.id in marks:
                tags.append(marks[p.id])
            if p.origin_item:
                tags.append("上年度整改项延续")
            if p.progress:
                tags.append(f"台账：{p.progress}")
            if p.owner or p.due:
                tags.append(f"责任部门：{p.owner or '未定'}；时限：{p.due or '未定'}")
            suffix = f"  〔{'，'.join(tags)}〕" if tags else ""
            click.echo(f"  - {p.body}{suffix}")
    if r.assessment:
        click.echo("")
        click.echo(f"【总体评价】{r.assessment}")


@report.command("fill")
@click.argument("report_id", type=int)
@click.argument("answers_file", type=click.Path(dir_okay=False))
@click.pass_obj
def fill(obj: CliContext, report_id: int, answers_file: str) -> None:
    """用答案文件（YAML）填写已有报告；原有内容将被文件内容替换。"""
    try:
        answers = load_answers(answers_file)
        with obj.store() as store:
            current = store.get(report_id)
            saved = store.save(
                answers.apply_to(current), actor=obj.actor, action="fill", detail=answers_file
            )
    except ZichaError as exc:
        raise fail(exc) from exc
    total = sum(len(s.points) for s in saved.sections)
    click.echo(f"已填写报告 {saved.id}：共 {total} 段内容，当前为第 {saved.revision} 版。")
