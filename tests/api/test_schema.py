"""The OpenAPI 3 schema at /api/schema/ validates (openapi-spec-validator), and the docs are vendored."""

from openapi_spec_validator import validate

from api.models import TokenScope


def test_schema_validates_as_openapi_3(api):
    response = api("projektleder", TokenScope.READ).get("/api/schema/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    spec = response.json()
    assert spec["openapi"].startswith("3.")
    validate(spec)
    paths = spec["paths"]
    for path in (
        "/api/v1/pejlemaerker/",
        "/api/v1/rollup/",
        "/api/v1/status-reports/",
        "/api/v1/status-reports/{id}/corrections/",
        "/api/v1/business-cases/{id}/versions/",
        "/api/v1/meetings/{id}/",
        "/api/v1/monthly-reports/",
    ):
        assert path in paths, path


def test_schema_needs_a_role(client, demo):
    response = client.get("/api/schema/", HTTP_ACCEPT="application/json")
    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["detail"] == "Du skal logge ind eller angive en API-nøgle."


def test_docs_page_loads_swagger_from_static_not_a_cdn(client, login, demo):
    login("projektleder")
    response = client.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower()
    assert "<script>" not in html  # the init script is a file of its own (CSP: no inline scripts)
