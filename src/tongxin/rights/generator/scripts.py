"""Issues written on purpose for the printed demo logins, so that each of them finds work
on their pages: the student's own issues in different states, the union officer's queue
with overdue items, the logistics office's referred items, the advisor's flagged issue
and one escalated to the city federation. Every step is quick and in time; an issue
becomes overdue only where its story stops with a clock still running.

These issues are planned like the rest (moments, people, words) but written through the
rights services at their moments (replay.py): their clocks, timelines, audit events and
notifications are the ones production writes.
"""

import datetime
from dataclasses import dataclass

from tongxin.orgs.models import OfficeKind
from tongxin.rights.models import DeclineReason, Rating

from .cast import SchoolCast, Student
from .fates import Draft, Fate, Step
from .issues import Personas
from .world import World

LOGISTICS = str(OfficeKind.LOGISTICS)
ACCEPT, START, ANSWER, FEED_BACK = Step("accept"), Step("start"), Step("answer"), Step("feed_back")
REFER = Step("refer")
TO_LOGISTICS = Step("refer", LOGISTICS)
SATISFIED, BASICALLY = Step("rate", Rating.SATISFIED), Step("rate", Rating.BASICALLY)


@dataclass(frozen=True)
class Script:
    category: str
    workdays_ago: int  # 0: yesterday
    hour: int
    steps: tuple[Step, ...]
    mine: bool = False  # written by the demo student
    anonymous: bool = False
    publish: bool = False
    co_office: bool = False
    # Count `workdays_ago` in calendar days: a story that must still be open today. A fed
    # back, unrated issue is closed by the worker 7 calendar days on, which a holiday
    # longer than that (National Day) would otherwise cover.
    calendar_days: bool = False


SCRIPTS = (
    # The demo student's own issues.
    Script(
        "食堂餐饮",
        40,
        12,
        (ACCEPT, TO_LOGISTICS, ANSWER, FEED_BACK, SATISFIED),
        mine=True,
        publish=True,
    ),
    Script(
        "网络与信息",
        15,
        21,
        (ACCEPT, START, ANSWER, FEED_BACK, Step("reopen"), REFER, ANSWER, FEED_BACK, BASICALLY),
        mine=True,
    ),
    Script("物价与消费", 20, 13, (ACCEPT, Step("withdraw")), mine=True),
    Script("教学教务", 3, 10, (ACCEPT, START, ANSWER, FEED_BACK), mine=True, calendar_days=True),
    Script("宿舍与水电", 2, 22, (ACCEPT, TO_LOGISTICS), mine=True, co_office=True),
    Script("安全", 0, 21, (), mine=True, anonymous=True),
    # The union's queue: new, overdue, handled, referred, escalated, merged, declined.
    Script("宿舍与水电", 3, 20, ()),
    Script("食堂餐饮", 6, 12, (ACCEPT,)),
    Script("食堂餐饮", 4, 18, (Step("merge"),)),
    Script("网络与信息", 0, 9, (ACCEPT,)),
    Script("教学教务", 1, 15, (ACCEPT, START)),
    Script("网络与信息", 2, 19, (ACCEPT, START, ANSWER)),
    Script("宿舍与水电", 12, 11, (ACCEPT, TO_LOGISTICS)),
    Script("食堂餐饮", 1, 12, (ACCEPT, TO_LOGISTICS), anonymous=True, co_office=True),
    Script("其他", 2, 16, (Step("decline", DeclineReason.UNCLEAR),)),
    # Twice not satisfied: closed and flagged to the advisor.
    Script(
        "宿舍与水电",
        14,
        20,
        (
            ACCEPT,
            TO_LOGISTICS,
            ANSWER,
            FEED_BACK,
            Step("reopen"),
            TO_LOGISTICS,
            ANSWER,
            FEED_BACK,
            Step("rate", Rating.DISSATISFIED),
        ),
    ),
)


def _persona_school(world: World, username: str) -> tuple[SchoolCast, Student] | None:
    for school in world.cast.schools:
        for student in school.students:
            if student.username == username:
                return school, student
    return None


def _moment(world: World, script: Script, student: Student) -> datetime.datetime:
    clock = world.clock
    today = clock.local(world.until).date()
    if script.calendar_days:
        day = today - datetime.timedelta(days=script.workdays_ago)
    elif script.workdays_ago:
        day = clock.nth_before(today, script.workdays_ago)
    else:
        day = today - datetime.timedelta(days=1)
    day = max(day, student.enrolled + datetime.timedelta(days=1))
    minutes = world.rng.randrange(50)
    return clock.at(day, datetime.time(script.hour)) + datetime.timedelta(minutes=minutes)


def _reporter(world: World, school: SchoolCast, persona: Student, script: Script) -> Student:
    if script.mine:
        return persona
    others = [
        s
        for s in school.students
        if not s.graduate and s.username != persona.username and s.enrolled <= persona.enrolled
    ]
    return world.rng.choice(others) if others else persona


def persona_drafts(world: World, personas: Personas) -> list[Draft]:
    found = _persona_school(world, personas.student)
    if found is None:
        return []
    school, persona = found
    drafts = []
    for script in SCRIPTS:
        student = _reporter(world, school, persona, script)
        fate = Fate(
            list(script.steps),
            publish=script.publish,
            assign=False,
            co_office=script.co_office,
            quick=True,
            officer=personas.officer,
            handler=personas.handler,
        )
        moment = _moment(world, script, student)
        drafts.append(Draft(school, student, moment, script.category, fate, script.anonymous))
    return drafts
