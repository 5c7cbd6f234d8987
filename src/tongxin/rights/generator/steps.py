"""The steps of an issue's life, one function per rights service (same kinds, texts and
fields as tongxin.rights.services.handling / closing / submission); the action each
step is, the state it leads to, the clock it starts and the timeline's verb come from the
transition table (rights.machine) through paths.take."""

import datetime
from collections.abc import Callable
from typing import TYPE_CHECKING

from tongxin.rights.models import DeclineReason, Rating, Status

from . import content as words
from .fates import Step
from .issues import InputSpec
from .paths import take
from .world import is_open_at

if TYPE_CHECKING:
    from .lifecycle import Life

MERGED_TEXT = "已并入诉求 #{into}"  # the writer fills in the target's id
AUTO_CLOSE = datetime.timedelta(days=7)  # RightsSettings.auto_close_days
FALLBACK_OFFICE = "student_affairs"


def _enter(life: "Life", kind: str, moment: datetime.datetime) -> str:
    """Take the drawn step `kind` through the transition table as the service would: the
    state it leads to and the clock that state runs (the steps below stop clocks
    themselves). Returns the timeline's verb."""
    taken = take(kind, life.issue.status)
    life.issue.status = taken.state
    if taken.clock is not None:
        life.start_clock(taken.clock, moment)
    return taken.kind


def accept(life: "Life", step: Step) -> None:
    moment = life.on_clock(step, office=False)
    post, issue = life.officer(moment), life.issue
    issue.first_reply = words.first_reply(life.world.rng)
    verb = _enter(life, "accept", moment)
    life.event(moment, verb, post, issue.first_reply)
    assign(life, moment)


def assign(life: "Life", accepted: datetime.datetime) -> None:
    """The presidium hands some issues to a member (internal, like issue_assign)."""
    rng, issue = life.world.rng, life.issue
    wanted = life.fate.assign if life.fate.assign is not None else rng.random() < 0.35
    if not wanted or issue.assignee:
        return
    moment = life.move_to(accepted + datetime.timedelta(minutes=rng.randrange(2, 90)))
    day = life.world.clock.local(moment).date()
    chief = life.world.cast.officer(rng, issue.union, day, senior=True, avoid=issue.reporter)
    issue.assignee = life.officer(moment).username
    life.event(moment, "assigned", chief, internal=True)


def _decline_at(life: "Life", moment: datetime.datetime, reason: str) -> None:
    issue = life.issue
    explanation = words.decline_text(life.world.rng, reason)
    life.stop_clock(moment)
    verb = _enter(life, "decline", moment)
    issue.decline_reason, issue.first_reply = reason, explanation
    issue.closed_at = moment
    label = DeclineReason(reason).label
    life.event(moment, verb, life.officer(moment), f"{label}：{explanation}")


def decline(life: "Life", step: Step) -> None:
    _decline_at(life, life.on_clock(step, office=False), step.arg)


def merge(life: "Life", step: Step) -> None:
    """并案 into an open issue of the same queue; a duplicate whose twin has closed since
    is declined as a duplicate instead."""
    moment = life.on_clock(step, office=False)
    target = life.fate.target
    if target is None or not is_open_at(target, moment):
        _decline_at(life, moment, DeclineReason.DUPLICATE)
        return
    issue = life.issue
    life.stop_clock(moment)
    verb = _enter(life, "merge", moment)
    issue.merged_into, issue.closed_at = target.index, moment
    life.event(moment, verb, life.officer(moment), MERGED_TEXT)


def withdraw(life: "Life", step: Step) -> None:
    moment = life.student_moment(0.5, 30)
    life.flush_inputs(moment)
    life.stop_clock(moment, cancelled=True)
    verb = _enter(life, "withdraw", moment)
    life.issue.closed_at = moment
    life.reporter_event(moment, verb)


def start(life: "Life", step: Step) -> None:
    moment = life.on_clock(step, office=False)
    verb = _enter(life, "start", moment)
    life.event(moment, verb, life.officer(moment))


def _office_kind(life: "Life", office: str | None) -> str:
    return next((kind for kind, key in life.school.offices.items() if key == office), "")


def _lead_kind(life: "Life", step: Step) -> str:
    topic = life.content.topic
    right = topic.office if topic is not None and topic.office else FALLBACK_OFFICE
    if step.arg == "wrong":
        others = sorted(k for k in life.school.offices if k != right)
        return life.world.rng.choice(others) if others else right
    return step.arg or right


def _co_offices(life: "Life", lead: str) -> list[str]:
    rng, fate = life.world.rng, life.fate
    wanted = fate.co_office if fate.co_office is not None else rng.random() < 0.2
    profile = words.PROFILES[life.issue.category]
    kinds = [k for k in profile.co_offices if k != lead and k in life.school.offices]
    return [life.school.offices[rng.choice(kinds)]] if wanted and kinds else []


