"""The selection path through the services: both happy paths, every refusal."""

import pytest

from tongxin.accounts.models import Membership, PoliticalStatus, Position, Role, StudentLevel
from tongxin.audit.models import AuditEvent
from tongxin.core.errors import DomainError, NotAllowed, StaleObject
from tongxin.notifications.models import Notification
from tongxin.selection import selectors, services
from tongxin.selection.models import Candidacy, State, Step
from tongxin.staff.models import StaffLimit
from tongxin.staff.tests.factories import eligible_student, give_record, student
from tongxin.testing.clock import moment

from .factories import FRIDAY, at, department, fresh, recommend, walk

pytestmark = pytest.mark.django_db
AFTER = at(2025, 10, 13)  # the Monday after a notice published on FRIDAY ended


def _appoint(p, candidacy, now=AFTER):
    return services.candidacy_appoint(
        actor=p.advisor_a, candidacy=candidacy, expected_version=candidacy.version, now=now
    )


def test_presidium_path_from_recommendation_to_appointment(province):
    candidacy = _appoint(province, walk(province, State.NOTICE))
    assert candidacy.state == State.APPOINTED
    membership = Membership.objects.get(pk=candidacy.membership_id)
    assert (membership.user, membership.node, membership.role, membership.position) == (
        candidacy.candidate,
        province.union_a,
        Role.OFFICER,
        Position.VICE_PRESIDENT,
    )
    assert membership.start.isoformat() == "2025-10-13"
    kinds = list(candidacy.events.values_list("kind", flat=True))
    assert kinds == [
        Step.RECOMMENDED,
        Step.CONSENTED,
        Step.REVIEWED,
        Step.DECIDED,
        Step.PUBLISHED,
        Step.NOTICE_ENDED,
        Step.APPOINTED,
    ]
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {
        "selection.candidacy.recommended",
        "selection.candidacy.consented",
        "selection.candidacy.reviewed",
        "selection.candidacy.decided",
        "selection.candidacy.published",
        "selection.candidacy.notice_ended",
        "selection.candidacy.appointed",
        "staff.officer.appointed",
    } <= actions


def test_department_path_skips_the_party_steps(province):
    candidacy = walk(province, State.NOTICE, presidium=False)
    kinds = list(candidacy.events.values_list("kind", flat=True))
    assert kinds == [Step.RECOMMENDED, Step.REVIEWED, Step.PUBLISHED]
    candidacy = _appoint(province, candidacy)
    membership = Membership.objects.get(pk=candidacy.membership_id)
    assert membership.position == Position.MEMBER
    assert membership.appointment.department == candidacy.department


def test_the_candidate_and_the_next_actor_are_notified(province):
    candidacy = walk(province, State.RECOMMENDED, presidium=False)
    mine = Notification.objects.filter(recipient=candidacy.candidate)
    assert mine.filter(title__contains="推荐").exists()
    assert Notification.objects.filter(
        recipient=province.advisor_a, title__contains="待联合审查"
    ).exists()


def test_consent_tells_the_advisor(province):
    walk(province, State.COLLEGE_CONSENTED)
    assert Notification.objects.filter(
        recipient=province.advisor_a, title__contains="待联合审查"
    ).exists()


# --- wrong role, wrong reach -------------------------------------------------------------


@pytest.mark.parametrize(
    "persona", ["student_a", "officer_a", "advisor_a", "secretary_a2", "handler_a", "city_staff_1"]
)
def test_only_the_candidates_college_secretary_recommends(province, persona):
    with pytest.raises(NotAllowed):
        recommend(province, actor=province.people[persona])
    assert not Candidacy.objects.exists()


@pytest.mark.parametrize("persona", ["advisor_a", "secretary_a2", "student_a", "officer_a"])
def test_only_the_college_secretary_records_the_college_consent(province, persona):
    candidacy = walk(province, State.RECOMMENDED)
    with pytest.raises(NotAllowed):
        services.candidacy_consent(
            actor=province.people[persona],
            candidacy=candidacy,
            expected_version=candidacy.version,
            note="同意",
        )


