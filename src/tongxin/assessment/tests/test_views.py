import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tongxin.assessment import services
from tongxin.assessment.models import ExitProposal, Rating, Round, RoundStatus
from tongxin.staff.models import ExitRecord
from tongxin.testing.province import PERSONAS

from .factories import add_student, close, open_round, rate, rated, scores, union_with_officers

pytestmark = pytest.mark.django_db

EVERYONE = [*PERSONAS, "advisor_b", "student_a2", "student_b"]
RATER_NAMES = ["褚老师", "吴书记", "张同学", "李同学", "王部长", "刘干事"]


@pytest.fixture
def p(province):
    return union_with_officers(province)


@pytest.fixture
def round_(p):
    return open_round(p)


@pytest.fixture
def round_b(p):
    """A round in the sibling school, where student_b is a delegate."""
    return services.round_open(
        actor=p.advisor_b,
        union=p.union_b,
        term="2025-2026-2",
        deadline=timezone.localdate() + datetime.timedelta(days=3),
        raters=services.RaterChoice(teachers=[p.advisor_b], delegates=[p.student_b]),
    )


def _expect(client_for, url, ok=(), not_found=(), personas=EVERYONE):
    got = {persona: client_for(persona).get(url).status_code for persona in personas}
    want = {
        persona: 200 if persona in ok else 404 if persona in not_found else 403
        for persona in personas
    }
    assert got == want


# --- who opens what ---------------------------------------------------------------------
def test_round_list_is_for_advisors(p, client_for):
    _expect(client_for, "/assessment/rounds/", ok=["advisor_a", "advisor_b"])


def test_round_page_answers_404_to_another_schools_advisor(p, round_, client_for):
    _expect(
        client_for, f"/assessment/rounds/{round_.pk}/", ok=["advisor_a"], not_found=["advisor_b"]
    )


def test_open_form_for_a_union_of_another_school_answers_404(p, client_for):
    _expect(
        client_for,
        f"/assessment/rounds/new/?union={p.union_a.pk}",
        ok=["advisor_a"],
        not_found=["advisor_b"],
    )


def test_rating_list_is_for_chosen_raters_only(p, round_, client_for):
    chosen = ["advisor_a", "secretary_a1", "student_a", "student_a2", "officer_a"]
    _expect(client_for, "/assessment/rate/", ok=chosen)


def test_rating_page_403_for_students_not_chosen_404_outside_their_round(
    p, round_, round_b, client_for
):
    url = f"/assessment/rate/{rated(round_, p.officer_a).pk}/"
    chosen = ["advisor_a", "secretary_a1", "student_a", "student_a2"]
    # officer_a is a chosen rater (a fellow officer) but never of themselves; student_b and
    # advisor_b were chosen in the other school's round only.
    _expect(client_for, url, ok=chosen, not_found=["officer_a", "student_b", "advisor_b"])


def test_own_results_are_for_officers(p, round_, client_for):
    _expect(
        client_for,
        "/assessment/mine/",
        ok=["officer_a", "college_officer_a1"],
    )
    _expect(
        client_for,
        f"/assessment/mine/{rated(round_, p.officer_a).pk}/",
        ok=["officer_a"],
        not_found=["college_officer_a1"],
    )


def test_policy_page_is_for_the_federation_admin(p, client_for):
    _expect(client_for, "/assessment/policy/", ok=["province_admin"])


# --- the flow through the pages --------------------------------------------------------
def test_advisor_opens_a_round_from_the_form(p, client_for):
    add_student(p, "rep", "2024100", "班代表")
    client = client_for("advisor_a")
    url = f"/assessment/rounds/new/?union={p.union_a.pk}"
    page = client.get(url)
    assert page.status_code == 200 and "王部长" in page.content.decode()
    form = page.context["form"]
    data = {
        "term": form.initial["term"],
        "deadline": (timezone.localdate() + datetime.timedelta(days=10)).isoformat(),
        "officers": form.initial["officers"],
        "teachers": form.initial["teachers"],
        "peers": form.initial["peers"],
        "delegates": "2024001\n2024100，9999999",
    }
    refused = client.post(url, data)
    assert (
        refused.status_code == 200
        and "以下学号不是本校在读学生：9999999" in refused.content.decode()
    )
    assert not Round.objects.exists()
    done = client.post(url, {**data, "delegates": "2024001 2024100"})
    round_ = Round.objects.get()
    assert done.status_code == 302 and done["Location"] == f"/assessment/rounds/{round_.pk}/"
    assert round_.raters.filter(group="delegate").count() == 2


def test_rater_rates_through_the_form_once(p, round_, client_for):
    client = client_for("student_a")
    url = f"/assessment/rate/{rated(round_, p.officer_a).pk}/"
    bad = client.post(url, {**scores(80), "study": "120"})
    assert "“学习情况”应为 0 到 100 之间的整数" in bad.content.decode()
    ok = client.post(url, scores(80, 85, 90, 95, 100))
    assert ok.status_code == 302 and Rating.objects.count() == 1
    again = client.get(url)
    assert 'data-testid="already-rated"' in again.content.decode()
    twice = client.post(url, scores(60))
    assert "只能评一次" in twice.content.decode() and Rating.objects.get().politics == 80
    listing = client.get("/assessment/rate/").content.decode()
    assert "已评" in listing and "待评" in listing


