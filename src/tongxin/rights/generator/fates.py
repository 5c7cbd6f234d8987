"""What will happen to an issue, drawn before it is played (lifecycle.Life).

Shares of the year, roughly: 3.5 % withdrawn at once, 5 % not handled, 3 % merged; the
rest are accepted, then handled by the union or referred to an office (6 % of referrals
go to the wrong office first and come back), answered and fed back; students rate
满意 56 %, 基本满意 25 %, leave it unrated 12 % (the worker closes it after 7 days) or
are not satisfied 7 % — the issue reopens, and a third of those are unhappy again
(closed, flagged to the advisor).
"""

import datetime
import random
from dataclasses import dataclass
from typing import Any

from tongxin.rights.models import DeclineReason, Rating

from .cast import SchoolCast, Student
from .issues import IssueSpec
from .topics import CategoryProfile, Topic

DECLINE_WEIGHTS = {
    DeclineReason.DUPLICATE: 35,
    DeclineReason.UNCLEAR: 30,
    DeclineReason.OUT_OF_POWERS: 25,
    DeclineReason.COMMERCIAL: 10,
}
FIRST_RATINGS = (("satisfied", 56), ("basically", 25), ("auto_close", 12), ("reopen", 7))
SECOND_RATINGS = (("dissatisfied", 35), ("satisfied", 20), ("basically", 30), ("auto_close", 15))


@dataclass(frozen=True)
class Step:
    kind: str
    arg: str = ""  # decline reason, rating, or the office kind to refer to ("wrong")
    late: bool | None = None  # None: drawn from the school's diligence


@dataclass
class Fate:
    steps: list[Step]
    publish: bool | None = None  # None: drawn
    assign: bool | None = None
    co_office: bool | None = None
    quick: bool = False  # scripted: each step soon after the previous one, in time
    target: IssueSpec | None = None  # the issue a merge goes into
    officer: str | None = None  # scripted: the union officer who acts (a username)
    handler: str | None = None  # scripted: the lead office's handler who acts

    @property
    def opening(self) -> Step:
        return self.steps[0] if self.steps else Step("")


@dataclass
class Draft:
    """An issue before it is played: who writes, when, about what, and (for the personas'
    issues) what will happen; a random fate is drawn when it is played."""

    school: SchoolCast
    student: Student
    submitted_at: datetime.datetime
    category: str
    fate: Fate | None = None
    anonymous: bool | None = None


def _pick(rng: random.Random, weighted: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([k for k, _w in weighted], weights=[w for _k, w in weighted])[0]


def handling(rng: random.Random, referable: bool, refer_share: float) -> list[Step]:
    """Handle or refer (only what an office could take), then answer."""
    if referable and rng.random() < refer_share:
        steps = [Step("refer")]
        if rng.random() < 0.06:
            steps = [Step("refer", "wrong"), Step("return"), Step("refer")]
    else:
        steps = [Step("start")]
    return [*steps, Step("answer")]


def rating(kind: str) -> Step:
    if kind in {"auto_close", "reopen"}:
        return Step(kind)
    return Step("rate", str(Rating(kind)))


def draw_fate(rng: random.Random, profile: CategoryProfile, topic: Topic | None) -> Fate:
    return Fate(draw_steps(rng, **_referral(profile, topic)))


def accepted_fate(rng: random.Random, profile: CategoryProfile, topic: Topic | None) -> Fate:
    return Fate(accepted_steps(rng, **_referral(profile, topic)))


def _referral(profile: CategoryProfile, topic: Topic | None) -> dict[str, Any]:
    return {
        "referable": topic is not None and bool(topic.office),
        "refer_share": profile.refer_share,
    }


def draw_steps(rng: random.Random, *, referable: bool, refer_share: float) -> list[Step]:
    """The path of one issue after its submission, in the shares above (paths.walk takes
    it through the transition table)."""
    roll = rng.random()
    if roll < 0.035:
        return [Step("withdraw")]
    if roll < 0.085:
        reasons = list(DECLINE_WEIGHTS)
        reason = rng.choices(reasons, weights=list(DECLINE_WEIGHTS.values()))[0]
        return [Step("decline", str(reason))]
    if roll < 0.115:
        return [Step("merge")]
    return accepted_steps(rng, referable=referable, refer_share=refer_share)


def accepted_steps(rng: random.Random, *, referable: bool, refer_share: float) -> list[Step]:
    steps = [Step("accept")]
    if rng.random() < 0.015:
        return [*steps, Step("withdraw")]
    steps += handling(rng, referable, refer_share)
    if rng.random() < 0.006:
        return [*steps[:-1], Step("withdraw")]
    first = _pick(rng, FIRST_RATINGS)
    steps += [Step("feed_back"), rating(first)]
    if first == "reopen":
        second = _pick(rng, SECOND_RATINGS)
        steps += [*handling(rng, referable, refer_share), Step("feed_back"), rating(second)]
    return steps