@pytest.mark.parametrize("persona", ["secretary_a1", "advisor_b", "officer_a", "province_admin"])
def test_only_the_schools_advisor_reviews(province, persona):
    candidacy = walk(province, State.COLLEGE_CONSENTED)
    with pytest.raises(NotAllowed):
        services.candidacy_review(
            actor=province.people[persona],
            candidacy=candidacy,
            expected_version=candidacy.version,
            opinion="通过",
        )


@pytest.mark.parametrize("persona", ["secretary_a2", "advisor_b", "student_a2", "city_staff_1"])
def test_out_of_reach_is_the_same_as_missing(province, persona):
    candidacy = walk(province, State.RECOMMENDED)
    with pytest.raises(Candidacy.DoesNotExist):
        selectors.candidacy_get_for(actor=province.people[persona], pk=candidacy.pk)


@pytest.mark.parametrize("persona", ["secretary_a1", "advisor_a"])
def test_the_college_secretary_and_the_advisor_open_the_candidacy(province, persona):
    candidacy = walk(province, State.RECOMMENDED)
    found = selectors.candidacy_get_for(actor=province.people[persona], pk=candidacy.pk)
    assert found == candidacy


def test_advisor_of_another_school_cannot_appoint(province):
    candidacy = walk(province, State.NOTICE)
    with pytest.raises(NotAllowed):
        services.candidacy_appoint(
            actor=province.advisor_b, candidacy=candidacy, expected_version=candidacy.version
        )


def test_the_candidate_cannot_object_to_themselves(province):
    candidacy = walk(province, State.NOTICE)
    with pytest.raises(NotAllowed):
        services.objection_lodge(
            actor=candidacy.candidate, candidacy=candidacy, text="我反对我自己", now=at(2025, 9, 29)
        )


@pytest.mark.parametrize("persona", ["student_b", "advisor_a", "secretary_a1", "city_staff_1"])
def test_only_students_of_the_school_object(province, persona):
    candidacy = walk(province, State.NOTICE)
    with pytest.raises(NotAllowed):
        services.objection_lodge(
            actor=province.people[persona], candidacy=candidacy, text="异议", now=at(2025, 9, 29)
        )


# --- wrong order -------------------------------------------------------------------------


def test_presidium_review_needs_the_college_consent_first(province):
    candidacy = walk(province, State.RECOMMENDED)
    with pytest.raises(DomainError) as err:
        services.candidacy_review(
            actor=province.advisor_a,
            candidacy=candidacy,
            expected_version=candidacy.version,
            opinion="通过",
        )
    assert "院党组织同意" in err.value.message


def test_presidium_notice_needs_the_party_committee_decision(province):
    candidacy = walk(province, State.REVIEWED)
    with pytest.raises(DomainError) as err:
        services.candidacy_publish(
            actor=province.advisor_a, candidacy=candidacy, expected_version=candidacy.version
        )
    assert "校党委决定" in err.value.message


def test_department_candidates_need_no_party_steps(province):
    candidacy = walk(province, State.RECOMMENDED, presidium=False)
    with pytest.raises(DomainError) as err:
        services.candidacy_consent(
            actor=province.secretary_a1,
            candidacy=candidacy,
            expected_version=candidacy.version,
            note="同意",
        )
    assert "无需院党组织同意" in err.value.message
    reviewed = walk(province, State.REVIEWED, presidium=False, number="2023101")
    with pytest.raises(DomainError) as err:
        services.candidacy_decide(
            actor=province.advisor_a,
            candidacy=reviewed,
            expected_version=reviewed.version,
            note="决定",
        )
    assert "无需校党委决定" in err.value.message


def test_no_appointment_before_the_notice(province):
    candidacy = walk(province, State.DECIDED)
    with pytest.raises(DomainError) as err:
        _appoint(province, candidacy)
    assert "公示期满" in err.value.message or "任命" in err.value.message
    assert fresh(candidacy).state == State.DECIDED


