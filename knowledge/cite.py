"""The one-line citation: 《某某办法》（某发〔2007〕2号）第十二条."""

from __future__ import annotations

import re


def citation(title: str, doc_number: str | None, article: str | None, chapter_path: str) -> str:
    out = f"《{title.strip('《》')}》"
    if doc_number:
        out += f"（{doc_number}）"
    if article:
        return out + article
    if chapter_path:
        labels = re.findall(r"第[^章节\s]{1,6}[章节]", chapter_path)
        if labels and chapter_path.startswith("第"):
            return out + "".join(labels)
        return out + f"“{chapter_path.split(' / ')[-1]}”部分"
    return out
