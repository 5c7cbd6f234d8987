"""The authorization matrix's rows of the imports app (tests/test_authorization_matrix.py)."""

from tongxin.imports.models import ImportJob
from tongxin.imports.selectors import import_job_list_for
from tongxin.testing.matrix import (
    ADVISORS,
    Grant,
    Row,
    others,
)

ROWS = [
    Row("import", lambda p: "/imports/", ["advisor_a"], others("advisor_a")),
]

GRANTS = [
    Grant("import page", "imports.use_import", None, ADVISORS),
    Grant("import into school A", "imports.create_job", lambda p: p.school_a, ["advisor_a"]),
    Grant(
        "an import job of school A",
        "imports.view_job",
        lambda p: p.issues["import_job"],
        ["advisor_a"],
        listed=import_job_list_for,
        among=lambda p: ImportJob.objects.all(),
    ),
    Grant(
        "run an import job of school A",
        "imports.run_job",
        lambda p: p.issues["import_job"],
        ["advisor_a"],
    ),
]
