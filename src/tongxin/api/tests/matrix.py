"""The authorization matrix's rows of the api app (tests/test_authorization_matrix.py)."""

from tongxin.testing.matrix import EVERYONE, Row

ROWS = [
    Row("API OpenAPI", lambda p: "/api/v1/openapi.json", EVERYONE, []),
]
