"""Schemathesis against the app's own OpenAPI document: no server error, no response that breaks the spec.

Every operation gets generated requests (valid and invalid) sent with a valid token,
so writes are exercised too, on a fresh database per operation. A few dozen examples
per operation keep the whole run well under a minute.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import schemathesis
from flask import Flask
from hypothesis import HealthCheck
from hypothesis import given
from hypothesis import settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance
from schemathesis.specs.openapi.checks import response_headers_conformance
from schemathesis.specs.openapi.checks import response_schema_conformance
from schemathesis.specs.openapi.checks import status_code_conformance

from tests.api_helpers import bearer
from tests.api_helpers import close_app
from tests.api_helpers import make_app

EXAMPLES = 25
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


@pytest.fixture
def app() -> Iterator[Flask]:
    made = make_app()
    yield made
    close_app(made)


@pytest.fixture
def auth(app: Flask) -> dict[str, str]:
    return bearer(app, "schemathesis")


# schemathesis' own pytest plugin (schemathesis.pytest.from_fixture) does not run under pytest 9,
# so each operation's Hypothesis strategy is driven here directly.
@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=lambda m: m.value)
def test_no_server_error_and_no_response_outside_the_spec(
    app: Flask, auth: dict[str, str], mode: GenerationMode
) -> None:
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 15

    exercised = 0
    for operation in operations:
        @given(case=operation.as_strategy(mode))
        @settings(
            max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None
        )
        def run(case) -> None:  # type: ignore[no-untyped-def]
            case.call_and_validate(headers=auth, checks=CHECKS)

        try:
            run()
        except Unsatisfiable:
            # Nothing in this operation can be made invalid (no parameters, or only free-text ones).
            assert mode is GenerationMode.NEGATIVE, operation.label
            continue
        exercised += 1
    assert exercised >= 10