def test_no_appointment_while_the_notice_runs(province):
    candidacy = walk(province, State.NOTICE)
    with pytest.raises(DomainError) as err:
        _appoint(province, candidacy, now=at(2025, 10, 10, 18))
    assert "2025-10-10 23:59" in err.value.message


def test_no_appointment_while_an_objection_is_open(province):
    candidacy = walk(province, State.NOTICE)
    services.objection_lodge(
        actor=province.student_a2, candidacy=candidacy, text="异议", now=at(2025, 9, 29)
    )
    with pytest.raises(DomainError) as err:
        _appoint(province, fresh(candidacy))
    assert "异议" in err.value.message


def test_a_stale_version_is_refused(province):
    candidacy = walk(province, State.COLLEGE_CONSENTED)
    with pytest.raises(StaleObject):
        services.candidacy_review(
            actor=province.advisor_a,
            candidacy=candidacy,
            expected_version=candidacy.version - 1,
            opinion="通过",
        )


# --- the recommendation's checks ---------------------------------------------------------


def test_a_masses_student_cannot_be_recommended(province):
    user = student(province, "2023300", politics=PoliticalStatus.MASSES)
    give_record(province, user)
    with pytest.raises(DomainError) as err:
        recommend(province, candidate=user)
    assert err.value.field == "candidate" and "政治面貌不符合要求" in err.value.message


def test_an_academically_ineligible_student_cannot_be_recommended(province):
    user = student(province, "2023301")
    give_record(province, user, rank=31, cohort=100)
    with pytest.raises(DomainError) as err:
        recommend(province, candidate=user)
    assert "不符合任职资格" in err.value.message and "31" not in err.value.message


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"position": "secretary_general"}, "position"),
        ({"position": Position.MEMBER}, "department"),  # a department member needs a department
        ({"union_key": "college_union_a2"}, "union"),  # another college's union
        ({"union_key": "grad_union_a"}, "union"),  # an undergraduate to the graduate union
        ({"union_key": "union_b"}, "union"),  # another school's union
    ],
)
def test_bad_targets_are_refused_naming_the_field(province, kwargs, field):
    union_key = kwargs.pop("union_key", "union_a")
    with pytest.raises(DomainError) as err:
        recommend(province, union=province.nodes[union_key], **kwargs)
    assert err.value.field == field


def test_a_presidium_candidate_has_no_department(province):
    with pytest.raises(DomainError) as err:
        recommend(province, position=Position.PRESIDENT, dept=department(province))
    assert err.value.field == "department"


def test_a_graduate_may_stand_for_the_graduate_union(province):
    user = eligible_student(province, "2023302", level=StudentLevel.GRADUATE)
    candidacy = recommend(province, candidate=user, union=province.grad_union_a)
    assert candidacy.state == State.RECOMMENDED


def test_one_open_candidacy_per_person_and_union(province):
    candidacy = recommend(province)
    with pytest.raises(DomainError) as err:
        recommend(province, candidate=candidacy.candidate)
    assert err.value.field == "candidate"


def test_a_serving_officer_is_not_recommended_to_the_same_union(province):
    give_record(province, province.officer_a)
    province.officer_a.college = province.college_a1
    with pytest.raises(DomainError) as err:
        recommend(province, candidate=province.officer_a)
    assert "已在该会任职" in err.value.message


def test_the_recommendation_text_is_required(province):
    with pytest.raises(DomainError) as err:
        services.candidacy_recommend(
            actor=province.secretary_a1,
            candidate=eligible_student(province, "2023303"),
            union=province.union_a,
            position=Position.PRESIDENT,
            department=None,
            recommendation=" ",
        )
    assert err.value.field == "recommendation"


# --- appointment checks at that moment ---------------------------------------------------


def test_appointment_is_refused_when_the_candidate_became_ineligible(province):
    candidacy = walk(province, State.NOTICE)
    give_record(province, candidacy.candidate, rank=31, cohort=100, term="2026-2027-1")
    with pytest.raises(DomainError) as err:
        _appoint(province, candidacy)
    assert "不符合任职资格" in err.value.message
    assert fresh(candidacy).state == State.NOTICE and fresh(candidacy).membership_id is None


