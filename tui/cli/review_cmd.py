"""`zicha review list|show|submit|comment|reply|resolve|return|approve|reopen|diff`."""

from __future__ import annotations

import click

from report import comments, diff, workflow
from report.models import STATE_LABELS, Report
from report.snapshots import stage_label

from .context import CliContext

SECTION_HELP = "批注针对的部分的编号（写错时会列出本报告的各部分及编号）。"
REVISION_HELP = "您看到的版本号（第 N 版）；报告若已被他人改动则拒绝执行。"


def _when(stamp: str | None) -> str:
    """2026-11-30T12:12:32+00:00 as people read it: 2026-11-30 20:12 (local time)."""
    from report.local_time import local_minutes

    return local_minutes(stamp)


@click.group()
def review() -> None:
    """审核流程：提交、批注、退回、审定、重新打开、比较版本。"""


@review.command("list")
@click.pass_obj
def list_reviews(obj: CliContext) -> None:
    """列出各报告的审核状态。"""
    with obj.store(readonly=True) as store:
        rows = store.list()
        infos = {r.id: store.review_info(r.id) for r in rows}
        stages = {r.id: stage_label(store.snapshots(r.id), infos[r.id].edition) for r in rows}
        open_counts = {r.id: len(store.threads(r.id, open_only=True)) for r in rows}
    if not rows:
        click.echo("还没有报告。")
        return
    for r in rows:
        info = infos[r.id]
        extra = f"审定：{info.approved_by} {_when(info.approved_at)}" if info.approved_by else ""
        if not extra and info.submitted_by:
            extra = f"提交：{info.submitted_by} {_when(info.submitted_at)}"
        click.echo(
            f"{r.id}\t{r.unit} {r.year}年度\t{r.status_label}\t{stages[r.id]}\t"
            f"未解决批注 {open_counts[r.id]} 条\t{extra}".rstrip()
        )


@review.command("show")
@click.argument("report_id", type=int)
@click.pass_obj
def show(obj: CliContext, report_id: int) -> None:
    """显示报告各段（带段落编号）、旁边的批注和历次送审。"""
    with obj.reading() as store:
        report = store.get(report_id)
        info = store.review_info(report_id)
        threads = store.threads(report_id)
        snaps = store.snapshots(report_id)
        account_events = (
            store.account_changes(info.approved_by, report.created_at or "")
            if info.approved_by
            else []
        )
    click.echo(
        f"报告 {report_id}：{report.unit} {report.year}年度  {STATE_LABELS[report.status]}  "
        f"{stage_label(snaps, info.edition)}  第 {report.revision} 版"
    )
    point_ids = {p.id for s in report.sections for p in s.points}
    by_anchor: dict[str, list[comments.Thread]] = {}
    for t in threads:
        point = t.comment.point_id if t.comment.point_id in point_ids else None
        by_anchor.setdefault(point or t.comment.section_key or "", []).append(t)
    _echo_threads(by_anchor.get("", []), report, "  ")
    for section in report.sections:
        click.echo(f"【{section.title}】（{section.key}）")
        _echo_threads(by_anchor.get(section.key, []), report, "  ")
        for n, p in enumerate(section.points, 1):
            click.echo(f"  {n}. [{p.id}] {p.body}")
            _echo_threads(by_anchor.get(p.id, []), report, "      ")
    if snaps:
        click.echo("历次送审：")
        for s in snaps:
            click.echo(f"  {s.seq}  {s.label}")
    if info.approved_by:
        if account_events:
            click.echo(f"审定人账号自本报告新建以来的变动（{info.approved_by}）：")
            for e in account_events:
                label = ACCOUNT_LABELS.get(e.action, e.action)
                click.echo(f"  {_when(e.ts)}  {e.actor}  {label}  {e.detail}")
        else:
            click.echo(f"审定人账号（{info.approved_by}）自本报告新建以来没有变动。")


ACCOUNT_LABELS = {
    "user_add": "添加用户",
    "user_passwd": "设置密码",
    "user_disable": "停用用户",
    "user_role": "更改角色",
}


def _echo_threads(threads: list[comments.Thread], report: Report, indent: str) -> None:
    for t in threads:
        c = t.comment
        state = f"已解决（{c.resolved_by}）" if c.resolved else "未解决"
        click.echo(
            f"{indent}▶ 批注 #{c.id} {c.author}〔{t.anchor_label(report)}，{state}〕：{c.body}"
        )
        for r in t.replies:
            click.echo(f"{indent}    ↳ #{r.id} {r.author}：{r.body}")


@review.command("submit")
@click.argument("report_id", type=int)
@click.option("--revision", type=int, default=None, help=REVISION_HELP)
@click.pass_obj
def submit(obj: CliContext, report_id: int, revision: int | None) -> None:
    """经办人提交报告送审（保存一份不可更改的快照）；预检有错误时不能提交。"""
    from tui.readiness import submission_refusal

    with obj.acting() as (store, actor):
        snap = workflow.submit(
            store,
            report_id,
            actor,
            revision,
            check=lambda report: submission_refusal(report, home=obj.home),
        )
    click.echo(f"报告 {report_id} 已提交审核：{snap.label}。")


