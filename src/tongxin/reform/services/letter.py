"""The feedback letter (反馈函) to the school's Party committee, once the rating is confirmed.

    (rating confirmed, no letter) ── letter_issue: the province ──► issued (one per
        assessment; 文号 <issuer>函〔year〕n号, numbered in the issuing year)

The body is composed from the assessment's rows (letter_body.py) at issue and stored, so
the letter prints the same later whatever is recomputed; the PDF is letter_print.py's.
"""

import datetime
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from tongxin.audit import services as audit
from tongxin.core.authz import authorize
from tongxin.core.errors import DomainError
from tongxin.core.printables import reference_number
from tongxin.notifications.services import notify
from tongxin.orgs.models import Node, NodeKind

from ..letter_body import LetterFacts, letter_paragraphs
from ..models import (
    FeedbackLetter,
    Rating,
    RatingState,
    RectificationItem,
    Result,
    SchoolAssessment,
)
from .rating import school_advisor

TITLE_LIMIT = 120
EXTRA_LIMIT = 2000


def ancestors(school: Node) -> dict[str, Node]:
    """The school's city and province federation nodes, by kind (a query per level)."""
    found: dict[str, Node] = {}
    node = school.parent
    while node is not None:
        found.setdefault(node.kind, node)
        node = node.parent
    return found


def issuer_prefix(issuer: str) -> str:
    """演示省学生联合会 → 演示省学联函 (the 文号's 机关代字 and 函)."""
    return issuer.replace("学生联合会", "学联") + "函"


def default_title(assessment: SchoolAssessment) -> str:
    year = assessment.academic_year
    return f"关于{assessment.school.name}{year}—{year + 1}学年学生会改革自评情况的反馈函"


def letter_results(assessment: SchoolAssessment) -> list[Result]:
    return list(
        Result.objects.filter(
            school_id=assessment.school_id, catalogue__academic_year=assessment.academic_year
        )
        .select_related("indicator", "union")
        .order_by("catalogue__level", "union__path", "indicator__number")
    )


def _text(value: str, label: str, field: str, limit: int) -> str:
    value = (value or "").strip()
    if len(value) > limit:
        raise DomainError(f"{label}不能超过 {limit} 字。", field=field)
    return value


def _number(issuer_node: Node, prefix: str, day: datetime.date) -> str:
    # The province's row serialises the numbering of its letters (no two get one number).
    Node.objects.select_for_update().filter(pk=issuer_node.pk).exists()
    n = FeedbackLetter.objects.filter(issued_on__year=day.year, issuer=issuer_node.name).count()
    return reference_number(prefix, day.year, n + 1)


@transaction.atomic
def letter_issue(
    *, actor: Any, assessment: SchoolAssessment, title: str = "", extra: str = ""
) -> FeedbackLetter:
    """The province writes the letter of a confirmed rating: the title (default: 关于…的
    反馈函) and optional paragraphs of its own after the generated findings."""
    authorize(actor, "reform.issue_letter", assessment)
    assessment = (
        SchoolAssessment.objects.select_for_update(of=("self",))
        .select_related("school__parent")
        .get(pk=assessment.pk)
    )
    rating = Rating.objects.filter(assessment=assessment).select_related("scale").first()
    if rating is None or rating.state != RatingState.CONFIRMED:
        raise DomainError("省学联确认评定后，才能发出反馈函。")
    if FeedbackLetter.objects.filter(assessment=assessment).exists():
        raise DomainError("该校本学年的反馈函已经发出。")
    title = _text(title, "标题", "title", TITLE_LIMIT) or default_title(assessment)
    extra = _text(extra, "补充意见", "extra", EXTRA_LIMIT)
    places = ancestors(assessment.school)
    province = places.get(NodeKind.PROVINCE)
    if province is None:
        raise DomainError("找不到学校所属的省学联。")
    city = places.get(NodeKind.CITY)
    due = (
        RectificationItem.objects.filter(assessment=assessment)
        .order_by("due_on")
        .values_list("due_on", flat=True)
        .first()
    )
    facts = LetterFacts(
        school=assessment.school.name,
        year=assessment.academic_year,
        reviewer=city.name if city else "市学联",
        issuer=province.name,
        grade=rating.scale.label_of(rating.grade),
        rating_note=rating.note,
        results=tuple(letter_results(assessment)),
        due_on=due,
        extra=extra,
    )
    today = timezone.localdate()
    letter = FeedbackLetter.objects.create(
        assessment=assessment,
        school_id=assessment.school_id,
        issuer=province.name,
        number=_number(province, issuer_prefix(province.name), today),
        title=title,
        addressee=f"{assessment.school.name}党委",
        body="\n".join(letter_paragraphs(facts)),
        issued_on=today,
        issued_by=actor,
    )
    audit.record(
        actor=actor,
        action="reform.letter.issued",
        target=letter,
        data={"number": letter.number, "year": assessment.academic_year},
    )
    notify(
        recipients=[school_advisor(assessment)],
        verb="reform.letter.issued",
        title=f"{province.name}发来反馈函：{letter.title}",
        url=reverse("reform:letter-pdf", args=[assessment.pk]),
        school=assessment.school,
    )
    return letter