def refer(life: "Life", step: Step) -> None:
    moment = life.on_clock(step, office=False)
    issue, rng = life.issue, life.world.rng
    lead = _lead_kind(life, step)
    issue.lead_office = life.school.offices[lead]
    issue.co_offices = _co_offices(life, lead)
    verb = _enter(life, "refer", moment)
    life.event(moment, verb, life.officer(moment), words.referral_note(rng, lead))
    for office in issue.co_offices:
        later = moment + datetime.timedelta(hours=rng.uniform(3, 40))
        given = life.world.clock.office_hours(rng, later)
        day = life.world.clock.local(given).date()
        author = life.world.cast.handler(rng, office, day).username
        life.pending.append(InputSpec(office, author, words.office_input(rng), given))


def return_(life: "Life", step: Step) -> None:
    """退回: the lead office says "not ours"; the decide clock restarts."""
    issue = life.issue
    moment = life.on_clock(step, office=True)
    post = life.handler(issue.lead_office or "", moment)
    life.flush_inputs(moment)
    issue.lead_office, issue.co_offices = None, []
    verb = _enter(life, "return", moment)
    reason = words.return_reason(life.world.rng, _lead_kind(life, Step("refer")))
    life.event(moment, verb, post, reason, internal=True)


def answer(life: "Life", step: Step) -> None:
    issue, rng = life.issue, life.world.rng
    referred = issue.status == Status.REFERRED
    moment = life.on_clock(step, office=referred)
    if referred:
        post = life.handler(issue.lead_office or "", moment)
        life.flush_inputs(moment)
    else:
        post = life.officer(moment)
    previous = issue.answer if issue.dissatisfied_count else ""
    text = words.answer(rng, life.content, by_union=not referred, previous=previous)
    life.answered_by = _office_kind(life, issue.lead_office) if referred else ""
    issue.answer, issue.answered_at = text, moment
    verb = _enter(life, "answer", moment)  # the lead office's answer when referred
    life.event(moment, verb, post, text)


def feed_back(life: "Life", step: Step) -> None:
    moment = life.on_clock(step, office=False)
    issue = life.issue
    who = words.office_name(life.answered_by) if life.answered_by else "学生会"
    issue.feedback = words.feedback(life.world.rng, who, issue.answer)
    verb = _enter(life, "feed_back", moment)
    issue.fed_back_at = moment
    life.stop_clock(moment)
    life.event(moment, verb, life.officer(moment), issue.feedback)


def _rating_moment(life: "Life") -> datetime.datetime:
    roll = life.world.rng.random()
    low, high = (0.3, 24.0) if roll < 0.6 else (24.0, 72.0) if roll < 0.88 else (72.0, 160.0)
    fed = life.issue.fed_back_at or life.now
    moment = life.world.clock.awake(
        life.world.rng, life.now + datetime.timedelta(hours=life.world.rng.uniform(low, high))
    )
    return life.move_to(min(moment, fed + AUTO_CLOSE - datetime.timedelta(hours=1)))


def rate(life: "Life", step: Step) -> None:
    moment, issue = _rating_moment(life), life.issue
    verb = _enter(life, "rate", moment)
    issue.rating, issue.closed_at = step.arg, moment
    if step.arg != Rating.DISSATISFIED:
        life.reporter_event(moment, verb, str(Rating(step.arg).label))
        return
    issue.rating_reason = words.dissatisfied_reason(life.world.rng)
    issue.dissatisfied_count += 1
    issue.flagged_to_advisor = True
    life.reporter_event(moment, verb, f"不满意：{issue.rating_reason}")


def reopen(life: "Life", step: Step) -> None:
    """The first 不满意: back to 已受理, the decide clock restarts."""
    moment, issue = _rating_moment(life), life.issue
    issue.rating_reason = words.dissatisfied_reason(life.world.rng)
    issue.dissatisfied_count += 1
    verb = _enter(life, "reopen", moment)
    life.reporter_event(moment, verb, issue.rating_reason)


def auto_close(life: "Life", step: Step) -> None:
    fed = life.issue.fed_back_at or life.now
    minutes = life.world.rng.randrange(1, 60)
    moment = life.move_to(fed + AUTO_CLOSE + datetime.timedelta(minutes=minutes))
    issue = life.issue
    verb = _enter(life, "auto_close", moment)
    issue.rating, issue.closed_at = Rating.UNRATED, moment
    life.system_event(moment, verb)


STEPS: dict[str, Callable[["Life", Step], None]] = {
    "accept": accept,
    "decline": decline,
    "merge": merge,
    "withdraw": withdraw,
    "start": start,
    "refer": refer,
    "return": return_,
    "answer": answer,
    "feed_back": feed_back,
    "rate": rate,
    "reopen": reopen,
    "auto_close": auto_close,
}
