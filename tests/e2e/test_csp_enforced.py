"""The browser enforces the portal's Content-Security-Policy, and the e2e fixture notices a violation."""

import pytest

pytestmark = pytest.mark.e2e

INJECT_INLINE = """() => {
  const script = document.createElement("script");
  script.textContent = "window.injectedRan = true";
  document.head.appendChild(script);
  const styled = document.createElement("p");
  styled.setAttribute("style", "color: rgb(1, 2, 3)");
  document.body.appendChild(styled);
  return [window.injectedRan === true, getComputedStyle(styled).color];
}"""


def test_inline_script_and_style_are_refused_and_reported(page, browser_login, csp_violations):
    browser_login("sekretariat")
    response = page.goto("/pejlemaerker/")
    assert "default-src 'self'" in response.headers["content-security-policy"]
    assert page.evaluate("() => typeof htmx") == "object"  # the static script still runs

    ran, colour = page.evaluate(INJECT_INLINE)
    assert ran is False
    assert colour != "rgb(1, 2, 3)"
    page.wait_for_timeout(200)
    assert any("script-src" in v for v in csp_violations), csp_violations
    assert any("style-src" in v for v in csp_violations), csp_violations
    csp_violations.clear()  # seen and expected: the fixture fails a test on any violation left here
