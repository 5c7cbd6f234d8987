"""Training is run by the school's league advisor (school level) and college league
secretaries (their college); union officers and the trainees read it."""

from typing import Any

import rules

from tongxin.accounts.models import Role
from tongxin.accounts.reach import has_role, reaches_node
from tongxin.orgs.models import Node


@rules.predicate
def runs_training_at(user: Any, host: Node | None) -> bool:
    return host is not None and reaches_node(
        user, host, roles=[Role.ADVISOR, Role.COLLEGE_SECRETARY]
    )


@rules.predicate
def runs_training_anywhere(user: Any) -> bool:
    return has_role(user, Role.ADVISOR, Role.COLLEGE_SECRETARY)


rules.add_perm("training.manage_session", runs_training_at)
rules.add_perm("training.open_sessions", runs_training_anywhere)
