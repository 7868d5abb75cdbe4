"""Help text (Chinese): the keys of the current screen and a short how-to."""

from __future__ import annotations

from textual.screen import Screen

HOWTO = """\
## 使用方法

1. **首页**：按 `N` 新建报告（填写单位、主送机关、年度、依据通知及文号、成文日期），\
或按 `I` 从 YAML 答案文件导入；选中报告后按回车打开。进度一栏是题库要点的完成数（如 17/36）。
2. **访谈**：左侧是各部分及要点（完 = 已答，待 = 符合情况待确认，跳 = 跳过，缺 = 漏答，批 = 有未解决的审核批注），\
中间是问答，右侧是本要点相关的法规摘录（含《…》第X条出处）。\
在下方输入框写下本单位的实际做法，按 `Ctrl+S` 发送（`Alt+Enter` 也可以；回车只是换行）。\
回答太简略时会追问；之后显示拟写入报告的句子，可按 `F4` 改写。\
zicha 按回答拟定符合情况并引出依据的原话（「拟定：基本符合 —— 因为：「……」」）：\
输入框为空时按回车即确认，按 `F5`–`F8` 可改为其他符合情况；确认前显示为「待确认」。
3. 随时可以 `F2` 跳过本要点、`F3` 返回上一要点、`Ctrl+G` 在左侧选择任一部分或要点，\
`F5`–`F8` 标记符合 / 基本符合 / 不符合 / 不适用，`Ctrl+N` 添加自己的要点，`Ctrl+O` 查看右侧条文的全文，`Ctrl+R` 查看成稿。\
也可以在输入框里输入命令，如 `/跳过`、`/返回`、`/转到 基金`、`/状态 不符合`、`/确认`、`/整改`（列出发现的全部问题）、`/回复 批注内容`。
4. **审核批注**：报告被退回后，有批注的要点在左侧标「批」，批注显示在问答中；\
按 `F9` 回复当前要点（或所在部分）的批注（也可输入 `/回复 #编号 内容`，`/解决 #编号` 标为已解决），\
全部回复或解决后才能再次提交。成稿页中有未解决批注的段落右侧标「批注 N」，按 `M` 查看、\
回复（`Y`）或标为已解决（`X`）；在首页按 `V` 进入审核页再次提交。
5. 每次采用的答案都会立即保存；输入框里还没发送的文字也会保存为草稿。\
退出后再次启动 zicha，会回到同一份报告的同一个要点。
6. **下一年度**：在首页选中上年的报告按 `C`（以上年度报告为基础新建）。访谈先问上年度每个整改项的落实情况（已完成 / 部分完成 / 未完成，做了什么、何时完成）；上年的要点标「复」（待复核），问题旁显示「上年：……（符合）」，输入框为空时按 `Ctrl+S` 或 `F10` 沿用，或重新作答；左侧标出新增 / 修改 / 未变 / 删除。整改台账（Excel）在成稿页按 `L` 导出、`U` 导回；按 `A` 给选中的段落添加佐证材料（输入文件路径）。
7. `Ctrl+P` 打开命令面板，可搜索本页的所有操作；`Ctrl+T` 切换浅色 / 深色主题；`Ctrl+Q` 退出。

**登录**：数据目录中添加了用户后（`zicha user add`），启动时先显示登录页；\
连续输错密码后需等待一段时间才能再试。脚本或自动化场景可同时设置环境变量 \
`ZICHA_USER`（或 `zicha --user 用户名`）和 `ZICHA_PASSWORD`，启动时直接登录、不显示登录页。

输入法：直接用系统中文输入法输入即可；粘贴长文本也可以（终端的粘贴功能）。
"""


def _chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text or "")


def keys_table(screen: Screen) -> str:
    """A Markdown table of the keys active on `screen` (its own and the app's)."""
    rows: list[str] = []
    seen: set[str] = set()
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
        if binding.description in seen:
            continue
        seen.add(binding.description)
        rows.append(f"| `{screen.app.get_key_display(binding)}` | {binding.description} |")
    return "## 本页按键\n\n| 按键 | 作用 |\n| --- | --- |\n" + "\n".join(rows)
