"""F1 help (Chinese): each screen's own page — its keys, its palette commands, how to do things."""

from __future__ import annotations

import re
from typing import Any

from textual.screen import Screen

# Each screen's own F1 page: what the screen is for and how to do each thing by keyboard.
SCREEN_HOWTO: dict[str, str] = {
    "HomeScreen": """\
首页列出本数据目录中的全部报告。用 ↑/↓ 选中一份，按回车打开访谈。
写一份报告分三步：① 按 N 新建报告（或按 I 从 YAML 答案文件导入）；② 逐项访谈；③ 在成稿页按 X 导出 Word。
按 E 载入示例报告：一份虚构单位的报告（答了 36 个要点中的 17 个，预检会列出其余未答的要点），单位名称后标有「示例」，不要报送。
按 V 进入审核页（提交送审、批注、退回、审定）；按 L 打开法规库；按 D 删除选中的报告（要输入「删除」确认）。
进度一栏只计已回答的要点（跳过的不算）。
下一年度：选中上年的报告按 C，以上年度报告为基础新建（沿用单位、主送机关和依据通知）。""",
    "InterviewScreen": """\
左侧是各部分及要点（完 = 已答，待 = 已答、符合情况待确认，跳 = 跳过，缺 = 漏答，批 = 有未解决的审核批注），中间是问答，右侧是本要点相关的法规摘录。
屏幕小、看不到前面的问答时，按 Shift+Tab 到问答区，用 ↑/↓、PgUp/PgDn 翻看，Tab 回到输入框。Ctrl+L 到右侧条文（↑/↓ 选择，回车看全文，Esc 回到输入框）。
在下方输入框写下本单位的实际做法，按 Ctrl+S 发送（Alt+Enter 也可以；回车只是换行）。回答太简略时会追问；之后显示拟写入报告的句子，可按 F4 改写。
F2 跳过本要点，F3 返回上一要点，Ctrl+G 在左侧选择任一部分或要点（↑/↓ 选择，回车转到），F5–F8 标记符合 / 基本符合 / 不符合 / 不适用，Ctrl+N 添加自己的要点，Ctrl+O 查看右侧条文的全文，Ctrl+R 查看成稿，Esc 回到首页。
也可以在输入框里输入命令，如 /跳过、/返回、/转到 基金、/状态 不符合、/回复 批注内容。
报告被退回后，有批注的要点在左侧标「批」：按 F9 回复当前要点的批注（/解决 #编号 标为已解决）。
以上年度报告为基础新建时，访谈先问上年度每个整改项的落实情况；上年的要点标「复」（待复核），问题旁显示「上年：……（符合）」，输入框为空时按 Ctrl+S 或 F10 沿用，或重新作答；左侧标出新增 / 修改 / 未变 / 删除。
已审定的报告只能查看：如需修改，请审核人重新打开。""",
    "DraftScreen": """\
成稿页按公文的样子显示整份报告。用 ↑/↓ 选择段落，[ 和 ] 跳到上一部分、下一部分。
回车或 E 修改当前段落；在标题、主送机关或落款上按 E 修改报告信息（单位、自称、主送机关、年度、依据通知、成文日期）；Shift+↑/↓ 调整要点的先后；N 切换编号样式（一是…… / （一））。
C 查看各部分的覆盖情况，P 导出前预检，M 查看当前段落的审核批注（在批注窗口中 Y 回复、X 标为已解决），X 导出，R 重新载入，Esc 返回。
整改台账（Excel）：L 导出、U 导回；A 给选中的段落添加佐证材料（输入文件路径）。""",
    "ReviewScreen": """\
左侧是待您处理的报告（Tab 切换到左侧，↑/↓ 选择，回车打开）；右侧是报告全文，批注显示在段落旁边。
在右侧用 ↑/↓ 选中一段（也可以选「全文」或某一部分的标题），然后：
C 对选中的段落写批注；R 回复这一段旁边的批注；S 把这一段旁边的批注标为已解决。
T 提交送审（经办人）；B 退回修改（写明理由，作为批注）；A 审定（要输入「审定」确认）；D 比较两次送审的差别；Esc 返回。
在批注、回复、退回的输入窗口中按 Ctrl+S 确定，Esc 取消。""",
    "LibraryScreen": """\
法规库：F2 检索（输入即检索，↓ 进入结果，回车查看条文全文），F3 导入法规文件或文件夹（txt、md、docx、pdf、html），F4 查看和移除已导入的文件，Esc 返回。""",
    "NewReportScreen": """\
逐项填写单位全称、报告中的自称、主送机关、年度、上级通知的标题和文号、成文日期；Tab 到下一项。
按 Ctrl+S 新建，Esc 取消（不保存）。填错的项下方会用红字说明应当怎么写。""",
    "LoginScreen": """\
输入用户名和密码后按回车登录；Tab 在两个输入框之间切换，Esc 退出。
连续输错密码后需等待一段时间才能再试。""",
}

