"""The indicator table as shipped (DOMAIN.md §6, school-level table items 1–11) and the
scoring models in use. Data, not rules: the migration and the demo load it, the federation
admin edits copies of it. Table 二 (college unions) is not published in our references, so
it ships as a draft made of the same items with the college-level limits."""

from dataclasses import dataclass

from .models import Check, IndicatorKind, Level, Mark, VerdictRule


@dataclass(frozen=True)
class Item:
    number: int
    short: str
    text: str
    mark: str
    kind: str
    check: str = ""
    remark_template: str = ""
    evidence_for_past: bool = False


TABLE_ONE = [
    Item(
        1,
        "服务定位",
        "坚持全心全意服务同学，聚焦主责主业，不承担宿舍管理、文明督查、安全保卫等行政职能。",
        Mark.CORE,
        IndicatorKind.YES_NO,
    ),
    Item(
        2,
        "组织架构",
        "组织架构为主席团加工作部门，不设中心、办公室等常设机构。",
        Mark.PLAIN,
        IndicatorKind.COMPUTED,
        Check.STRUCTURE,
        "实有 {count} 个部门",
    ),
    Item(
        3,
        "工作人员",
        "工作人员总数不超过 40 人（学生人数较多或多校区的学校不超过 60 人）。",
        Mark.PLAIN,
        IndicatorKind.COMPUTED,
        Check.STAFF_LIMIT,
        "实有 {count} 人",
    ),
    Item(
        4,
        "主席团",
        "主席团成员不超过 5 人。",
        Mark.PLAIN,
        IndicatorKind.COMPUTED,
        Check.PRESIDIUM_LIMIT,
        "实有 {count} 人",
    ),
    Item(
        5,
        "工作部门",
        "工作部门不超过 6 个。",
        Mark.PLAIN,
        IndicatorKind.COMPUTED,
        Check.DEPARTMENT_LIMIT,
        "实有 {count} 个",
    ),
    Item(
        6,
        "职务设置",
        "不设主席、副主席（轮值执行主席）、部长、副部长、干事以外的职务。",
        Mark.PLAIN,
        IndicatorKind.COMPUTED,
        Check.POSITIONS,
    ),
    Item(
        7,
        "政治面貌",
        "工作人员均为共青团员或中共（预备）党员。",
        Mark.PLAIN,
        IndicatorKind.COMPUTED,
        Check.POLITICAL,
    ),
    Item(
        8,
        "学业要求",
        "工作人员均符合学业要求（综合排名前 30%、无不及格课程；研究生无不及格课程）。",
        Mark.PLAIN,
        IndicatorKind.COMPUTED,
        Check.ACADEMIC,
    ),
    Item(
        9,
        "选拔程序",
        "工作人员均经院级团组织推荐、党组织同意、学工部门与团委联合审查等规定程序产生。",
        Mark.PLAIN,
        IndicatorKind.COMPUTED,
        Check.SELECTION_PATH,
        evidence_for_past=True,
    ),
    Item(
        10,
        "主席团选举",
        "主席团由学生代表大会直接选举产生。",
        Mark.PLAIN,
        IndicatorKind.COMPUTED,
        Check.PRESIDIUM_ELECTED,
        evidence_for_past=True,
    ),
    Item(
        11,
        "代表大会",
        "按期规范召开学生代表大会。",
        Mark.CORE,
        IndicatorKind.COMPUTED,
        Check.CONGRESS_ON_SCHEDULE,
        "召开时间：{date}",
        evidence_for_past=True,
    ),
]

# Table 二: the same items applied to college unions (their limits are the college level's).
TABLE_TWO = TABLE_ONE

TITLES: dict[str, str] = {
    Level.SCHOOL: "{year}—{next} 学年学生会改革自评表（表一：校学生会、研究生会）",
    Level.COLLEGE: "{year}—{next} 学年学生会改革自评表（表二：院级学生会，草稿）",
}


@dataclass(frozen=True)
class Scoring:
    name: str
    pass_label: str
    fail_label: str
    verdict_rule: str
    grade_percents: dict[str, int]
    materials_weight: int = 100
    presentation_weight: int = 0
    pass_mark: int | None = None


GRADES = {"A": 100, "B": 60, "C": 40, "D": 0}
SCORINGS = [
    Scoring("是否制（2021—2022 学年起）", "是", "否", VerdictRule.CORE_ITEMS, GRADES),
    Scoring("达标制（2019—2020 学年）", "达标", "未达标", VerdictRule.CORE_ITEMS, GRADES),
    Scoring(
        "百分制（材料 70%、展示 30%，60 分及格）",
        "是",
        "否",
        VerdictRule.PASS_MARK,
        GRADES,
        70,
        30,
        60,
    ),
]
YES_NO = SCORINGS[0].name