def test_a_closed_round_refuses_ratings_on_the_page(p, round_, client_for):
    close(p, round_)
    response = client_for("student_a").post(
        f"/assessment/rate/{rated(round_, p.officer_a).pk}/", scores(80)
    )
    assert "已经结束" in response.content.decode() and not Rating.objects.exists()


def test_officer_writes_the_report_on_their_page(p, round_, client_for):
    mine = rated(round_, p.officer_a)
    response = client_for("officer_a").post(
        f"/assessment/mine/{mine.pk}/", {"report": "本学期工作"}
    )
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.report == "本学期工作"
    page = client_for("student_a").get(f"/assessment/rate/{mine.pk}/")
    assert "本学期工作" in page.content.decode()  # raters read it before rating


def test_close_fail_and_confirm_exit_through_the_pages(p, round_, client_for):
    for key in ["advisor_a", "secretary_a1", "student_a", "student_a2"]:
        rate(p, key, round_, "member_a", scores(40))
    advisor = client_for("advisor_a")
    advisor.post(f"/assessment/rounds/{round_.pk}/close/", {"version": round_.version})
    proposal = ExitProposal.objects.get()
    page = advisor.get(f"/assessment/rounds/{round_.pk}/").content.decode()
    assert "不合格" in page and 'data-testid="confirm-exit"' in page
    advisor.post(
        f"/assessment/proposals/{proposal.pk}/confirm/",
        {"version": proposal.version, "reason": "述职评议不合格"},
    )
    record = ExitRecord.objects.get()
    assert record.kind == "dismissal" and record.membership_id == proposal.membership_id
    advisor.post(f"/assessment/rounds/{round_.pk}/publish/", {"version": 2})
    assert Round.objects.get().status == RoundStatus.PUBLISHED


def test_another_schools_advisor_gets_404_on_actions(p, round_, client_for):
    other = client_for("advisor_b")
    assert other.post(f"/assessment/rounds/{round_.pk}/close/").status_code == 404
    assert Round.objects.get().status == RoundStatus.OPEN


# --- anonymity ----------------------------------------------------------------------------
def _rated_and_published(p, round_):
    for key in ["advisor_a", "secretary_a1", "student_a", "student_a2", "minister_a", "member_a"]:
        rate(p, key, round_, "officer_a", scores(88, 90, 92, 86, 94))
    close(p, round_)
    services.round_publish(actor=p.advisor_a, round_=round_, expected_version=None)


def test_the_rated_officer_never_sees_who_rated(p, round_, client_for):
    _rated_and_published(p, round_)
    client = client_for("officer_a")
    pages = [
        client.get("/assessment/mine/").content.decode(),
        client.get(f"/assessment/mine/{rated(round_, p.officer_a).pk}/").content.decode(),
    ]
    assert "90.00" in pages[1] and "优秀" in pages[1]  # own score and level are shown
    for page in pages:
        assert not [name for name in RATER_NAMES if name in page]


def test_the_advisor_sees_per_rater_completion_but_not_scores(p, round_, client_for):
    rate(p, "student_a", round_, "officer_a", scores(77))
    page = client_for("advisor_a").get(f"/assessment/rounds/{round_.pk}/").content.decode()
    assert "张同学" in page and "1 / 3" in page and "李同学" in page and "0 / 3" in page
    assert (
        ">77<" not in page and "77.0" not in page and " 77 " not in page
    )  # not inside a CSRF token


# --- query budget ----------------------------------------------------------------------
def _round_page_queries(client, round_):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(f"/assessment/rounds/{round_.pk}/").status_code == 200
    return len(ctx)


def test_round_page_queries_do_not_grow_with_the_round(
    p, round_, client_for, django_assert_max_num_queries
):
    client = client_for("advisor_a")
    rate(p, "student_a", round_, "officer_a", scores(80))
    small = _round_page_queries(client, round_)
    for i in range(15):
        student = add_student(p, f"s{i}", f"20249{i:02d}", f"代表{i}")
        round_.raters.create(school=p.school_a, user=student, group="delegate")
        rate(p, f"s{i}", round_, "minister_a", scores(70 + i))
    close(p, round_)
    with django_assert_max_num_queries(24):  # 20 today; room for navigation entries
        large = _round_page_queries(client, Round.objects.get(pk=round_.pk))
    assert large <= small + 1  # closing adds the exit-proposal list, nothing per row


def test_federation_admin_saves_weights_on_the_page(p, client_for):
    from tongxin.assessment.models import AssessmentPolicy

    client = client_for("province_admin")
    form = client.get("/assessment/policy/").context["form"]
    data = {**form.initial, "academic_year": 2025, "weight_teacher": 50, "weight_delegate": 30}
    saved = client.post("/assessment/policy/", data)
    assert saved.status_code == 302
    assert AssessmentPolicy.objects.get(academic_year=2025).weight_teacher == 50
    refused = client.post("/assessment/policy/", {**data, "weight_peer": 30})
    assert "三个评议组的权重合计应为 100，现为 110" in refused.content.decode()
    assert AssessmentPolicy.objects.get(academic_year=2025).weight_peer == 20
