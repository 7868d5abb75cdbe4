"""Issue 13: what the relevance floor lets through, how expansions weigh, full text first."""

from __future__ import annotations

from pathlib import Path

from knowledge.analyzer import GRAM_MARK, grams, load_analyzer
from knowledge.library import Library

NEIKONG_FULL = """社会保险经办机构内部控制暂行办法
劳社部发〔2007〕2号
第一条 为加强社会保险经办机构内部控制，制定本办法。
第二条 经办机构应当按照不相容岗位相互分离的原则设置岗位，业务经办与稽核监督岗位分设。
第三条 本办法自发布之日起施行。
"""


def test_plain_question_with_one_official_word_finds_the_article(
    kb_with_fixture: Library,
) -> None:
    # 那个 / 到底 / 咋弄 appear in no rule: they no longer count against the query.
    hits = kb_with_fixture.search("那个银行存款余额调节表到底咋弄")
    assert hits and hits[0].citation.endswith("第十九条")


def test_everyday_words_found_in_no_rule_and_chit_chat_return_nothing(
    kb_with_fixture: Library,
) -> None:
    for q in ["明天会不会下雨", "给我讲个笑话吧", "我的手机没电了", "晚上吃什么好呢"]:
        assert kb_with_fixture.search(q) == [], q


def test_expansion_is_added_and_weighs_less_than_the_officers_word(
    kb_lib: Library, tmp_path: Path
) -> None:
    path = tmp_path / "两条.txt"
    path.write_text(
        "某某规定\n第一条 退休金按月足额发放。\n第二条 基本养老金按月足额发放。",
        encoding="utf-8",
    )
    kb_lib.import_paths([path])
    hits = [h for h in kb_lib.search("退休金按月发放", k=10) if h.title == "某某规定"]
    # both come back (the thesaurus adds 基本养老金), the officer's own word first
    assert [h.article for h in hits] == ["第一条", "第二条"]
    assert hits[0].score > hits[1].score


def test_full_text_ranks_above_the_summary_of_the_same_document(
    kb_lib: Library, tmp_path: Path
) -> None:
    path = tmp_path / "内控办法.txt"
    path.write_text(NEIKONG_FULL, encoding="utf-8")
    kb_lib.import_paths([path])
    hits = kb_lib.search("不相容岗位相互分离", k=5)
    labels = [(h.label, h.title) for h in hits]
    first_summary = next(i for i, h in enumerate(hits) if h.is_summary)
    article = next(i for i, h in enumerate(hits) if not h.is_summary)
    assert article < first_summary, labels
    assert hits[article].citation.endswith("第二条") and hits[article].label == "原文"
    assert {h.label for h in hits} == {"原文", "要点"}


def test_bigram_field_finds_a_word_the_segmenter_cuts_differently(
    kb_lib: Library, tmp_path: Path
) -> None:
    path = tmp_path / "窗口.txt"
    path.write_text(
        "某某规程\n第一条 差评件由服务监督岗回访核实并整改。\n第二条 其他事项另行规定。",
        encoding="utf-8",
    )
    kb_lib.import_paths([path])
    words, extra = load_analyzer().index_fields("差评件由服务监督岗回访核实")
    assert "差评" not in words.split()  # the segmenter cut 差 / 评件
    assert GRAM_MARK + "差评" in extra.split()
    assert GRAM_MARK + "回访" not in extra.split()  # a word of the text is no extra bigram
    hits = [h for h in kb_lib.search("差评") if h.title == "某某规程"]
    assert hits and hits[0].article == "第一条"
    assert "【差评】" in hits[0].highlighted
    assert grams("容缺受理。甲") == ["容缺", "缺受", "受理"]


def test_general_synonyms_rank_but_never_make_a_hit_alone(kb_lib: Library, tmp_path: Path) -> None:
    from knowledge.synonyms import general_synonyms

    assert "工资" in general_synonyms()["工钱"].split()  # CC-CEDICT: both "wages"
    path = tmp_path / "查处.txt"
    path.write_text(
        "某某细则\n第一条 定期核对领取待遇人员的工资数据。\n第二条 领取待遇人员应当按时认证。",
        encoding="utf-8",
    )
    kb_lib.import_paths([path])
    hits = [h for h in kb_lib.search("领待遇的人还拿着工钱吗") if h.title == "某某细则"]
    assert [h.article for h in hits][:1] == ["第一条"]
    # a synonym is no shared domain term: without 待遇 the query finds nothing
    assert kb_lib.search("还拿着工钱吗") == []


