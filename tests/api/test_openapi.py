import pytest
from openapi_schema_validator import OAS31Validator
from openapi_spec_validator import validate
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from events.models import Speaker
from tests.factories import build_programme

SPEC_URI = "urn:summit-api"


@pytest.fixture
def document(client, db):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    return response.json()


def response_validator(document, path):
    """A JSON Schema validator for the 200 body of GET ``path``, refs resolved in the document."""
    registry = Registry().with_resource(
        SPEC_URI, Resource.from_contents(document, default_specification=DRAFT202012)
    )
    pointer = path.replace("~", "~0").replace("/", "~1")
    schema_ref = f"{SPEC_URI}#/paths/{pointer}/get/responses/200/content/application~1json/schema"
    return OAS31Validator({"$ref": schema_ref}, registry=registry)


def test_openapi_document_is_valid_openapi_3_1(document):
    validate(document)
    assert document["openapi"] == "3.1.0"
    assert document["servers"] == [{"url": "http://testserver/api"}]


def test_openapi_describes_every_list(document):
    assert sorted(document["paths"]) == [
        "/", "/articles/", "/forums/", "/openapi.json", "/speakers/", "/summits/", "/talks/"
    ]


def test_every_documented_path_answers_200_matching_its_schema(client, summit, document):
    build_programme(summit, 3)
    Speaker.objects.filter(pk=Speaker.objects.first().pk).update(photo_320="speakers/320/a.jpg")
    for path in document["paths"]:
        response = client.get(f"/api{path}")
        assert response.status_code == 200, path
        body = response.json()
        errors = [e.message for e in response_validator(document, path).iter_errors(body)]
        assert errors == [], path
        if path not in {"/", "/openapi.json", "/articles/"}:
            assert body["results"], path


def test_schema_check_can_fail(document):
    talk = {"slug": "x", "unexpected": True}
    errors = list(response_validator(document, "/talks/").iter_errors(
        {"count": 1, "page": 1, "page_size": 50, "num_pages": 1, "next": None,
         "previous": None, "results": [talk]}
    ))
    assert errors != []
