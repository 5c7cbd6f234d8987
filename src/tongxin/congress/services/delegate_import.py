"""Delegates from an Excel sheet (the election results), on the imports app's reading
pieces: all-or-nothing, every bad row named in Chinese.

    学号 | 姓名 | 得票 (optional)

    draft ── import (every row valid) ──► draft with the file's delegates added
    draft ── import (any bad row) ──► unchanged, ImportRefused naming every row
"""

from dataclasses import dataclass
from typing import IO, Any

from django.db import transaction
from django.utils import timezone

from tongxin.accounts.models import User
from tongxin.core.errors import DomainError
from tongxin.imports.cleaning import cell_text
from tongxin.imports.problems import RowError
from tongxin.imports.reader import UnreadableWorkbook, header_of, open_workbook
from tongxin.workflow.steps import save_step

from ..models import Delegate, DelegateList
from .delegates import MAX_VOTES, _begin, _record, add_members, eligible

SHEET = "代表"
HEADERS = ("学号", "姓名", "得票")
REQUIRED = ("学号", "姓名")
MAX_ROWS = 2000


class ImportRefused(DomainError):
    """The file was refused as a whole; `errors` names every bad row."""

    def __init__(self, errors: list[RowError]) -> None:
        super().__init__(
            "导入失败，未写入任何代表："
            + "；".join(_line(e) for e in errors[:20])
            + ("……" if len(errors) > 20 else ""),
            field="file",
        )
        self.errors = errors


def _line(e: RowError) -> str:
    return (
        f"第 {e.row} 行{('“' + e.column + '”') if e.column else ''}：{e.message}"
        if e.row
        else e.message
    )


@dataclass(frozen=True)
class Row:
    line: int
    number: str
    name: str
    votes: int | None


def _row(line: int, positions: dict[str, int], cells: Any, errors: list[RowError]) -> Row:
    def cell(header: str) -> str:
        index = positions.get(header)
        return cell_text(cells[index]) if index is not None and index < len(cells) else ""

    number, name, votes_text = cell("学号"), cell("姓名"), cell("得票")
    if not number:
        errors.append(RowError(SHEET, line, "学号", "学号不能为空。"))
    if not name:
        errors.append(RowError(SHEET, line, "姓名", "姓名不能为空。"))
    votes: int | None = None
    if votes_text.isdigit() and int(votes_text) <= MAX_VOTES:
        votes = int(votes_text)
    elif votes_text:
        errors.append(RowError(SHEET, line, "得票", f"得票“{votes_text}”应为非负整数。"))
    return Row(line, number, name, votes)


def read_rows(stream: IO[bytes]) -> tuple[list[Row], list[RowError]]:
    """The first sheet's rows under the headers of row 1; cell-level problems as errors."""
    try:
        book = open_workbook(stream)
    except UnreadableWorkbook as exc:
        raise ImportRefused([RowError("", 0, "", str(exc))]) from exc
    errors: list[RowError] = []
    rows: list[Row] = []
    try:
        sheet = book.worksheets[0]
        values = list(sheet.iter_rows(values_only=True))
    finally:
        book.close()
    if not values:
        return [], [RowError(SHEET, 0, "", "文件中没有数据。")]
    positions = {header_of(v): i for i, v in enumerate(values[0])}
    missing = [h for h in REQUIRED if h not in positions]
    if missing:
        return [], [RowError(SHEET, 1, h, f"第 1 行缺少表头“{h}”。") for h in missing]
    for line, cells in enumerate(values[1:], start=2):
        if all(cell_text(c) == "" for c in cells):
            continue
        if len(rows) >= MAX_ROWS:
            errors.append(RowError(SHEET, line, "", f"行数超过上限 {MAX_ROWS} 行。"))
            break
        rows.append(_row(line, positions, cells, errors))
    return rows, errors


@transaction.atomic
def delegate_list_import(
    *, actor: User, delegate_list: DelegateList, expected_version: int, stream: IO[bytes]
) -> int:
    """Add every delegate of the file, or none: unknown numbers, names that do not match,
    students the union does not represent, doubles in the file or on the list — all named."""
    delegate_list = _begin(actor, delegate_list, "edit", expected_version)
    rows, errors = read_rows(stream)
    numbers = [r.number for r in rows if r.number]
    people = {
        u.number: u
        for u in User.objects.filter(school_id=delegate_list.school_id, number__in=numbers)
    }
    ok = eligible(delegate_list, list(people.values()))
    already = set(
        Delegate.objects.filter(delegate_list=delegate_list).values_list("user__number", flat=True)
    )
    seen: dict[str, int] = {}
    entries: list[tuple[User, int | None]] = []
    for r in rows:
        if not r.number:
            continue
        user = people.get(r.number)
        if user is None:
            errors.append(RowError(SHEET, r.line, "学号", f"本校没有学号为“{r.number}”的学生。"))
            continue
        if r.name and r.name != user.real_name:
            errors.append(
                RowError(
                    SHEET,
                    r.line,
                    "姓名",
                    f"学号 {r.number} 的姓名是“{user.real_name}”，不是“{r.name}”。",
                )
            )
        if user.pk not in ok:
            errors.append(
                RowError(
                    SHEET,
                    r.line,
                    "学号",
                    f"{user.real_name}不在{delegate_list.union.name}代表的学生范围内。",
                )
            )
        if r.number in seen:
            errors.append(RowError(SHEET, r.line, "学号", f"与第 {seen[r.number]} 行重复。"))
        elif r.number in already:
            errors.append(RowError(SHEET, r.line, "学号", f"{user.real_name}已在代表名单中。"))
        seen.setdefault(r.number, r.line)
        entries.append((user, r.votes))
    if not rows and not errors:
        errors.append(RowError(SHEET, 0, "", "文件中没有代表。"))
    if errors:
        raise ImportRefused(
            sorted(
                errors,
                key=lambda e: (e.row, HEADERS.index(e.column) if e.column in HEADERS else -1),
            )
        )
    add_members(delegate_list, entries, timezone.now())
    save_step(delegate_list)
    _record(actor, delegate_list, "congress.delegates.imported", delegates=len(entries))
    return len(entries)
