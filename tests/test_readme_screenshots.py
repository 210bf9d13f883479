"""The README's pictures: each is a file in the repository with alt text saying what it shows,
and `make screenshots` (which the README says regenerates them) runs the script that does.
The script itself is not run here: it rewrites tracked files."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from conftest import ROOT

README = ROOT / "README.md"
PICTURES = ROOT / ".github" / "readme"
MARKDOWN_IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\((?P<src>[^)\s]+)[^)]*\)")


class _ImgTags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[int, str, str]] = []

    def handle_starttag(self, tag, attrs) -> None:
        if tag == "img":
            attributes = dict(attrs)
            self.found.append((self.getpos()[0], attributes.get("src") or "", attributes.get("alt") or ""))


def readme_images(markdown: str) -> list[tuple[int, str, str]]:
    """(line, src, alt) of every image: Markdown's ![alt](src) and HTML's <img>."""
    tags = _ImgTags()
    tags.feed(markdown)
    tags.close()
    markdown_images = [
        (markdown.count("\n", 0, match.start()) + 1, match["src"], match["alt"])
        for match in MARKDOWN_IMAGE.finditer(markdown)
    ]
    return sorted(markdown_images + tags.found)


def image_problems(images: list[tuple[int, str, str]], root: Path) -> list[str]:
    problems = []
    for line, src, alt in images:
        if not (root / src).is_file():
            problems.append(f"README.md:{line}: image {src} is not in the repository: add it or fix the path")
        if not alt.strip():
            problems.append(f"README.md:{line}: image {src} has no alt text: say what a reader would see in it")
    return problems


def make_rule(makefile: str, target: str) -> tuple[list[str], list[str]]:
    """The prerequisites and recipe lines of `target`: ([], []) when the Makefile has no such rule."""
    lines = makefile.splitlines()
    for number, line in enumerate(lines):
        if line.startswith(f"{target}:"):
            recipe = []
            for following in lines[number + 1 :]:
                if not following.startswith("\t"):
                    break
                recipe.append(following.strip())
            return line.removeprefix(f"{target}:").split(), recipe
    return [], []


def test_every_readme_image_is_in_the_repository_with_alt_text():
    assert image_problems(readme_images(README.read_text()), ROOT) == []


def test_readme_shows_every_picture_kept_for_it():
    """No picture left behind in .github/readme/ after the README stopped showing it."""
    shown = {src for _, src, _ in readme_images(README.read_text())}
    kept = {path.relative_to(ROOT).as_posix() for path in PICTURES.iterdir()}
    assert kept - shown == set()


def test_image_problems_name_a_missing_file_and_missing_alt(tmp_path):
    (tmp_path / "here.png").write_bytes(b"")
    markdown = (
        "# Title\n"
        "![A phone](here.png)\n"
        '<p><img src="gone.png" alt="A sheet" width="300">\n'
        '<img src="here.png" alt=" "></p>\n'
        "![](gone.png)\n"
    )
    assert image_problems(readme_images(markdown), tmp_path) == [
        "README.md:3: image gone.png is not in the repository: add it or fix the path",
        "README.md:4: image here.png has no alt text: say what a reader would see in it",
        "README.md:5: image gone.png is not in the repository: add it or fix the path",
        "README.md:5: image gone.png has no alt text: say what a reader would see in it",
    ]


def test_make_screenshots_runs_the_readme_screenshot_script():
    prerequisites, recipe = make_rule((ROOT / "Makefile").read_text(), "screenshots")
    assert prerequisites == ["$(INSTALLED)"]
    assert recipe == ["$(BIN)/python scripts/readme_screenshots.py"]
    assert (ROOT / "scripts" / "readme_screenshots.py").is_file()


def test_make_rule_reads_one_target_and_nothing_after_it():
    makefile = "all: a b\n\techo one\n\techo two\n\nother:\n\techo three\n"
    assert make_rule(makefile, "all") == (["a", "b"], ["echo one", "echo two"])
    assert make_rule(makefile, "missing") == ([], [])
