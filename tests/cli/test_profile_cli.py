"""`zicha profile add|list|show|remove` and `zicha export --profile/--appendix/--template`."""

from __future__ import annotations

import sys
from pathlib import Path

from click.testing import CliRunner

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "exports"))

from export_helpers import make_report  # noqa: E402
from profile_helpers import UPWARD_YAML, write_profile  # noqa: E402

from report.store import ReportStore  # noqa: E402
from tui.cli import main  # noqa: E402


def zicha(home: Path, *args: str):
    return CliRunner().invoke(main, ["--home", str(home), *args])


def test_add_list_show_remove(tmp_path: Path):
    home = tmp_path / "home"
    path = write_profile(tmp_path)
    result = zicha(home, "profile", "add", str(path))
    assert result.exit_code == 0, result.output
    assert "已保存文档配置「上报市局」" in result.output
    assert (home / "profiles" / "上报市局.yaml").read_text(encoding="utf-8") == UPWARD_YAML

    listing = zicha(home, "profile", "list").output
    assert "标准\t内置\t无版头" in listing
    assert "方正字库\t内置" in listing
    assert "上报市局\t已保存\t上行文  某县社会保险事业局文件" in listing

    shown = zicha(home, "profile", "show", "上报市局").output
    assert "doc_number: 某社险〔2026〕12号" in shown
    assert "发文机关标志：方正小标宋简体 29 磅" in shown
    assert "每页 22 行，每行 28 字" in shown
    assert "正文：仿宋_GB2312 三号" in zicha(home, "profile", "show", "标准").output

    again = zicha(home, "profile", "add", str(path))
    assert again.exit_code == 1 and "已有名为「上报市局」" in again.output
    assert zicha(home, "profile", "add", str(path), "--force").exit_code == 0

    assert zicha(home, "profile", "remove", "标准").exit_code == 1
    gone = zicha(home, "profile", "remove", "上报市局")
    assert gone.exit_code == 0 and not (home / "profiles" / "上报市局.yaml").exists()
    missing = zicha(home, "profile", "show", "上报市局")
    assert missing.exit_code == 1 and "没有名为「上报市局」的文档配置" in missing.output


def test_add_refuses_a_bad_file_and_stores_nothing(tmp_path: Path):
    home = tmp_path / "home"
    bad = write_profile(tmp_path, "kind: 上行文\norgan_mark: 某局文件\nsigner: 张三\nfoo: 1\n")
    result = zicha(home, "profile", "add", str(bad))
    assert result.exit_code == 1
    assert "第 4 行，foo：不认识的键「foo」" in result.output
    assert not (home / "profiles").exists() or not list((home / "profiles").iterdir())


def test_export_with_profile_name_file_and_appendices(tmp_path: Path):
    home = tmp_path / "home"
    with ReportStore.open(home) as store:
        rid = store.create(make_report()).id
    path = write_profile(tmp_path)
    assert zicha(home, "profile", "add", str(path)).exit_code == 0
    import docx

    for spec in ("上报市局", str(path)):
        out = tmp_path / f"out-{len(spec)}.docx"
        args = [
            "export",
            str(rid),
            "-o",
            str(out),
            "--profile",
            spec,
            "--appendix",
            "stats,rectification",
        ]
        result = zicha(home, *args)
        assert result.exit_code == 0, result.output
        doc = docx.Document(str(out))
        texts = [p.text for p in doc.paragraphs if p.text.strip()]
        assert "某县社会保险事业局文件" in texts and "某社险〔2026〕12号\t签发人：张三" in texts
        assert len(doc.tables) == 2
    with ReportStore.open(home) as store:
        event = [e for e in store.audit_log(rid) if e.action == "export"][-1]
        assert "文档配置：上报市局" in event.detail
        assert "附表：内部控制要点自查情况统计表、整改措施清单" in event.detail

    bad = zicha(home, "export", str(rid), "-o", str(tmp_path / "x.docx"), "--appendix", "all")
    assert bad.exit_code == 1 and "不认识的附表「all」" in bad.output
    unknown = zicha(home, "export", str(rid), "-o", str(tmp_path / "x.docx"), "--profile", "省厅")
    assert unknown.exit_code == 1 and "没有名为「省厅」的文档配置" in unknown.output
    assert not (tmp_path / "x.docx").exists()


def test_export_with_template_option(tmp_path: Path):
    from test_export_template import make_template

    home = tmp_path / "home"
    with ReportStore.open(home) as store:
        rid = store.create(make_report()).id
    template = make_template(tmp_path)
    profile = write_profile(
        tmp_path,
        "kind: 下行文\norgan_mark: 某县社会保险事业局文件\ndoc_number: 某社险发〔2026〕3号\n",
        "p.yaml",
    )
    out = tmp_path / "t.docx"
    result = zicha(
        home,
        "export",
        str(rid),
        "-o",
        str(out),
        "--profile",
        str(profile),
        "--template",
        str(template),
    )
    assert result.exit_code == 0, result.output
    import docx

    doc = docx.Document(str(out))
    assert "某县社会保险事业局（内部）" in doc.sections[0].header.paragraphs[0].text


def test_add_accepts_a_gbk_file_and_stores_it_as_utf8(tmp_path: Path):
    home = tmp_path / "home"
    path = tmp_path / "上报.yaml"
    path.write_bytes(UPWARD_YAML.replace("\n", "\r\n").encode("gbk"))
    result = zicha(home, "profile", "add", str(path))
    assert result.exit_code == 0, result.output
    assert (home / "profiles" / "上报市局.yaml").read_text(encoding="utf-8") == UPWARD_YAML
    assert "doc_number: 某社险〔2026〕12号" in zicha(home, "profile", "show", "上报市局").output


def test_unknown_key_message_is_a_whole_sentence(tmp_path: Path):
    home = tmp_path / "home"
    bad = write_profile(tmp_path, "kind: 上行文\norgan_mark: 某局文件\nsigner: 张三\nfoo: 1\n")
    result = zicha(home, "profile", "add", str(bad))
    line = next(x for x in result.output.splitlines() if "不认识的键「foo」" in x)
    assert line.endswith("请检查拼写或删除。"), line
