"""The congress sessions' audit actions are registered (audit_actions.py, sessions section)."""

from tongxin.audit import registry
from tongxin.congress.machine import SESSION


def test_every_session_step_and_line_action_is_registered():
    for action in SESSION.actions:
        assert registry.is_registered(f"congress.session.{action.done}")
    for code in ["congress.line.past_entered", "congress.line.reminded", "congress.rule.updated"]:
        assert registry.is_registered(code)


def test_the_parts_name_each_audit_key_once():
    """The registry keeps one label per key of the app: two parts labelling the same data
    key differently would show one part's events with the other's wording."""
    from tongxin.congress.audit_actions import PARTS

    for attribute in ("ACTIONS", "FIELDS", "TARGETS"):
        seen: dict[str, object] = {}
        for part in PARTS:
            for key, label in getattr(part, attribute).items():
                assert seen.setdefault(key, label) == label, (attribute, key)
