"""The school page says what it counts: the daily chart stops at today, and every rating —
the 不满意 that reopened an issue included — is counted where the rates are."""

import json
import re

import pytest

from tongxin.stats.fold import fold_rights_activity
from tongxin.testing.province import TinyProvince

from .factories import FakeClock, Story, at

pytestmark = pytest.mark.django_db


def _page(client, school, query):
    page = client.get(f"/stats/schools/{school.pk}/?{query}").content.decode()
    charts = re.search(r'<script id="stats-charts" type="application/json">(.*?)</script>', page)
    assert charts
    return page, json.loads(charts.group(1))


def test_daily_chart_stops_at_today_not_at_the_end_of_the_month(
    province: TinyProvince, clock: FakeClock, client_for
) -> None:
    Story(province, clock).submit(at(3, 10, 9))
    clock.set(at(3, 12, 15))
    fold_rights_activity(now=at(3, 12, 15))
    _page_text, charts = _page(client_for("advisor_a"), province.school_a, "month=2025-03")
    labels = [day[0] for day in charts["days"]]
    assert labels[0] == "03-01" and labels[-1] == "03-12"
    assert charts["days"][9][1] == 1  # 03-10: received 1
    _page_text, february = _page(client_for("advisor_a"), province.school_a, "month=2025-02")
    assert len(february["days"]) == 28  # a past period is drawn whole


def test_a_dissatisfied_reopen_counts_as_a_rating(
    province: TinyProvince, clock: FakeClock, client_for
) -> None:
    s = lambda: Story(province, clock)  # noqa: E731
    s().submit(at(3, 3, 9)).accept(at(3, 3, 10)).start(at(3, 3, 11)).answer(at(3, 3, 12)) \
        .feed_back(at(3, 3, 13)).rate(at(3, 4, 9), "satisfied")  # fmt: skip
    s().submit(at(3, 3, 9)).accept(at(3, 3, 10)).start(at(3, 3, 11)).answer(at(3, 3, 12)).feed_back(
        at(3, 3, 13)
    ).rate(at(3, 4, 10), "dissatisfied")  # reopened, not re-rated
    clock.set(at(3, 6, 9))
    fold_rights_activity(now=at(3, 6, 9))
    page, charts = _page(client_for("advisor_a"), province.school_a, "month=2025-03")
    assert dict(charts["ratings"])["不满意"] == 1
    assert re.search(r'data-testid="satisfaction">50\.0%<', page)
    assert "评价 2 次（含不满意重办时的不满意）" in page
    assert re.search(r"<td>不满意重办</td><td[^>]*>1</td>", page)
    assert re.search(r"<td>评价：不满意</td><td[^>]*>1</td>", page)
