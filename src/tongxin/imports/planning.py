"""Checking a roster against itself and against the school, and deciding what to create.

Two queries whatever the size of the file: the school's colleges, classes and offices, and
the numbers already taken in the school. Units already there are reused; people already
there are duplicates (an import only creates).
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from tongxin.accounts.models import User
from tongxin.orgs.models import Node, NodeKind

from .cleaning import ClassRow, CollegeRow, OfficeRow, Roster, StaffRow, StudentRow
from .problems import RowError
from .spec import ADVISOR_UNITS, CLASSES, COLLEGES, OFFICE_KINDS, OFFICES, STAFF, STUDENTS

# ("college", name) | ("office", name) | ("class", college name, class name)
Key = tuple[str, ...]
Found = Literal["existing", "new", "ambiguous", "missing"]
_OFFICE_WORDS = {value: word for word, value in OFFICE_KINDS.items()}


class Units:
    """The school's colleges, classes and offices by name: those there and those the file adds."""

    def __init__(self, nodes: Iterable[Node]) -> None:
        nodes = list(nodes)
        colleges = {n.pk: n.name for n in nodes if n.kind == NodeKind.COLLEGE}
        self.existing: dict[Key, Node] = {}
        self.ambiguous: set[Key] = set()
        self.new: dict[Key, int] = {}  # key → the line that adds it
        self.class_colleges: dict[str, set[str]] = defaultdict(set)
        for node in nodes:
            key = _key_of(node, colleges)
            if key in self.existing:
                self.ambiguous.add(key)
            self.existing.setdefault(key, node)
            if node.kind == NodeKind.CLASS:
                self.class_colleges[node.name].add(key[1])

    def find(self, key: Key) -> Found:
        if key in self.ambiguous:
            return "ambiguous"
        if key in self.existing:
            return "existing"
        return "new" if key in self.new else "missing"

    def add(self, key: Key, line: int) -> None:
        self.new[key] = line
        if key[0] == "class":
            self.class_colleges[key[2]].add(key[1])


def _key_of(node: Node, college_names: dict[int, str]) -> Key:
    if node.kind == NodeKind.CLASS:
        return ("class", college_names.get(node.parent_id or 0, ""), node.name)
    return (str(node.kind), node.name)


@dataclass
class Plan:
    school: Node
    units: Units
    colleges: list[CollegeRow] = field(default_factory=list)  # new ones only
    classes: list[ClassRow] = field(default_factory=list)
    offices: list[OfficeRow] = field(default_factory=list)
    students: list[StudentRow] = field(default_factory=list)
    staff: list[StaffRow] = field(default_factory=list)
    reused: int = 0


def load_units(school: Node) -> Units:
    nodes = Node.objects.filter(
        school=school, kind__in=[NodeKind.COLLEGE, NodeKind.CLASS, NodeKind.OFFICE]
    ).only("id", "kind", "name", "parent_id", "path", "depth", "school_id", "office_kind")
    return Units(nodes.order_by("id"))


def taken_numbers(school: Node) -> set[str]:
    # The whole school in one indexed query: an `IN` of 10,000 numbers would not be cheaper.
    return set(User.objects.filter(school=school).values_list("number", flat=True))


def plan_roster(*, school: Node, roster: Roster) -> tuple[Plan, list[RowError]]:
    """What to create, and every problem that crosses rows or needs the database."""
    plan = Plan(school=school, units=load_units(school))
    errors: list[RowError] = []
    _plan_colleges(plan, roster.colleges, errors)
    _plan_offices(plan, roster.offices, errors)
    _plan_classes(plan, roster.classes, errors)
    _check_numbers(roster, taken_numbers(school), errors)
    plan.students = roster.students
    plan.staff = roster.staff
    for student in roster.students:
        _check_student(plan.units, student, errors)
    for person in roster.staff:
        _check_staff(plan, person, errors)
    return plan, errors


def _missing_college(sheet: str, line: int, column: str, name: str) -> RowError:
    return RowError(
        sheet, line, column, f"学院“{name}”不存在：请在“学院”表中列出，或核对系统中的学院名称。"
    )


def _ambiguous(sheet: str, line: int, column: str, name: str, what: str) -> RowError:
    return RowError(
        sheet, line, column, f"本校有多个名为“{name}”的{what}，无法确定是哪一个，请先改名区分。"
    )


def _duplicate(sheet: str, line: int, column: str, what: str, first: int) -> RowError:
    return RowError(sheet, line, column, f"{what}与本表第 {first} 行重复。")


def _college_problem(
    units: Units, sheet: str, line: int, column: str, name: str
) -> RowError | None:
    found = units.find(("college", name))
    if found == "missing":
        return _missing_college(sheet, line, column, name)
    if found == "ambiguous":
        return _ambiguous(sheet, line, column, name, "学院")
    return None


