"""`zicha export ID -o PATH`: preflight, write the document, log the export."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from exports.formats import EXPORT_FORMATS, FORMATS, suffix_list
from report.errors import ZichaError
from report.labels import DEFAULT_ACTOR

from .context import CliContext, fail

if TYPE_CHECKING:
    from exports.assemble import Numbering, PriorPosition
    from exports.preflight import PreflightItem
    from exports.service import ExportOutcome
    from report.plain import AnyReport
    from report.scoring import ScoreRow


@click.command("export")
@click.argument("report_id", metavar="ID", type=int)
@click.option(
    "-o",
    "--output",
    type=click.Path(),
    default=None,
    help="保存路径；默认在当前文件夹生成「单位+年度+自查报告」。",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(list(FORMATS)),
    default=None,
    help="、".join(f.help for f in EXPORT_FORMATS) + "；不写时按文件扩展名判断。",
)
@click.option(
    "--numbering",
    type=click.Choice(["runin", "headings"]),
    default="runin",
    show_default=True,
    help="runin：段首「一是……二是……」；headings：「（一）（二）」小标题。",
)
@click.option("--force", is_flag=True, help="目标文件已存在时覆盖。")
@click.option(
    "--follow-symlinks",
    is_flag=True,
    help="目标是符号链接时写到它指向的文件（默认拒绝写入符号链接）。",
)
@click.option(
    "--draft-mark/--no-draft-mark",
    default=None,
    help="页眉是否标注「征求意见稿」；默认未审定的报告标注，已审定的不标注。",
)
@click.option("--with-comments", is_flag=True, help="把审核意见作为附件附在文末（默认不附）。")
@click.option(
    "--prior-part",
    type=click.Choice(["before", "after"]),
    default="before",
    show_default=True,
    help="「上年度问题整改落实情况」放在五个方面之前（before）或之后（after）；"
    "只有以上年度报告为基础新建的报告才有这一部分。",
)
@click.option(
    "--profile",
    "profile_spec",
    default=None,
    metavar="NAME|FILE.yaml",
    help="文档配置（版头、版记、版式）：已保存的名称（zicha profile list）或 .yaml 文件；默认「标准」。",
)
@click.option(
    "--template",
    type=click.Path(dir_okay=False),
    default=None,
    metavar="红头模板.docx",
    help="本单位的红头模板 .docx：保留其页面设置、页眉页脚、标志和样式，正文填入其中。",
)
@click.option(
    "--appendix",
    default=None,
    metavar="stats,rectification,score",
    help="附表：stats（内部控制要点自查情况统计表）、rectification（整改措施清单）、"
    "score（自查评分表，带分值的题库），用逗号分隔。",
)
@click.pass_obj
def export(
    obj: CliContext,
    report_id: int,
    output: str | None,
    fmt: str | None,
    numbering: str,
    force: bool,
    draft_mark: bool | None,
    with_comments: bool,
    follow_symlinks: bool,
    prior_part: str,
    profile_spec: str | None,
    template: str | None,
    appendix: str | None,
) -> None:
    """导出报告为 Word（公文格式）、PDF、Markdown 或纯文本；先列出预检结果。"""
    from exports.appendices import parse_appendices
    from exports.profile_store import resolve_profile

    try:
        appendices = parse_appendices(appendix)
        profile = resolve_profile(obj.home, profile_spec)
    except (ValueError, ZichaError) as exc:
        raise click.ClickException(str(exc)) from exc
    if template:
        profile = profile.model_copy(update={"template": str(Path(template).absolute())})
    numbered: Numbering = "headings" if numbering == "headings" else "runin"
    prior: PriorPosition = "after" if prior_part == "after" else "before"
    if not (profile_spec or template or appendices or with_comments):
        from .export_plain import open_plain

        opened = open_plain(obj, report_id)
        if opened is not None:  # the report read without pydantic (issue 16)
            from exports.service import export_plain
            from tui.readiness import plain_preflight

            access, plain = opened
            with access:
                outcome = _write(
                    plain,
                    output,
                    fmt,
                    prepare=lambda: None,
                    preflight=lambda: plain_preflight(plain),
                    export=lambda target, fmt_: export_plain(
                        access,
                        plain,
                        target,
                        fmt=fmt_,
                        numbering=numbered,
                        force=force,
                        draft_mark=draft_mark,
                        actor=DEFAULT_ACTOR,
                        follow_symlinks=follow_symlinks,
                        prior_position=prior,
                        profile=profile,
                    ),
                )
                head = access.audit_head_label()
            _done(outcome, head, with_comments)
            return

    from exports.service import export_stored
    from tui.readiness import full_preflight

    actor = obj.actor  # log in before writing anything
    with obj.store() as store:
        try:
            report = store.get(report_id)
        except ZichaError as exc:
            raise fail(exc) from exc
        score_rows: list[ScoreRow] | None = None

        def scores() -> None:
            nonlocal score_rows
            if "score" in appendices:
                from interview.bank_store import bank_for_report
                from interview.scoring import score_rows as scored

                try:
                    score_rows = scored(report, bank_for_report(obj.home, report.bank))
                except ZichaError as exc:
                    raise fail(exc) from exc

        outcome = _write(
            report,
            output,
            fmt,
            prepare=scores,
            preflight=lambda: full_preflight(report, home=obj.home),
            export=lambda target, fmt_: export_stored(
                store,
                report_id,
                target,
                fmt=fmt_,
                numbering=numbered,
                force=force,
                draft_mark=draft_mark,
                with_comments=with_comments,
                actor=actor,
                report=report,
                follow_symlinks=follow_symlinks,
                prior_position=prior,
                profile=profile,
                appendices=appendices,
                score_rows=score_rows,
            ),
        )
        head = store.audit_head_label()
    _done(outcome, head, with_comments)


def _write(
    report: AnyReport,
    output: str | None,
    fmt: str | None,
    *,
    prepare: Callable[[], None],
    preflight: Callable[[], list[PreflightItem]],
    export: Callable[[Path, str], ExportOutcome],
) -> ExportOutcome:
    """Check the target's format, list the preflight, export: the same for both readers."""
    from exports.preflight import has_errors
    from exports.writer import default_filename, format_from_path

    suffix = Path(output).suffix.lower() if output else ""
    if fmt is None and suffix and suffix.lstrip(".") not in FORMATS:
        # else a .pdf (or .doc) file would silently hold a .docx document
        raise click.ClickException(f"不能导出为「{suffix}」文件：只能导出 {suffix_list()}。")
    if fmt is not None and suffix.lstrip(".") in FORMATS and suffix.lstrip(".") != fmt:
        raise click.UsageError(
            f"格式与文件扩展名矛盾：--format {fmt} 却要写入「{suffix}」文件。"
            f"请把文件名改成 .{fmt}，或去掉 --format 按扩展名导出。"
        )
    prepare()
    fmt = fmt or (format_from_path(output) if output else "docx")
    target = Path(output) if output else Path.cwd() / default_filename(report, fmt)

    items = preflight()
    if items:
        click.echo(f"预检发现 {len(items)} 项：")
        for item in items:
            click.echo("  " + item.line())
        if has_errors(items):
            click.echo("有「错误」项：文档仍会导出（征求意见稿），但改正前不能提交审核。")
    else:
        click.echo("预检通过。")
    try:
        return export(target, fmt)
    except ZichaError as exc:
        raise fail(exc) from exc


def _done(outcome: ExportOutcome, head: str, with_comments: bool) -> None:
    if with_comments and not outcome.comments:
        click.echo("这份报告没有审核意见，未附附件。")
    click.echo(f"审计日志末尾：{head}（可记下，日后用 zicha audit verify --anchor 核对）")
    click.echo(f"已导出：\n{outcome.path}")