@review.command("comment")
@click.argument("report_id", type=int)
@click.argument("text")
@click.option("--section", default=None, help=SECTION_HELP)
@click.option("--point", default=None, help="批注针对的段落编号（见 zicha review show）。")
@click.pass_obj
def comment(
    obj: CliContext, report_id: int, text: str, section: str | None, point: str | None
) -> None:
    """审核人对已提交的报告提出批注。"""
    with obj.acting() as (store, actor):
        c = comments.add_comment(store, report_id, actor, text, section, point)
    click.echo(f"已添加批注 #{c.id}。")


@review.command("comments")
@click.argument("report_id", type=int)
@click.option("--open", "open_only", is_flag=True, help="只列未解决的批注。")
@click.pass_obj
def list_comments(obj: CliContext, report_id: int, open_only: bool) -> None:
    """列出一份报告的批注及回复。"""
    with obj.reading() as store:
        report = store.get(report_id)
        threads = store.threads(report_id, open_only=open_only)
    if not threads:
        click.echo("没有批注。")
    _echo_threads(threads, report, "")


@review.command("reply")
@click.argument("comment_id", type=int)
@click.argument("text")
@click.pass_obj
def reply(obj: CliContext, comment_id: int, text: str) -> None:
    """回复一条批注。"""
    with obj.acting() as (store, actor):
        c = comments.reply(store, comment_id, actor, text)
    click.echo(f"已回复批注 #{c.parent_id}（回复 #{c.id}）。")


@review.command("resolve")
@click.argument("comment_id", type=int)
@click.pass_obj
def resolve(obj: CliContext, comment_id: int) -> None:
    """把一条批注标为已解决。"""
    with obj.acting() as (store, actor):
        c = comments.resolve(store, comment_id, actor)
    click.echo(f"批注 #{c.id} 已标为已解决。")


@review.command("return")
@click.argument("report_id", type=int)
@click.argument("reason")
@click.option("--section", default=None, help=SECTION_HELP)
@click.option("--point", default=None, help="理由针对的段落编号（见 zicha review show）。")
@click.option("--revision", type=int, default=None, help=REVISION_HELP)
@click.pass_obj
def return_(
    obj: CliContext,
    report_id: int,
    reason: str,
    section: str | None,
    point: str | None,
    revision: int | None,
) -> None:
    """审核人退回报告修改；理由作为批注，经办人须回复或解决后才能再次提交。"""
    with obj.acting() as (store, actor):
        workflow.return_report(store, report_id, actor, reason, section, point, revision)
        pending = store.threads(report_id, open_only=True)
    click.echo(f"报告 {report_id} 已退回修改，待经办人处理的批注 {len(pending)} 条。")


@review.command("approve")
@click.argument("report_id", type=int)
@click.option("--revision", type=int, default=None, help=REVISION_HELP)
@click.pass_obj
def approve(obj: CliContext, report_id: int, revision: int | None) -> None:
    """审核人审定报告（不能审定自己起草或修改过的报告）。"""
    with obj.acting() as (store, actor):
        workflow.approve(store, report_id, actor, revision)
        info = store.review_info(report_id)
    click.echo(f"报告 {report_id} 已审定：{info.approved_by}，{_when(info.approved_at)}。")


@review.command("reopen")
@click.argument("report_id", type=int)
@click.argument("reason")
@click.option("--revision", type=int, default=None, help=REVISION_HELP)
@click.pass_obj
def reopen(obj: CliContext, report_id: int, reason: str, revision: int | None) -> None:
    """审核人填写理由重新打开已审定的报告，开始新一稿。"""
    with obj.acting() as (store, actor):
        workflow.reopen(store, report_id, actor, reason, revision)
        info = store.review_info(report_id)
    click.echo(f"报告 {report_id} 已重新打开，开始第 {info.edition} 稿（草稿）。")


@review.command("diff")
@click.argument("report_id", type=int)
@click.argument("a", required=False, default=None)
@click.argument("b", required=False, default="当前")
@click.pass_obj
def diff_cmd(obj: CliContext, report_id: int, a: str | None, b: str) -> None:
    """逐部分比较两个版本：版本甲、版本乙为送审序号（1、2 …）、「当前」（默认）或「上年」
    （以上年度报告为基础新建时，上年度报告的审定稿）。只写编号时，与上年比较。"""
    with obj.reading() as store:
        if a is None:
            if store.get(report_id).predecessor is None:
                raise click.UsageError(
                    "请写要比较的版本，例如 zicha review diff 1 1 2（第 1、2 次送审）；"
                    "只写编号仅适用于以上年度报告为基础新建的报告。"
                )
            a = "上年"
        label_a, old = workflow.version(store, report_id, a)
        label_b, new = workflow.version(store, report_id, b)
    click.echo(diff.format_diff(diff.diff_reports(old, new), label_a, label_b))
