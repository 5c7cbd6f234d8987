"""The authorization matrix: every role of the catalogue against every page and endpoint,
and every person of the province against every permission.

Objects out of reach answer 404 (same as missing), pages a role may never open answer 403,
every permission gives its verdict to exactly the people its grant names, and every list
selector returns exactly the objects its rule allows. Each new page or endpoint adds a row,
each new permission a grant, to its app's tests/matrix.py (ROWS, GRANTS);
tongxin.testing.matrix gathers them.

The province is built once for the module (one outer transaction, rolled back at its end);
each test runs in a savepoint inside it (pytest-django's `db`), so a row's writes vanish.
"""

import datetime
from collections.abc import Iterator

import pytest
import rules
from django.core.signals import request_finished
from django.db import close_old_connections, transaction
from django.http.response import HttpResponseBase
from django.test import Client, override_settings
from django.utils import timezone

from tongxin.accounts.models import User
from tongxin.audit import services as audit
from tongxin.notifications.services import notify
from tongxin.reform.tests.matrix_disclosure import PUBLIC as REFORM_PUBLIC  # pages without login
from tongxin.testing.matrix import EVERYONE, PEOPLE, Grant, Row, gather_grants, gather_rows
from tongxin.testing.province import PERSONAS, TinyProvince, build_tiny_province

MATRIX = gather_rows()
GRANTS = gather_grants()


def _rights_issues(province: TinyProvince) -> None:
    """Issues placed for reach checks (rights_world), in the county, and one referred to
    logistics with the academic office as co-office."""
    from tongxin.rights import services
    from tongxin.rights.models import Issue
    from tongxin.rights.tests.factories import fresh, rights_world, submit

    rights_world(province)
    county_escalated = submit(province, student="student_c", title="城关高中宿舍断水")
    Issue.objects.filter(pk=county_escalated.pk).update(escalated_to_city=True, escalation_level=4)
    province.issues["county_escalated"] = fresh(county_escalated)
    province.issues["county_open"] = submit(province, student="student_c", title="食堂排队太久")
    shared = submit(province, student="student_a2", title="教学楼饮水机坏了")
    shared = services.issue_accept(
        actor=province.officer_a, issue=shared, expected_version=shared.version, reply="收到。"
    )
    province.issues["co_office"] = services.issue_refer(
        actor=province.officer_a,
        issue=shared,
        expected_version=shared.version,
        lead_office=province.logistics_office_a,
        co_offices=[province.academic_office_a],
    )


def _assessment_rounds(province: TinyProvince) -> None:
    """A round of union A (three officers rated, an exit proposed for 刘干事) and one of
    union B."""
    from tongxin.accounts.models import Membership
    from tongxin.assessment import services
    from tongxin.assessment.models import ExitProposal
    from tongxin.assessment.tests.factories import open_round, union_with_officers

    province.issues["round"] = open_round(union_with_officers(province))
    # Straight through the ORM (set-up): closing a round with failing scores is walked in
    # assessment's own tests; here only the proposal's place in the tree matters.
    rated = province.issues["round"].rated.get(officer=province.member_a)
    province.issues["exit"] = ExitProposal.objects.create(
        round=province.issues["round"],
        rated=rated,
        school=province.school_a,
        membership=Membership.objects.get(user=province.member_a),
        reason="评议不合格。",
    )
    province.issues["round_b"] = services.round_open(
        actor=province.advisor_b,
        union=province.union_b,
        term="2025-2026-2",
        deadline=timezone.localdate() + datetime.timedelta(days=3),
        raters=services.RaterChoice(teachers=[province.advisor_b], delegates=[province.student_b]),
    )


