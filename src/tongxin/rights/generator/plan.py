"""A year of rights issues for the demo province, drawn from the seed.

    days (busy at term start and exams, quiet in holidays) ──► drafts (when, which school
    by size, which student, which category) ──► content and fate ──► Life.play() in
    submission order ──► schoolmates' support (我也遇到)

Issues are played in the order they were submitted, so a later one can be merged into an
earlier one that was still open. Only the holiday calendar is read from the database.
"""

import datetime
import itertools
import random

from tongxin.rights.models import DeclineReason, Status
from tongxin.rights.seed import CATEGORIES
from tongxin.workflow.generation.province import ProvincePlan, allocate

from .cast import SchoolCast, Student, cast_of
from .content import PROFILES, Content, declined_content, draw_content, echo_content
from .fates import Draft, Fate, Step, accepted_fate, draw_fate
from .issues import EventSpec, IssuePlan, IssueSpec, Personas
from .lifecycle import Life
from .scripts import persona_drafts
from .seasons import category_weights, day_weight, draw_moment, school_diligence
from .topics import Topic
from .workclock import WorkClock
from .world import World

URGENT = {name for name, urgent in CATEGORIES if urgent}
YEAR = 365
# (cumulative share, fewest, most) schoolmates who add "我也遇到" to a public issue.
SUPPORT = ((0.5, 0, 0), (0.78, 1, 2), (0.94, 3, 6), (1.0, 7, 25))


def plan_issues(
    plan: ProvincePlan,
    *,
    count: int,
    until: datetime.datetime,
    personas: Personas | None = None,
    clock: WorkClock | None = None,
) -> IssuePlan:
    """`count` issues submitted in the year before `until`, the personas' few (scripts.py)
    among them (there are never fewer than those, unless `count` is 0: no issues)."""
    if count <= 0:
        return IssuePlan(until)
    rng = random.Random(f"{plan.seed}/issues")
    world = World(rng, clock or WorkClock(), cast_of(plan), until)
    world.diligence = {school.code: school_diligence(rng) for school in world.cast.schools}
    scripted = persona_drafts(world, personas) if personas else []
    drafts = _random_drafts(world, max(0, count - len(scripted))) + scripted
    drafts.sort(key=lambda draft: draft.submitted_at)
    issues = [_live(world, draft, index) for index, draft in enumerate(drafts)]
    for issue in issues:
        _add_supporters(world, issue, world.cast.by_code[issue.school])
    return IssuePlan(until, issues)


def _enrolled(rng: random.Random, school: SchoolCast, day: datetime.date) -> Student | None:
    for _ in range(8):
        student = rng.choice(school.students)
        if student.enrolled <= day:
            return student
    return None


def _random_drafts(world: World, count: int) -> list[Draft]:
    """`count` drafts over the year, on days when their writers were already students."""
    rng, clock = world.rng, world.clock
    today = clock.local(world.until).date()
    schools = [school for school in world.cast.schools if school.students]
    earliest = min((s.enrolled for school in schools for s in school.students), default=today)
    veterans = [(sc, s) for sc in schools for s in sc.students if s.enrolled == earliest]
    days = [today - datetime.timedelta(days=n) for n in range(YEAR, 0, -1)]
    weights = [day_weight(d, clock.is_workday(d)) if d >= earliest else 0.0 for d in days]
    cum = list(itertools.accumulate(school.size for school in schools))
    drafts = []
    for day, n in zip(days, allocate(count, weights), strict=True):
        weighted = category_weights(day)
        names, cum_categories = list(weighted), list(itertools.accumulate(weighted.values()))
        for _ in range(n):
            school = rng.choices(schools, cum_weights=cum)[0]
            student = _enrolled(rng, school, day)
            if student is None:  # a school of first-years only, before September
                school, student = rng.choice(veterans)
            category = rng.choices(names, cum_weights=cum_categories)[0]
            moment = draw_moment(rng, day, clock.zone)
            drafts.append(Draft(school, student, moment, category))
    return drafts


