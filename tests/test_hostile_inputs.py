"""Every careless or hostile input is refused with one-line messages, never a traceback or a hang.

Each case writes one broken file (or passes one broken argument) and runs the CLI
in-process. Every case must exit non-zero, print at least one line naming the file (or
the argument), print no traceback, and print nothing that GitHub Actions would read as a
workflow command.
"""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

from careguide.cli import main
from conftest import ROOT

BASE = (ROOT / "tests/clinic_cases/phone-nine-digits.yml").read_text().replace('"410-555-014"', '"410-555-0144"')
PAGE = (ROOT / "docs/faq.md").read_text(encoding="utf-8")
ES_PAGE = (ROOT / "docs/faq.es.md").read_text(encoding="utf-8")


def swap(old: str, new: str) -> str:
    assert old in BASE, old
    return BASE.replace(old, new)


# (case id, clinic file text) -> `careguide check <file>`
CLINIC_TEXTS = {
    "nul-byte": swap("name: Example Case Clinic", "name: Example\0 Clinic"),
    "form-feed": swap("name: Example Case Clinic", "name: Example\x0c Clinic"),
    "vertical-tab": swap("name: Example Case Clinic", "name: Example\x0b Clinic"),
    "raw-escape": swap("name: Example Case Clinic", "name: Example\x1b[8m Clinic"),
    "delete-char": swap("name: Example Case Clinic", "name: Example\x7f Clinic"),
    "yaml-escape-e": swap("name: Example Case Clinic", 'name: "Example \\e[8m Clinic"'),
    "yaml-escape-0": swap("name: Example Case Clinic", 'name: "Example \\0 Clinic"'),
    "yaml-escape-bidi": swap("name: Example Case Clinic", 'name: "Example \\u202e Clinic"'),
    "yaml-escape-zero-width": swap("name: Example Case Clinic", 'name: "Exam\\u200bple Clinic"'),
    "yaml-escape-newline-in-name": swap("name: Example Case Clinic", 'name: "Example\\nClinic"'),
    "bidi-override-literal": swap("city: Baltimore", "city: Balti\u202emore"),
    "zero-width-literal": swap("city: Baltimore", "city: Balti\u200bmore"),
    "soft-hyphen": swap("city: Baltimore", "city: Balti\u00admore"),
    "line-separator": swap("city: Baltimore", 'city: "Balti\\Lmore"'),
    "folded-newline-in-street": swap("street: 100 Example Street", "street: |\n      100 Example\n      Street"),
    "anchor-alias": swap("  escort_required: true", "  escort_required: &t true\nexample2: *t"),
    "alias-bomb": "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n" + BASE,
    "self-alias": "a: &a [*a]\n" + BASE,
    "merge-key": swap("colors: {", "base: &c {primary: \"#0b5d73\"}\ncolors: {<<: *c, "),
    "number-5000-digits": swap("  monitoring_minutes: 60", "  monitoring_minutes: " + "9" * 5000),
    "float-huge": swap("  monitoring_minutes: 60", "  monitoring_minutes: 1e999"),
    "deep-nesting": "x: " + "[" * 5000 + "]" * 5000 + "\n",
    "deep-mapping": "x: " + "{a: " * 2000 + "1" + "}" * 2000 + "\n",
    "tab-indent": swap("  monitoring_minutes: 60", "\tmonitoring_minutes: 60"),
    "unclosed-quote": swap("name: Example Case Clinic", 'name: "Example'),
    "python-tag": swap("name: Example Case Clinic", "name: !!python/object/apply:os.system [ls]"),
    "custom-tag": swap("name: Example Case Clinic", "name: !ENV HOME"),
    "binary-tag": swap("name: Example Case Clinic", "name: !!binary aGVsbG8="),
    "fullwidth-digit-phone": swap('after_hours_phone: "410-555-0143"', 'after_hours_phone: "410-555-014\uff17"'),
    "arabic-digit-phone": swap('after_hours_phone: "410-555-0143"', 'after_hours_phone: "410-555-014\u0663"'),
    "en-dash-phone": swap('after_hours_phone: "410-555-0143"', 'after_hours_phone: "410\u2013555-0143"'),
    "phone-with-newline-forge": swap('after_hours_phone: "410-555-0143"', 'after_hours_phone: "410\\n::error file=README.md::forged"'),
    "phone-extension": swap('after_hours_phone: "410-555-0143"', 'after_hours_phone: "410-555-0143 x12"'),
    "phone-toll-free-main-real": swap('after_hours_phone: "410-555-0143"', 'after_hours_phone: "800-867-5309"'),
    "fullwidth-zip": swap('zip: "21201"', 'zip: "2120\uff11"'),
    "superscript-zip": swap('zip: "21201"', 'zip: "2120\u00b9"'),
    "fullwidth-date": swap("reviewed_on: 2026-11-27", 'reviewed_on: "2026-10-0\uff11"'),
    "date-1999": swap("reviewed_on: 2026-11-27", "reviewed_on: 1999-10-01"),
    "date-month-13": swap("reviewed_on: 2026-11-27", "reviewed_on: 2026-13-01"),
    "date-far-future": swap("reviewed_on: 2026-11-27", "reviewed_on: 9999-12-31"),
    "date-with-time": swap("reviewed_on: 2026-11-27", "reviewed_on: 2026-11-27T10:00:00"),
    "url-http": swap("https://example.github.io", "http://example.github.io"),
    "url-javascript": swap("site_url: https://example.github.io/careguide/phone-nine-digits/", "site_url: javascript:alert(1)"),
    "url-query": swap("phone-nine-digits/", "phone-nine-digits/?a=1"),
    "url-fragment": swap("phone-nine-digits/", "phone-nine-digits/#x"),
    "url-userinfo": swap("https://example.github.io", "https://user:pw@example.github.io"),
    "url-port": swap("https://example.github.io", "https://example.github.io:8443"),
    "url-bad-port": swap("https://example.github.io", "https://example.github.io:99999"),
    "url-quote": swap("phone-nine-digits/", "phone-nine-digits/\"onmouseover=alert(1)"),
    "url-angle": swap("phone-nine-digits/", "<script>/phone-nine-digits/"),
    "url-dotdot": swap("careguide/phone-nine-digits/", "careguide/../phone-nine-digits/"),
    "url-wrong-clinic": swap("careguide/phone-nine-digits/", "careguide/other-clinic/"),
    "url-no-host": swap("https://example.github.io", "https://"),
    "url-ip-bracket": swap("https://example.github.io", "https://[::1]"),
    "url-unicode-host": swap("https://example.github.io", "https://ex\u0430mple.github.io"),
    "email-mailto": swap("email: care@example.org", "email: mailto:care@example.org"),
    "email-markup": swap("email: care@example.org", 'email: "<a href=x>care@example.org</a>"'),
    "email-two-at": swap("email: care@example.org", "email: care@@example.org"),
    "email-no-tld": swap("email: care@example.org", "email: care@example"),
    "email-newline": swap("email: care@example.org", 'email: "care@example.org\\nBcc: x@example.org"'),
    "name-too-long": swap("name: Example Case Clinic", "name: " + "A" * 500),
    "street-too-long": swap("street: 100 Example Street", "street: " + "1" * 300),
    "schedule-too-long": swap("treatment_schedule: six infusions over two to three weeks", "treatment_schedule: " + "x " * 1500),
    "role-only-spaces": swap("role: Anesthesiologist", 'role: "   "'),
    "logo-outside-docs": swap("email: care@example.org", "email: care@example.org\nlogo: ../mkdocs.yml"),
    "logo-absolute": swap("email: care@example.org", "email: care@example.org\nlogo: /etc/passwd"),
    "logo-wrong-type": swap("email: care@example.org", "email: care@example.org\nlogo: assets/careguide.css"),
    "logo-missing": swap("email: care@example.org", "email: care@example.org\nlogo: assets/logos/nope.svg"),
    "utf16-file": None,  # written specially below
    "latin1-file": None,
    "huge-file": BASE + "# " + "x" * 400_000 + "\n",
    "top-level-string": "just a sentence\n",
    "top-level-list": "- a\n- b\n",
    "empty": "",
    "only-comment": "# nothing here\n",
    "duplicate-key": BASE + "name: Again\n",
    "key-is-list": "[a, b]: 1\n" + BASE,
    "key-is-mapping": "{a: 1}: 1\n" + BASE,
    "monitoring-text": swap("  monitoring_minutes: 60", '  monitoring_minutes: "60"'),
    "monitoring-negative": swap("  monitoring_minutes: 60", "  monitoring_minutes: -60"),
    "bool-yes": swap("  escort_required: true", "  escort_required: yes"),
    "colour-named": swap('primary: "#0b5d73"', "primary: red"),
    "colour-css-injection": swap('primary: "#0b5d73"', 'primary: "#0b5d73;} body{display:none"'),
    "id-path-traversal": swap("id: phone-nine-digits", "id: ../docs/evil"),
    "id-uppercase": swap("id: phone-nine-digits", "id: Phone-Nine-Digits"),
    "state-lowercase": swap("state: MD", "state: md"),
    "crlf-with-bidi": swap("city: Baltimore", "city: Balti\u202emore").replace("\n", "\r\n"),
}


