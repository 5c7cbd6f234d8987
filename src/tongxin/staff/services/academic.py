"""Grades arrive; officers who no longer qualify are warned (学风预警).

grades_import ──► records for the term (all rows or none) ──► warnings_refresh
meets the rule ──► open warning cleared
fails the rule ──► warning (open) ──(still failing next term)──► exit proposed
"""

from typing import IO

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tongxin.accounts.models import PRESIDIUM_POSITIONS, Membership, Role, User
from tongxin.audit import services as audit
from tongxin.core.authz import authorize
from tongxin.core.errors import DomainError
from tongxin.imports.problems import RowError
from tongxin.notifications.services import notify
from tongxin.orgs.models import Node

from .. import grades
from ..eligibility import judge, latest_records_by_user, policy
from ..models import AcademicRecord, AcademicUpload, AcademicWarning, WarningStatus


class GradesRejected(DomainError):
    def __init__(self, errors: list[RowError]) -> None:
        super().__init__(_("成绩文件有 %(n)d 处错误，未导入任何数据。") % {"n": len(errors)})
        self.errors = errors


def _match_students(
    school: Node, rows: list[grades.GradeRow], errors: list[RowError]
) -> dict[str, int]:
    numbers = {r.number for r in rows}
    known = dict(User.objects.filter(school=school, number__in=numbers).values_list("number", "pk"))
    seen: set[tuple[str, str, str]] = set()
    for r in rows:
        if r.number not in known:
            errors.append(
                RowError(
                    sheet=grades.SHEET, row=r.row, column="学号", message=f"本校没有学号 {r.number}"
                )
            )
        key = (r.number, r.term, r.window)
        if key in seen:
            errors.append(
                RowError(
                    sheet=grades.SHEET,
                    row=r.row,
                    column="学号",
                    message="同一学生、学期和口径重复出现",
                )
            )
        seen.add(key)
    return known


@transaction.atomic
def grades_import(
    *, actor: User, school: Node, stream: IO[bytes], file_name: str
) -> AcademicUpload:
    """All-or-nothing import of one workbook; a later upload for the same student, term and
    window replaces the earlier figures."""
    authorize(actor, "staff.upload_grades", school)
    rows, errors = grades.read(stream)
    known = _match_students(school, rows, errors)
    if errors:
        raise GradesRejected(sorted(errors, key=lambda e: (e.row, e.column)))
    if not rows:
        raise DomainError(_("文件中没有成绩数据。"))
    terms = sorted({r.term for r in rows})
    upload = AcademicUpload.objects.create(
        school=school, uploaded_by=actor, term=terms[-1], file_name=file_name[:200], rows=len(rows)
    )
    student_ids = {known[r.number] for r in rows}
    AcademicRecord.objects.filter(student_id__in=student_ids, term__in=terms).delete()
    AcademicRecord.objects.bulk_create(
        [
            AcademicRecord(
                school=school,
                student_id=known[r.number],
                upload=upload,
                term=r.term,
                window=r.window,
                rank=r.rank,
                cohort_size=r.cohort,
                failed_outstanding=r.failed,
            )
            for r in rows
        ],
        batch_size=2000,
    )
    audit.record(
        actor=actor,
        action="staff.grades.imported",
        target=upload,
        data={"rows": len(rows), "terms": terms},
    )
    warnings_refresh(actor=actor, school=school, term=terms[-1])
    return upload


def _previous_open(membership: Membership, term: str) -> AcademicWarning | None:
    return (
        AcademicWarning.objects.filter(
            membership=membership, term__lt=term, status=WarningStatus.OPEN
        )
        .order_by("-term")
        .first()
    )


def _warn(actor: User, membership: Membership, term: str, rule: str, text: str) -> AcademicWarning:
    previous = _previous_open(membership, term)
    warning = AcademicWarning.objects.create(
        school_id=membership.node.school_pk,
        union_id=membership.node_id,
        officer_id=membership.user_id,
        membership=membership,
        term=term,
        rule=rule,
        explanation=text,
        previous=previous,
        status=WarningStatus.EXIT_PROPOSED if previous else WarningStatus.OPEN,
    )
    if previous is not None:
        previous.status = WarningStatus.EXIT_PROPOSED
        previous.save(update_fields=["status"])
    action = "staff.warning.exit_proposed" if previous else "staff.warning.raised"
    audit.record(actor=actor, action=action, target=warning, data={"rule": rule, "term": term})
    return warning


def _tell(warning: AcademicWarning, membership: Membership) -> None:
    """Figures go to the officer only; the presidium hears that a warning exists and which rule."""
    title = _("学风预警：%(t)s") % {"t": warning.term}
    notify(
        recipients=[membership.user],
        verb="staff.warning.raised",
        title=title,
        body=warning.explanation,
        url=reverse("staff:my-warnings"),
        school=membership.school,
    )
    presidium = (
        Membership.objects.active()
        .filter(node_id=membership.node_id, role=Role.OFFICER, position__in=PRESIDIUM_POSITIONS)
        .exclude(user=membership.user)
    )
    notify(
        recipients=[m.user for m in presidium.select_related("user")],
        verb="staff.warning.raised",
        title=_("本会有工作人员收到学风预警"),
        body=_("%(n)s：%(r)s")
        % {"n": membership.user.real_name, "r": RULE_LABELS.get(warning.rule, warning.rule)},
        school=membership.school,
    )


RULE_LABELS = {
    "political": "政治面貌",
    "academic_rank": "综合排名",
    "failed_courses": "未通过课程",
    "records": "缺少成绩数据",
}


@transaction.atomic
def warnings_refresh(*, actor: User, school: Node, term: str) -> dict[str, int]:
    """Re-check every active officer of the school against the rule for `term`."""
    authorize(actor, "staff.upload_grades", school)
    tally = {"raised": 0, "exit_proposed": 0, "cleared": 0}
    officers = list(
        Membership.objects.active()
        .filter(school=school, role=Role.OFFICER)
        .select_related("user", "user__school", "node")
    )
    # A school's officers judged together: a few queries, not a few per officer.
    records = latest_records_by_user([m.user_id for m in officers], up_to=term)
    warnings = AcademicWarning.objects.filter(membership__in=officers)
    warned_this_term = set(warnings.filter(term=term).values_list("membership_id", flat=True))
    open_ones: dict[int, list[AcademicWarning]] = {}
    for warning in warnings.filter(status=WarningStatus.OPEN).order_by("pk"):
        open_ones.setdefault(warning.membership_id, []).append(warning)
    rules, today = policy(), timezone.localdate()
    for membership in officers:
        result = judge(membership.user, records.get(membership.user_id, []), on=today, rules=rules)
        if result.meets:
            tally["cleared"] += _clear(actor, open_ones.get(membership.pk, []))
            continue
        if membership.pk in warned_this_term:
            continue
        failed = result.failed[0]
        warning = _warn(
            actor, membership, term, failed.rule, "；".join(c.text for c in result.failed)
        )
        tally["exit_proposed" if warning.previous_id else "raised"] += 1
        _tell(warning, membership)
    return tally


def _clear(actor: User, open_ones: list[AcademicWarning]) -> int:
    for warning in open_ones:
        warning.status = WarningStatus.CLEARED
        warning.save(update_fields=["status"])
        audit.record(actor=actor, action="staff.warning.cleared", target=warning)
    return len(open_ones)
