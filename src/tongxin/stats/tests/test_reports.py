"""The weekly report: built once per school and week, its content, its readers (the city
gets the aggregate and only what was escalated to it), PDF and Excel, and anonymity."""

import datetime
import io

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from tongxin.audit.models import AuditEvent
from tongxin.notifications.models import Notification
from tongxin.stats import excel, pdf
from tongxin.stats.models import WeeklyReport
from tongxin.stats.reports import WeeklyView
from tongxin.stats.tasks import build_due_reports

from .conftest import ANONYMOUS_TITLE, SILENT_TITLE, WEEK, Week
from .factories import at

pytestmark = pytest.mark.django_db
MONDAY = datetime.date(2025, 3, 3)
WRITER = ("张同学", "2024001")


@pytest.fixture
def built(week: Week) -> WeeklyReport:
    assert build_due_reports(now=at(3, 10, 9)) == 3  # schools A, B and C
    return WeeklyReport.objects.get(school=week.p.school_a, week_start=MONDAY)


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def xlsx_text(content: bytes) -> str:
    book = load_workbook(io.BytesIO(content))
    return "\n".join(
        str(value)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None
    )


def test_the_report_holds_the_weeks_figures(built: WeeklyReport) -> None:
    data = built.figures
    assert data["counts"] == WEEK
    assert (data["week_start"], data["week_end"]) == ("2025-03-03", "2025-03-09")
    assert data["top_categories"] == [["食堂餐饮", 5], ["宿舍与水电", 3], ["其他", 1]]
    assert [d[1] for d in data["days"]] == [5, 1, 1, 2, 0, 0, 0]
    assert data["first_reply_hours"] == pytest.approx(2.5)
    view = WeeklyView(report=built, full=True)
    assert (view.received, view.answered) == (9, 5)
    assert (view.on_time.text, view.satisfaction.text) == ("82.4%", "50.0%")


def test_the_overdue_list_has_titles_and_states_only(built: WeeklyReport) -> None:
    overdue = built.figures["overdue"]
    assert overdue["total"] == 2
    assert [(i["title"], i["status"], i["clock"]) for i in overdue["items"]] == [
        (ANONYMOUS_TITLE, "已提交", "首次回复"),
        (SILENT_TITLE, "已提交", "首次回复"),
    ]
    assert set(overdue["items"][0]) == {
        "issue_id", "title", "status", "clock", "due", "escalated_to_city",
    }  # fmt: skip
    assert [i["title"] for i in built.figures["escalated"]["items"]] == [ANONYMOUS_TITLE]


def test_the_city_reads_the_aggregate_and_only_escalated_items(built: WeeklyReport) -> None:
    city = WeeklyView(report=built, full=False)
    assert city.figures.counts == WEEK
    assert [i["title"] for i in city.overdue["items"]] == [ANONYMOUS_TITLE]
    text = pdf_text(pdf.report_pdf(city))
    assert ANONYMOUS_TITLE in text and SILENT_TITLE not in text
    assert SILENT_TITLE not in xlsx_text(excel.report_xlsx(city))


def test_building_is_idempotent_and_audited(week: Week, built: WeeklyReport) -> None:
    assert build_due_reports(now=at(3, 10, 10)) == 0
    assert build_due_reports(now=at(3, 12, 10)) == 0
    assert WeeklyReport.objects.filter(week_start=MONDAY).count() == 3
    events = AuditEvent.objects.filter(action="stats.report.built")
    assert events.count() == 3
    event = events.get(target_id=str(built.pk))
    assert event.actor.is_system and event.school_id == week.p.school_a.pk


def test_before_monday_eight_the_week_before_is_the_one_due(week: Week) -> None:
    build_due_reports(now=at(3, 10, 7, 59))
    assert set(WeeklyReport.objects.values_list("week_start", flat=True)) == {
        datetime.date(2025, 2, 24)
    }
    build_due_reports(now=at(3, 10, 8))
    assert WeeklyReport.objects.filter(week_start=MONDAY).count() == 3


