"""Ballots: every candidate with three boxes, write-in rows, n to a page; a ballot that could
not be voted on, or would not fit its share of the page, is refused naming the setting."""

from dataclasses import replace

import pytest

from tongxin.core.errors import DomainError
from tongxin.core.printables import Ballot, ballot_pdf

from .reading import RARE, page_texts

BALLOT = Ballot(
    title="演示大学第十次学生代表大会主席团成员选举选票",
    seats=2,
    candidates=RARE,
    write_in=1,
)


def test_a_ballot_lists_each_candidate_with_the_three_boxes_and_how_to_mark() -> None:
    (text,) = page_texts(ballot_pdf(BALLOT))
    assert "应选 2 名\u3000候选人 4 名" in text
    assert "序号 候选人姓名 赞成 不赞成 弃权" in text
    assert [f"{n} {name}" in text for n, name in enumerate(RARE, start=1)] == [True] * 4
    assert "另选" in text and "如另选他人" in text
    assert "多于2名的，选票作废" in text
    assert "第 1 页" not in text  # a ballot carries no page number


def test_ballots_print_n_to_a_page() -> None:
    pages = page_texts(ballot_pdf(replace(BALLOT, per_page=2, copies=3)))
    assert [page.count(BALLOT.title) for page in pages] == [2, 1]


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"candidates": ()}, "candidates", "至少要有一名候选人"),
        ({"candidates": ("王喆", " ")}, "candidates", "第 2 位候选人的姓名为空"),
        ({"seats": 0}, "seats", "应选名额至少为 1 名"),
        ({"seats": 6}, "seats", "多于候选人与另选他人行数之和（5）"),
        ({"per_page": 0}, "per_page", "每页选票张数应在 1 到 4 之间"),
        ({"copies": 0}, "copies", "份数至少为 1"),
    ],
)
def test_a_ballot_that_cannot_be_voted_on_is_refused(
    change: dict[str, object], field: str, message: str
) -> None:
    with pytest.raises(DomainError, match=message) as refused:
        replace(BALLOT, **change)
    assert refused.value.field == field


def test_a_ballot_too_long_for_its_share_of_the_page_is_refused() -> None:
    crowded = replace(BALLOT, candidates=tuple(f"候选人{n}" for n in range(20)), per_page=4)
    with pytest.raises(DomainError, match="每页 4 张的版面排不下") as refused:
        ballot_pdf(crowded)
    assert refused.value.field == "per_page"
    assert page_texts(ballot_pdf(replace(crowded, per_page=1)))  # one to a page fits