def _plan_colleges(plan: Plan, rows: list[CollegeRow], errors: list[RowError]) -> None:
    for row in rows:
        key: Key = ("college", row.name)
        found = plan.units.find(key) if row.name else None
        if found == "new":
            first = plan.units.new[key]
            errors.append(
                _duplicate(COLLEGES.name, row.line, "学院名称", f"学院“{row.name}”", first)
            )
        elif found == "missing":
            plan.units.add(key, row.line)
            plan.colleges.append(row)
        elif found is not None:
            plan.reused += 1


def _office_kind_problem(plan: Plan, row: OfficeRow) -> RowError | None:
    there = plan.units.existing[("office", row.name)].office_kind
    if not there or not row.kind or there == row.kind:
        return None
    return RowError(
        OFFICES.name,
        row.line,
        "类别",
        f"部门“{row.name}”已存在，类别为“{_OFFICE_WORDS.get(there, there)}”，"
        f"与所填“{_OFFICE_WORDS[row.kind]}”不一致。",
    )


def _plan_offices(plan: Plan, rows: list[OfficeRow], errors: list[RowError]) -> None:
    for row in rows:
        key: Key = ("office", row.name)
        found = plan.units.find(key) if row.name else None
        if found == "new":
            first = plan.units.new[key]
            errors.append(
                _duplicate(OFFICES.name, row.line, "部门名称", f"部门“{row.name}”", first)
            )
        elif found == "missing":
            plan.units.add(key, row.line)
            plan.offices.append(row)
        elif found == "existing" and (problem := _office_kind_problem(plan, row)):
            errors.append(problem)
        elif found is not None:
            plan.reused += 1


def _plan_classes(plan: Plan, rows: list[ClassRow], errors: list[RowError]) -> None:
    for row in rows:
        if not (row.name and row.college):
            continue
        problem = _college_problem(plan.units, CLASSES.name, row.line, "所属学院", row.college)
        if problem is not None:
            errors.append(problem)
            continue
        key: Key = ("class", row.college, row.name)
        found = plan.units.find(key)
        if found == "new":
            what = f"学院“{row.college}”的班级“{row.name}”"
            errors.append(_duplicate(CLASSES.name, row.line, "班级名称", what, plan.units.new[key]))
        elif found == "missing":
            plan.units.add(key, row.line)
            plan.classes.append(row)
        else:
            plan.reused += 1


def _check_numbers(roster: Roster, taken: set[str], errors: list[RowError]) -> None:
    """A number appears once in the file and is not yet taken in the school."""
    people = [(STUDENTS.name, "学号", s.line, s.number) for s in roster.students] + [
        (STAFF.name, "工号", p.line, p.number) for p in roster.staff
    ]
    seen: dict[str, tuple[str, int]] = {}
    for sheet, column, line, number in people:
        if not number:
            continue
        if number in seen:
            first_sheet, first_line = seen[number]
            message = f"{column}“{number}”与“{first_sheet}”表第 {first_line} 行重复。"
            errors.append(RowError(sheet, line, column, message))
        elif number in taken:
            message = f"{column}“{number}”在本校已存在：导入只新建人员，不修改已有人员。"
            errors.append(RowError(sheet, line, column, message))
        else:
            seen[number] = (sheet, line)


def _check_student(units: Units, student: StudentRow, errors: list[RowError]) -> None:
    if not student.college:
        return
    problem = _college_problem(units, STUDENTS.name, student.line, "学院", student.college)
    if problem is not None:
        errors.append(problem)
        return
    if not student.klass:
        return
    found = units.find(("class", student.college, student.klass))
    if found == "ambiguous":
        errors.append(_ambiguous(STUDENTS.name, student.line, "班级", student.klass, "班级"))
    elif found == "missing":
        errors.append(RowError(STUDENTS.name, student.line, "班级", _class_message(units, student)))


def _class_message(units: Units, student: StudentRow) -> str:
    others = sorted(units.class_colleges.get(student.klass, set()) - {student.college})
    if others:
        owners = "、".join(f"“{name}”" for name in others)
        return f"班级“{student.klass}”属于{owners}，与所填学院“{student.college}”不一致。"
    return f"学院“{student.college}”下没有班级“{student.klass}”：请在“班级”表中列出。"


def _check_staff(plan: Plan, person: StaffRow, errors: list[RowError]) -> None:
    identity = person.identity
    if identity is None:
        return
    if identity.unit_kind == NodeKind.SCHOOL:
        if person.unit not in ADVISOR_UNITS and person.unit != plan.school.name:
            message = "校团委老师的所在单位应填“校团委”或留空。"
            errors.append(RowError(STAFF.name, person.line, "所在单位", message))
        return
    if not person.unit:
        return
    what = "学院" if identity.unit_kind == NodeKind.COLLEGE else "职能部门"
    found = plan.units.find((identity.unit_kind, person.unit))
    if found == "ambiguous":
        errors.append(_ambiguous(STAFF.name, person.line, "所在单位", person.unit, what))
    elif found == "missing":
        message = f"所在单位“{person.unit}”不是本校的{what}：该身份应填所在{what}的名称。"
        errors.append(RowError(STAFF.name, person.line, "所在单位", message))
