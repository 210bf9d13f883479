"""Every page carries a Content-Security-Policy that allows only the site itself, the
theme works under it in Chromium, and code that gets into a page anyway does not run."""

from __future__ import annotations

import shutil

import pytest
from bs4 import BeautifulSoup

from browser_checks import LocalSite, keep_requests_local
from careguide.csp import UnsafePage, policy_for
from conftest import ENGINES, run_careguide

BODY = '<div class="cg-page-body">{}</div>'


def directives(policy: str) -> dict[str, list[str]]:
    return {name: values for name, *values in (part.split() for part in policy.split(";") if part.strip())}


@pytest.mark.parametrize("engine", ENGINES)
def test_every_built_page_has_a_policy_that_allows_only_the_site_and_the_theme_code(engine_site, engine):
    site = engine_site(engine)
    pages = sorted(site.root.rglob("*.html"))
    assert len(pages) > 40
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        metas = soup.select('meta[http-equiv="Content-Security-Policy"]')
        assert len(metas) == 1, page
        policy = directives(metas[0]["content"])
        assert policy["default-src"] == ["'none'"], page
        for name, values in policy.items():
            assert all(value.startswith("'") or value == "data:" for value in values), (page, name, values)
            assert "'unsafe-inline'" not in values and "'unsafe-eval'" not in values, (page, name)
        # The policy must come before the first script or style it governs.
        first_code = soup.find(["script", "style", "link"])
        assert metas[0].sourceline < first_code.sourceline or (
            metas[0].sourceline == first_code.sourceline and metas[0].sourcepos < first_code.sourcepos
        ), page


def test_the_policy_hashes_theme_scripts_and_refuses_code_in_the_page_body():
    theme = "<script>__md_scope=1</script><style>:root{--x:1}</style>"
    policy = directives(policy_for(f"<head>{theme}</head><body>{BODY.format('<p>Rest today.</p>')}</body>"))
    assert len([v for v in policy["script-src"] if v.startswith("'sha256-")]) == 1
    assert len([v for v in policy["style-src"] if v.startswith("'sha256-")]) == 1
    assert "'sha256-" not in " ".join(directives(policy_for("<head></head>"))["script-src"])
    # JSON data is not code: it is not hashed and not refused.
    assert "'sha256-" not in " ".join(directives(policy_for(BODY.format('<script type="application/json">{}</script>')))["script-src"])
    for code, said in [
        ("<script>steal()</script>", "an inline <script>"),
        ("<SCRIPT type=module>steal()</SCRIPT>", "an inline <script>"),
        ('<div><p><img src="x.png" onerror="steal()"></p></div>', "an event handler (onerror=) on <img>"),
        ("<style>body{display:none}</style>", "an inline <style>"),
    ]:
        with pytest.raises(UnsafePage) as refused:
            policy_for(f"<head></head><body>{BODY.format(code)}</body>")
        assert str(refused.value) == said, code
    # After the page body closes, a theme script is the theme's again (nested divs counted).
    after = policy_for(BODY.format("<div><div>text</div></div>") + "<script>theme()</script>")
    assert "'sha256-" in " ".join(directives(after)["script-src"])


def test_a_page_with_an_event_handler_stops_the_build_naming_its_spanish_source(project_copy, tmp_path):
    page = project_copy / "docs" / "faq.es.md"
    page.write_text(page.read_text(encoding="utf-8") + '\n<p onmouseover="steal()">Hola</p>\n', encoding="utf-8")
    out = tmp_path / "site"
    result = run_careguide("build", "--clinic", "test-baltimore", "--site-dir", str(out), root=project_copy)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        "test-baltimore: build failed: docs/faq.es.md: the built page holds an event handler (onmouseover=) on <p>: "
        "pages may not run code; remove it (styles go in docs/assets/careguide.css)"
    )
    assert "Traceback" not in result.stderr
    assert not out.exists()


@pytest.fixture(scope="module")
def tampered_site(built_site, tmp_path_factory):
    """One built page with code slipped in after the build (as a compromised step or a bad
    merge could): the policy, written at build time, must still stop it."""
    folder = tmp_path_factory.mktemp("tampered") / "site"
    shutil.copytree(built_site.root, folder)  # with _assets/, the theme the clinics share
    page = folder / "example-baltimore" / "faq" / "index.html"
    html = page.read_text(encoding="utf-8")
    icon = BeautifulSoup(html, "html.parser").find("link", rel="icon")["href"]  # an image that loads: onload would fire
    slipped = (
        '<script>window.__ran = "inline"</script>'
        f'<img src="{icon}" onload="window.__ran = \'handler\'">'
        '<a id="slipped" href="javascript:window.__ran=\'link\'">x</a>'
    )
    page.write_text(html.replace('<div class="cg-page-body">', '<div class="cg-page-body">' + slipped, 1), encoding="utf-8")
    served = LocalSite(folder)
    yield served
    served.close()


def test_in_chromium_code_slipped_into_a_page_does_not_run_and_the_theme_still_does(browser, tampered_site):
    context = browser.new_context()
    keep_requests_local(context)
    page = context.new_page()
    page.add_init_script(
        "window.__blocked = []; document.addEventListener('securitypolicyviolation',"
        " e => window.__blocked.push(e.effectiveDirective));"
    )
    page.goto(tampered_site.url("/example-baltimore/faq/"))
    page.wait_for_load_state("load")
    page.click("#slipped")
    page.wait_for_timeout(200)
    assert page.evaluate("window.__ran") is None
    blocked = page.evaluate("window.__blocked")
    assert "script-src-elem" in blocked and "script-src-attr" in blocked, blocked
    assert page.evaluate("typeof __md_scope") == "object"  # Material's own inline bootstrap ran
    context.close()
