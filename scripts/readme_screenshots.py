"""Regenerate the README's screenshots (`make screenshots`): example-baltimore's home page on
a phone, and page 1 of its sheet for tonight.

Builds the clinic with the project's own CLI into a temporary folder, serves it on
127.0.0.1 and photographs it with Debian's Chromium through Playwright, exactly as the
browser tests do (their serving and browser helpers are reused from tests/browser_checks.py).
The sheet is rendered with poppler's pdftoppm and turned grey: clinics print it, often in black and white.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # the browser tests' helpers, so both see the site alike

from browser_checks import (  # noqa: E402
    CHROMIUM,
    CHROMIUM_ARGS,
    PHONE_VIEWPORT,
    LocalSite,
    keep_requests_local,
    settle_instantly,
)

CLINIC = "example-baltimore"
SHEET = "ketamine-aftercare-tonight.pdf"
OUT = ROOT / ".github" / "readme"
HOME_SHOT = OUT / "home-phone.png"
SHEET_SHOT = OUT / "tonight-sheet.png"
SHEET_DPI = "60"  # legible at README width, a few tens of kilobytes


class ScreenshotFailed(Exception):
    """One line saying what went wrong and how to fix it."""


def build_site(site_dir: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "careguide.cli", "--root", str(ROOT), "build", "--clinic", CLINIC, "--site-dir", str(site_dir)],
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        # WeasyPrint's font warnings are noise here; the build's own problems are the message.
        problems = [line for line in result.stderr.splitlines() if line.strip() and not line.startswith("WARNING")]
        raise ScreenshotFailed(f"careguide build --clinic {CLINIC} failed: {' / '.join(problems) or 'no message'}")


def shoot_home_page(site_dir: Path, target: Path) -> None:
    """The first screen of a small phone in light mode: what a patient sees on opening the guide."""
    if not Path(CHROMIUM).exists():
        raise ScreenshotFailed(f"{CHROMIUM} not found: install Debian's chromium (scripts/install-system-deps)")
    from playwright.sync_api import Error as PlaywrightError, sync_playwright

    site = LocalSite(site_dir)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            context = browser.new_context(viewport=PHONE_VIEWPORT, device_scale_factor=2, color_scheme="light")
            keep_requests_local(context)
            settle_instantly(context)
            page = context.new_page()
            page.goto(site.url(f"/{CLINIC}/"), wait_until="load")
            shot = page.screenshot()  # the viewport only: the top of the page, not the whole page
            browser.close()
    except PlaywrightError as error:
        raise ScreenshotFailed(f"Chromium could not photograph the home page: {str(error).splitlines()[0]}") from None
    finally:
        site.close()
    # A flat interface needs no more than 256 colours: the same picture at less than half the size.
    Image.open(io.BytesIO(shot)).quantize(256, dither=Image.Dither.NONE).save(target, optimize=True)


def render_sheet(site_dir: Path, work_dir: Path, target: Path) -> None:
    """Page 1 of the sheet for tonight, in grey."""
    if shutil.which("pdftoppm") is None:
        raise ScreenshotFailed("pdftoppm not found: install poppler-utils (scripts/install-system-deps)")
    prefix = work_dir / "sheet"
    result = subprocess.run(
        ["pdftoppm", "-png", "-r", SHEET_DPI, "-f", "1", "-l", "1", "-singlefile", str(site_dir / CLINIC / SHEET), str(prefix)],
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise ScreenshotFailed(f"pdftoppm could not render {SHEET}: {result.stderr.strip() or 'no message'}")
    Image.open(prefix.with_suffix(".png")).convert("L").save(target, optimize=True)


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    try:
        with tempfile.TemporaryDirectory(prefix="careguide-screenshots-") as tmp:
            site_dir = Path(tmp) / "site"
            build_site(site_dir)
            shoot_home_page(site_dir, HOME_SHOT)
            render_sheet(site_dir, Path(tmp), SHEET_SHOT)
    except ScreenshotFailed as problem:
        print(f"readme_screenshots: {problem}", file=sys.stderr)
        return 1
    for shot in (HOME_SHOT, SHEET_SHOT):
        print(f"Wrote {shot.relative_to(ROOT)} ({shot.stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
