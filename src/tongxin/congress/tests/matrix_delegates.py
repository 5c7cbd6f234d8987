"""The authorization matrix's rows and grants of the congress's delegates (tests/matrix.py)."""

from typing import Any

from tongxin.testing.matrix import Grant, Row
from tongxin.testing.province import TinyProvince


def populate(province: TinyProvince) -> None:
    """The objects these rows name, kept in province.issues."""


ROWS: list[Row] = []
GRANTS: list[Grant] = []
__all__ = ["Any"]