def test_appointment_is_refused_when_the_presidium_is_full(province):
    candidacy = walk(province, State.NOTICE)
    StaffLimit.objects.filter(level="school").update(max_presidium=1)  # officer_a is president
    with pytest.raises(DomainError) as err:
        _appoint(province, candidacy)
    assert "主席团成员已有 1 人，已达上限 1 人" in err.value.message
    assert fresh(candidacy).membership_id is None


def test_appointment_is_refused_when_the_union_is_full(province):
    candidacy = walk(province, State.NOTICE, presidium=False)
    StaffLimit.objects.filter(level="school").update(max_staff=1)
    with pytest.raises(DomainError) as err:
        _appoint(province, candidacy)
    assert "工作人员已有 1 人，已达上限 1 人" in err.value.message


# --- rejection and withdrawal ------------------------------------------------------------


@pytest.mark.parametrize("state", [State.RECOMMENDED, State.REVIEWED, State.NOTICE])
def test_the_advisor_rejects_at_any_open_step(province, state):
    candidacy = walk(province, state)
    rejected = services.candidacy_reject(
        actor=province.advisor_a,
        candidacy=candidacy,
        expected_version=candidacy.version,
        reason="综合考察后不予任用。",
        now=FRIDAY,
    )
    assert rejected.state == State.REJECTED and rejected.closing_reason == "综合考察后不予任用。"
    assert Notification.objects.filter(
        recipient=candidacy.candidate, body__contains="综合考察"
    ).exists()


def test_a_rejection_needs_a_reason_and_an_open_candidacy(province):
    candidacy = walk(province, State.RECOMMENDED)
    with pytest.raises(DomainError) as err:
        services.candidacy_reject(
            actor=province.advisor_a,
            candidacy=candidacy,
            expected_version=candidacy.version,
            reason="",
        )
    assert err.value.field == "text"
    appointed = _appoint(province, walk(province, State.NOTICE, number="2023104"))
    with pytest.raises(DomainError):
        services.candidacy_reject(
            actor=province.advisor_a,
            candidacy=appointed,
            expected_version=appointed.version,
            reason="晚了",
        )


def test_the_secretary_withdraws_before_the_review(province):
    candidacy = walk(province, State.COLLEGE_CONSENTED)
    withdrawn = services.candidacy_withdraw(
        actor=province.secretary_a1,
        candidacy=candidacy,
        expected_version=candidacy.version,
        reason="院党组织重新研究后撤回。",
    )
    assert withdrawn.state == State.WITHDRAWN
    again = recommend(province, candidate=candidacy.candidate)  # a new candidacy may follow
    assert again.state == State.RECOMMENDED


def test_the_secretary_cannot_withdraw_after_the_review(province):
    candidacy = walk(province, State.REVIEWED)
    with pytest.raises(DomainError):
        services.candidacy_withdraw(
            actor=province.secretary_a1,
            candidacy=candidacy,
            expected_version=candidacy.version,
            reason="撤回",
        )


# --- the worker ----------------------------------------------------------------------------


# The clock stands well after FRIDAY's notice ended (10-10), whatever day the suite runs.
@pytest.mark.time_machine(moment("2025-11-03"))
def test_the_worker_ends_due_notices_and_the_advisor_then_appoints(province):
    from tongxin.selection.tasks import end_due_notices

    candidacy = walk(province, State.NOTICE)
    running = walk(province, State.NOTICE, number="2023105", start=at(2099, 1, 5))
    assert end_due_notices.call() == 1
    assert fresh(candidacy).state == State.NOTICE_ENDED
    assert fresh(running).state == State.NOTICE
    assert Notification.objects.filter(
        recipient=province.advisor_a, title__contains="公示期满"
    ).exists()
    assert _appoint(province, fresh(candidacy)).state == State.APPOINTED
