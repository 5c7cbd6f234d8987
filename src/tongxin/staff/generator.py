"""Grades from the academic office, and the warnings they raise (学风预警), for the demo.

    the latest finished term ──► an upload per school: every student past their first
                                 term, three windows each ──► officers judged by the
                                 staff app's own rule ──► a warning for each who fails
    the term before ──► an upload of the officers' records ──► for officers serving since
                        last year who failed then too: the earlier warning, and the
                        latest one proposing their exit

Officers mostly meet the rule (about one in twenty does not); other students' ranks are
spread over their cohort. A cohort is a school's major and year, scaled from the demo's
sample of students up to the school's real size (`student_count`), so that "top 30 %" has
room to mean something. Every draw comes from a stream of its own: the rest of the
province stays the same whatever happens here.
"""

import datetime
import random
from collections import Counter, defaultdict
from dataclasses import dataclass

from tongxin.accounts.models import Membership, Role
from tongxin.orgs.models import SECONDARY_SCHOOL_TYPES, OfficeKind
from tongxin.staff.eligibility import judge, policy
from tongxin.staff.models import (
    AcademicRecord,
    AcademicUpload,
    AcademicWarning,
    WarningStatus,
    Window,
)
from tongxin.workdays.calendar import local_zone
from tongxin.workflow.generation.province import (
    BATCH,
    PersonSpec,
    ProvincePlan,
    Written,
    academic_year_of,
)
from tongxin.workflow.generation.rows import insert_rows

OFFICER_MISS_SHARE = 0.05  # officers who no longer meet the rule this term
PERSISTING_SHARE = 0.35  # of those, serving since last year and failing then too
STUDENT_FAILED_SHARE = 0.08  # other students with a course still to retake


@dataclass(frozen=True)
class AcademicTerm:
    year: int  # the academic year it belongs to (its September)
    half: int  # 1: autumn, 2: spring

    @property
    def label(self) -> str:
        return f"{self.year}-{self.year + 1}-{self.half}"

    @property
    def previous(self) -> "AcademicTerm":
        return AcademicTerm(self.year, 1) if self.half == 2 else AcademicTerm(self.year - 1, 2)

    @property
    def graded_on(self) -> datetime.date:
        """Grades reach the union early in the next term."""
        if self.half == 1:
            return datetime.date(self.year + 1, 3, 5)
        return datetime.date(self.year + 1, 9, 12)


def academic_office_handlers(plan: ProvincePlan) -> dict[str, str]:
    """school key → the academic office's handler (not its head), who uploads the grades."""
    academic = {
        node.key: node.parent or ""
        for node in plan.nodes
        if node.attrs.get("office_kind") == OfficeKind.ACADEMIC
    }
    return {
        academic[post.node]: post.username
        for post in plan.posts
        if post.node in academic
        and post.role == Role.OFFICE_HANDLER
        and not post.position
        and post.end is None
    }


def latest_finished_term(today: datetime.date) -> AcademicTerm:
    """The last term whose grades are in by `today`."""
    term = AcademicTerm(academic_year_of(today), 1)
    while term.graded_on > today:
        term = term.previous
    return term


@dataclass
class Rows:
    uploads: list[tuple[AcademicUpload, AcademicTerm]]
    records: list[AcademicRecord]


def _cohorts(plan: ProvincePlan) -> dict[tuple[str, str, int], int]:
    """(school, major, enrolment year) → cohort size, scaled to the school's real size."""
    sample = Counter(
        (p.school, p.major, p.enrolment_year)
        for p in plan.people
        if p.school and p.enrolment_year is not None
    )
    demo_size = Counter(p.school for p in plan.people if p.enrolment_year is not None)
    real_size = {
        node.key: int(node.attrs.get("student_count", 0))
        for node in plan.nodes
        if "student_count" in node.attrs
    }
    return {
        key: max(count, round(count * real_size.get(key[0], 0) / max(1, demo_size[key[0]])))
        for key, count in sample.items()
        if key[2] is not None
    }


