"""Assessment's items of the to-do list (待办): the ratings the viewer still owes."""

from tongxin.assessment import todo
from tongxin.assessment.tests.factories import open_round, rate, scores, union_with_officers


def test_a_chosen_rater_sees_each_officer_until_rated(province):
    p = union_with_officers(province)
    round_ = open_round(p)
    assert todo.ratings(p.advisor_a, 20).count == 3
    rate(p, "advisor_a", round_, "officer_a", scores(90))
    batch = todo.ratings(p.advisor_a, 20)
    assert batch.count == 2 and all("赵主席" not in item.title for item in batch.items)
    assert todo.ratings(p.officer_a, 20).count == 2  # a peer never rates themselves
    assert todo.ratings(p.student_b, 20).count == 0
    assert len(todo.ratings(p.advisor_a, 1).items) == 1
