"""No API call answers 5xx (issue 9, item 6).

The cases come from the API's own OpenAPI document through schemathesis, so an endpoint
added later is fuzzed without editing this file. Each operation gets a bounded number of
generated requests (valid and schema-violating ones: huge integers, wrong types, missing
fields) as two personas with bearer tokens, sent through Django's test client inside the
test's transaction. Hypothesis runs derandomized: the same cases on every run and machine.
"""

import json
import logging
from typing import Any
from urllib.parse import urlencode

import pytest
import schemathesis
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.core import NOT_SET
from schemathesis.generation import GenerationMode

from tongxin.accounts.services import token_create
from tongxin.api.api import api
from tongxin.rights.tests.factories import rights_world

PERSONAS = ["officer_a", "student_a"]
EXAMPLES_PER_OPERATION = 12
PREFIX = "/api/v1"
# Beside what Hypothesis draws: each integer parameter at the edges a 64-bit column breaks at.
HOSTILE_INTEGERS = [0, -1, 2**63, 10**20]


def openapi_document() -> dict[str, Any]:
    return api.get_openapi_schema(path_prefix="")


def api_schema() -> Any:
    return schemathesis.openapi.from_dict(openapi_document())


def _is_integer(schema: dict[str, Any]) -> bool:
    return schema.get("type") == "integer" or any(
        s.get("type") == "integer" for s in schema.get("anyOf", [])
    )


def boundary_requests() -> list[tuple[str, str, dict[str, Any]]]:
    """(method, path, query) with one integer parameter of the document at a hostile value,
    every other path parameter 1."""
    found = []
    for template, operations_ in openapi_document()["paths"].items():
        for method, operation in operations_.items():
            params = operation.get("parameters", [])
            for param in (p for p in params if _is_integer(p["schema"])):
                for value in HOSTILE_INTEGERS:
                    path, query = template, {}
                    for other in (p for p in params if p["in"] == "path"):
                        fill = value if other is param else 1
                        path = path.replace("{" + other["name"] + "}", str(fill))
                    if param["in"] == "query":
                        query[param["name"]] = value
                    found.append((method.upper(), path, query))
    return found


def operations() -> list[Any]:
    return [result.ok() for result in api_schema().get_all_operations()]


def _send(client: Client, token: str, case: Any) -> Any:
    headers = {"Authorization": f"Bearer {token}"}
    path = PREFIX + case.formatted_path
    query = {k: v for k, v in (case.query or {}).items() if v is not None}
    if case.method.upper() == "GET":
        return client.get(path, query, headers=headers)
    return client.generic(
        case.method.upper(),
        f"{path}?{urlencode(query, doseq=True)}" if query else path,
        data=_body(case),
        content_type=case.media_type or "application/json",
        headers=headers,
    )


def _body(case: Any) -> bytes:
    if case.body is NOT_SET:
        return b""
    if isinstance(case.body, bytes):
        return case.body
    try:
        return json.dumps(case.body).encode()
    except (TypeError, ValueError):  # negative cases may hold what JSON cannot say
        return repr(case.body).encode()


def test_the_openapi_document_yields_every_operation():
    paths = {(op.method.upper(), op.path) for op in operations()}
    assert ("GET", "/rights/queue") in paths
    assert ("POST", "/notifications/{notification_id}/read") in paths
    assert ("GET", "/rights/queue", (("category", 2**63),)) in {
        (m, p, tuple(q.items())) for m, p, q in boundary_requests()
    }


@pytest.fixture
def quiet_request_log(monkeypatch):
    monkeypatch.setattr(logging.getLogger("django.request"), "disabled", True)


def test_no_api_call_answers_5xx(province, quiet_request_log):
    rights_world(province)
    tokens = {p: token_create(actor=province.people[p], name="fuzz")[1] for p in PERSONAS}
    client = Client(raise_request_exception=False)
    failures: list[str] = []
    for operation in operations():
        strategy = st.one_of(
            operation.as_strategy(generation_mode=GenerationMode.POSITIVE),
            operation.as_strategy(generation_mode=GenerationMode.NEGATIVE),
        )

        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
        @given(case=strategy, persona=st.sampled_from(PERSONAS))
        def probe(case: Any, persona: str) -> None:
            response = _send(client, tokens[persona], case)
            if response.status_code >= 500:
                failures.append(
                    f"{persona} {case.method} {case.formatted_path} {case.query} {case.body!r}"
                    f" → {response.status_code}"
                )

        probe()
    for method, path, query in boundary_requests():
        for persona in PERSONAS:
            headers = {"Authorization": f"Bearer {tokens[persona]}"}
            url = f"{PREFIX}{path}?{urlencode(query)}"
            response = client.generic(method, url, b"{}", "application/json", headers=headers)
            if response.status_code >= 500:
                failures.append(f"{persona} {method} {path} {query} → {response.status_code}")
    assert not failures, "5xx answers:\n" + "\n".join(sorted(set(failures)))
