"""Who may import: a school's league advisor (校团委老师), for that school only."""

import rules

from tongxin.accounts.models import Role
from tongxin.accounts.roles import advises_school, holds_role_over, is_advisor

advises_job_school = holds_role_over(Role.ADVISOR, node_attr="school")

# The pages (upload, template, job list): advisors only; everyone else gets 403.
rules.add_perm("imports.use_import", is_advisor)
rules.add_perm("imports.create_job", advises_school)
# The same predicate as `import_job_list_for` filters by (selectors.py).
rules.add_perm("imports.view_job", advises_job_school)
# Checked again when the worker runs the job: the uploader must still advise the school.
rules.add_perm("imports.run_job", advises_job_school)
