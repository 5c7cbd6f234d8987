"""The words of one issue: title, description and place from its topic; first reply,
answer, feedback and reasons from the reply lists. Every draw comes from the given rng."""

import random
from dataclasses import dataclass

from tongxin.rights.models import DeclineReason

from . import replies
from .topics import OFFICE_NAMES, CategoryProfile, Slots, Topic
from .topics_campus import HEALTH, LOST, OTHER, SAFETY
from .topics_life import CANTEEN, DORMITORY, PRICES
from .topics_study import NETWORK, TEACHING

PROFILES: dict[str, CategoryProfile] = {
    p.name: p for p in (CANTEEN, DORMITORY, TEACHING, NETWORK, PRICES, OTHER, LOST, SAFETY, HEALTH)
}
TITLE_MAX = 60
# How students word a title around the matter itself ({t}), with weights.
TITLE_WORDINGS = (
    ("{t}", 62),
    ("关于{t}", 12),
    ("{t}，希望尽快解决", 10),
    ("反映{t}的问题", 8),
    ("{t}，盼回复", 5),
    ("再次反映：{t}", 3),
)


@dataclass(slots=True)
class Content:
    category: str
    topic: Topic | None  # None: something the union declines (see replies.DECLINED_TOPICS)
    slots: Slots
    title: str
    description: str
    place: str


def _describe(rng: random.Random, profile: CategoryProfile, topic: Topic, slots: Slots) -> str:
    detail = slots.fill(rng.choice(topic.details))
    impact = rng.choice(profile.impacts) if rng.random() < 0.7 else ""
    return detail + impact + slots.fill(rng.choice(topic.asks))


def draw_content(rng: random.Random, category: str, topic: Topic | None = None) -> Content:
    profile = PROFILES[category]
    topic = topic or rng.choice(profile.topics)
    slots = Slots(rng)
    wording = rng.choices([w for w, _n in TITLE_WORDINGS], [n for _w, n in TITLE_WORDINGS])[0]
    title = wording.format(t=slots.fill(topic.title))[:TITLE_MAX]
    description = _describe(rng, profile, topic, slots)
    place = slots.fill(topic.place or rng.choice(profile.places))
    return Content(category, topic, slots, title, description, place)


def echo_content(rng: random.Random, original: Content) -> Content:
    """Another student writing about the same thing (a duplicate or a merged issue)."""
    description = original.description
    if original.topic is not None:
        description = _describe(rng, PROFILES[original.category], original.topic, original.slots)
    return Content(
        original.category,
        original.topic,
        original.slots,
        original.title,
        description,
        original.place,
    )


def declined_content(rng: random.Random, reason: str) -> Content:
    choice = rng.choice(replies.DECLINED_TOPICS[DeclineReason(reason)])
    return Content(choice.category, None, Slots(rng), choice.title, choice.description, "")


def first_reply(rng: random.Random) -> str:
    return rng.choice(replies.FIRST_REPLIES)


def decline_text(rng: random.Random, reason: str) -> str:
    return rng.choice(replies.DECLINE_EXPLANATIONS[DeclineReason(reason)])


def office_name(kind: str) -> str:
    return OFFICE_NAMES.get(kind, "相关部门")  # type: ignore[call-overload]


def referral_note(rng: random.Random, office: str) -> str:
    return rng.choice(replies.REFERRAL_NOTES).format(office=office_name(office))


def return_reason(rng: random.Random, other: str) -> str:
    return rng.choice(replies.RETURN_REASONS).format(other=office_name(other))


def office_input(rng: random.Random) -> str:
    return rng.choice(replies.OFFICE_INPUTS)


def answer(rng: random.Random, content: Content, *, by_union: bool, previous: str = "") -> str:
    """The result; after a reopening, another one than before (with a note saying so)."""
    topic = content.topic
    if topic is None:
        return "学生会已了解情况并作出说明。"
    options = [content.slots.fill(option) for option in topic.answers]
    fresh = [option for option in options if option not in previous] or options
    text = rng.choice(fresh)
    if by_union and topic.office:
        text = f"经学生会与{office_name(topic.office)}沟通，{text}"
    return replies.SECOND_ANSWER_PREFIX + text if previous else text


def feedback(rng: random.Random, who: str, answer_text: str) -> str:
    return rng.choice(replies.FEEDBACKS).format(who=who, answer=answer_text)


def dissatisfied_reason(rng: random.Random) -> str:
    return rng.choice(replies.DISSATISFIED_REASONS)
