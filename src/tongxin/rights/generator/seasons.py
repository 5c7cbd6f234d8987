"""When students write: busy at the start of term and around exams, quiet in the holidays,
more in the evening than at dawn; and what they write about in which season."""

import datetime
import random
from zoneinfo import ZoneInfo

# (month, first day, last day, factor): the school year as students live it.
SEASON: tuple[tuple[int, int, int, float], ...] = (
    (9, 1, 14, 1.7),  # new term, new students
    (9, 15, 30, 1.45),
    (10, 1, 7, 0.45),  # National Day week
    (10, 8, 31, 1.35),
    (11, 1, 30, 1.1),
    (12, 1, 19, 1.05),
    (12, 20, 31, 1.3),  # exams
    (1, 1, 14, 1.2),
    (1, 15, 31, 0.25),  # winter holiday
    (2, 1, 19, 0.1),
    (2, 20, 29, 0.8),  # spring term begins
    (3, 1, 15, 1.35),
    (3, 16, 31, 1.1),
    (4, 1, 30, 1.0),
    (5, 1, 5, 0.45),  # Labour Day
    (5, 6, 31, 1.0),
    (6, 1, 14, 1.05),
    (6, 15, 30, 1.3),  # exams
    (7, 1, 10, 0.9),
    (7, 11, 31, 0.15),  # summer holiday
    (8, 1, 24, 0.1),
    (8, 25, 31, 0.5),
)
DAY_OFF_FACTOR = 0.75  # weekends and public holidays
# Weight of each hour of the day (0–23) for a submission.
HOURS = (2, 1, 0.5, 0.2, 0.2, 0.3, 1, 3, 4, 4, 5, 6, 8, 6, 5, 5, 5, 6, 6, 7, 9, 10, 9, 5)
HOUR_CUM = [sum(HOURS[: i + 1]) for i in range(24)]

CATEGORY_WEIGHTS = {
    "食堂餐饮": 22.0,
    "宿舍与水电": 21.0,
    "教学教务": 15.0,
    "网络与信息": 14.0,
    "物价与消费": 8.0,
    "其他": 8.0,
    "失物招领": 5.0,
    "安全": 4.0,
    "心理与健康": 3.0,
}


def season_factor(day: datetime.date) -> float:
    for month, first, last, factor in SEASON:
        if day.month == month and first <= day.day <= last:
            return factor
    return 1.0


def day_weight(day: datetime.date, workday: bool) -> float:
    return season_factor(day) * (1.0 if workday else DAY_OFF_FACTOR)


def is_exam_time(day: datetime.date) -> bool:
    md = (day.month, day.day)
    return md >= (12, 15) or md <= (1, 14) or (6, 10) <= md <= (7, 10)


def category_weights(day: datetime.date) -> dict[str, float]:
    """Teaching and health weigh more around exams, dormitories in summer and mid-winter,
    the network at the start of term, parcels and prices in November."""
    weights = dict(CATEGORY_WEIGHTS)
    if is_exam_time(day):
        weights["教学教务"] *= 1.6
        weights["心理与健康"] *= 1.5
    if day.month in (6, 7, 8, 9):
        weights["宿舍与水电"] *= 1.4
    if day.month in (12, 1):
        weights["宿舍与水电"] *= 1.25
    if day.month in (9, 3):
        weights["网络与信息"] *= 1.3
        weights["教学教务"] *= 1.3
    if day.month == 11:
        weights["物价与消费"] *= 1.4
    return weights


def draw_moment(rng: random.Random, day: datetime.date, zone: ZoneInfo) -> datetime.datetime:
    hour = rng.choices(range(24), cum_weights=HOUR_CUM)[0]
    start = datetime.datetime.combine(day, datetime.time(hour), tzinfo=zone)
    return start + datetime.timedelta(seconds=rng.randrange(3600))


def school_diligence(rng: random.Random) -> float:
    """How often a school's union and offices meet their deadlines: most do well, a few
    lag behind (so that federations have something to compare)."""
    roll = rng.random()
    if roll < 0.1:
        return rng.uniform(0.62, 0.78)
    if roll < 0.35:
        return rng.uniform(0.8, 0.88)
    return rng.uniform(0.88, 0.97)
