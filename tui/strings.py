"""User-visible text of the app shell, Home, new-report form, confirm and help screens.

Kept together per screen so the Chinese can be reviewed in one place.
"""

from __future__ import annotations

APP = {
    "help": "帮助",
    "theme": "主题",
    "quit": "退出",
    "palette": "命令",
    "error_title": "出错了",
    "unexpected": "操作未完成。已输入的内容没有丢失，请重试；若反复出现，请把 {log} 发给管理员。",
    "exported": "已导出：{path}",
    "how_to_quit": "按 Ctrl+Q 退出（未发送的文字会保存为草稿）。",
}

HOME = {
    "title": "我的报告",
    "col_id": "编号",
    "col_unit": "单位",
    "col_year": "年度",
    "col_status": "状态",
    "col_progress": "进度",
    "col_updated": "最后修改",
    "bars_title": "第 {id} 号报告各方面符合情况：",
    "empty": "还没有报告。按 N 新建报告，或按 I 从答案文件导入。",
    "guide": (
        "还没有报告。写一份自查报告分三步：\n"
        "\n"
        "  ① 新建报告　按 N，填写单位、主送机关、年度和上级通知\n"
        "  ② 逐项访谈　选中报告按回车，逐条回答，按 Ctrl+S 发送\n"
        "  ③ 成稿导出　访谈中按 Ctrl+R 看成稿，成稿页按 X 导出 Word\n"
        "\n"
        "按 E 载入示例报告：一份虚构单位的报告（部分要点已答），标有「示例」，\n"
        "可以先看看成稿的样子。也可以按 I 从答案文件导入。\n"
        "\n"
        "按 F1 查看本页帮助。"
    ),
    "example": "示例",
    "cmd_example": "载入示例报告",
    "example_loaded": "已载入示例报告（编号 {id}）：单位名称后标有「示例」，不要报送。",
    "open": "打开",
    "new": "新建",
    "import": "导入答案",
    "delete": "删除",
    "library": "法规库",
    "draft": "成稿",
    "export": "导出",
    "cmd_open": "打开选中的报告",
    "cmd_new": "新建报告",
    "cmd_import": "从答案文件新建报告",
    "cmd_delete": "删除选中的报告",
    "cmd_library": "打开法规库（检索、导入）",
    "none_selected": "请先在列表中选中一份报告。",
    "deleted": "已删除报告：{unit} {year}年度",
    "created": "已创建报告：{unit} {year}年度",
    "confirm_delete": "删除「{unit} {year}年度」的自查报告？此操作不可恢复。",
    "confirm_word": "删除",
    "bank_missing": "缺题库",
}

NEW = {
    "title": "新建自查报告",
    "unit": "单位全称",
    "unit_ph": "例如：某某市社会保险事业管理中心",
    "short_name": "单位简称（正文中代替“我们”）",
    "addressee": "主送机关",
    "addressee_ph": "例如：某某市人力资源和社会保障局",
    "year": "年度",
    "basis_title": "依据通知标题",
    "basis_title_ph": "例如：关于开展社会保险经办机构内部控制检查评估工作的通知",
    "basis_number": "依据通知文号",
    "basis_number_ph": "例如：某人社函〔2026〕12号",
    "date": "成文日期",
    "date_ph": "例如：2026-11-29",
    "create": "创建（Ctrl+S）",
    "edit_title": "修改报告信息",
    "save": "保存（Ctrl+S）",
    "saved": "已保存报告信息。",
    "cancel": "取消（Esc）",
    "fix_first": "还有 {n} 处需要修改，见各栏下方的红色提示。",
    "discard": "填写的内容还没有保存。再按一次 Esc 放弃，按 Ctrl+S 保存。",
    "date_bad": "成文日期应为日期，写成 2026-11-29 这样的格式",
    "year_bad": "年度应为四位数字，例如 2026",
}

IMPORT = {
    "title": "从答案文件新建报告",
    "hint": "输入 YAML 答案文件的路径（可参照 examples/answers.yaml），回车导入。",
    "path": "答案文件路径",
    "ok": "导入（Enter）",
    "cancel": "取消（Esc）",
    "empty": "请填写答案文件的路径。",
    "missing": "找不到文件：{path}。请检查路径是否正确。",
    "is_dir": "{path} 是一个文件夹，请输入其中答案文件（.yaml）的完整路径。",
}

CONFIRM = {
    "type_word": "如确认，请在下面输入“{word}”两个字后按回车：",
    "ok": "确认",
    "cancel": "取消（Esc）",
    "mismatch": "输入的内容与“{word}”不一致，未执行。",
    "yes": "是",
    "no": "否（Esc）",
}

LOGIN = {
    "title": "登录",
    "hint": "本数据目录已设置用户，请用自己的账号登录。忘记密码请联系管理员（zicha user passwd）。",
    "name": "用户名",
    "password": "密码",
    "ok": "登录（Enter）",
    "quit": "退出",
    "need_name": "请输入用户名。",
    "need_password": "请输入密码。",
    "checking": "正在核对……",
    "welcome": "欢迎，{name}（{role}）。",
    "who": "{name}（{role}）",
    "must_change": "您的密码是管理员设置的临时密码，请先设置自己的新密码（至少 8 位），再按 Enter。",
    "new_password": "新密码",
    "new_again": "再输入一遍",
    "mismatch": "两次输入的新密码不一致，请重新输入。",
    "same_as_temp": "新密码不能与临时密码相同，请换一个。",
}

HELP = {
    "title": "帮助（按 Esc 或 F1 关闭）",
}

