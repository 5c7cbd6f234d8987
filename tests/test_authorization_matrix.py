"""The authorization matrix: every role of the catalogue against every page and endpoint.

Objects out of reach answer 404 (same as missing), pages a role may never open answer 403,
and every list selector returns exactly the objects its rule allows. Each new page or
endpoint adds a row here.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

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
from tongxin.testing.province import PERSONAS, TinyProvince

SCHOOL_A = [
    "student_a",
    "officer_a",
    "college_officer_a1",
    "secretary_a1",
    "handler_a",
    "advisor_a",
]
FEDERATION = ["city_staff_1", "province_staff", "province_admin"]
# Federation staff over county 1 only: its school C, never school A (directly under city 1).
COUNTY = ["county_specialist"]
EVERYONE = SCHOOL_A + FEDERATION + COUNTY
OVER_COUNTY = [*FEDERATION, *COUNTY]  # everyone above school C
AUDIT_READERS = ["advisor_a", *FEDERATION, *COUNTY]
QUEUE_READERS = ["officer_a", "college_officer_a1", "secretary_a1"]
RATERS = ["advisor_a", "secretary_a1", "student_a", "officer_a"]
REPORT_READERS = ["officer_a", "college_officer_a1", "advisor_a", *FEDERATION, *COUNTY]
UNION_READERS = [
    "officer_a",
    "college_officer_a1",
    "secretary_a1",
    "advisor_a",
    *FEDERATION,
    *COUNTY,
]


@dataclass(frozen=True)
class Row:
    name: str
    url: Callable[[TinyProvince], str]
    ok: list[str]  # personas that get 200
    forbidden: list[str]  # personas that get 403; everyone else gets 404
    method: str = "get"

    def expected(self, persona: str) -> int:
        if persona in self.ok:
            return 200
        return 403 if persona in self.forbidden else 404


def others(*allowed: str) -> list[str]:
    return [p for p in EVERYONE if p not in allowed]


MATRIX = [
    Row("home", lambda p: "/", EVERYONE, []),
    Row("healthz", lambda p: "/healthz", EVERYONE, []),
    Row("school list", lambda p: "/orgs/schools/", OVER_COUNTY, SCHOOL_A),
    Row("own school's structure", lambda p: f"/orgs/nodes/{p.school_a.pk}/", others(*COUNTY), []),
    Row(
        "sibling school's structure",
        lambda p: f"/orgs/nodes/{p.school_b.pk}/",
        ["province_staff", "province_admin"],
        [],
    ),
    Row(
        "sibling city",
        lambda p: f"/orgs/nodes/{p.city_2.pk}/",
        ["province_staff", "province_admin"],
        [],
    ),
    Row(
        "people list",
        lambda p: "/accounts/people/",
        ["advisor_a", "secretary_a1"],
        others("advisor_a", "secretary_a1"),
    ),
    Row(
        "a student of college A1",
        lambda p: f"/accounts/people/{p.student_a.pk}/",
        ["student_a", "advisor_a", "secretary_a1"],
        [],
    ),
    Row(
        "a student of the sibling college A2",
        lambda p: f"/accounts/people/{p.student_a2.pk}/",
        ["advisor_a"],
        [],
    ),
    Row("a student of the sibling school", lambda p: f"/accounts/people/{p.student_b.pk}/", [], []),
    Row("audit log", lambda p: "/audit/", AUDIT_READERS, others(*AUDIT_READERS)),
    Row("notifications", lambda p: "/notifications/", EVERYONE, []),
    Row("API tokens", lambda p: "/accounts/tokens/", EVERYONE, []),
    Row("account security", lambda p: "/accounts/security/", EVERYONE, []),
    Row(
        "reset the password of a student of A1 (no reason: the form again)",
        lambda p: f"/accounts/people/{p.student_a.pk}/reset/",
        ["advisor_a"],
        ["student_a", "secretary_a1"],
        method="post",
    ),
    Row(
        "reset the password of a student of the sibling school",
        lambda p: f"/accounts/people/{p.student_b.pk}/reset/",
        [],
        [],
        method="post",
    ),
    Row("password change", lambda p: "/accounts/password/", EVERYONE, []),
    Row("import", lambda p: "/imports/", ["advisor_a"], others("advisor_a")),
    Row(
        "working-day calendar", lambda p: "/workdays/", ["province_admin"], others("province_admin")
    ),
    Row("API me", lambda p: "/api/v1/me", EVERYONE, []),
    Row("API org tree", lambda p: "/api/v1/orgs/nodes", EVERYONE, []),
    Row(
        "API own school node",
        lambda p: f"/api/v1/orgs/nodes/{p.school_a.pk}",
        others(*COUNTY),
        [],
    ),
    Row(
        "API sibling school node",
        lambda p: f"/api/v1/orgs/nodes/{p.school_b.pk}",
        ["province_staff", "province_admin"],
        [],
    ),
    Row("API notifications", lambda p: "/api/v1/notifications", EVERYONE, []),
    Row("API OpenAPI", lambda p: "/api/v1/openapi.json", EVERYONE, []),
    # --- rights desk ---
    Row("submit an issue", lambda p: "/rights/submit/", ["student_a"], others("student_a")),
    Row(
        "similar issues",
        lambda p: "/rights/similar/?title=食堂",
        ["student_a"],
        others("student_a"),
    ),
    Row("my issues", lambda p: "/rights/mine/", EVERYONE, []),
    Row("union queue", lambda p: "/rights/queue/", QUEUE_READERS, others(*QUEUE_READERS)),
    Row("office inbox", lambda p: "/rights/inbox/", ["handler_a"], others("handler_a")),
    Row("echo wall", lambda p: "/rights/wall/", SCHOOL_A, OVER_COUNTY),
    Row("rights settings", lambda p: "/rights/settings/", ["advisor_a"], others("advisor_a")),
    Row(
        "rights categories",
        lambda p: "/rights/categories/",
        ["province_admin"],
        others("province_admin"),
    ),
    Row(
        "issue referred to logistics",
        lambda p: f"/rights/issues/{p.issues['referred'].pk}/",
        ["student_a", "officer_a", "handler_a", "advisor_a"],
        [],
    ),
    Row(
        "issue in college union A1",
        lambda p: f"/rights/issues/{p.issues['college_a1'].pk}/",
        ["student_a", "officer_a", "college_officer_a1", "secretary_a1", "advisor_a"],
        [],
    ),
    Row(
        "anonymous issue",
        lambda p: f"/rights/issues/{p.issues['anonymous'].pk}/",
        ["student_a", "officer_a", "advisor_a"],
        [],
    ),
    Row(
        "issue escalated to the city",
        lambda p: f"/rights/issues/{p.issues['escalated'].pk}/",
        ["student_a", "officer_a", "advisor_a", *FEDERATION],
        [],
    ),
    Row(
        "issue of the sibling school",
        lambda p: f"/rights/issues/{p.issues['school_b'].pk}/",
        [],
        [],
    ),
    Row(
        "photo of the referred issue",
        lambda p: f"/rights/photos/{p.issues['referred'].photos.get().pk}/",
        ["student_a", "officer_a", "handler_a", "advisor_a"],
        [],
    ),
    # --- union staff ---
    Row("unions", lambda p: "/staff/unions/", UNION_READERS, others(*UNION_READERS)),
    Row(
        "school union of A",
        lambda p: f"/staff/unions/{p.union_a.pk}/",
        ["officer_a", "advisor_a", *FEDERATION],
        [],
    ),
    Row(
        "college union A1",
        lambda p: f"/staff/unions/{p.college_union_a1.pk}/",
        ["officer_a", "college_officer_a1", "secretary_a1", "advisor_a", *FEDERATION],
        [],
    ),
    Row(
        "sibling school's union",
        lambda p: f"/staff/unions/{p.union_b.pk}/",
        ["province_staff", "province_admin"],
        [],
    ),
    Row("grades upload", lambda p: "/staff/grades/", ["advisor_a"], others("advisor_a")),
    Row(
        "grades template",
        lambda p: "/staff/grades/template/",
        ["advisor_a"],  # a logistics handler uploads no grades, so gets no template either
        others("advisor_a"),
    ),
    Row("school warnings", lambda p: "/staff/warnings/", ["advisor_a"], others("advisor_a")),
    Row("my warnings", lambda p: "/staff/warnings/mine/", EVERYONE, []),
    Row(
        "growth archive of a student of A1",
        lambda p: f"/staff/people/{p.student_a.pk}/archive/",
        ["student_a", "advisor_a", "secretary_a1"],
        [],
    ),
    Row("staff limits", lambda p: "/staff/limits/", ["province_admin"], others("province_admin")),
    Row(
        "training sessions",
        lambda p: "/training/",
        ["secretary_a1", "advisor_a"],
        others("secretary_a1", "advisor_a"),
    ),
    Row(
        "a school-level training session",
        lambda p: f"/training/{p.issues['training'].pk}/",
        ["advisor_a"],
        [],
    ),
    # --- statistics and weekly reports ---
    Row(
        "stats of school A",
        lambda p: f"/stats/schools/{p.school_a.pk}/",
        ["advisor_a", *FEDERATION],
        others("advisor_a", *FEDERATION, *COUNTY),
    ),
    Row(
        "stats of school B",
        lambda p: f"/stats/schools/{p.school_b.pk}/",
        ["province_staff", "province_admin"],
        others("advisor_a", *FEDERATION, *COUNTY),
    ),
    Row("stats overview", lambda p: "/stats/overview/", OVER_COUNTY, others(*OVER_COUNTY)),
    Row("weekly reports", lambda p: "/stats/reports/", REPORT_READERS, others(*REPORT_READERS)),
    # --- semester assessment ---
    Row("assessment rounds", lambda p: "/assessment/rounds/", ["advisor_a"], others("advisor_a")),
    Row(
        "an assessment round of union A",
        lambda p: f"/assessment/rounds/{p.issues['round'].pk}/",
        ["advisor_a"],
        others("advisor_a"),
    ),
    Row("ratings to give", lambda p: "/assessment/rate/", RATERS, others(*RATERS)),
    Row(
        "my assessment",
        lambda p: "/assessment/mine/",
        ["officer_a", "college_officer_a1"],
        others("officer_a", "college_officer_a1"),
    ),
    Row(
        "assessment weights",
        lambda p: "/assessment/policy/",
        ["province_admin"],
        others("province_admin"),
    ),
    Row("API ratings to give", lambda p: "/api/v1/assessment/to-rate", RATERS, others(*RATERS)),
    # --- officer selection ---
    Row("candidacies", lambda p: "/selection/", ["advisor_a"], others("advisor_a")),
    Row(
        "college recommendations",
        lambda p: "/selection/college/",
        ["secretary_a1"],
        others("secretary_a1"),
    ),
    Row("public notice", lambda p: "/selection/notice/", SCHOOL_A, OVER_COUNTY),
    Row("selection settings", lambda p: "/selection/settings/", ["advisor_a"], others("advisor_a")),
    Row(
        "a candidacy",
        lambda p: f"/selection/candidacies/{p.issues['candidacy'].pk}/",
        ["student_a", "advisor_a", "secretary_a1"],
        [],
    ),
    Row(
        "API candidacy",
        lambda p: f"/api/v1/selection/candidacies/{p.issues['candidacy'].pk}",
        ["student_a", "advisor_a", "secretary_a1"],
        [],
    ),
    Row("API my issues", lambda p: "/api/v1/rights/issues/mine", EVERYONE, []),
    Row("API queue", lambda p: "/api/v1/rights/queue", QUEUE_READERS, others(*QUEUE_READERS)),
    Row(
        "API referred issue",
        lambda p: f"/api/v1/rights/issues/{p.issues['referred'].pk}",
        ["student_a", "officer_a", "handler_a", "advisor_a"],
        [],
    ),
    Row(
        "API sibling school's issue",
        lambda p: f"/api/v1/rights/issues/{p.issues['school_b'].pk}",
        [],
        [],
    ),
    # --- county 1 and its school C: its specialist and everyone above reach them ---
    Row("county 1", lambda p: f"/orgs/nodes/{p.county_1.pk}/", OVER_COUNTY, []),
    Row("county school's structure", lambda p: f"/orgs/nodes/{p.school_c.pk}/", OVER_COUNTY, []),
    Row("API county school node", lambda p: f"/api/v1/orgs/nodes/{p.school_c.pk}", OVER_COUNTY, []),
    Row("county school's union", lambda p: f"/staff/unions/{p.union_c.pk}/", OVER_COUNTY, []),
    Row(
        "stats of county school C",
        lambda p: f"/stats/schools/{p.school_c.pk}/",
        OVER_COUNTY,
        others("advisor_a", *OVER_COUNTY),
    ),
    Row(
        "county school's issue escalated to the city",
        lambda p: f"/rights/issues/{p.issues['county_escalated'].pk}/",
        OVER_COUNTY,
        [],
    ),
    Row(
        "county school's issue not escalated",
        lambda p: f"/rights/issues/{p.issues['county_open'].pk}/",
        [],
        [],
    ),
]


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
