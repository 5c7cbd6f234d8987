"""Who may import: a school's league advisor (校团委老师), for that school only."""

from typing import Any

import rules

from tongxin.accounts.models import Role
from tongxin.accounts.reach import has_role, reaches_node
from tongxin.orgs.models import Node

from .models import ImportJob


@rules.predicate
def may_use_import(user: Any) -> bool:
    return has_role(user, Role.ADVISOR)


@rules.predicate
def advises_school(user: Any, school: Node | None) -> bool:
    return school is not None and reaches_node(user, school, roles=[Role.ADVISOR])


@rules.predicate
def advises_job_school(user: Any, job: ImportJob | None) -> bool:
    return job is not None and reaches_node(user, job.school, roles=[Role.ADVISOR])


# The pages (upload, template, job list): advisors only; everyone else gets 403.
rules.add_perm("imports.use_import", may_use_import)
rules.add_perm("imports.create_job", advises_school)
# The same predicate as `import_job_list_for` filters by (selectors.py).
rules.add_perm("imports.view_job", advises_job_school)
# Checked again when the worker runs the job: the uploader must still advise the school.
rules.add_perm("imports.run_job", advises_job_school)
