"""Selection's items of the to-do list (待办): the step that waits, for whoever takes it."""

from tongxin.accounts.models import Position
from tongxin.selection import todo
from tongxin.selection.models import State
from tongxin.selection.tests.factories import recommend, walk


def _states(batch) -> list[str]:
    return [str(item.kind) for item in batch.items]


def test_a_presidium_candidacy_waits_for_the_college_first(province):
    recommend(province, position=Position.VICE_PRESIDENT)
    assert _states(todo.college_consent(province.secretary_a1, 20)) == ["候选人待院党组织同意"]
    assert todo.school_steps(province.advisor_a, 20).count == 0
    assert todo.college_consent(province.advisor_a, 20).count == 0


def test_after_consent_the_advisor_reviews_then_decides(province):
    candidacy = walk(province, State.COLLEGE_CONSENTED)
    assert todo.college_consent(province.secretary_a1, 20).count == 0
    assert _states(todo.school_steps(province.advisor_a, 20)) == ["候选人待联合审查"]
    assert todo.school_steps(province.advisor_b, 20).count == 0
    walk(province, State.REVIEWED, number="2023101")
    kinds = _states(todo.school_steps(province.advisor_a, 20))
    assert sorted(kinds) == ["候选人待校党委决定", "候选人待联合审查"]
    assert todo.school_steps(province.advisor_a, 1).count == 2
    assert str(candidacy.pk) in todo.school_steps(province.advisor_a, 20).items[0].url


def test_a_department_post_goes_to_review_at_once(province):
    walk(province, State.RECOMMENDED, presidium=False)
    assert todo.college_consent(province.secretary_a1, 20).count == 0
    assert _states(todo.school_steps(province.advisor_a, 20)) == ["候选人待联合审查"]


def test_a_decided_candidate_waits_to_stand_and_an_elected_one_for_notice(province):
    from tongxin.selection.models import Candidacy

    decided = walk(province, State.DECIDED)
    assert _states(todo.school_steps(province.advisor_a, 20)) == ["候选人待提交代表大会选举"]
    Candidacy.objects.filter(pk=decided.pk).update(state=State.FOR_ELECTION)
    assert todo.school_steps(province.advisor_a, 20).count == 0
    Candidacy.objects.filter(pk=decided.pk).update(state=State.ELECTED)
    assert _states(todo.school_steps(province.advisor_a, 20)) == ["当选待公示"]
