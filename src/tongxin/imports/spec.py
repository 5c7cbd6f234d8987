"""The workbook's shape: sheet names, Chinese headers and the words each column accepts.

The template download and the reader both use these tables, so they cannot drift apart.
"""

from dataclasses import dataclass

from tongxin.accounts.models import Gender, PoliticalStatus, Position, Role, StudentLevel
from tongxin.orgs.models import NodeKind, OfficeKind


@dataclass(frozen=True)
class Column:
    header: str
    note: str
    optional: bool = False  # the column may be missing altogether (its cells may be empty)


@dataclass(frozen=True)
class SheetSpec:
    name: str
    columns: tuple[Column, ...]

    @property
    def headers(self) -> list[str]:
        return [c.header for c in self.columns]


@dataclass(frozen=True)
class Identity:
    """What a 身份 in the staff sheet means: the role, its position and where it is held."""

    role: str
    position: str
    unit_kind: str  # NodeKind of 所在单位; "school" means the school itself


# The Chinese words are spelled out (not read from the choices' lazy labels) so that a file
# reads the same whatever language the worker runs in; a test checks they match the labels.
POLITICAL_STATUSES: dict[str, str] = {
    "群众": PoliticalStatus.MASSES,
    "共青团员": PoliticalStatus.LEAGUE_MEMBER,
    "中共预备党员": PoliticalStatus.PROBATIONARY_PARTY,
    "中共党员": PoliticalStatus.PARTY_MEMBER,
    "团员": PoliticalStatus.LEAGUE_MEMBER,
    "党员": PoliticalStatus.PARTY_MEMBER,
    "预备党员": PoliticalStatus.PROBATIONARY_PARTY,
}
# The spellings the template offers and messages name; the tables also take a few aliases.
POLITICAL_WORDS = ("群众", "共青团员", "中共预备党员", "中共党员")
LEVEL_WORDS = ("本专科", "研究生")
GENDERS: dict[str, str] = {"男": Gender.MALE, "女": Gender.FEMALE}
GENDER_WORDS = ("男", "女")
ETHNICITY_MAX = 20
LEVELS: dict[str, str] = {
    "本专科": StudentLevel.UNDERGRADUATE,
    "本科": StudentLevel.UNDERGRADUATE,
    "专科": StudentLevel.UNDERGRADUATE,
    "研究生": StudentLevel.GRADUATE,
}
OFFICE_KINDS: dict[str, str] = {
    "教务处": OfficeKind.ACADEMIC,
    "学生工作处": OfficeKind.STUDENT_AFFAIRS,
    "后勤处": OfficeKind.LOGISTICS,
    "保卫处": OfficeKind.SECURITY,
    "信息中心": OfficeKind.IT,
    "校医院": OfficeKind.CLINIC,
    "图书馆": OfficeKind.LIBRARY,
    "其他部门": OfficeKind.OTHER,
}
IDENTITIES: dict[str, Identity] = {
    "校团委老师": Identity(Role.ADVISOR, "", NodeKind.SCHOOL),
    "院团委书记": Identity(Role.COLLEGE_SECRETARY, "", NodeKind.COLLEGE),
    "职能部门经办人": Identity(Role.OFFICE_HANDLER, "", NodeKind.OFFICE),
    "职能部门负责人": Identity(Role.OFFICE_HANDLER, Position.OFFICE_HEAD, NodeKind.OFFICE),
}
# What an advisor's 所在单位 may say (the school node is used whatever it says).
ADVISOR_UNITS = {"", "校团委"}

NUMBER_NOTE = "本校唯一；只能包含字母、数字、“-”或“_”，最长 32 位"
PHONE_NOTE = "11 位手机号，如 13800001234"

COLLEGES = SheetSpec("学院", (Column("学院名称", "本校学院名称；已有的同名学院直接沿用"),))
CLASSES = SheetSpec(
    "班级",
    (
        Column("班级名称", "同一学院内唯一；已有的同名班级直接沿用"),
        Column("所属学院", "已有学院或本文件“学院”表中的学院"),
    ),
)
OFFICES = SheetSpec(
    "职能部门",
    (
        Column("部门名称", "如 后勤处；已有的同名部门直接沿用"),
        Column("类别", "、".join(OFFICE_KINDS)),
    ),
)
STUDENTS = SheetSpec(
    "学生",
    (
        Column("学号", NUMBER_NOTE),
        Column("姓名", "必填，最长 50 字"),
        Column("学院", "已有学院或本文件“学院”表中的学院"),
        Column("专业", "必填，最长 100 字"),
        Column("班级", "须属于所填学院"),
        Column("入学年份", "四位年份，如 2024"),
        Column("层次", "、".join(LEVEL_WORDS)),
        Column("政治面貌", "、".join(POLITICAL_WORDS)),
        Column("手机号", PHONE_NOTE),
        Column("邮箱", "选填", optional=True),
        Column("性别", "选填：" + "、".join(GENDER_WORDS), optional=True),
        Column("民族", "选填，如 汉族、回族，最长 20 字", optional=True),
    ),
)
STAFF = SheetSpec(
    "教职工",
    (
        Column("工号", NUMBER_NOTE),
        Column("姓名", "必填，最长 50 字"),
        Column("所在单位", "院团委书记填学院，职能部门人员填部门，校团委老师填“校团委”或留空"),
        Column("身份", "、".join(IDENTITIES)),
        Column("手机号", PHONE_NOTE),
        Column("邮箱", "选填", optional=True),
    ),
)
SHEETS: tuple[SheetSpec, ...] = (COLLEGES, CLASSES, OFFICES, STUDENTS, STAFF)
GUIDE_SHEET = "说明"
