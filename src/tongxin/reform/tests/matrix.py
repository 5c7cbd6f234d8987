"""The authorization matrix's rows of the self-assessment (tests/test_authorization_matrix.py),
one module per part."""

from tongxin.testing.province import TinyProvince

from . import matrix_base, matrix_catalogue, matrix_heatmap, matrix_review, matrix_union

PARTS = [matrix_base, matrix_catalogue, matrix_heatmap, matrix_union]
PARTS += [matrix_review]  # --- issue 17: the review chain (part E) ---
ROWS = [row for part in PARTS for row in part.ROWS]
GRANTS = [grant for part in PARTS for grant in part.GRANTS]


def populate(province: TinyProvince) -> None:
    """The self-assessment's objects every row and grant names (province.issues)."""
    for part in PARTS:
        part.populate(province)
