"""A clinic's logo is shown on every page and in the handout: careguide check refuses an SVG
that could run or fetch anything (clinic_file.svg_problem), with the exact reason."""

from __future__ import annotations

import pytest

from careguide.clinic_file import svg_problem

SVG = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">{}</svg>'
LOGO = "assets/logos/ours.svg"


@pytest.mark.parametrize(
    ("inside", "what"),
    [
        ("<script>alert(1)</script>", "the logo docs/assets/logos/ours.svg holds a <script> element"),
        ('<rect width="10" height="10" onload="alert(1)"/>', "the logo docs/assets/logos/ours.svg has an onload= attribute (a script)"),
        ('<rect ONCLICK="alert(1)"/>', "the logo docs/assets/logos/ours.svg has an ONCLICK= attribute (a script)"),
        ("<foreignObject><p>x</p></foreignObject>", "the logo docs/assets/logos/ours.svg holds a <foreignObject> element"),
        ('<image href="file:///etc/passwd"/>', "the logo docs/assets/logos/ours.svg links to 'file:///etc/passwd'"),
        ('<image xlink:href="https://evil.example/p.png"/>', "the logo docs/assets/logos/ours.svg links to 'https://evil.example/p.png'"),
        ('<rect style="fill: url(https://evil.example/x)"/>', "the logo docs/assets/logos/ours.svg loads an outside resource with url()"),
        ("<style>@import 'https://evil.example/a.css';</style>", "the logo docs/assets/logos/ours.svg loads an outside resource from its <style>"),
    ],
    ids=["script", "onload", "uppercase-handler", "foreign-object", "file-image", "xlink-remote", "css-url", "style-import"],
)
def test_an_svg_logo_that_could_run_or_fetch_something_is_refused(inside, what):
    problem = svg_problem(SVG.format(inside).encode(), LOGO)
    assert problem is not None and problem[0] == what


def test_a_doctype_is_refused_before_parsing():
    data = b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>'
    assert svg_problem(data, LOGO) == (
        "the logo docs/assets/logos/ours.svg declares a DOCTYPE or entities", "export it again as plain SVG, without a DOCTYPE"
    )


def test_a_plain_logo_with_its_own_gradient_passes():
    inside = '<defs><linearGradient id="g"/></defs><rect fill="url(#g)" width="10" height="10"/><use href="#g"/>'
    assert svg_problem(SVG.format(inside).encode(), LOGO) is None
