"""What the cells mean: each row becomes a typed row, each bad cell a RowError.

Row-local checks only (required cells, formats, the words a column accepts). Whether a
college exists or a number is taken is `planning`'s question. A bad cell leaves its field
empty ("" or None), so later checks skip what was already reported.
"""

import datetime
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone

from .problems import RowError
from .reader import RawRow, RawWorkbook
from .spec import (
    CLASSES,
    COLLEGES,
    ETHNICITY_MAX,
    GENDER_WORDS,
    GENDERS,
    IDENTITIES,
    LEVEL_WORDS,
    LEVELS,
    OFFICE_KINDS,
    OFFICES,
    POLITICAL_STATUSES,
    POLITICAL_WORDS,
    STAFF,
    STUDENTS,
    Identity,
)

T = TypeVar("T")
NUMBER_RE = re.compile(r"^[A-Za-z0-9_-]{1,32}$")
PHONE_RE = re.compile(r"^1[3-9]\d{9}$")
YEAR_RE = re.compile(r"^(\d{4})\s*(级|年)?$")
FIRST_YEAR = 1950
NAME_MAX, UNIT_MAX, MAJOR_MAX, EMAIL_MAX = 50, 100, 100, 254


@dataclass(frozen=True)
class CollegeRow:
    line: int
    name: str


@dataclass(frozen=True)
class ClassRow:
    line: int
    name: str
    college: str


@dataclass(frozen=True)
class OfficeRow:
    line: int
    name: str
    kind: str


@dataclass(frozen=True)
class StudentRow:
    line: int
    number: str
    name: str
    college: str
    major: str
    klass: str
    year: int | None
    level: str
    political: str
    phone: str
    email: str
    gender: str = ""
    ethnicity: str = ""


@dataclass(frozen=True)
class StaffRow:
    line: int
    number: str
    name: str
    unit: str
    identity: Identity | None
    phone: str
    email: str


@dataclass
class Roster:
    colleges: list[CollegeRow] = field(default_factory=list)
    classes: list[ClassRow] = field(default_factory=list)
    offices: list[OfficeRow] = field(default_factory=list)
    students: list[StudentRow] = field(default_factory=list)
    staff: list[StaffRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.colleges or self.classes or self.offices or self.students or self.staff)


def cell_text(value: Any) -> str:
    """A cell as text: numbers typed into Excel (学号 2024001, 2024001.0) read as written."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return str(value).strip()


class Cells:
    """One row's cells, read column by column; every problem lands in `errors`."""

    def __init__(self, sheet: str, row: RawRow, errors: list[RowError]) -> None:
        self.sheet, self.row, self.errors = sheet, row, errors

    def fail(self, header: str, message: str) -> None:
        self.errors.append(RowError(self.sheet, self.row.line, header, message))

    def raw(self, header: str) -> Any:
        return self.row.cells.get(header)

    def text(self, header: str, *, max_length: int, required: bool = True) -> str:
        value = cell_text(self.raw(header))
        if not value:
            if required:
                self.fail(header, f"{header}不能为空。")
            return ""
        if len(value) > max_length:
            self.fail(header, f"{header}过长（{len(value)} 字），最多 {max_length} 字。")
            return ""
        return value

    def number(self, header: str) -> str:
        value = self.text(header, max_length=32)
        if value and not NUMBER_RE.match(value):
            self.fail(header, f"{header}“{value}”只能包含字母、数字、“-”或“_”。")
            return ""
        return value

    def choice(
        self, header: str, words: Mapping[str, T], shown: Iterable[str] | None = None
    ) -> T | None:
        """One of `words` (the message lists `shown`, the canonical spellings)."""
        value = cell_text(self.raw(header))
        if not value:
            self.fail(header, f"{header}不能为空。")
            return None
        if value not in words:
            allowed = "、".join(shown or words)
            self.fail(header, f"{header}“{value}”无效，应为：{allowed}。")
            return None
        return words[value]

    def optional_choice(
        self, header: str, words: Mapping[str, T], shown: Iterable[str] | None = None
    ) -> T | None:
        """One of `words`, or None when the cell is empty (an optional column)."""
        if not cell_text(self.raw(header)):
            return None
        return self.choice(header, words, shown)

    def year(self, header: str) -> int | None:
        value = self.raw(header)
        if isinstance(value, datetime.date):
            self.fail(header, f"{header}应填四位年份（如 2024），不要填日期。")
            return None
        text = cell_text(value)
        match = YEAR_RE.match(text)
        last = timezone.localdate().year + 1
        if not text:
            self.fail(header, f"{header}不能为空。")
        elif match is None:
            self.fail(header, f"{header}“{text}”应为四位年份，如 2024。")
        elif not FIRST_YEAR <= int(match.group(1)) <= last:
            self.fail(header, f"{header}“{text}”不在 {FIRST_YEAR}–{last} 之间。")
        else:
            return int(match.group(1))
        return None

    def phone(self, header: str) -> str:
        value = re.sub(r"[\s-]", "", cell_text(self.raw(header)))
        if value.startswith("+86"):
            value = value[3:]
        if not value:
            self.fail(header, f"{header}不能为空。")
        elif not PHONE_RE.match(value):
            self.fail(header, f"{header}“{value}”不是有效的 11 位手机号。")
        else:
            return value
        return ""

    def email(self, header: str) -> str:
        value = self.text(header, max_length=EMAIL_MAX, required=False)
        try:
            if value:
                validate_email(value)
        except ValidationError:
            self.fail(header, f"{header}“{value}”格式不正确。")
            return ""
        return value


