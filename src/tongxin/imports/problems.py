"""One problem found in an uploaded workbook: where it is and why, in Chinese."""

from dataclasses import asdict, dataclass
from typing import Any

from .spec import SHEETS

_SHEET_ORDER = {spec.name: index for index, spec in enumerate(SHEETS)}
_COLUMN_ORDER = {
    (spec.name, column.header): index
    for spec in SHEETS
    for index, column in enumerate(spec.columns)
}


@dataclass(frozen=True)
class RowError:
    sheet: str  # "" for the file as a whole
    row: int  # the Excel row number; 0 for the file or a whole sheet
    column: str  # the header at fault; "" for a whole row or sheet
    message: str

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    def sort_key(self) -> tuple[int, int, int]:
        """File-level first, then sheet by sheet in template order, row by row, left to right."""
        column = _COLUMN_ORDER.get((self.sheet, self.column), -1)
        return (_SHEET_ORDER.get(self.sheet, -1), self.row, column)


def file_error(message: str) -> RowError:
    return RowError(sheet="", row=0, column="", message=message)


def sorted_errors(errors: list[RowError]) -> list[RowError]:
    return sorted(errors, key=RowError.sort_key)
