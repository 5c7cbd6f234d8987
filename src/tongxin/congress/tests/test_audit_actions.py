"""The congress's audit actions: this part's, and the other parts' merged from their own
modules (audit_actions_<part>.py), which the audit registry would not discover alone."""

import importlib
import sys
import types

from tongxin.audit import registry
from tongxin.congress.machine import SESSION


def test_every_session_step_and_line_action_is_registered():
    for action in SESSION.actions:
        assert registry.is_registered(f"congress.session.{action.done}")
    for code in ["congress.line.past_entered", "congress.line.reminded", "congress.rule.updated"]:
        assert registry.is_registered(code)


def test_a_parts_module_is_merged(monkeypatch):
    part = types.ModuleType("tongxin.congress.audit_actions_rating")
    part.ACTIONS = {"congress.rating.saved": "评定"}  # type: ignore[attr-defined]
    part.FIELDS = {"grade": "等次"}  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "tongxin.congress.audit_actions_rating", part)
    module = importlib.import_module("tongxin.congress.audit_actions")
    merged = importlib.reload(module)
    assert merged.ACTIONS["congress.rating.saved"] == "评定"
    assert merged.FIELDS["grade"] == "等次"
    assert "congress.session.applied" in merged.ACTIONS
    monkeypatch.delitem(sys.modules, "tongxin.congress.audit_actions_rating")
    importlib.reload(module)