def write_clinic(folder: Path, case: str) -> Path:
    path = folder / "phone-nine-digits.yml"
    text = CLINIC_TEXTS[case]
    if case == "utf16-file":
        path.write_bytes(BASE.encode("utf-16"))
    elif case == "latin1-file":
        path.write_bytes(swap("city: Baltimore", "city: Baltimoré").encode("latin-1"))
    else:
        path.write_text(text, encoding="utf-8", newline="")
    return path


def assert_refused(code: int, out: str, err: str, names: str) -> None:
    assert code not in (0, None), f"accepted:\n{out}\n{err}"
    lines = [line for line in err.splitlines() if line.strip()]
    assert lines, "no message"
    assert "Traceback" not in err + out
    assert any(names in line for line in lines), err
    for line in (out + err).splitlines():
        assert not line.startswith("::"), f"workflow command in the output: {line}"


def run(capsys, *args: str) -> tuple[int, str, str]:
    try:
        code = main(["--root", str(ROOT), *args])
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else 1
        if isinstance(stop.code, str):
            print(stop.code, file=__import__("sys").stderr)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize("case", sorted(CLINIC_TEXTS))
def test_check_refuses_a_broken_clinic_file_in_one_line(tmp_path, capsys, case):
    path = write_clinic(tmp_path, case)
    code, out, err = run(capsys, "check", str(path))
    assert_refused(code, out, err, str(path))


