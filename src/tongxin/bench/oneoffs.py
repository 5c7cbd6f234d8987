"""One-off operations, each timed as the median of three runs through the real services:
a school's eligibility recomputation after a term's grades arrive (grades_import, which
ends in warnings_refresh), and a 10,000-row people import (import_job_create + _run)."""

import io
import random
import statistics
import time
from collections.abc import Callable
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from tongxin.accounts.models import Membership, Role, User
from tongxin.imports.models import ImportJob
from tongxin.imports.services import import_job_create, import_job_run
from tongxin.imports.spec import CLASSES, COLLEGES, STUDENTS
from tongxin.orgs.models import Node, NodeKind
from tongxin.staff import grades
from tongxin.staff.services.academic import grades_import

RUNS = 3
IMPORT_ROWS = 10_000
IMPORT_COLLEGE = "压测学院"  # the people import's colleges: left out of the grades workbook


def _book(sheets: dict[str, tuple[list[str], list[list[Any]]]]) -> bytes:
    book = Workbook()
    if book.active is not None:
        book.remove(book.active)
    for name, (headers, rows) in sheets.items():
        sheet = book.create_sheet(name)
        sheet.append(headers)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _advisor(school: Node) -> User:
    membership = (
        Membership.objects.active()
        .filter(role=Role.ADVISOR, node=school)
        .select_related("user")
        .order_by("user_id")
        .first()
    )
    if membership is None:
        raise LookupError(f"no advisor at {school.code}")
    return membership.user


def _grades_workbook(school: Node, term: str, seed: int) -> bytes:
    """The school's students (all of them, as the academic office sends) for one term."""
    rng = random.Random(seed)
    numbers = (
        User.objects.filter(school=school)
        .exclude(number="")
        .exclude(college__name__startswith=IMPORT_COLLEGE)  # earlier runs' imports
        .order_by("number")
    )
    rows = []
    for number in numbers.values_list("number", flat=True):
        cohort = rng.randint(60, 400)
        rows.append([number, term, "最近一学期", rng.randint(1, cohort), cohort, 0])
    return _book({grades.SHEET: (grades.HEADERS, rows)})


def _median(run: Callable[[int], None]) -> dict[str, Any]:
    times = []
    for attempt in range(RUNS):
        started = time.monotonic()
        run(attempt)
        times.append(time.monotonic() - started)
    return {"median_s": round(statistics.median(times), 3), "runs_s": [round(t, 3) for t in times]}


def eligibility_recompute(school: Node) -> dict[str, Any]:
    advisor = _advisor(school)
    books = [_grades_workbook(school, "2025-2026-2", seed) for seed in range(RUNS)]
    officers = Membership.objects.active().filter(school=school, role=Role.OFFICER).count()

    def run(attempt: int) -> None:
        stream = io.BytesIO(books[attempt])
        grades_import(actor=advisor, school=school, stream=stream, file_name="成绩.xlsx")

    result = _median(run)
    return result | {"school": school.code, "officers": officers, "grade_rows": _rows(books[0])}


def _rows(content: bytes) -> int:
    rows, _errors = grades.read(io.BytesIO(content))
    return len(rows)


def _people_workbook(run: int, attempt: int) -> bytes:
    """New people only: `run` numbers this invocation, so a rerun on the same database
    imports new students instead of failing on the last run's numbers."""
    college, klass = f"{IMPORT_COLLEGE}{run}-{attempt}", f"压测{run}-{attempt}班"
    rows = [
        [
            f"B{run}{attempt}{i:05d}",
            f"压测同学{i}",
            college,
            "软件工程",
            klass,
            2025,
            "本专科",
            "共青团员",
            "13800001111",
            "",
        ]
        for i in range(IMPORT_ROWS)
    ]
    return _book(
        {
            COLLEGES.name: (COLLEGES.headers, [[college]]),
            CLASSES.name: (CLASSES.headers, [[klass, college]]),
            STUDENTS.name: (STUDENTS.headers, rows),
        }
    )


def people_import(school: Node) -> dict[str, Any]:
    advisor = _advisor(school)
    number = Node.objects.filter(school=school, name__startswith=IMPORT_COLLEGE).count() // RUNS
    books = [_people_workbook(number, attempt) for attempt in range(RUNS)]
    statuses: list[str] = []

    def run(attempt: int) -> None:
        upload = SimpleUploadedFile("名单.xlsx", books[attempt])
        job = import_job_create(actor=advisor, school=school, upload=upload)
        job = ImportJob.objects.select_related("school", "uploaded_by").get(pk=job.pk)
        statuses.append(import_job_run(actor=advisor, job=job).status)

    result = _median(run)
    return result | {"school": school.code, "rows": IMPORT_ROWS, "statuses": statuses}


def run_oneoffs(school_code: str | None = None) -> dict[str, Any]:
    schools = Node.objects.filter(kind=NodeKind.SCHOOL).order_by("code")
    school = schools.get(code=school_code) if school_code else schools.first()
    if school is None:
        raise LookupError("no school: run `tongxin bench generate` first")
    return {"eligibility": eligibility_recompute(school), "people_import": people_import(school)}
