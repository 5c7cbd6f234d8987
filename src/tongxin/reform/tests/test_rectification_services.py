"""Rectification (整改): an item closes only when its indicator passes on re-computation
(the locked school's verdicts stay as confirmed) or when a reviewer accepts the evidence;
progress notes by the advisor and the union's officers; rates closed ÷ total."""

from decimal import Decimal

import pytest

from tongxin.accounts.services import system_actor
from tongxin.audit.models import AuditEvent
from tongxin.core.errors import DomainError, NotAllowed, StaleObject

from ..models import ClosedHow, Level, RectificationItem, RectificationState, Result
from ..rectification_selectors import items_for, rates_for
from ..services.rectification import (
    rectification_accept,
    rectification_note,
    rectification_recheck,
)
from ..services.results import results_compute
from .rating_world import congress_result, rated, recent_congress
from .review_world import computed_year
from .world import catalogue

pytestmark = pytest.mark.django_db


def _item() -> RectificationItem:
    return RectificationItem.objects.get()


def test_an_item_closes_when_its_indicator_passes_on_recomputation(province):
    rated(province)
    item = _item()
    cat = catalogue(Level.SCHOOL)
    results_compute(actor=province.advisor_a, catalogue=cat, scope=province.school_a)
    assert _item().state == RectificationState.OPEN  # still overdue: stays open
    recent_congress(province)  # the facts change: a congress held 20 days ago
    results_compute(actor=province.advisor_a, catalogue=cat, scope=province.school_a)
    item = _item()
    assert (item.state, item.closed_how, item.closed_by) == (
        RectificationState.CLOSED,
        ClosedHow.RECOMPUTED,
        province.advisor_a,
    )
    event = AuditEvent.objects.get(action="reform.rectification.closed")
    assert event.data["indicator"] == 11
    assert congress_result(province).passed is False  # the confirmed verdict stays


def test_the_nightly_recheck_closes_passing_items_as_the_system(province):
    rated(province)
    with pytest.raises(NotAllowed):
        rectification_recheck(actor=province.province_admin)
    assert rectification_recheck(actor=system_actor()) == 0
    recent_congress(province)
    assert rectification_recheck(actor=system_actor()) == 1
    assert _item().closed_by.is_system


def test_notes_by_the_advisor_and_the_unions_officer_only(province):
    rated(province)
    item = _item()
    rectification_note(
        actor=province.officer_a, item=item, expected_version=1, text="已定于下月召开代表大会。"
    )
    for persona in ("student_a", "college_officer_a1", "city_staff_1"):
        with pytest.raises(NotAllowed):
            rectification_note(
                actor=province.people[persona], item=item, expected_version=2, text="x"
            )
    with pytest.raises(DomainError) as refused:
        rectification_note(actor=province.advisor_a, item=item, expected_version=2, text=" ")
    assert refused.value.field == "text"
    rectification_note(
        actor=province.advisor_a, item=item, expected_version=2, text="校团委已批复。"
    )
    assert _item().notes.count() == 2
    assert AuditEvent.objects.filter(action="reform.rectification.noted").count() == 2


def test_a_reviewer_accepts_the_evidence_and_the_item_closes(province):
    rated(province)
    item = _item()
    with pytest.raises(DomainError) as refused:
        rectification_accept(actor=province.city_staff_1, item=item, expected_version=1)
    assert "尚无整改进展" in refused.value.message
    rectification_note(
        actor=province.officer_a, item=item, expected_version=1, text="已召开代表大会，附会议纪要。"
    )
    with pytest.raises(NotAllowed):
        rectification_accept(actor=province.advisor_a, item=item, expected_version=2)
    with pytest.raises(StaleObject):
        rectification_accept(actor=province.city_staff_1, item=item, expected_version=1)
    rectification_accept(
        actor=province.city_staff_1, item=item, expected_version=2, note="材料齐全。"
    )
    item = _item()
    assert (item.state, item.closed_how, item.closed_by) == (
        "closed",
        "accepted",
        province.city_staff_1,
    )
    with pytest.raises(DomainError):  # closed: no more notes
        rectification_note(
            actor=province.officer_a, item=item, expected_version=item.version, text="补充"
        )


def school_owner(school):
    from tongxin.accounts.models import Membership

    return Membership.objects.filter(node=school, role="advisor").first().user


def _items(school, results, closed: int) -> None:
    from ..models import SchoolAssessment

    a = SchoolAssessment.objects.get(school=school)
    for n, r in enumerate(results):
        RectificationItem.objects.create(
            assessment=a,
            result=r,
            school=school,
            union_id=r.union_id,
            owner=school_owner(school),
            due_on="2030-01-01",
            state="closed" if n < closed else "open",
        )


def test_rates_per_school_city_and_province_on_a_hand_computed_case(province):
    computed_year(province)
    from .world import this_year

    a_results = list(Result.objects.filter(school=province.school_a).order_by("pk")[:3])
    b_results = list(Result.objects.filter(school=province.school_b).order_by("pk")[:1])
    _items(province.school_a, a_results, closed=1)
    _items(province.school_b, b_results, closed=1)
    rates = rates_for(actor=province.province_admin, year=this_year(), scope_name="全省")
    assert (rates.overall.closed, rates.overall.total, rates.overall.percent) == (
        2,
        4,
        Decimal("50.0"),
    )
    assert [(c.name, c.closed, c.total, c.percent) for c in rates.cities] == [
        ("一市学联", 1, 3, Decimal("33.3")),
        ("二市学联", 1, 1, Decimal("100.0")),
    ]
    assert [(s.name, s.percent) for s in rates.schools] == [
        ("甲大学", Decimal("33.3")),
        ("乙学院", Decimal("100.0")),
    ]
    city = rates_for(actor=province.city_staff_1, year=this_year(), scope_name="一市")
    assert (city.overall.closed, city.overall.total) == (1, 3)
    assert (
        rates_for(
            actor=province.province_admin, year=this_year() - 1, scope_name=""
        ).overall.percent
        is None
    )
    assert items_for(actor=province.officer_b).count() == 1
    assert items_for(actor=province.student_a).count() == 0


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_a_note_may_carry_a_file_kept_on_the_item(province):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tongxin.attachments.models import Attachment

    rated(province)
    item = _item()
    upload = SimpleUploadedFile("代表大会纪要.pdf", PDF, "application/pdf")
    rectification_note(
        actor=province.officer_a, item=item, expected_version=1, text="附纪要。", upload=upload
    )
    [attachment] = Attachment.objects.all()
    assert (attachment.object_id, attachment.name, attachment.school_id) == (
        item.pk,
        "代表大会纪要.pdf",
        province.school_a.pk,
    )
    assert AuditEvent.objects.get(action="reform.rectification.noted").data["files"] == 1