def special_file(tmp_path: Path, kind: str) -> Path:
    path = tmp_path / f"{kind}.yml"
    if kind == "folder":
        path.mkdir()
    elif kind == "dangling-symlink":
        path.symlink_to(tmp_path / "nowhere.yml")
    elif kind == "symlink-loop":
        path.symlink_to(path)
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "socket":
        server = socket.socket(socket.AF_UNIX)
        server.bind(str(path))
    elif kind == "missing":
        pass
    elif kind == "unreadable-dev":
        return Path("/dev/zero")
    return path


@pytest.mark.parametrize("kind", ["folder", "dangling-symlink", "symlink-loop", "fifo", "socket", "missing", "unreadable-dev"])
def test_check_refuses_what_is_not_a_regular_file_without_hanging(tmp_path, capsys, kind):
    path = special_file(tmp_path, kind)
    code, out, err = run(capsys, "check", str(path))
    assert_refused(code, out, err, str(path))


PAGES = {
    "latin1": ("latin1.es.md", ES_PAGE.encode("latin-1", errors="replace")),
    "script-src": ("script.md", PAGE + '\n<script src="https://evil.example/x.js"></script>\n'),
    "iframe": ("iframe.md", PAGE + '\n<iframe src="https://evil.example/"></iframe>\n'),
    "object": ("object.md", PAGE + '\n<object data="https://evil.example/x"></object>\n'),
    "embed": ("embed.md", PAGE + '\n<embed src="https://evil.example/x">\n'),
    "link-tag": ("link.md", PAGE + '\n<link rel="stylesheet" href="https://evil.example/x.css">\n'),
    "markdown-image": ("image.md", PAGE + "\n![logo](https://evil.example/pixel.png)\n"),
    "protocol-relative-image": ("image2.md", PAGE + "\n![logo](//evil.example/pixel.png)\n"),
    "img-tag": ("img.md", PAGE + '\n<img src="https://evil.example/pixel.png" alt="">\n'),
    "img-tag-unquoted": ("img2.md", PAGE + "\n<IMG SRC=https://evil.example/pixel.png>\n"),
    "css-url": ("css.md", PAGE + '\n<div style="background:url(https://evil.example/x.png)">x</div>\n'),
    "spanish-iframe": ("iframe.es.md", ES_PAGE + '\n<iframe src="https://evil.example/"></iframe>\n'),
    "include-mkdocs": ("include.md", PAGE + "\n{% include '../mkdocs.yml' %}\n"),
    "import-template": ("import.md", PAGE + "\n{% import 'base.html' as b %}\n"),
    "extends": ("extends.md", PAGE + "\n{% extends 'main.html' %}\n"),
    "front-matter-bad-yaml": ("fm.md", PAGE.replace("---\n", "---\ntitle: [unclosed\n", 1)),
    "front-matter-alias-bomb": ("fm2.md", PAGE.replace("---\n", "---\na: &a [x,x,x]\nb: [*a,*a]\n: :\n", 1)),
    "jinja-unclosed": ("jinja.md", PAGE + "\n{{ clinic.name \n"),
}