def _ranks(rng: random.Random, cohort: int, meets: bool | None) -> list[int]:
    """Ranks for the three windows: at least one inside the top 30 % when `meets`, none
    when `meets` is False, anything when None."""
    top = max(1, cohort * 3 // 10)
    if meets is None:
        return [rng.randint(1, cohort) for _ in Window.values]
    if meets or top >= cohort:
        ranks = [rng.randint(1, min(cohort, top * 2)) for _ in Window.values]
        ranks[rng.randrange(len(ranks))] = rng.randint(1, top)
        return ranks
    return [rng.randint(top + 1, cohort) for _ in Window.values]


def _records_of(
    rng: random.Random, person: PersonSpec, cohort: int, miss: str | None, officer: bool
) -> list[tuple[int, int]]:
    """(rank, failed) per window. `miss`: the rule an officer fails ("rank" or "failed")."""
    if officer:
        ranks = _ranks(rng, cohort, meets=miss != "rank")
        failed = rng.randint(1, 2) if miss == "failed" else 0
    else:
        ranks = _ranks(rng, cohort, meets=None)
        failed = rng.randint(1, 3) if rng.random() < STUDENT_FAILED_SHARE else 0
    return [(rank, failed) for rank in ranks]


class GradePlanner:
    def __init__(self, plan: ProvincePlan, written: Written, today: datetime.date) -> None:
        self.plan, self.written, self.today = plan, written, today
        self.rng = random.Random(f"{plan.seed}/grades")
        self.cohorts = _cohorts(plan)
        self.term = latest_finished_term(today)
        self.uploaders = academic_office_handlers(plan)
        self.officers = {
            post.username for post in plan.posts if post.role == Role.OFFICER and post.end is None
        }
        self.served_last_year = {
            post.username
            for post in plan.posts
            if post.role == Role.OFFICER and post.end is not None
        }
        self.misses: dict[str, str] = {}  # officer → the rule they fail this term
        self.persisting: set[str] = set()  # …and failed the term before, serving then too

    def _judged(self) -> list[PersonSpec]:
        """Officers the academic rule applies to: past their first year, not at a 中职
        school (whose rule set is empty by default), serving since this September."""
        secondary = {
            node.key
            for node in self.plan.nodes
            if node.attrs.get("school_type") in SECONDARY_SCHOOL_TYPES
        }
        first_year = academic_year_of(self.today)
        return sorted(
            (
                p
                for p in self.plan.people
                if p.username in self.officers
                and p.enrolment_year is not None
                and p.enrolment_year < first_year
                and p.school not in secondary
            ),
            key=lambda p: p.username,
        )

    def draw_misses(self) -> None:
        """About one officer in twenty misses; the first school always has one warning and
        one exit proposal to show (when it has officers the rule applies to)."""
        judged = self._judged()
        for person in judged:
            if self.rng.random() < OFFICER_MISS_SHARE:
                self.misses[person.username] = "rank" if self.rng.random() < 0.7 else "failed"
        for person in judged:
            persists = person.username in self.misses and self._may_persist(person)
            if persists and self.rng.random() < PERSISTING_SHARE:
                self.persisting.add(person.username)
        first_school = min((p.school for p in judged if p.school), default=None)
        shown = [p for p in judged if p.school == first_school and self._may_persist(p)][:2]
        for person in shown:
            self.misses.setdefault(person.username, "rank")
        if shown and not any(
            p.username in self.persisting for p in judged if p.school == first_school
        ):
            self.persisting.add(shown[0].username)

    def _may_persist(self, person: PersonSpec) -> bool:
        """Served since last September without a term of their own last year, and graded
        in the term before."""
        return (
            person.username not in self.served_last_year
            and person.enrolment_year is not None
            and person.enrolment_year <= self.term.previous.year
        )

    def _upload(self, school: str, term: AcademicTerm, rows: int) -> AcademicUpload:
        node = self.written.node_keys[school]
        return AcademicUpload(
            school_id=node.pk,
            uploaded_by_id=self.written.user_ids[self.uploaders[school]],
            term=term.label,
            file_name=f"{node.code}-{term.label}-成绩.xlsx",
            rows=rows,
        )

    def rows(self) -> Rows:
        """The latest term for every student past their first term; the term before for
        the officers (who are judged on it only when they persist)."""
        Graded = tuple[PersonSpec, int, list[tuple[int, int]]]  # person, cohort, figures
        by_school: dict[tuple[str, AcademicTerm], list[Graded]] = defaultdict(list)
        previous = self.term.previous
        for person in self.plan.people:
            if person.school is None or person.enrolment_year is None or not person.major:
                continue
            cohort = self.cohorts[(person.school, person.major, person.enrolment_year)]
            officer = person.username in self.officers
            if person.enrolment_year <= self.term.year:
                miss = self.misses.get(person.username)
                figures = _records_of(self.rng, person, cohort, miss, officer)
                by_school[(person.school, self.term)].append((person, cohort, figures))
            if officer and person.enrolment_year <= previous.year:
                miss = (
                    self.misses.get(person.username) if person.username in self.persisting else None
                )
                figures = _records_of(self.rng, person, cohort, miss, officer=True)
                by_school[(person.school, previous)].append((person, cohort, figures))
        uploads: list[tuple[AcademicUpload, AcademicTerm]] = []
        records: list[AcademicRecord] = []
        for (school, term), people in by_school.items():
            upload = self._upload(school, term, len(people))
            uploads.append((upload, term))
            for person, cohort, figures in people:
                for window, (rank, failed) in zip(Window.values, figures, strict=True):
                    records.append(
                        AcademicRecord(
                            school_id=upload.school_id,
                            student_id=self.written.user_ids[person.username],
                            upload=upload,
                            term=term.label,
                            window=window,
                            rank=rank,
                            cohort_size=cohort,
                            failed_outstanding=failed,
                        )
                    )
        return Rows(uploads, records)


def at_hour(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=local_zone())


def write_grades(plan: ProvincePlan, written: Written, today: datetime.date) -> dict[str, int]:
    """Uploads, records and the warnings they raise. Returns counts for the build's event."""
    planner = GradePlanner(plan, written, today)
    planner.draw_misses()
    rows = planner.rows()
    uploads = [upload for upload, _term in rows.uploads]
    AcademicUpload.objects.bulk_create(uploads, batch_size=BATCH)
    for upload, term in rows.uploads:  # auto_now_add stamped the insert: put the day back
        upload.created_at = at_hour(min(term.graded_on, today - datetime.timedelta(days=1)))
    AcademicUpload.objects.bulk_update(uploads, ["created_at"], batch_size=BATCH)
    fields = ["school_id", "student_id", "upload_id", "term", "window", "rank"]
    fields += ["cohort_size", "failed_outstanding"]
    insert_rows(AcademicRecord, fields, (_row(record) for record in rows.records))
    warned = write_warnings(planner, rows.records)
    return {"academic_records": len(rows.records), **warned}


def _row(r: AcademicRecord) -> list[object]:
    ids = [r.school_id, r.student_id, r.upload.pk]
    return [*ids, r.term, r.window, r.rank, r.cohort_size, r.failed_outstanding]


def write_warnings(planner: GradePlanner, records: list[AcademicRecord]) -> dict[str, int]:
    """Judge every current officer with the staff app's rule on their latest records."""
    term, today = planner.term, planner.today
    latest: dict[int, list[AcademicRecord]] = defaultdict(list)
    for record in records:
        if record.term == term.label:
            latest[record.student_id].append(record)
    memberships = list(
        Membership.objects.filter(
            school__in=[n for n in planner.written.node_keys.values() if n.kind == "school"],
            role=Role.OFFICER,
            end__isnull=True,
        ).select_related("user__school")
    )
    rules = policy()
    warnings: list[AcademicWarning] = []
    earlier: list[AcademicWarning] = []
    continuing: list[Membership] = []
    for membership in memberships:
        user = membership.user
        result = judge(user, latest.get(user.pk, []), on=today, rules=rules)
        if result.meets:
            continue
        persisting = user.username in planner.persisting
        school_id = membership.school_id
        assert school_id is not None  # an officer's membership is inside a school
        warning = AcademicWarning(
            school_id=school_id,
            union_id=membership.node_id,
            officer_id=user.pk,
            membership=membership,
            term=term.label,
            rule=result.failed[0].rule,
            explanation="；".join(check.text for check in result.failed),
            status=WarningStatus.EXIT_PROPOSED if persisting else WarningStatus.OPEN,
        )
        if persisting:
            membership.start = datetime.date(term.previous.year, 9, 1)
            continuing.append(membership)
            earlier.append(
                AcademicWarning(
                    school_id=school_id,
                    union_id=membership.node_id,
                    officer_id=user.pk,
                    membership=membership,
                    term=term.previous.label,
                    rule=warning.rule,
                    explanation=warning.explanation,
                    status=WarningStatus.EXIT_PROPOSED,
                )
            )
        warnings.append(warning)
    Membership.objects.bulk_update(continuing, ["start"], batch_size=BATCH)
    AcademicWarning.objects.bulk_create(earlier, batch_size=BATCH)
    by_officer = {w.officer_id: w for w in earlier}
    for warning in warnings:
        warning.previous = by_officer.get(warning.officer_id)
    AcademicWarning.objects.bulk_create(warnings, batch_size=BATCH)
    _date(earlier, term.previous.graded_on, today)
    _date(warnings, term.graded_on, today)
    return {"academic_warnings": len(warnings) + len(earlier), "exit_proposals": len(earlier)}


def _date(warnings: list[AcademicWarning], day: datetime.date, today: datetime.date) -> None:
    moment = at_hour(min(day, today - datetime.timedelta(days=1)), hour=11)
    AcademicWarning.objects.filter(pk__in=[w.pk for w in warnings]).update(created_at=moment)