def _candidacies(province: TinyProvince) -> None:
    """student_a recommended for president; a candidate of college A1 on public notice;
    student_a2 recommended by the sibling college A2; one candidacy in school B."""
    from tongxin.accounts.models import Position
    from tongxin.selection.models import Candidacy, State
    from tongxin.selection.services import candidacy_recommend
    from tongxin.selection.tests.factories import walk
    from tongxin.staff.tests.factories import give_record

    for secretary, student, key in [
        (province.secretary_a1, province.student_a, "candidacy"),
        (province.secretary_a2, province.student_a2, "candidacy_a2"),
    ]:
        give_record(province, student)
        province.issues[key] = candidacy_recommend(
            actor=secretary,
            candidate=student,
            union=province.union_a,
            position=Position.PRESIDENT,
            department=None,
            recommendation="推荐",
        )
    notice = walk(province, State.NOTICE)
    province.issues["notice"] = notice
    province.people["candidate_a1"] = notice.candidate
    province.issues["candidacy_b"] = Candidacy.objects.create(  # set-up through the ORM
        school=province.school_b,
        college=province.college_b1,
        union=province.union_b,
        candidate=province.student_b,
        position=Position.PRESIDENT,
        recommended_by=province.advisor_b,
        recommendation="推荐。",
        state=State.NOTICE,
    )


def _congress(province: TinyProvince) -> None:
    from tongxin.congress.tests.matrix import populate

    populate(province)


def _reform(province: TinyProvince) -> None:
    from tongxin.reform.tests.matrix import populate

    populate(province)


def _activity(province: TinyProvince) -> None:
    """Audit events in both schools and at both federation levels, a notification for every
    persona, an API token, a training session, an import job and the weekly reports."""
    from tongxin.accounts.services import token_create
    from tongxin.imports.services import import_job_create
    from tongxin.imports.tests.workbooks import upload, xlsx
    from tongxin.stats.tasks import build_due_reports
    from tongxin.training.services import session_create

    for actor, target in [
        ("advisor_a", "school_a"),
        ("advisor_a", "college_a2"),
        ("advisor_b", "school_b"),
        ("city_staff_1", "city_1"),
        ("city_staff_2", "city_2"),
        ("province_admin", "province"),
    ]:
        province.issues[f"event_{target}"] = audit.record(
            actor=province.people[actor], action="orgs.node.renamed", target=province.nodes[target]
        )
    for persona in PERSONAS:
        [note] = notify(
            recipients=[province.people[persona]], verb="test.thing.done", title=persona
        )
        province.issues[f"notification_{persona}"] = note
    province.issues["token"], _ = token_create(actor=province.student_a, name="课表同步")
    province.issues["training"] = session_create(
        actor=province.advisor_a,
        host=province.school_a,
        kind="union",
        title="骨干培训",
        date=datetime.date(2026, 10, 10),
        hours="3",
    )
    workbook = upload(xlsx({"学院": [["理学院"]]}))
    province.issues["import_job"] = import_job_create(
        actor=province.advisor_a, school=province.school_a, upload=workbook
    )
    build_due_reports(now=timezone.now())


def _people(province: TinyProvince) -> None:
    """A handler of school A's academic office (co-office input, grades) and the worker's
    system actor, beside the tiny province's people."""
    from tongxin.accounts.models import Membership, Role
    from tongxin.accounts.services import system_actor

    handler = User.objects.create_user(
        User.school_username(province.school_a.code, "T2003"),
        None,
        real_name="黄老师",
        school=province.school_a,
        number="T2003",
    )
    Membership.objects.create(
        user=handler,
        node=province.academic_office_a,
        school=province.school_a,
        role=Role.OFFICE_HANDLER,
    )
    province.people["academic_handler_a"] = handler
    province.people["system"] = system_actor()


def build_world() -> TinyProvince:
    """The tiny province plus the objects every row and grant names (province.issues)."""
    province = build_tiny_province()
    _people(province)
    _rights_issues(province)
    _assessment_rounds(province)
    _candidacies(province)
    _congress(province)
    _reform(province)
    _activity(province)
    return province


@pytest.fixture(scope="module")
def world(
    django_db_setup: None, django_db_blocker, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[TinyProvince]:
    """Built once per session (the matrix is this one module), inside one transaction that
    the module's end rolls back (pytest-django's django_db_blocker pattern). Not held for
    the whole session: every later module builds its own tiny province with the same
    usernames, and transactional tests flush the tables under it."""
    media = override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("matrix-media"))
    media.enable()
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
    try:
        with django_db_blocker.unblock():
            built = build_world()
        yield built
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
        media.disable()


