"""Every state change of the rights desk: one function per transition (see each module)."""

from .closing import issue_auto_close, issue_publish, issue_rate, issue_unseal
from .configuration import category_routes_save, category_save, rights_settings_save
from .escalation import clock_escalate, overdue_clocks
from .handling import (
    issue_accept,
    issue_add_office_input,
    issue_answer,
    issue_approve_answer,
    issue_assign,
    issue_decline,
    issue_feed_back,
    issue_merge,
    issue_office_answer,
    issue_refer,
    issue_return,
    issue_start,
)
from .submission import (
    issue_announce,
    issue_submit,
    issue_support,
    issue_withdraw,
    route_union,
)

__all__ = [
    "category_routes_save",
    "category_save",
    "clock_escalate",
    "issue_accept",
    "issue_add_office_input",
    "issue_announce",
    "issue_answer",
    "issue_approve_answer",
    "issue_assign",
    "issue_auto_close",
    "issue_decline",
    "issue_feed_back",
    "issue_merge",
    "issue_office_answer",
    "issue_publish",
    "issue_rate",
    "issue_refer",
    "issue_return",
    "issue_start",
    "issue_submit",
    "issue_support",
    "issue_unseal",
    "issue_withdraw",
    "overdue_clocks",
    "rights_settings_save",
    "route_union",
]
