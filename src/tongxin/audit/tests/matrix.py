"""The authorization matrix's rows of the audit app (tests/test_authorization_matrix.py)."""

from tongxin.audit.models import AuditEvent
from tongxin.audit.selectors import event_list_for
from tongxin.testing.matrix import (
    ADVISORS,
    COUNTY,
    FEDERATION,
    FEDERATION_ALL,
    OVER_SCHOOL_A,
    Grant,
    Row,
    others,
)

AUDIT_READERS = ["advisor_a", *FEDERATION, *COUNTY]

ROWS = [
    Row("audit log", lambda p: "/audit/", AUDIT_READERS, others(*AUDIT_READERS)),
]

GRANTS = [
    Grant("audit log", "audit.view_event_list", None, [*ADVISORS, *FEDERATION_ALL]),
    Grant(
        "an event of school A",
        "audit.view_event",
        lambda p: p.issues["event_school_a"],
        ["advisor_a", *OVER_SCHOOL_A],
        listed=event_list_for,
        among=lambda p: AuditEvent.objects.select_related("school", "acting_node"),
    ),
    Grant(
        "an event of city 2",
        "audit.view_event",
        lambda p: p.issues["event_city_2"],
        ["city_staff_2", "province_staff", "province_admin"],
    ),
]
