"""Status badges: every state has a tone, and every tone is styled in site.css."""

import re
from pathlib import Path

from django.contrib.staticfiles import finders

from tongxin.rights.models import Status
from tongxin.rights.templatetags.rights_badges import STATUS_TONE

TEMPLATES = Path(__file__).resolve().parents[2]
BADGES = [
    "selection/templates/selection/_state.html",
    "assessment/templates/assessment/_round_status.html",
    "imports/templates/imports/_status_badge.html",
    "staff/templates/staff/_warning_status.html",
]


def _styled_tones() -> set[str]:
    css = Path(str(finders.find("core/site.css"))).read_text()
    block = css.split("/* status badges */", 1)[1]
    return set(re.findall(r"\.status-(\w+) \{[^}]*background-color", block))


def test_every_issue_status_has_a_styled_tone():
    assert set(STATUS_TONE) == set(Status)
    assert set(STATUS_TONE.values()) <= _styled_tones()


def test_the_other_apps_state_badges_use_styled_tones_only():
    styled = _styled_tones()
    for name in BADGES:
        text = (TEMPLATES / name).read_text()
        used = set(re.findall(r"status-(\w+)", text)) - {"badge"}
        assert "status-badge" in text and used and used <= styled, name
        assert "text-bg-" not in text, name
