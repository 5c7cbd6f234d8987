"""The review calendar (审核时间表) and its reminders (issue 17).

    (none) | calendar ── calendar_save (the federation admin; dates in order) ──► calendar
    each day, the worker ── review_remind ──► for each level whose date falls within
        remind_days working days and has not finished: its people told, once per
        (assessment, level) (a ReviewReminder row, unique)

Levels and who has not finished: 学生会 (fill_due; sheets still filling: their officers and
a college union's secretary), 学校 (school_due; preparing: the advisor), 市学联 (city_due;
submitted: the city's reviewers), 省学联 (province_due; city reviewed: the province's).
"""

import datetime
import itertools
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tongxin.audit import services as audit
from tongxin.core.authz import authorize
from tongxin.core.errors import DomainError, NotAllowed
from tongxin.orgs.models import NodeKind
from tongxin.workdays.calendar import workdays_between
from tongxin.workflow.steps import page_of, tell

from .. import review_selectors as selectors
from ..review_models import (
    AssessmentState,
    ReviewCalendar,
    ReviewReminder,
    SchoolAssessment,
    SheetState,
    UnionSheet,
)

A = AssessmentState
DATES = (
    ("fill_due", "学生会填报截止"),
    ("school_due", "学校报送截止"),
    ("city_due", "市学联审核截止"),
    ("province_due", "省学联确认截止"),
)


@dataclass(frozen=True)
class CalendarInput:
    fill_due: datetime.date
    school_due: datetime.date
    city_due: datetime.date
    province_due: datetime.date
    remind_days: int
    disclosure_workdays: int


def _validate(year: int, values: CalendarInput) -> None:
    if not 2000 <= year <= 2999:
        raise DomainError(_("学年：请填写 2000—2999 之间的年份。"), field="academic_year")
    for field, label in DATES:
        day = getattr(values, field)
        if not year <= day.year <= year + 1:
            raise DomainError(
                _("%(l)s：应在 %(a)d—%(b)d 学年之内。") % {"l": label, "a": year, "b": year + 1},
                field=field,
            )
    for (first, first_label), (then, then_label) in itertools.pairwise(DATES):
        if getattr(values, then) < getattr(values, first):
            raise DomainError(
                _("%(t)s：不能早于%(f)s。") % {"t": then_label, "f": first_label}, field=then
            )
    if not 0 <= values.remind_days <= 30:
        raise DomainError(_("提前提醒（工作日）：请填写 0—30。"), field="remind_days")
    if not 1 <= values.disclosure_workdays <= 30:
        raise DomainError(_("公示期（工作日）：请填写 1—30。"), field="disclosure_workdays")


@transaction.atomic
def calendar_save(*, actor: Any, year: int, values: CalendarInput) -> ReviewCalendar:
    """Create or change the year's calendar (the federation admin)."""
    authorize(actor, "reform.manage_calendar")
    _validate(year, values)
    calendar = ReviewCalendar.objects.select_for_update().filter(academic_year=year).first()
    fields = [name for name in CalendarInput.__dataclass_fields__]
    if calendar is None:
        calendar = ReviewCalendar(academic_year=year)
        changed = fields
    else:
        changed = [f for f in fields if getattr(calendar, f) != getattr(values, f)]
    for f in fields:
        setattr(calendar, f, getattr(values, f))
    calendar.save()
    audit.record(
        actor=actor,
        action="reform.calendar.saved",
        target=calendar,
        data={"year": year, "fields": changed},
    )
    return calendar


# --- reminders ------------------------------------------------------------------------------

LEVELS = (
    ("union", "fill_due", _("学生会填报")),
    ("school", "school_due", _("学校报送")),
    ("city", "city_due", _("市学联审核")),
    ("province", "province_due", _("省学联确认")),
)
BEHIND = {"school": (A.PREPARING,), "city": (A.SUBMITTED,), "province": (A.CITY_REVIEWED,)}


def _due_soon(today: datetime.date, due: datetime.date, days: int) -> bool:
    return today <= due and workdays_between(today, due) <= days


def _people(assessment: SchoolAssessment, level: str) -> list[tuple[list[Any], str]]:
    """Who is told, each group with the page it opens (a union's people: their union's)."""
    if level == "union":
        filling = UnionSheet.objects.filter(
            school_id=assessment.school_id,
            catalogue__academic_year=assessment.academic_year,
            state=SheetState.FILLING,
        ).select_related("union")
        return [
            (selectors.union_people(s.union), page_of("reform:union", s.union)) for s in filling
        ]
    page = page_of("reform:assessment", assessment)
    if level == "school":
        return [(selectors.advisors_of(assessment.school_id), page)]
    kind = NodeKind.CITY if level == "city" else NodeKind.PROVINCE
    return [(selectors.reviewers_of(assessment.school, kind), page)]


def _behind(year: int, level: str) -> Any:
    rows = SchoolAssessment.objects.filter(academic_year=year).select_related("school")
    if level == "union":
        filling = UnionSheet.objects.filter(
            catalogue__academic_year=year, state=SheetState.FILLING
        ).values("school_id")
        return rows.filter(state=A.PREPARING, school_id__in=filling)
    return rows.filter(state__in=BEHIND[level])


def review_remind(*, actor: Any, today: datetime.date | None = None) -> int:
    """The worker's daily pass: remind each level due within the calendar's remind_days
    working days that has not finished; returns how many reminders went out."""
    if not getattr(actor, "is_system", False):
        raise NotAllowed("reform.remind")
    today = today or timezone.localdate()
    sent = 0
    for calendar in ReviewCalendar.objects.filter(province_due__gte=today):
        for level, field, label in LEVELS:
            due = getattr(calendar, field)
            if not _due_soon(today, due, calendar.remind_days):
                continue
            for assessment in _behind(calendar.academic_year, level):
                sent += _remind(actor, assessment, level, str(label), due)
    return sent


def _remind(
    actor: Any, assessment: SchoolAssessment, level: str, label: str, due: datetime.date
) -> int:
    try:
        with transaction.atomic():
            ReviewReminder.objects.create(assessment=assessment, level=level)
            told = 0
            title = _("%(s)s改革自评：%(l)s将于 %(d)s 截止") % {
                "s": assessment.school.name,
                "l": label,
                "d": due.isoformat(),
            }
            for people, url in _people(assessment, level):
                tell(people, verb="reform.review.reminder", title=title, url=url,
                     school=assessment.school)  # fmt: skip
                told += len(people)
            audit.record(
                actor=actor,
                action="reform.assessment.reminded",
                target=assessment,
                data={"level": level, "due": due.isoformat(), "recipients": told},
                school=assessment.school,
            )
    except IntegrityError:
        return 0  # reminded before
    return 1
