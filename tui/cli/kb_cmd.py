"""`zicha kb …`: the regulation library from the command line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import click

from .context import CliContext, fail

if TYPE_CHECKING:
    from knowledge.library import Library


def _library(obj: CliContext) -> Library:
    from knowledge.errors import KnowledgeError
    from knowledge.library import Library
    from report.home import knowledge_db_path

    try:
        return Library(knowledge_db_path(obj.home))
    except KnowledgeError as exc:
        raise fail(exc) from exc


@click.group()
def kb() -> None:
    """法规库：导入法规文件、检索条文、管理已导入的文件。"""


@kb.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.pass_obj
def import_(obj: CliContext, paths: tuple[Path, ...]) -> None:
    """导入法规文件或文件夹（txt、md、docx、pdf、html，单个文件不超过 20 MB）。

    文件夹会递归导入其中支持的文件；未变化的文件自动跳过。按 Ctrl+C 可中止，
    已处理的文件完整保存，正在处理的文件不会写入一半。
    """
    from knowledge.models import ImportProgress

    actor = obj.actor  # log in before changing anything

    shown: set[str] = set()

    def show(p: ImportProgress) -> None:
        line = p.last.message if p.last else p.current
        shown.add(p.last.path if p.last else p.current)
        click.echo(f"[{p.done}/{p.total}] {line}")

    from tui.library_audit import imported_since, record_import, snapshot

    with _library(obj) as lib:
        before = snapshot(lib)
        try:
            result = lib.import_paths(list(paths), progress=show)
        except KeyboardInterrupt:
            # the files written before the interrupt are in the library: log them
            with obj.store() as store:
                record_import(store, actor, imported_since(lib, before))
            click.echo("已中止：已处理的文件完整保存，正在处理的文件未写入。", err=True)
            raise SystemExit(130) from None
        from knowledge.traditional import import_warnings

        warnings = import_warnings(lib, result)
    with obj.store() as store:
        record_import(store, actor, result)
    for outcome in result.outcomes:
        if outcome.path not in shown:  # a path that was not there is no file of the progress
            click.echo(outcome.message)
    for line in warnings:  # imported, but likely searched in vain
        click.echo(line)
    from knowledge.importer import unsupported_in_folders, unsupported_line

    skipped = unsupported_in_folders(paths)
    if skipped:
        click.echo(unsupported_line(skipped))
    elif not result.outcomes:
        click.echo("没有找到可导入的文件（txt、md、docx、pdf、html）。")
    click.echo(result.summary())
    with _library(obj) as lib:
        _vector_phase(lib)
    if result.count("failed") or not result.outcomes:  # nothing importable found
        raise SystemExit(1)


VECTOR_PROGRESS_SECONDS = 5.0


def _vector_phase(lib: Library) -> None:
    """The second phase of an import or rebuild: passage vectors for the semantic leg.

    Each batch is saved as it is computed; Ctrl+C keeps what is done and the next import or
    rebuild goes on from there. Where the semantic component is missing, one line says so."""
    import time

    from knowledge.semantic import VectorProgress, load_encoder, unavailable_reason

    from .doctor_cmd import engine_words

    reason = unavailable_reason()
    if reason is not None:
        click.echo(reason)
        return
    shown = {"at": 0.0, "first": True}

    def show(p: VectorProgress) -> None:
        now = time.monotonic()
        if p.done >= p.total and not shown["first"]:
            return
        if shown["first"] or now - shown["at"] >= VECTOR_PROGRESS_SECONDS:
            # Loaded already (progress comes after the model): which engine computes them.
            engine = load_encoder().engine
            if shown["first"] and p.done < p.total:
                click.echo(
                    f"正在计算语义向量（{engine_words(load_encoder())}；"
                    f"{p.total - p.done} 个片段待算，可按 Ctrl+C 中止，"
                    "下次导入或重建索引时继续）……"
                )
            elif not shown["first"]:
                click.echo(f"语义向量（{engine}）：{p.done}/{p.total} 个片段")
            shown["first"] = False
            shown["at"] = now

    try:
        vector_result = lib.build_vectors(progress=show)
    except KeyboardInterrupt:
        click.echo(
            "语义向量计算已中止：已算好的部分已保存，下次导入或重建索引时继续；"
            "未算的片段暂按关键词检索。",
            err=True,
        )
        raise SystemExit(130) from None
    click.echo(vector_result.summary())


@kb.command("list")
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出。")
@click.pass_obj
def list_(obj: CliContext, as_json: bool) -> None:
    """列出法规库中的文件（内置要点和已导入的文件）。"""
    with _library(obj) as lib:
        docs = lib.documents()
    if as_json:
        click.echo(json.dumps([d.model_dump() for d in docs], ensure_ascii=False, indent=2))
        return
    # a library imported before copies were refused may hold one regulation twice
    first: dict[str, int] = {}
    for d in docs:
        number = f"（{d.doc_number}）" if d.doc_number else ""
        kind = "内置要点" if d.is_starter else d.source_path
        twin = None
        if d.doc_number and not d.is_starter:
            twin = first.setdefault(d.doc_number, d.id)
        again = (
            f"  ← 与编号 {twin} 是同一份法规，检索会重复，可用 zicha kb remove {d.id} 删除"
            if twin is not None and twin != d.id
            else ""
        )
        click.echo(f"{d.id:>4}  《{d.title}》{number}  {d.chunks} 条  {kind}{again}")


@kb.command()
@click.argument("doc_id", type=int)
@click.pass_obj
def remove(obj: CliContext, doc_id: int) -> None:
    """从法规库删除一个已导入的文件（编号见 zicha kb list）。"""
    from knowledge.errors import KnowledgeError

    actor = obj.actor  # log in before changing anything
    with _library(obj) as lib:
        try:
            doc = lib.remove(doc_id)
        except KnowledgeError as exc:
            raise fail(exc) from exc
    from tui.library_audit import record_remove

    with obj.store() as store:
        record_remove(store, actor, doc)
    click.echo(f"已删除《{doc.title}》及其 {doc.chunks} 个片段。")


@kb.command()
@click.pass_obj
def rebuild(obj: CliContext) -> None:
    """重建检索索引（重新分词并恢复内置要点），不需要原文件。"""
    from tui.library_audit import record_rebuild

    actor = obj.actor  # log in before changing anything
    with _library(obj) as lib:
        count = lib.rebuild()
    with obj.store() as store:
        record_rebuild(store, actor, count)
    click.echo(f"索引已重建，共 {count} 个片段。")
    with _library(obj) as lib:
        _vector_phase(lib)


@kb.command()
@click.argument("query")
@click.option(
    "-k", "k", default=5, show_default=True, type=click.IntRange(1, 50), help="最多返回几条。"
)
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出。")
@click.pass_obj
def search(obj: CliContext, query: str, k: int, as_json: bool) -> None:
    """检索条文，例如：zicha kb search "缴费基数核定"。匹配的词用【】标出。"""
    if not query.strip():
        raise click.UsageError("请输入要检索的内容，例如：zicha kb search 缴费基数核定")
    with _library(obj) as lib:
        hits = lib.search(query, k=k)
    if as_json:
        click.echo(json.dumps([h.model_dump() for h in hits], ensure_ascii=False, indent=2))
        return
    if not hits:
        click.echo("没有找到相关条文。可以换个说法，或用 zicha kb import 导入法规全文。")
        return
    for n, h in enumerate(hits, start=1):
        click.echo(f"{n}. {h.citation}〔{h.label}〕 编号 {h.chunk_id}")
        if h.by_meaning:
            click.echo(f"   （{h.found_by}）")
        if h.chapter_path:
            click.echo(f"   {h.chapter_path}")
        for line in h.highlighted.split("\n"):
            click.echo(f"   {line}")
        click.echo("")


@kb.command()
@click.argument("chunk_id", type=int)
@click.pass_obj
def show(obj: CliContext, chunk_id: int) -> None:
    """显示一条检索结果所在条文的全文（编号见检索结果）。"""
    from knowledge.errors import KnowledgeError

    with _library(obj) as lib:
        try:
            hit = lib.article(chunk_id)
        except KnowledgeError as exc:
            raise fail(exc) from exc
    click.echo(f"{hit.citation}〔{hit.label}〕")
    click.echo(hit.text)
    if hit.is_summary:
        number = f"（{hit.doc_number}）" if hit.doc_number else ""
        click.echo(
            f"\n这是 zicha 内置的要点摘要，不是原文。要看全文，请导入《{hit.title}》{number}"
            "的正式文本：zicha kb import 文件路径；导入后检索会先显示原文条款。"
        )
