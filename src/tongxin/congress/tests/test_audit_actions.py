"""The congress sessions' audit actions are registered (audit_actions.py, sessions section)."""

from tongxin.audit import registry
from tongxin.congress.machine import SESSION


def test_every_session_step_and_line_action_is_registered():
    for action in SESSION.actions:
        assert registry.is_registered(f"congress.session.{action.done}")
    for code in ["congress.line.past_entered", "congress.line.reminded", "congress.rule.updated"]:
        assert registry.is_registered(code)
