"""The authorization matrix's rows of the self-assessment (tests/test_authorization_matrix.py),
one module per part: issue 16's base, catalogue, heat map and union pages; issue 17's
disclosure, rating and rectification, and call-ins."""

from tongxin.testing.province import TinyProvince

from . import (
    matrix_base,
    matrix_catalogue,
    matrix_disclosure,
    matrix_heatmap,
    matrix_meeting,
    matrix_rating,
    matrix_review,
    matrix_union,
)

PARTS = [
    matrix_base,
    matrix_catalogue,
    matrix_heatmap,
    matrix_union,
    matrix_review,
    matrix_rating,
    matrix_disclosure,
    matrix_meeting,
]
ROWS = [row for part in PARTS for row in part.ROWS]
GRANTS = [grant for part in PARTS for grant in part.GRANTS]


def populate(province: TinyProvince) -> None:
    """The self-assessment's objects every row and grant names (province.issues)."""
    for part in PARTS:
        part.populate(province)
