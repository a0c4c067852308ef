"""Property-based tests of the JSON API from its own OpenAPI document (schemathesis):
no generated request may get a 500, and every response must match the document.

Bounded so that it runs in well under a minute: a few examples per operation,
and /api/extract (which runs the spaCy pipeline) fewer still.
"""
import shutil

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from newsfacts.web import create_app

EXAMPLES = 12
# 400 is the API's answer to what a schema cannot say (an impossible date such as
# 2024-02-30, until before since, a publication date that is no date); 404 to ids
# that do not exist. Anything else a valid request gets must be 2xx/3xx.
CONFIG = schemathesis.Config.from_dict({"checks": {
    "positive_data_acceptance": {"expected-statuses": ["2xx", "3xx", "400", "404"]},
    "negative_data_rejection": {"expected-statuses": ["400", "404", "413", "422"]}}})


@pytest.fixture(scope="module")
def web_api(web_archive, nlp, tmp_path_factory):
    copy = tmp_path_factory.mktemp("schemathesis") / "archive.db"  # save=true may write
    shutil.copy(web_archive, copy)
    return schemathesis.openapi.from_asgi("/openapi.json", create_app(copy, nlp=nlp), config=CONFIG)


schema = schemathesis.pytest.from_fixture("web_api")


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_web_api_conforms_to_its_openapi_document(case):
    case.call_and_validate()
