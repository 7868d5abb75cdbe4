"""An upward (上行文) profile file and small XML readers for 版头/版记 checks."""

from __future__ import annotations

from pathlib import Path

UPWARD_YAML = """\
name: 上报市局
kind: 上行文
organ_mark: 某县社会保险事业局文件
doc_number: 某社险〔2026〕12号
signer: 张三
secrecy: 秘密★1年
urgency: 加急
cc:
  - 市人力资源和社会保障局
  - 县财政局
printer: 某县社会保险事业局办公室
print_date: 2026-11-30
attachments:
  - 2026年度内控制度汇编
layout:
  sizes:
    organ_mark: 29
  colours:
    organ_mark: C00000
"""


def write_profile(folder: Path, text: str = UPWARD_YAML, name: str = "上报市局.yaml") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def paragraph_text(p) -> str:
    from export_helpers import W

    return "".join(t.text or "" for t in p.iter(f"{W}t"))


def body_paragraphs(doc) -> list:
    from export_helpers import W

    return list(doc.element.body.iterchildren(f"{W}p"))
