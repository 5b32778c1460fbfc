"""Schema validation for the schedule-format tests.

The published schemas live in ../shared/formats beside the repository, not in it: tests
validate when that folder exists, skip when it does not, and fail in CI (``CI`` set).
"""

import functools
import json
import os
from pathlib import Path

import jsonschema
import pytest
import xmlschema

SHARED_FORMATS = Path(__file__).resolve().parents[2].parent / "shared" / "formats"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def shared_file(name):
    path = SHARED_FORMATS / name
    if not path.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{path} is missing: CI must validate against the shared schemas.")
        pytest.skip(f"{path} not found (the shared folder sits beside the repository)")
    return path


@functools.cache
def _json_validator(path):
    schema = json.loads(Path(path).read_text())
    return jsonschema.Draft6Validator(
        schema, format_checker=jsonschema.Draft6Validator.FORMAT_CHECKER
    )


@functools.cache
def _xml_schema(path):
    return xmlschema.XMLSchema(path)


def validate_json(document):
    _json_validator(str(shared_file("schedule.schema.json"))).validate(document)


def validate_xml(content):
    _xml_schema(str(shared_file("schedule.xml.xsd"))).validate(content.decode())
