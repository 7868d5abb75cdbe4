"""What names last year's item when its problem was stated, when only its control area is known,
and in a report carried before the problem was told apart from the measure."""

from __future__ import annotations

from interview.prior import question
from report.cycle_view import carried_item_text, prior_label, prior_sentence, stated_problem
from report.models import PriorItem

MEASURE = "规范业务档案管理，建立月度归档检查制度。"


def test_an_item_carried_by_an_older_zicha_is_not_called_a_problem_by_its_measure():
    # Carried before the fix: the answers-file item's measure was stored as its problem.
    old = PriorItem(origin_id="o", problem=MEASURE, measure=MEASURE, outcome="已完成")
    assert stated_problem(old) == ""
    assert prior_sentence(old) == (
        "关于上年度提出的“规范业务档案管理，建立月度归档检查制度”整改措施，已整改完成。"
    )
    assert (
        carried_item_text(old)
        == "上年度“规范业务档案管理，建立月度归档检查制度”整改措施尚未全部落实"
    )


def test_area_only_names_the_area_and_quotes_nothing():
    item = PriorItem(origin_id="o", problem="", measure=MEASURE, area="业务运行控制")
    assert prior_sentence(item.model_copy(update={"outcome": "未完成"})) == (
        "针对上年度自查中业务运行控制方面发现的问题，整改尚未完成，已纳入本年度整改。"
    )
    assert (
        prior_label(item)
        == "业务运行控制方面，上年度整改措施：规范业务档案管理，建立月度归档检查制度"
    )
    assert carried_item_text(item) == "业务运行控制方面上年度整改尚未全部完成"
    asked = question(item)
    assert asked.startswith("上年度整改项：业务运行控制方面的整改（上年报告未单独写明问题）。")
    assert "当时的整改措施：规范业务档案管理" in asked


def test_a_stated_problem_is_quoted_once():
    item = PriorItem(origin_id="o", problem="个别业务档案归档不及时。", measure=MEASURE)
    assert prior_sentence(item).startswith("针对“个别业务档案归档不及时”的问题，【待补充】")
    assert question(item).startswith("上年度整改项：个别业务档案归档不及时。当时的整改措施：")
    worded = item.model_copy(update={"problem": "存在档案管理不够规范的问题"})
    assert prior_sentence(worded).startswith("针对“存在档案管理不够规范的问题”，【待补充】")
