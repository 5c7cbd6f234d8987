"""The authorization matrix's rows and grants of the congress's
proposals: the committee (tests/matrix.py)."""

from tongxin.testing.matrix import Grant, Row
from tongxin.testing.province import TinyProvince


def populate(province: TinyProvince) -> None:
    """The objects this part's rows name (province.issues)."""


ROWS: list[Row] = []
GRANTS: list[Grant] = []