GENERAL = """\
每次采用的答案都会立即保存；输入框里还没发送的文字也会保存为草稿。退出后再次启动 zicha，会回到同一份报告的同一个要点。
任何页面：F1 本页帮助，Ctrl+P 命令面板（搜索本页的所有操作），Ctrl+T 切换浅色 / 深色主题，Ctrl+Q 退出。"""


def _chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text or "")


def key_rows(screen: Screen[Any]) -> list[tuple[str, str]]:
    """(keys, what they do) for the keys active on `screen` (its own and the app's); keys
    doing the same thing share a row (⏎ / e  修改)."""
    keys_for: dict[str, list[str]] = {}
    for key, active in screen.active_bindings.items():
        binding = active.binding
        if not _chinese(binding.description):
            # Textual's own widget keys (TextArea, Input, DataTable) carry English descriptions;
            # where the screen binds the same key itself (Enter = 打开 on Home), show that one.
            own = [
                b for b in screen._bindings.key_to_bindings.get(key, []) if _chinese(b.description)
            ]
            if not own:
                continue
            binding = own[0]
        display = screen.app.get_key_display(binding)
        shown = keys_for.setdefault(binding.description, [])
        if display not in shown:
            shown.append(display)
    rows = [(" / ".join(keys), what) for what, keys in keys_for.items()]

    def order(item: tuple[int, tuple[str, str]]) -> tuple[int, int]:
        # Function keys first and by number (F1, F2 … F10): Textual lists the focused
        # widget's keys first, which put F6 and F7 above F1.
        n, (keys, _) = item
        m = re.match(r"[Ff](\d+)", keys)
        return (0, int(m.group(1))) if m else (1, n)

    return [row for _, row in sorted(enumerate(rows), key=order)]


def keys_table(screen: Screen[Any]) -> str:
    """A Markdown table of the keys active on `screen` (its own and the app's)."""
    rows = [f"| `{key}` | {what} |" for key, what in key_rows(screen)]
    return "## 本页按键\n\n| 按键 | 作用 |\n| --- | --- |\n" + "\n".join(rows)


def palette_rows(screen: Screen[Any]) -> list[tuple[str, str]]:
    commands = getattr(screen, "palette_commands", None)
    return [(c.title, c.help) for c in commands()] if callable(commands) else []


def help_page(screen: Screen[Any]) -> str:
    """The F1 page of `screen` as plain text (shown wrapped by the 避头尾 rules)."""
    from report.linebreak import cells

    keys = key_rows(screen)
    width = max((cells(k) for k, _ in keys), default=0) + 2
    lines = ["【本页按键】"]
    lines += [f"  {k}{' ' * (width - cells(k))}{what}" for k, what in keys]
    palette = palette_rows(screen)
    if palette:
        lines += ["", "【命令面板（Ctrl+P）中的操作】"]
        lines += [f"  {title}：{hint}" for title, hint in palette]
    howto = SCREEN_HOWTO.get(type(screen).__name__)
    if howto:
        lines += ["", "【怎么做】", howto]
    lines += ["", GENERAL]
    return "\n".join(lines)
