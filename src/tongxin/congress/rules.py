"""Who may see and do what in the student congress (学生代表大会): the one place for it.

Composed from the shared predicates of tongxin.accounts.roles. Each part keeps its rules in
its own section below.
"""

from typing import Any

import rules

from tongxin.accounts.models import Role
from tongxin.accounts.roles import holds_role_over

# --- sessions (届次与会议) -------------------------------------------------------------


# --- delegates (代表) -------------------------------------------------------------------


# --- rating (评定) ----------------------------------------------------------------------


__all__ = ["Any", "Role", "holds_role_over", "rules"]