def _college(c: Cells) -> CollegeRow:
    return CollegeRow(c.row.line, c.text("学院名称", max_length=UNIT_MAX))


def _class(c: Cells) -> ClassRow:
    return ClassRow(
        c.row.line,
        c.text("班级名称", max_length=UNIT_MAX),
        c.text("所属学院", max_length=UNIT_MAX),
    )


def _office(c: Cells) -> OfficeRow:
    kind = c.choice("类别", OFFICE_KINDS)
    return OfficeRow(c.row.line, c.text("部门名称", max_length=UNIT_MAX), kind or "")


def _student(c: Cells) -> StudentRow:
    return StudentRow(
        line=c.row.line,
        number=c.number("学号"),
        name=c.text("姓名", max_length=NAME_MAX),
        college=c.text("学院", max_length=UNIT_MAX),
        major=c.text("专业", max_length=MAJOR_MAX),
        klass=c.text("班级", max_length=UNIT_MAX),
        year=c.year("入学年份"),
        level=c.choice("层次", LEVELS, LEVEL_WORDS) or "",
        political=c.choice("政治面貌", POLITICAL_STATUSES, POLITICAL_WORDS) or "",
        phone=c.phone("手机号"),
        email=c.email("邮箱"),
        gender=c.optional_choice("性别", GENDERS, GENDER_WORDS) or "",
        ethnicity=c.text("民族", max_length=ETHNICITY_MAX, required=False),
    )


def _staff(c: Cells) -> StaffRow:
    identity = c.choice("身份", IDENTITIES)
    unit = c.text("所在单位", max_length=UNIT_MAX, required=False)
    if not unit and identity is not None and identity.unit_kind != "school":
        c.fail("所在单位", "所在单位不能为空。")
    return StaffRow(
        line=c.row.line,
        number=c.number("工号"),
        name=c.text("姓名", max_length=NAME_MAX),
        unit=unit,
        identity=identity,
        phone=c.phone("手机号"),
        email=c.email("邮箱"),
    )


def _rows(raw: RawWorkbook, sheet: str, errors: list[RowError]) -> list[Cells]:
    return [Cells(sheet, row, errors) for row in raw.sheets.get(sheet, [])]


def clean_workbook(raw: RawWorkbook) -> Roster:
    """Typed rows of every sheet plus every row-local problem (and the reader's)."""
    errors = list(raw.errors)
    roster = Roster(
        colleges=[_college(c) for c in _rows(raw, COLLEGES.name, errors)],
        classes=[_class(c) for c in _rows(raw, CLASSES.name, errors)],
        offices=[_office(c) for c in _rows(raw, OFFICES.name, errors)],
        students=[_student(c) for c in _rows(raw, STUDENTS.name, errors)],
        staff=[_staff(c) for c in _rows(raw, STAFF.name, errors)],
        errors=errors,
    )
    if roster.is_empty and not errors:
        errors.append(RowError("", 0, "", "文件中没有可导入的数据：请按模板填写后再上传。"))
    return roster