def test_question_phrases_cut_apart_leave_no_stray_words() -> None:
    # 要不要 cut as 要/不要 used to leave 不要 as a rare, heavily weighted "concept".
    plan = load_analyzer().plan("改数据要不要领导批准")
    terms = [g.term for g in plan.groups]
    assert "不要" not in terms and "批准" in terms


def test_a_vague_word_mapped_by_the_thesaurus_does_not_vouch_for_a_rule(
    kb_with_fixture: Library,
) -> None:
    # 放 / 放在 map to 存放, 存入; 屏幕 occurs once in the library: chit-chat still gets nothing.
    for q in ["放首歌听听", "快递员放在门口了", "帮我算一下三加五等于几"]:
        assert kb_with_fixture.search(q) == [], q


def test_one_article_word_answers_one_concept_of_the_query(kb_lib: Library, tmp_path: Path) -> None:
    # 审批 expands both 批准 and 改数据; an article with only 审批 must not earn both concepts
    # and beat the article that has 数据修改 as well.
    path = tmp_path / "两条.txt"
    path.write_text(
        "某某规定\n第一条 大额支出须经分管领导审批。\n第二条 数据修改须经科室负责人审批。",
        encoding="utf-8",
    )
    kb_lib.import_paths([path])
    hits = [h for h in kb_lib.search("改数据要不要领导批准") if h.title == "某某规定"]
    assert hits and hits[0].citation.endswith("第二条")


def test_two_adjacent_words_found_verbatim_anchor_an_article(
    kb_lib: Library, tmp_path: Path
) -> None:
    # 离开 and 座位 are everyday words, not domain terms; together, verbatim, they are evidence.
    path = tmp_path / "口令.txt"
    path.write_text(
        "某某办法\n第一条 口令每九十天更换一次；离开座位时应当锁定屏幕。\n第二条 设备应当登记。",
        encoding="utf-8",
    )
    kb_lib.import_paths([path])
    assert load_analyzer().plan("离开座位电脑要不要锁").phrases[:1] == ("离开座位",)
    hits = [h for h in kb_lib.search("离开座位电脑要不要锁") if h.title == "某某办法"]
    assert [h.article for h in hits][:1] == ["第一条"]
    # the same words apart are no phrase: nothing anchors them
    assert kb_lib.search("座位旁边离开了") == []


def test_question_words_search_by_the_rules_terms_but_never_vouch(
    kb_lib: Library, tmp_path: Path
) -> None:
    # 多久 is a stopword; as a question word it stands for 工作日内, 时限, … of a rule
    plan = load_analyzer().plan("材料办完多久移交")
    asked = [g for g in plan.groups if g.term == "多久"]
    assert asked and asked[0].question and "工作日内" in asked[0].alternatives
    path = tmp_path / "移交.txt"
    path.write_text(
        "某某规定\n第一条 业务办结后，应当在三个工作日内将材料移交档案管理人员。\n"
        "第二条 移交材料应当登记。",
        encoding="utf-8",
    )
    kb_lib.import_paths([path])
    hits = [h for h in kb_lib.search("材料办完多久移交") if h.title == "某某规定"]
    assert [h.article for h in hits][:1] == ["第一条"]
    # asking "how long" about nothing in the rules finds nothing
    assert kb_lib.search("我们多久没见了") == [] and kb_lib.search("明年春节放几天假") == []


def test_a_typed_percentage_counts_as_the_index_stores_it(kb_lib: Library, tmp_path: Path) -> None:
    """300% is one word of the article and of the question, but FTS5 keeps it as 300: it is
    weighed by that count, so the article holding it ranks above one with the same words only."""
    path = tmp_path / "基数.txt"
    path.write_text(
        "某某规程\n第一条 缴费基数按照上年度职工工资核定，低于60%的按60%核定。\n"
        "第二条 缴费基数高于300%的，按300%核定。\n第三条 缴费基数每年核定一次。",
        encoding="utf-8",
    )
    kb_lib.import_paths([path])
    hits = [h for h in kb_lib.search("缴费基数300%") if h.title == "某某规程"]
    assert [h.article for h in hits][:1] == ["第二条"]
    assert "【300%】" in hits[0].highlighted
