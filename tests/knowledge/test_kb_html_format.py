"""A regulation saved from the department's website (.html): the document, not the page around it.

The site's logo, menu, breadcrumb 「当前位置：」, 发布时间 and 字号 line, 「打印本页」「关闭窗口」 and
footer (主办单位, ICP number) used to land in the first and last chunks, and the 落款 and the notes
under it (「（此件主动公开）」, the contact line) in the last provision's chunk."""

from __future__ import annotations

from pathlib import Path

from knowledge.library import Library
from knowledge.loaders import load_bytes

TITLE = "某市人力资源和社会保障局关于加强社会保险经办窗口服务管理的通知"
NUMBER = "某人社函〔2025〕7号"
PAGE = f"""<!DOCTYPE html>
<html><head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>{TITLE}_通知公告_某市人力资源和社会保障局</title>
<style>.content p {{ line-height: 2; }}</style>
<script>function zoom(s) {{ document.body.style.fontSize = s; }}</script>
</head><body>
<div class="top"><img src="logo.png" alt="某市人力资源和社会保障局"></div>
<div class="menu"><a href="/">首页</a> | <a href="/zwgk/">政务公开</a> | <a href="/bsfw/">办事服务</a></div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; 通知公告</div>
<div class="main">
<div class="title"><h1>{TITLE}</h1>
<div class="info">发布时间：2025-06-03 10:00　来源：市人力资源和社会保障局　【字号：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>】</div></div>
<div class="text" id="zoom">
<p style="text-align:center">{NUMBER}</p>
<p>各县（市、区）人力资源和社会保障局：</p>
<p>　　为提升社会保险经办窗口服务水平，方便群众办事，现就有关事项通知如下：</p>
<p>　　<strong>一、规范窗口设置</strong></p>
<p>　　（一）综合受理窗口。各地应当设置综合受理窗口，实行一窗受理、<a href="/zc/1.html">集成办理</a>，
不得要求群众重复提交材料。</p>
<p>　　（二）爱心窗口。为老年人、残疾人设置爱心窗口，提供<span>帮办代办</span>服务。</p>
<p>　　<strong>二、加强监督考核</strong></p>
<p>　　（一）好差评。窗口服务全面实行好差评，差评应当在一个工作日内回访核实。</p>
<p>　　（二）暗访检查。市局每季度组织一次暗访，暗访结果在全市通报。</p>
<p style="text-align:right">某市人力资源和社会保障局</p>
<p style="text-align:right">2025年6月1日</p>
<p>（此件主动公开）</p>
<p>（联系人：市社会保险事业管理中心，电话：0123-4567890）</p>
</div>
<div class="tools">【<a href="javascript:window.print()">打印本页</a>】【<a href="javascript:window.close()">关闭窗口</a>】</div>
</div>
<div class="links">相关链接：<a href="/a">国家人社部</a> <a href="/b">省人社厅</a> <a href="/c">市政府</a></div>
<div class="footer">主办单位：某市人力资源和社会保障局　网站标识码：1234567890<br>
某ICP备12345678号　技术支持：某市大数据中心</div>
</body></html>
"""
CHROME = [
    "首页",
    "当前位置",
    "发布时间",
    "字号",
    "打印本页",
    "关闭窗口",
    "相关链接",
    "主办单位",
    "ICP",
    "技术支持",
    "此件主动公开",
    "联系人",
]


def _page(tmp_path: Path, html: str = PAGE, encoding: str = "gb18030") -> Path:
    path = tmp_path / "通知.html"
    path.write_bytes(html.replace("\n", "\r\n").encode(encoding))
    return path


def test_page_text_is_the_document_with_its_title_and_number(tmp_path: Path) -> None:
    path = _page(tmp_path)
    loaded = load_bytes(path, path.read_bytes())
    lines = loaded.text.split("\n")
    assert lines[:3] == [TITLE, "", NUMBER]
    assert loaded.title_hint == TITLE  # not 「…_通知公告_某市人力资源和社会保障局」
    assert [word for word in CHROME[:-2] if word in loaded.text] == []
    # inline <a> and <span> stay inside their paragraph; a source line break is no space
    assert (
        "（一）综合受理窗口。各地应当设置综合受理窗口，实行一窗受理、集成办理，不得要求群众重复提交材料。"
        in lines
    )
    assert "（二）爱心窗口。为老年人、残疾人设置爱心窗口，提供帮办代办服务。" in lines


def test_imported_page_has_no_chrome_in_any_chunk(kb_lib: Library, tmp_path: Path) -> None:
    [outcome] = kb_lib.import_paths([_page(tmp_path)]).outcomes
    assert outcome.status == "imported", outcome.message
    [doc] = [d for d in kb_lib.documents() if not d.is_starter]
    assert (doc.title, doc.doc_number) == (TITLE, NUMBER)
    ids = [
        r[0]
        for r in kb_lib.conn.execute(
            "SELECT id FROM chunks WHERE doc_id = ? ORDER BY seq", (doc.id,)
        )
    ]
    articles = [kb_lib.article(cid) for cid in ids]
    prefix = f"《{TITLE}》（{NUMBER}）"
    assert [a.citation for a in articles[1:]] == [
        prefix + p for p in ("第一部分（一）", "第一部分（二）", "第二部分（一）", "第二部分（二）")
    ]
    assert articles[0].text.startswith("各县（市、区）人力资源和社会保障局")
    assert [(a.citation, w) for a in articles for w in CHROME if w in a.text] == []
    assert articles[-1].text == "（二）暗访检查。市局每季度组织一次暗访，暗访结果在全市通报。"


def test_gb2312_page_is_read_as_gb18030(tmp_path: Path) -> None:
    # Python's gb2312 codec reads the bytes of —— and · as ―― (U+2015) and ・ (U+30FB), where
    # every browser shows —— and · (the bytes A1AA, A1A4 are GB2312's own); and 堃 (a name) is
    # not in GB2312 at all, yet such pages hold it
    html = PAGE.replace(
        "市局每季度组织一次暗访", "市局——每季度组织一次暗访（联络员王堃、阿依古丽·买买提）"
    )
    path = _page(tmp_path, html)
    text = load_bytes(path, path.read_bytes()).text
    assert "市局——每季度组织一次暗访（联络员王堃、阿依古丽·买买提）" in text


def test_page_without_a_main_element_keeps_its_text_and_drops_chrome_lines(
    tmp_path: Path,
) -> None:
    html = (
        '<html><head><meta charset="utf-8"><title>某办法</title></head><body>'
        "<p>当前位置：首页 &gt; 政策法规</p>"
        "<p>第一条 为规范经办行为，制定本办法。</p>"
        "<p>第二条 本办法自发布之日起施行。</p>"
        "<p>发布日期：2025-01-01</p>"
        "<p>【打印本页】【关闭窗口】</p></body></html>"
    )
    path = tmp_path / "办法.htm"
    path.write_bytes(html.encode("utf-8"))
    text = load_bytes(path, path.read_bytes()).text
    assert [line for line in text.split("\n") if line] == [
        "第一条 为规范经办行为，制定本办法。",
        "第二条 本办法自发布之日起施行。",
    ]
