"""Every list page of the platform, with a persona who sees rows on it (tests/e2e/
test_list_pages.py opens each at 375 px). A list page added later is added here.

Each row's title carries data-testid="row-title"; below Bootstrap's md breakpoint the
tables become cards (d-none d-md-block for the table, d-md-none for the cards)."""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from tongxin.accounts.services import system_actor
from tongxin.rights import services as rights
from tongxin.rights.models import Status
from tongxin.rights.tests.factories import fresh, submit, walk
from tongxin.testing.province import TinyProvince

LONG = "三号楼热水每晚十点以后中断已经持续一周"


@dataclass(frozen=True)
class ListPage:
    url: str
    persona: str  # a persona of the tiny province who sees rows there


LIST_PAGES = [
    ListPage("/rights/queue/", "officer_a"),
    ListPage("/rights/mine/", "student_a"),
    ListPage("/rights/inbox/", "handler_a"),
    ListPage("/rights/wall/", "student_a"),
    ListPage("/notifications/", "student_a"),
    ListPage("/staff/unions/", "advisor_a"),
    ListPage("/staff/warnings/", "advisor_a"),
    ListPage("/staff/grades/", "advisor_a"),
    ListPage("/selection/", "advisor_a"),
    ListPage("/assessment/rounds/", "advisor_a"),
    ListPage("/assessment/rate/", "student_a"),
    ListPage("/assessment/mine/", "officer_a"),
    ListPage("/selection/college/", "secretary_a1"),
    ListPage("/training/", "advisor_a"),
    ListPage("/stats/reports/", "advisor_a"),
    ListPage("/audit/", "advisor_a"),
    ListPage("/accounts/people/", "advisor_a"),
    ListPage("/stats/overview/", "city_staff_1"),
    ListPage("/orgs/schools/", "province_admin"),
    ListPage("/congress/supervise/", "advisor_a"),
    ListPage("/congress/", "officer_a"),
    ListPage("/congress/proposals/", "student_a"),
    ListPage("/congress/proposals/stats/", "advisor_a"),
    ListPage("/reform/mine/", "advisor_a"),
]

LOGINS = {  # persona → (school code, login)
    "student_a": ("TA01", "2024001"),
    "officer_a": ("TA01", "2022001"),
    "handler_a": ("TA01", "T2001"),
    "advisor_a": ("TA01", "T3001"),
    "secretary_a1": ("TA01", "T1001"),
    "city_staff_1": ("", "city1"),
    "province_admin": ("", "admin"),
}


def _rights(p: TinyProvince) -> None:
    submit(p, title=f"{LONG}（新）")
    walk(p, Status.REFERRED, title=f"{LONG}（转办）")
    closed = walk(p, Status.CLOSED, title=f"{LONG}（办结）")
    rights.issue_publish(actor=p.officer_a, issue=fresh(closed), expected_version=closed.version)


def _staff(p: TinyProvince) -> None:
    from tongxin.staff.services.academic import grades_import
    from tongxin.staff.tests.factories import workbook

    rows = [[n, "2025-2026-1", "最近一学期", 40, 100, 0] for n in ["2022001", "2022002"]]
    grades_import(
        actor=p.advisor_a, school=p.school_a, stream=workbook(rows), file_name="成绩.xlsx"
    )


def _selection_and_assessment(p: TinyProvince) -> None:
    from tongxin.assessment.tests.factories import open_round, union_with_officers
    from tongxin.selection.tests.factories import recommend

    recommend(p)
    union_with_officers(p)
    open_round(p)


def _training_and_reports(p: TinyProvince) -> None:
    from tongxin.stats.services import weekly_report_build
    from tongxin.training.services import session_create

    today = timezone.localdate()
    session_create(
        actor=p.advisor_a,
        host=p.school_a,
        kind="union",
        title="学生会骨干培训：如何答复同学的诉求",
        date=today,
        hours="2",
    )
    monday = today - datetime.timedelta(days=today.weekday() + 7)
    weekly_report_build(actor=system_actor(), school=p.school_a, week_start=monday)


def _congress_sessions(p: TinyProvince) -> None:
    from tongxin.congress.models import SessionState
    from tongxin.congress.tests.session_factories import walk as congress_walk

    congress_walk(p, SessionState.APPLIED)  # college union A1: the advisor's application
    congress_walk(p, SessionState.APPROVED, union="union_a")
    _congress_proposals(p)


def _congress_proposals(p: TinyProvince) -> None:
    """Published proposals of union A's session (the published list, the statistics)."""
    from tongxin.congress.models import Session
    from tongxin.congress.proposal_models import ProposalState
    from tongxin.congress.tests.proposal_factories_publishing import proposal

    session = Session.objects.filter(union=p.union_a).order_by("-number").first()
    assert session is not None
    proposal(session, ProposalState.SUBMITTED, lead=p.student_a, title=f"关于{LONG}的建议")
    proposal(
        session,
        ProposalState.REFERRED,
        lead=p.student_a2,
        title="关于延长图书馆考试周开放时间的建议",
        lead_office=p.logistics_office_a,
    )


def rows_on_every_list_page(p: TinyProvince) -> None:
    """Rows for every page of LIST_PAGES, made through the real services."""
    with transaction.atomic():
        _rights(p)
        _staff(p)
        _selection_and_assessment(p)
        _training_and_reports(p)
        _congress_sessions(p)
