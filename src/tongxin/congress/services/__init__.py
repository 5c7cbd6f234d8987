"""The congress's services: every state change, one function per action."""

from .sessions import (
    line_enter_past,
    line_for,
    line_values,
    lines_remind,
    rule_save,
    session_apply,
    session_approve,
    session_cancel,
    session_close,
    session_confirm,
    session_hold,
    session_plan,
    session_report,
    session_return,
    supervisor_of,
)

__all__ = [
    "line_enter_past",
    "line_for",
    "line_values",
    "lines_remind",
    "rule_save",
    "session_apply",
    "session_approve",
    "session_cancel",
    "session_close",
    "session_confirm",
    "session_hold",
    "session_plan",
    "session_report",
    "session_return",
    "supervisor_of",
]
