import datetime

import pytest
from django.db import connection
from django.test import Client

from tongxin.core import periodic
from tongxin.core.models import PeriodicRun


def test_healthz_names_the_database_engine(db):
    body = Client().get("/healthz").json()
    assert body == {"status": "ok", "database": connection.vendor}


@pytest.mark.parametrize(
    ("persona", "section", "shows"),
    [
        ("student_a", "home-student", "计算机学院2024级1班"),
        ("officer_a", "home-officer", "赵主席"),
        ("secretary_a1", "home-college_secretary", "钱部长"),
        ("handler_a", "home-office_handler", "本部门收件箱"),
        ("advisor_a", "home-advisor", "甲大学研究生会"),
        ("city_staff_1", "home-federation_staff", "TA01"),
        ("province_admin", "home-federation_admin", "TB01"),
    ],
)
def test_each_role_lands_on_its_own_home(persona, section, shows, client_for):
    page = client_for(persona).get("/").content.decode()
    assert f'data-testid="{section}"' in page
    assert shows in page


def test_city_staff_home_lists_only_their_schools(client_for):
    page = client_for("city_staff_1").get("/").content.decode()
    assert "TA01" in page and "TB01" not in page


def test_navigation_follows_permissions(client_for):
    assert "审计日志" in client_for("advisor_a").get("/").content.decode()
    assert "审计日志" not in client_for("student_a").get("/").content.decode()


def test_unknown_page_is_a_chinese_404(client_for):
    response = client_for("student_a").get("/no-such-page/")
    assert response.status_code == 404 and "页面不存在" in response.content.decode()


def test_a_periodic_job_runs_once_per_period(db):
    enqueued = []
    now = datetime.datetime(2026, 11, 27, 3, 0, tzinfo=datetime.UTC)
    assert "audit-verify" in periodic.enqueue_due(now, enqueue=enqueued.append)
    assert "audit-verify" not in periodic.enqueue_due(
        now + datetime.timedelta(hours=2), enqueue=enqueued.append
    )
    assert "audit-verify" in periodic.enqueue_due(
        now + datetime.timedelta(days=1), enqueue=enqueued.append
    )
    assert PeriodicRun.objects.filter(job="audit-verify").count() == 2
    assert [j.name for j in enqueued].count("audit-verify") == 2