def _content(
    world: World, draft: Draft, fate: Fate, union: str, topic: Topic | None
) -> tuple[Content, Fate]:
    """The words, matched to the fate: a duplicate or a merge repeats an open issue of the
    same queue; what the union declines reads like it."""
    rng, opening = world.rng, fate.opening
    if opening.kind == "decline" and opening.arg != DeclineReason.DUPLICATE:
        return declined_content(rng, opening.arg), fate
    if opening.kind in {"merge", "decline"}:
        # A scripted issue is written through the services before the bulk year (replay.py),
        # so it can only join, or repeat, another scripted one.
        scripted = draft.fate is not None
        twin = world.open_in_queue(union, draft.category, draft.submitted_at, scripted)
        if twin is not None:
            fate.target = twin[0]
            return echo_content(rng, twin[1]), fate
        if opening.kind == "decline":
            reason = DeclineReason.UNCLEAR
            return declined_content(rng, reason), Fate([Step("decline", str(reason))])
        if not fate.quick:
            content = draw_content(rng, draft.category, topic)
            return content, accepted_fate(rng, PROFILES[draft.category], content.topic)
    return draw_content(rng, draft.category, topic), fate


def _live(world: World, draft: Draft, index: int) -> IssueSpec:
    rng = world.rng
    profile = PROFILES[draft.category]
    fate, topic = draft.fate, None
    if fate is None:
        topic = rng.choice(profile.topics)
        fate = draw_fate(rng, profile, topic)
    union = draft.school.union_for(draft.student)
    content, fate = _content(world, draft, fate, union, topic)
    profile = PROFILES[content.category]
    anonymous = draft.anonymous
    if anonymous is None:
        anonymous = rng.random() < profile.anonymous_share
    issue = IssueSpec(
        index=index,
        school=draft.school.code,
        union=union,
        college=draft.student.college,
        reporter=draft.student.username,
        reporter_name=draft.student.name,
        category=content.category,
        is_urgent=content.category in URGENT,
        title=content.title,
        description=content.description,
        place=content.place,
        submitted_at=draft.submitted_at,
        anonymous=anonymous,
        pseudonym=f"匿名同学#{rng.randrange(0x10000):04X}" if anonymous else "",
        consent=fate.quick or rng.random() < profile.consent_share,
        scripted=draft.fate is not None,  # only the scripts come with their fate drawn
    )
    Life(world, issue, content, draft.school, fate).play()
    world.remember(issue, content)
    return issue


def _support_count(rng: random.Random) -> int:
    roll = rng.random()
    for share, fewest, most in SUPPORT:
        if roll < share:
            return rng.randint(fewest, most)
    return 0


def _add_supporters(world: World, issue: IssueSpec, school: SchoolCast) -> None:
    """我也遇到: schoolmates support a public issue while it is open (never a merged one:
    their support would have moved to the issue it joined)."""
    if not issue.consent or issue.status == Status.MERGED:
        return
    rng = world.rng
    start = issue.submitted_at + datetime.timedelta(minutes=20)
    end = issue.closed_at or world.until
    hours = (end - start).total_seconds() / 3600
    wanted = min(_support_count(rng), int(hours / 2))
    if wanted <= 0:
        return
    day = world.clock.local(issue.submitted_at).date()
    pool = rng.sample(school.students, min(len(school.students), wanted + 3))
    mates = [s for s in pool if s.username != issue.reporter and s.enrolled <= day][:wanted]
    for mate in mates:
        moment = world.clock.awake(rng, start + (end - start) * rng.random() ** 2)
        if moment < end:
            issue.supporters.append((mate.username, moment))
            issue.events.append(EventSpec(moment, "supported", mate.username, mate.name, "", True))
    issue.supporters.sort(key=lambda support: support[1])
    issue.events.sort(key=lambda event: event.at)