@pytest.mark.parametrize("case", sorted(PAGES))
def test_lint_refuses_a_broken_page_on_its_line(tmp_path, capsys, case):
    name, content = PAGES[case]
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    code, out, err = run(capsys, "lint", str(path))
    assert_refused(code, out, err, f"{path.as_posix()}:")


ARGUMENTS = {
    "new-clinic-slash": ["new-clinic", "a/b"],
    "new-clinic-traversal": ["new-clinic", "../docs/evil"],
    "new-clinic-space": ["new-clinic", "My Clinic"],
    "new-clinic-empty": ["new-clinic", ""],
    "new-clinic-newline": ["new-clinic", "a\n::error::x"],
    "new-clinic-existing": ["new-clinic", "example-baltimore"],
    "lint-month-13": ["lint", "--today", "2026-13-01"],
    "lint-not-a-date": ["lint", "--today", "tomorrow"],
    "lint-fullwidth-date": ["lint", "--today", "2026-10-0\uff11"],
    "lint-missing-page": ["lint", "docs/nope.md"],
    "build-unknown-clinic": ["build", "--clinic", "nope"],
    "check-missing-file": ["check", "clinics/typo.yml"],
}


@pytest.mark.parametrize("case", sorted(ARGUMENTS))
def test_commands_refuse_a_bad_argument_in_one_line(capsys, case):
    args = ARGUMENTS[case]
    code, out, err = run(capsys, *args)
    assert_refused(code, out, err, "careguide" if args[0] != "check" else args[1])
    assert not (ROOT / "docs/evil.yml").exists() and not (ROOT / "clinics/My Clinic.yml").exists()


@pytest.mark.parametrize("command", [["schema"], ["new-clinic", "my-clinic"], ["check"], ["clinics"]])
def test_commands_without_a_clinics_folder_say_so(tmp_path, capsys, command):
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n")
    try:
        code = main(["--root", str(tmp_path), *command])
    except SystemExit as stop:
        code, message = 1, str(stop.code)
    else:
        message = capsys.readouterr().err
    assert code != 0
    assert "clinics" in message and "Traceback" not in message