@pytest.fixture
def province(world: TinyProvince, db: None) -> TinyProvince:
    """The module's world stands in for conftest's per-test province (client_for uses it)."""
    return world


@pytest.fixture(autouse=True)
def _media_in_tmp() -> None:
    """The world's files stay in the module's media folder (conftest gives each test its own)."""


def _close(response: HttpResponseBase) -> None:
    """File responses hold their file open until closed. Closing fires request_finished,
    whose close_old_connections would drop the connection caught inside the world's
    transaction; the test client keeps it out the same way around its own close()."""
    request_finished.disconnect(close_old_connections)
    try:
        response.close()
    finally:
        request_finished.connect(close_old_connections)


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("row", MATRIX, ids=lambda r: r.name)
def test_matrix(row: Row, persona: str, province: TinyProvince, client_for) -> None:
    response = getattr(client_for(persona), row.method)(row.url(province))
    _close(response)
    assert response.status_code == row.expected(persona), f"{persona} on {row.name}"


def test_every_persona_is_in_the_matrix() -> None:
    assert sorted(PERSONAS) == sorted(EVERYONE)


def test_the_grants_know_every_person_of_the_world(province: TinyProvince) -> None:
    assert sorted(province.people) == sorted(PEOPLE)


def test_someone_elses_notification_is_404(province: TinyProvince, client_for) -> None:
    with transaction.atomic():
        [mine] = notify(recipients=[province.student_a], verb="test.thing.done", title="给张同学")
    assert client_for("student_a").post(f"/notifications/{mine.pk}/read/").status_code == 302
    assert client_for("officer_a").post(f"/notifications/{mine.pk}/read/").status_code == 404
    assert client_for("officer_a").post(f"/api/v1/notifications/{mine.pk}/read").status_code == 404


def test_anonymous_pages_redirect_to_login_and_api_answers_401(province: TinyProvince) -> None:
    anonymous = Client()
    for row in MATRIX:
        url = row.url(province)
        response = getattr(anonymous, row.method)(url)
        if row.name in {"healthz", "API OpenAPI", *REFORM_PUBLIC}:
            assert response.status_code == 200, url
        elif url.startswith("/api/"):
            assert response.status_code == 401, url
        else:
            assert response.status_code == 302 and "/accounts/login/" in response["Location"], url


# --- every permission: its verdict per person, and its selector ---------------------


@pytest.mark.parametrize("grant", GRANTS, ids=lambda g: g.name)
def test_grant(grant: Grant, province: TinyProvince) -> None:
    assert set(grant.ok) <= set(province.people), f"unknown people in {grant.name}"
    target = grant.target(province) if grant.target else None
    among = list(grant.among(province)) if grant.among else []
    wrong, drifted = [], []
    for key, person in province.people.items():
        user = User.objects.get(pk=person.pk)  # reach is memoized on the instance
        allowed = user.has_perm(grant.perm, target) if grant.target else user.has_perm(grant.perm)
        if allowed != (key in grant.ok):
            wrong.append(f"{key} {'allowed' if allowed else 'refused'}")
        if grant.listed is not None:
            listed = {obj.pk for obj in grant.listed(actor=user)}
            if listed != {obj.pk for obj in among if user.has_perm(grant.perm, obj)}:
                drifted.append(key)
    assert not wrong, f"{grant.perm} on {grant.name}: {', '.join(wrong)}"
    assert not drifted, f"the selector of {grant.perm} drifts from its rule for {drifted}"


def test_every_permission_is_named_by_a_grant() -> None:
    named = {grant.perm for grant in GRANTS}
    assert sorted(set(rules.permissions.permissions) - named) == []


def test_every_grant_names_a_permission() -> None:
    assert sorted(g.perm for g in GRANTS if not rules.perm_exists(g.perm)) == []
