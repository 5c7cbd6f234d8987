"""The import's query count does not grow with the number of rows."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tongxin.imports.models import ImportJob
from tongxin.imports.services import import_job_create, import_job_run

from .workbooks import fresh, staff, student, upload, xlsx


def _roster(prefix: str, students: int) -> bytes:
    college, klass = f"{prefix}学院", f"{prefix}2025级1班"
    return xlsx(
        {
            "学院": [[college]],
            "班级": [[klass, college], [f"{prefix}2025级2班", college]],
            "职能部门": [[f"{prefix}处", "其他部门"]],
            "学生": [
                student(f"{prefix}{n:05d}", f"学生{n}", college, klass) for n in range(students)
            ],
            "教职工": [
                staff(f"{prefix}T1", "书记", college, "院团委书记"),
                staff(f"{prefix}T2", "处长", f"{prefix}处", "职能部门负责人"),
            ],
        }
    )


def _queries_to_run(province, content: bytes) -> int:
    job = import_job_create(
        actor=province.advisor_a, school=province.school_a, upload=upload(content)
    )
    job = ImportJob.objects.select_related("school", "uploaded_by").get(pk=job.pk)
    actor = fresh(province.advisor_a)  # no grants cached from an earlier run
    with CaptureQueriesContext(connection) as queries:
        job = import_job_run(actor=actor, job=job)
    assert job.status == ImportJob.Status.DONE, job.errors
    return len(queries)


def test_importing_500_rows_costs_the_same_queries_as_50(province):
    small = _queries_to_run(province, _roster("A", 50))
    large = _queries_to_run(province, _roster("B", 500))
    assert small == large
    assert small < 40
