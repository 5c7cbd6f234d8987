import datetime

import pytest

from tongxin.audit.models import AuditEvent
from tongxin.core.errors import DomainError, NotAllowed
from tongxin.testing.clock import moment
from tongxin.workdays.calendar import is_workday
from tongxin.workdays.models import CalendarDay, CalendarYear
from tongxin.workdays.services import calendar_year_save, parse_day_lines

D = datetime.date


def forget_year(year: int) -> None:
    CalendarDay.objects.filter(date__year=year).delete()
    CalendarYear.objects.filter(year=year).delete()


def test_admin_enters_next_year_and_deadlines_follow_it(province, client_for):
    response = client_for("province_admin").post(
        "/workdays/",
        {
            "year": "2031",
            "holidays": "2031-01-01 元旦\n2031-01-02 元旦",
            "workdays": "2031-01-04 元旦调休",
        },
    )
    assert response.status_code == 302
    assert not is_workday(D(2031, 1, 2)) and is_workday(D(2031, 1, 4))
    assert CalendarYear.objects.get(year=2031).source == CalendarYear.Source.ADMIN
    assert AuditEvent.objects.filter(action="workdays.year.saved", school__isnull=True).count() == 1


def test_bad_lines_name_the_line_and_change_nothing(province, client_for):
    response = client_for("province_admin").post(
        "/workdays/", {"year": "2031", "holidays": "2031-01-01 元旦\n2031/01/02", "workdays": ""}
    )
    assert "第 2 行" in response.content.decode()
    assert not CalendarYear.objects.filter(year=2031).exists()


def test_a_day_cannot_be_both_off_and_on(province):
    with pytest.raises(DomainError) as err:
        calendar_year_save(
            actor=province.province_admin,
            year=2031,
            holidays=[(D(2031, 1, 4), "")],
            workdays=[(D(2031, 1, 4), "")],
        )
    assert err.value.field == "workdays"


def test_dates_outside_the_year_are_refused():
    with pytest.raises(DomainError) as err:
        parse_day_lines("2030-12-31", year=2031, field="holidays")
    assert "不在 2031 年" in err.value.message


def test_only_the_federation_admin_edits_the_calendar(province):
    with pytest.raises(NotAllowed):
        calendar_year_save(
            actor=province.province_staff, year=2031, holidays=[(D(2031, 1, 1), "")], workdays=[]
        )


def test_package_years_are_seeded(db):
    assert CalendarYear.objects.filter(year__in=[2004, 2025, 2026]).count() == 3
    assert CalendarDay.objects.get(date=D(2025, 1, 26)).is_workday


@pytest.mark.time_machine(moment("2026-11-27"))
def test_admin_home_warns_while_next_year_is_missing(province, client_for):
    forget_year(2027)  # should chinesecalendar learn 2027 later, the year is unknown again
    page = client_for("province_admin").get("/").content.decode()
    assert "2027 年的节假日安排尚未录入" in page
    calendar_year_save(
        actor=province.province_admin, year=2027, holidays=[(D(2027, 1, 1), "元旦")], workdays=[]
    )
    assert (
        "2027 年的节假日安排尚未录入" not in client_for("province_admin").get("/").content.decode()
    )