INTERVIEW = {
    "send": "发送",
    "skip": "跳过",
    "back": "上一题",
    "edit": "改写",
    "own": "自拟要点",
    "goto": "转到",
    "article": "看原文",
    "excerpts": "条文",
    "reranked": "已结合您的回答重新检索：",
    "draft": "成稿",
    "export": "导出",
    "home": "首页",
    "status_key": "记为{status}",
    "loading": "正在打开报告、准备法规库……",
    "busy": "处理中……",
    "wait": "上一步还在处理，请稍候。",
    "no_excerpts": "本要点暂无相关条文。可在法规库中导入正式文本（首页按 L）。",
    "where": "{section}　第{pos}/{total}项",
    "explain": "（{text}）",
    "proposal": "建议段落：直接按 Ctrl+S（输入框为空）即可采用。",
    "existing": "已有回答：{text}",
    "existing_drafted": "报告稿：{text}",
    "previous_note": "上年",
    "review_hint": "〔待复核〕输入框为空时按 Ctrl+S（或 F10）沿用上年内容，仍请核对符合情况；"
    "也可输入新的回答，或用 F5–F8 改符合情况。",
    "keep": "沿用上年",
    "prior": "上年度整改落实情况",
    "existing_hint": "输入新的回答将替换原回答；输入框为空时按 Ctrl+S 保留原回答。",
    "pending": "已输入：{text}",
    "followup_note": "第{n}/{m}次　{reason}",
    "followup_hint": "补充后按 Ctrl+S 发送；输入框为空时按 Ctrl+S 按现有内容记录。",
    "accepted_note": "符合情况：{status}{guess}",
    "guessed": "（按回答推定，可按 F5–F8 修改）",
    "proposal_status": "{text}",
    "proposal_note": "符合情况待确认",
    "confirm_line": "待确认：{label}　{text}\n输入框为空时按回车确认；按 F5 符合、F6 基本符合、F7 不符合、F8 不适用 修改。",
    "pending_status": "待确认（拟定：{status}）",
    "pending_status_none": "待确认（未拟定）",
    "choose_line": "待确认：{label}　{text}\n请按 F5 符合、F6 基本符合、F7 不符合、F8 不适用 选择（回车不会记为符合）。",
    "weaknesses_head": "本次自查发现的问题（共 {n} 项），请逐项写明整改措施、责任部门和完成时限：",
    "weaknesses_none": "本次自查没有形成需要整改的问题。",
    "problems": "发现的问题（将列入整改）：{text}",
    "empty_send": "请先在下方输入回答。",
    "finished": "访谈已全部完成。按 Ctrl+R 查看成稿，或在成稿页导出报告；也可在左侧选择任一要点修改。",
    "finished_left": "还有 {what}：在左侧转到该要点确认或补答，预检中也会列出。",
    "left_pending": "{n} 个要点的符合情况待确认（标「待」）",
    "left_skipped": "{n} 个要点已跳过（标「跳」）",
    "finished_short": "访谈已完成　Ctrl+R 成稿，可在成稿页导出",
    "status_line": "总进度 {done}/{total}　{where}",
    "status_line_status": "　符合情况：{status}",
    "no_point": "请先回答本题，再改写报告稿。",
    "edit_title": "改写报告稿（Ctrl+S 保存，Esc 取消）",
    "own_title": "在「{section}」增加一条自拟要点（Ctrl+S 保存，Esc 取消）",
    "edited": "已改写报告稿：{text}",
    "own_section": "自拟要点只能加在逐项检查的部分中（不能加在评价或整改中），请先转到相应部分。",
    "unknown_cmd": "不认识的命令「/{cmd}」。可用：/接受 /确认 /跳过 /返回 /继续 /转到 /状态 /修改 /重拟 /自拟 /问题 /整改 /完成 /回复 /解决",
    "skipped": "已跳过。",
    "section_done": "已将「{section}」标记为完成。",
    "redrafted": "已重新起草：{text}",
    "problem_added": "已补记问题：{text}",
    "unsent_restored": "已恢复上次未发送的文字。",
    "draft_saved": "未发送的文字已保存为草稿。",
    "assessment": "总体评价",
    "rectification": "整改意见或建议",
    "tree_title": "自查报告",
    "reply": "回复批注",
    "comment_head": "#{id} {author}（{when}）：{body}",
    "comment_reply": "　└ {author} 回复：{body}",
    "comment_answered": "已回复",
    "comment_waiting": "待回复（F9 回复）",
    "read_only": "只能查看：{reason}",
    "comments_open": "本报告有 {n} 条未解决的审核批注：左侧标「批」的要点或部分有批注，转到该处即可看到；按 F9 回复。",
    "no_comments": "当前要点和所在部分没有未解决的审核批注。左侧标「批」的要点或部分有批注。",
    "reply_title": "回复批注 #{id}：{body}（Ctrl+S 发送，Esc 取消）",
    "replied": "已回复批注 #{id}：{text}",
    "resolved": "已将批注 #{id} 标为已解决。",
    "bad_comment_id": "本报告没有编号为 #{id} 的未解决批注。",
    "status_comments": "　批注 {n} 条（F9 回复）",
    "replay": "「{section}」已答的要点（供参考）：",
    "replay_own": "（自拟要点）",
}

TEXT_EDIT = {
    "save": "保存",
    "cancel": "取消",
    "empty": "内容不能为空。",
    "restored": "已恢复上次没有保存的文字。",
}

# Ctrl+S on a report that cannot be changed, by its state.
FROZEN_HINTS: dict[str, str] = {
    "approved": "报告已审定，不能修改；如需修改请审核人重新打开。",
    "submitted": "报告已提交审核，不能修改；如需修改请审核人退回。",
}
