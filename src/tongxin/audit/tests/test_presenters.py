"""The audit page speaks Chinese: action, target and every data field by label and value."""

import re
from pathlib import Path

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tongxin.audit import registry
from tongxin.audit.presenters import CJK, target_label
from tongxin.rights.models import Status
from tongxin.rights.tests.factories import walk

SRC = Path(__file__).resolve().parents[2]


def _data_keys() -> set[tuple[str, str]]:
    """(app, key) of every literal key written into an audit event's data in the code."""
    found = set()
    for path in SRC.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        for start in (m.end() - 1 for m in re.finditer(r"\bdata=\{", text)):
            depth = 0
            for end in range(start, len(text)):
                depth += {"{": 1, "}": -1}.get(text[end], 0)
                if depth == 0:
                    break
            for key in re.findall(r'"(\w+)"\s*:', text[start : end + 1]):
                found.add((path.relative_to(SRC).parts[0], key))
    return found


def test_every_data_key_written_by_the_code_has_a_chinese_label():
    keys = _data_keys()
    assert len(keys) > 40  # the scan still finds the services' data
    unlabelled = sorted(
        (app, key)
        for app, key in keys
        if not any(
            spec and CJK.search(str(spec[0]))
            for spec in (
                registry.field_of(f"{app}.x.y", key),
                *(registry.field_of(code, key) for code in registry.all_actions()),
            )
        )
    )
    assert unlabelled == []


def test_every_model_of_the_platform_has_a_chinese_target_label():
    labels = {
        m._meta.label_lower: target_label(m._meta.label_lower)
        for m in apps.get_models()
        if m.__module__.startswith("tongxin.")
    }
    assert {k: v for k, v in labels.items() if not CJK.search(v)} == {}


def _walked(province, count):
    for n in range(count):
        issue = walk(province, Status.FED_BACK, title=f"审计样例 {n}")
        from tongxin.rights import services

        services.issue_rate(
            actor=province.student_a,
            issue=issue,
            expected_version=issue.version,
            rating="basically",
        )


def test_audit_page_shows_labels_and_names_not_codes_or_dicts(province, client_for):
    _walked(province, 1)
    page = client_for("advisor_a").get("/audit/").content.decode()
    assert "转办职能部门" in page and "牵头部门：</span>后勤处" in page
    assert "评价：</span>基本满意" in page
    assert "协办部门：</span>—" in page
    assert re.search(r"诉求 #\d+", page)
    table = page.split('data-testid="audit-table"', 1)[1]
    for raw in ("rights.issue", "{'", "'lead'", "basically", "accounts."):
        assert raw not in table, raw


def test_audit_page_looks_names_up_once_per_page_not_per_row(province, client_for):
    client = client_for("advisor_a")
    _walked(province, 1)
    client.get("/audit/")  # the first request also fills the session and caches
    with CaptureQueriesContext(connection) as few:
        assert client.get("/audit/").status_code == 200
    _walked(province, 3)
    with CaptureQueriesContext(connection) as many:
        assert client.get("/audit/").status_code == 200
    assert len(many) == len(few)


@pytest.mark.parametrize(
    ("label", "expected"),
    [("rights.issue", "诉求"), ("accounts.apitoken", "接口令牌"), ("orgs.node", "组织节点")],
)
def test_target_labels(label, expected):
    assert target_label(label) == expected


def test_target_filter_offers_chinese_names_and_filters(province, client_for):
    _walked(province, 1)
    client = client_for("advisor_a")
    page = client.get("/audit/").content.decode()
    assert '<option value="rights.issue">诉求</option>' in page
    filtered = client.get("/audit/?target_type=rights.issue").content.decode()
    table = filtered.split('data-testid="audit-table"', 1)[1]
    assert "诉求 #" in table and "组织节点 #" not in table
    assert client.get("/audit/?target_type=nonsense").status_code == 200
