"""What students write about: topics per category, with slots filled per issue.

A topic is one kind of complaint ("二食堂晚餐价格上涨"): a title, a few ways of describing
it, what the student asks for, the answers an office (or the union) gives, and the office
it is referred to. Slots such as {canteen} are drawn once per issue (`Slots`), so the
title, the description, the place and the answer of one issue name the same canteen.
"""

import random
from dataclasses import dataclass

from tongxin.orgs.models import OfficeKind

POOLS: dict[str, tuple[str, ...]] = {
    "canteen": (
        "一食堂",
        "二食堂",
        "三食堂",
        "学生第一餐厅",
        "学生第二餐厅",
        "东区食堂",
        "西区食堂",
        "清真餐厅",
    ),
    "floor": ("一楼", "二楼", "三楼"),
    "meal": ("早餐", "午餐", "晚餐", "夜宵"),
    "dorm": (
        "东区3号楼",
        "东区7号楼",
        "西区2号楼",
        "西区5号楼",
        "南苑6栋",
        "北苑1栋",
        "桃李园4号楼",
        "竹园2号楼",
        "学生公寓12号楼",
        "研究生公寓A座",
    ),
    "building": (
        "第一教学楼",
        "第二教学楼",
        "综合教学楼",
        "实验楼",
        "文科楼",
        "理科楼",
        "信息楼",
    ),
    "course": (
        "高等数学",
        "大学英语",
        "线性代数",
        "大学物理",
        "概率论与数理统计",
        "程序设计基础",
        "思想道德与法治",
        "形势与政策",
        "大学体育",
        "专业导论",
    ),
    "system": (
        "教务系统",
        "选课系统",
        "校园一卡通App",
        "统一身份认证平台",
        "网上办事大厅",
        "在线报修平台",
    ),
    "shop": ("校园超市", "教育超市", "生活区便利店", "东区小卖部"),
    "gate": ("南门", "北门", "东门", "西门"),
    "field": ("田径场", "体育馆", "篮球场", "大学生活动中心", "图书馆门前广场"),
    "hour": ("9", "10", "11"),
    "item": ("校园卡", "黑色双肩包", "蓝牙耳机", "保温杯", "钥匙串", "雨伞", "计算器"),
}


class Slots(dict[str, str]):
    """Slot values of one issue, drawn on first use from `POOLS` (or as numbers)."""

    def __init__(self, rng: random.Random) -> None:
        super().__init__()
        self.rng = rng

    def __missing__(self, key: str) -> str:
        value = self._draw(key)
        self[key] = value
        return value

    def _draw(self, key: str) -> str:
        rng = self.rng
        if key in POOLS:
            return rng.choice(POOLS[key])
        if key == "yuan":
            return str(rng.randint(8, 16))
        if key == "yuan2":
            return str(int(self["yuan"]) + rng.randint(1, 4))
        if key == "room":
            return f"{rng.randint(1, 6)}{rng.randint(1, 28):02d}"
        if key == "classroom":
            return f"{rng.choice('ABC')}{rng.randint(1, 5)}{rng.randint(1, 20):02d}"
        if key == "n":
            return str(rng.randint(2, 6))
        if key == "days":
            return str(rng.randint(3, 10))
        if key == "week":
            return str(rng.randint(14, 18))
        raise KeyError(key)

    def fill(self, template: str) -> str:
        return template.format_map(self)


@dataclass(frozen=True)
class Topic:
    title: str
    details: tuple[str, ...]  # what happened (one is chosen)
    asks: tuple[str, ...]  # what the student wants
    answers: tuple[str, ...]  # the result (a reopened issue gets another one)
    office: str = ""  # the office it is referred to; "" = the union handles it itself
    place: str = ""  # overrides the category's places


@dataclass(frozen=True)
class CategoryProfile:
    name: str
    topics: tuple[Topic, ...]
    places: tuple[str, ...]
    impacts: tuple[str, ...]
    co_offices: tuple[str, ...] = ()  # offices that may be asked to help
    refer_share: float = 0.75  # of topics with an office: referred rather than handled
    anonymous_share: float = 0.13
    consent_share: float = 0.62
    publish_share: float = 0.45  # of consenting, answered issues: put on the echo wall


@dataclass(frozen=True)
class DeclinedTopic:
    """Something the union does not handle (不予受理), with the category the writer chose."""

    category: str
    title: str
    description: str


OFFICE_NAMES = {
    OfficeKind.ACADEMIC: "教务处",
    OfficeKind.STUDENT_AFFAIRS: "学生工作处",
    OfficeKind.LOGISTICS: "后勤处",
    OfficeKind.SECURITY: "保卫处",
    OfficeKind.IT: "信息中心",
    OfficeKind.CLINIC: "校医院",
    OfficeKind.LIBRARY: "图书馆",
}
