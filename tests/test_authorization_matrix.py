"""The authorization matrix: every role of the catalogue against every page and endpoint.

Objects out of reach answer 404 (same as missing), pages a role may never open answer 403,
and every list selector returns exactly the objects its rule allows. Each new page or
endpoint adds a row to its app's tests/matrix.py (ROWS); tongxin.testing.matrix gathers them.
"""

import datetime

import pytest
from django.db import transaction
from django.test import Client

from tongxin.accounts.models import User
from tongxin.accounts.selectors import user_list_for
from tongxin.audit import services as audit
from tongxin.audit.models import AuditEvent
from tongxin.audit.selectors import event_list_for
from tongxin.notifications.models import Notification
from tongxin.notifications.selectors import notification_list_for
from tongxin.notifications.services import notify
from tongxin.orgs.models import Node, NodeKind
from tongxin.orgs.selectors import node_list_for, school_list_for
from tongxin.testing.matrix import EVERYONE, Row, gather_rows
from tongxin.testing.province import PERSONAS, TinyProvince

MATRIX = gather_rows()


@pytest.fixture
def world(province: TinyProvince) -> TinyProvince:
    """The tiny province plus rights issues in known places (see rights_world)."""
    from tongxin.rights.tests.factories import rights_world

    rights_world(province)
    from tongxin.rights.models import Issue
    from tongxin.rights.tests.factories import fresh, submit

    county_escalated = submit(province, student="student_c", title="城关高中宿舍断水")
    Issue.objects.filter(pk=county_escalated.pk).update(escalated_to_city=True, escalation_level=4)
    province.issues["county_escalated"] = fresh(county_escalated)
    province.issues["county_open"] = submit(province, student="student_c", title="食堂排队太久")
    from tongxin.imports.services import import_job_create
    from tongxin.imports.tests.workbooks import upload, xlsx
    from tongxin.training.services import session_create

    province.issues["training"] = session_create(
        actor=province.advisor_a,
        host=province.school_a,
        kind="union",
        title="骨干培训",
        date=datetime.date(2026, 10, 10),
        hours="3",
    )
    from tongxin.assessment.tests.factories import open_round, union_with_officers

    province.issues["round"] = open_round(union_with_officers(province))
    from tongxin.selection.services import candidacy_recommend
    from tongxin.staff.tests.factories import give_record

    give_record(province, province.student_a)
    province.issues["candidacy"] = candidacy_recommend(
        actor=province.secretary_a1,
        candidate=province.student_a,
        union=province.union_a,
        position="president",
        department=None,
        recommendation="推荐",
    )
    workbook = upload(xlsx({"学院": [["理学院"]]}))
    province.issues["import_job"] = import_job_create(
        actor=province.advisor_a, school=province.school_a, upload=workbook
    )
    return province


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("row", MATRIX, ids=lambda r: r.name)
def test_matrix(row: Row, persona: str, world: TinyProvince, client_for) -> None:
    response = getattr(client_for(persona), row.method)(row.url(world))
    response.close()  # file responses hold their file open until closed
    assert response.status_code == row.expected(persona), f"{persona} on {row.name}"


def test_every_persona_is_in_the_matrix() -> None:
    assert sorted(PERSONAS) == sorted(EVERYONE)


def test_someone_elses_notification_is_404(province: TinyProvince, client_for) -> None:
    with transaction.atomic():
        [mine] = notify(recipients=[province.student_a], verb="test.thing.done", title="给张同学")
    assert client_for("student_a").post(f"/notifications/{mine.pk}/read/").status_code == 302
    assert client_for("officer_a").post(f"/notifications/{mine.pk}/read/").status_code == 404
    assert client_for("officer_a").post(f"/api/v1/notifications/{mine.pk}/read").status_code == 404


def test_anonymous_pages_redirect_to_login_and_api_answers_401(world: TinyProvince) -> None:
    anonymous = Client()
    for row in MATRIX:
        url = row.url(world)
        response = anonymous.get(url)
        if row.name in {"healthz", "API OpenAPI"}:
            assert response.status_code == 200
        elif url.startswith("/api/"):
            assert response.status_code == 401, url
        else:
            assert response.status_code == 302 and "/accounts/login/" in response["Location"], url


# --- list selectors return exactly what the rule allows -------------------------------


@pytest.fixture
def activity(province: TinyProvince) -> None:
    """Audit events in both schools and at both federation levels, and notifications."""
    with transaction.atomic():
        for actor, target in [
            ("advisor_a", "school_a"),
            ("advisor_a", "college_a2"),
            ("advisor_b", "school_b"),
            ("city_staff_1", "city_1"),
            ("city_staff_2", "city_2"),
            ("province_admin", "province"),
        ]:
            audit.record(
                actor=province.people[actor],
                action="orgs.node.renamed",
                target=province.nodes[target],
            )
        for persona in PERSONAS:
            notify(recipients=[province.people[persona]], verb="test.thing.done", title=persona)


def _allowed(user: User, perm: str, objects: list) -> set[int]:
    return {obj.pk for obj in objects if user.has_perm(perm, obj)}


@pytest.mark.parametrize("persona", PERSONAS)
def test_selectors_match_rules(persona: str, world: TinyProvince, activity: None) -> None:
    province = world
    user = User.objects.get(pk=province.people[persona].pk)
    nodes = list(Node.objects.all())
    assert {n.pk for n in node_list_for(actor=user)} == _allowed(user, "orgs.view_node", nodes)
    schools = [n for n in nodes if n.kind == NodeKind.SCHOOL]
    assert {n.pk for n in school_list_for(actor=user)} == _allowed(user, "orgs.reach_node", schools)
    people = list(User.objects.filter(is_system=False))
    assert {u.pk for u in user_list_for(actor=user)} | {user.pk} == _allowed(
        user, "accounts.view_user", people
    )
    events = list(AuditEvent.objects.select_related("school", "acting_node"))
    assert {e.pk for e in event_list_for(actor=user)} == _allowed(user, "audit.view_event", events)
    from tongxin.rights.models import Issue
    from tongxin.rights.selectors import issue_list_for

    issues = list(Issue.objects.select_related("union", "school"))
    assert {i.pk for i in issue_list_for(actor=user)} == _allowed(user, "rights.view_issue", issues)
    from tongxin.staff.selectors import union_list_for

    unions = [n for n in nodes if n.is_union]
    assert {u.pk for u in union_list_for(actor=user)} == _allowed(
        user, "staff.view_union_counts", unions
    )
    notes = list(Notification.objects.all())
    assert {n.pk for n in notification_list_for(actor=user)} == _allowed(
        user, "notifications.read_notification", notes
    )
