"""Training is run by the school's league advisor (school level) and college league
secretaries (their college); union officers and the trainees read it."""

import rules

from tongxin.accounts.models import Role
from tongxin.accounts.roles import holds_role, holds_role_over

TRAINERS = (Role.ADVISOR, Role.COLLEGE_SECRETARY)

runs_training_at = holds_role_over(*TRAINERS)  # on the host node
runs_training_anywhere = holds_role(*TRAINERS)

rules.add_perm("training.manage_session", runs_training_at)
rules.add_perm("training.open_sessions", runs_training_anywhere)
