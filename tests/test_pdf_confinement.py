"""The handout reads only files of the built site and its print assets (issue 12): every way
a page, a logo or a stylesheet can point WeasyPrint at another file is refused, naming it."""

from __future__ import annotations

import base64
import io

import pytest
from PIL import Image
from pypdf import PdfReader

from careguide.pdf import ExternalResourceRefused, GuidePage, print_sections, render_pdf
from conftest import ROOT

ASSETS = ROOT / "overrides" / "careguide"
MARKER = "cg-secret-4f1d9a"

def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(out, "PNG")
    return out.getvalue()


PNG = _png()


@pytest.fixture
def site(tmp_path):
    (tmp_path / "secret.txt").write_text(MARKER)
    site = tmp_path / "site"
    (site / "assets").mkdir(parents=True)
    (site / "assets" / "dot.png").write_bytes(PNG)
    return site


def page(body: str) -> str:
    return f'<html lang="en"><head><title>t</title></head><body><p>Hello</p>{body}</body></html>'


def render(site, body: str) -> bytes:
    return render_pdf(page(body), site=site, print_assets=ASSETS, css_path=ASSETS / "print.css")


def refused(site, body: str) -> str:
    with pytest.raises(ExternalResourceRefused) as error:
        render(site, body)
    return str(error.value)


def test_an_attachment_link_to_proc_environ_is_refused_before_anything_is_read(site):
    message = refused(site, '<a rel="attachment" href="file:///proc/self/environ">plan</a>')
    assert message == "the handout has no attachments; remove rel=attachment from the link to file:///proc/self/environ"


def test_a_link_rel_attachment_is_refused(site):
    message = refused(site, '<link rel="attachment" href="file:///proc/self/environ">')
    assert message == "the handout has no attachments; remove the <link rel=attachment>"


def test_an_attachment_link_to_a_file_of_the_site_is_refused_too(site):
    message = refused(site, '<a rel="attachment" href="assets/dot.png">plan</a>')
    assert message == f"the handout has no attachments; remove rel=attachment from the link to {(site / 'assets' / 'dot.png').as_uri()}"


@pytest.mark.parametrize(
    "body",
    [
        '<img src="file:///proc/self/environ" alt="">',
        '<div style="background: url(file:///proc/self/environ)">x</div>',
    ],
    ids=["img", "css-url"],
)
def test_proc_environ_is_refused_as_an_image_and_a_css_url(site, body):
    assert refused(site, body) == "the handout may only use files of the site; remove file:///proc/self/environ"


def test_an_svg_logo_with_an_image_of_an_outside_file_is_refused(site):
    (site / "assets" / "logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
        '<image href="file:///proc/self/environ" width="10" height="10"/></svg>'
    )
    assert refused(site, '<img src="assets/logo.svg" alt="">') == (
        "the handout may only use files of the site; remove file:///proc/self/environ"
    )


def test_a_symlink_in_the_site_pointing_outside_is_refused(site):
    (site / "assets" / "leak.png").symlink_to(site.parent / "secret.txt")
    assert refused(site, '<img src="assets/leak.png" alt="">') == (
        f"the handout may only use files of the site; remove {(site / 'assets' / 'leak.png').as_uri()}"
    )


def test_a_dotdot_path_escaping_the_site_is_refused(site):
    message = refused(site, '<img src="../secret.txt" alt="">')
    assert message == f"the handout may only use files of the site; remove {(site.parent / 'secret.txt').as_uri()}"


def test_an_http_image_is_refused(site):
    assert refused(site, '<img src="https://example.org/t.png" alt="">') == (
        "the handout may only use files of the site; remove https://example.org/t.png"
    )


def test_a_site_image_and_a_data_image_still_appear_and_nothing_is_embedded(site):
    document = render(site, f'<img src="assets/dot.png" alt="dot"><img src="data:image/png;base64,{base64.b64encode(PNG).decode()}" alt="">')
    reader = PdfReader(io.BytesIO(document))
    assert "/EmbeddedFiles" not in reader.trailer["/Root"].get("/Names", {})
    images = [image for p in reader.pages for image in p.images]
    assert len(images) == 2
    assert MARKER.encode() not in document


@pytest.mark.parametrize(
    ("html", "message"),
    [
        ('<img src="file:///x.png" alt="">', "docs/side-effects.es.md: the handout may only use files of the site; remove the image file:///x.png"),
        ('<img src="https://t.example/p.gif" alt="">', "docs/side-effects.es.md: the handout may only use files of the site; remove the image https://t.example/p.gif"),
        ('<img src="../../../etc/passwd" alt="">', "docs/side-effects.es.md: the handout may only use files of the site; remove the image ../../../etc/passwd"),
        ('<a rel="attachment" href="file:///proc/self/environ">plan</a>', "docs/side-effects.es.md: the handout has no attachments; remove rel=attachment from the link to file:///proc/self/environ"),
    ],
    ids=["file-image", "http-image", "dotdot-image", "attachment"],
)
def test_print_sections_name_the_page_that_points_outside(html, message):
    pages = [GuidePage(url="side-effects/", title="Efectos secundarios", content=html, meta={}, source="docs/side-effects.es.md")]
    with pytest.raises(ExternalResourceRefused) as error:
        print_sections(pages, asset_uri=lambda path: None)
    assert str(error.value) == message
