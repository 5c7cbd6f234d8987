"""The admin's pages speak the admin's language, not the code's."""

from tongxin.workdays.models import CalendarYear


def test_calendar_names_its_built_in_source_without_the_package(province, client_for):
    assert CalendarYear.objects.filter(source=CalendarYear.Source.PACKAGE).exists()
    page = client_for("province_admin").get("/workdays/").content.decode()
    assert "chinesecalendar" not in page
    assert "系统内置（依国务院办公厅通知）" in page