def test_readers_are_told_and_the_city_only_hears_the_escalated(
    week: Week, built: WeeklyReport
) -> None:
    p = week.p
    notes = Notification.objects.filter(verb="stats.report.built", url__endswith=f"/{built.pk}/")
    by_user = {n.recipient_id: n for n in notes}
    assert set(by_user) == {p.officer_a.pk, p.advisor_a.pk, p.city_staff_1.pk}
    assert "逾期事项 2 件" in by_user[p.advisor_a.pk].body
    assert "督办至市学联的逾期事项 1 件" in by_user[p.city_staff_1.pk].body
    assert "按时率 82.4%" in by_user[p.city_staff_1.pk].body
    others = Notification.objects.filter(verb="stats.report.built").exclude(pk__in=notes)
    # School C lies in city 1's county: its report goes to the city and the county.
    county = WeeklyReport.objects.get(school=p.school_c, week_start=MONDAY)
    to_county = others.filter(url__endswith=f"/{county.pk}/")
    assert {n.recipient_id for n in to_county} == {p.city_staff_1.pk, p.county_specialist.pk}
    others = others.exclude(pk__in=to_county)
    assert {n.recipient_id for n in others} == {p.officer_b.pk, p.advisor_b.pk, p.city_staff_2.pk}


def test_the_pdf_shows_the_chinese(built: WeeklyReport) -> None:
    content = pdf.report_pdf(WeeklyView(report=built, full=True))
    assert content.startswith(b"%PDF")
    text = pdf_text(content)
    for expected in ["甲大学权益周报", "收到诉求", "按时率", "82.4%", "50.0%", "食堂餐饮"]:
        assert expected in text
    assert ANONYMOUS_TITLE in text and SILENT_TITLE in text
    assert b"NotoSansCJK" in content  # the font travels inside the file


def test_a_character_outside_the_font_prints_as_a_box() -> None:
    assert pdf.printable("食堂𠀀") == "食堂□"


def test_the_excel_has_the_figures(built: WeeklyReport) -> None:
    book = load_workbook(io.BytesIO(excel.report_xlsx(WeeklyView(report=built, full=True))))
    assert book.sheetnames == ["汇总", "类别", "每日", "逾期事项"]
    sheet = book["汇总"]
    assert [c.value for c in sheet[1]][1:] == ["数量（件）", "比率", "用时（小时）", "说明"]
    summary = {row[0].value: row[1:] for row in sheet.iter_rows(min_row=2)}
    assert (summary["收到"][0].value, summary["答复"][0].value) == (9, 5)
    on_time = summary["按时率（全部时限）"]
    assert on_time[1].value == pytest.approx(14 / 17) and on_time[1].number_format == "0.0%"
    assert on_time[3].value == "82.4%（14/17）"
    # Durations in hours only, as numbers: 27 h is not written as "1.1 天".
    answer = summary["答复用时中位数"]
    assert answer[2].value == pytest.approx(27.0) and answer[2].number_format == "0.0"
    assert all(not isinstance(row[1].value, str) for row in summary.values())
    titles = [row[0] for row in book["逾期事项"].iter_rows(min_row=2, values_only=True)]
    assert titles == [ANONYMOUS_TITLE, SILENT_TITLE]


def test_no_writer_ever_appears_in_a_report(week: Week, built: WeeklyReport, client_for) -> None:
    full, city = WeeklyView(report=built, full=True), WeeklyView(report=built, full=False)
    outputs = [
        pdf_text(pdf.report_pdf(full)),
        pdf_text(pdf.report_pdf(city)),
        xlsx_text(excel.report_xlsx(full)),
        xlsx_text(excel.report_xlsx(city)),
        str(built.figures),
        "".join(n.body + n.title for n in Notification.objects.filter(verb="stats.report.built")),
    ]
    for persona in ["officer_a", "advisor_a", "city_staff_1", "province_admin"]:
        outputs.append(client_for(persona).get(f"/stats/reports/{built.pk}/").content.decode())
    for output in outputs:
        assert ANONYMOUS_TITLE in output or "督办" in output or "逾期" in output
        for secret in WRITER:
            assert secret not in output
