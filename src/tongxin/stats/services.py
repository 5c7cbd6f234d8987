"""Every write of the statistics app.

worker, Monday 08:00 on ──► weekly_report_build ──► WeeklyReport (one per school and week)
                                                ──► audit "stats.report.built"
                                                ──► notify: union officers, advisor (all)
                                                            city federation (aggregate
                                                            + escalated items)
worker, every 5 minutes ──► fold_rights_activity (stats.fold) ──► rollups
"""

import datetime

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from tongxin.accounts.models import Membership, Role, User
from tongxin.accounts.roles import FEDERATION_ROLES
from tongxin.audit import services as audit
from tongxin.core.authz import authorize
from tongxin.notifications.services import notify
from tongxin.orgs.models import Node

from .models import WeeklyReport
from .reports import WeeklyView, weekly_figures
from .rules import REPORT_UNION_KINDS


def report_recipients(school: Node) -> tuple[list[User], list[User]]:
    """(the school's readers: officers of the school-level unions and the advisors,
    the city federation's staff) — active memberships only."""
    members = Membership.objects.active().select_related("user")
    school_side = members.filter(
        node__school=school, node__kind__in=REPORT_UNION_KINDS, role=Role.OFFICER
    ) | members.filter(node=school, role=Role.ADVISOR)
    # The city federation, and the county's specialist for a school under a county.
    city = members.filter(node_id__in=school.ancestor_ids()[1:-1], role__in=FEDERATION_ROLES)
    return [m.user for m in school_side], [m.user for m in city]


def _notify_readers(report: WeeklyReport, school: Node) -> None:
    school_side, city = report_recipients(school)
    url = reverse("stats:report-detail", args=[report.pk])
    for users, full in ((school_side, True), (city, False)):
        view = WeeklyView(report=report, full=full)
        notify(
            recipients=users,
            verb="stats.report.built",
            title=f"{view.title}已生成",
            body=view.summary(),
            url=url,
            school=school,
        )


@transaction.atomic
def weekly_report_build(
    *, actor: User, school: Node, week_start: datetime.date, now: datetime.datetime | None = None
) -> WeeklyReport | None:
    """Build and store one school's report for the week starting `week_start` (a Monday),
    tell its readers; None when it exists already (the unique row makes this idempotent)."""
    authorize(actor, "stats.build_weekly_report")
    if week_start.weekday() != 0:
        raise ValueError("week_start must be a Monday")
    if WeeklyReport.objects.filter(school=school, week_start=week_start).exists():
        return None
    figures = weekly_figures(school, week_start)
    try:
        with transaction.atomic():
            report = WeeklyReport.objects.create(
                school=school,
                week_start=week_start,
                built_at=now or timezone.now(),
                figures=figures,
            )
    except IntegrityError:  # another worker built it a moment ago
        return None
    audit.record(
        actor=actor,
        action="stats.report.built",
        target=report,
        data={"week_start": week_start.isoformat(), "received": figures["counts"]["received"]},
    )
    _notify_readers(report, school)
    return report
