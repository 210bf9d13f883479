"""Write one section of bench/RESULTS.md, with the machine, date and reproducing command."""

from __future__ import annotations

import datetime
import os
import platform
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "RESULTS.md"


def machine() -> str:
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{platform.machine()}, {os.cpu_count()} cores, {memory:.0f} GiB, Python {platform.python_version()}, {platform.platform()}"


def write_section(title: str, command: str, goal: str, lines: list[str]) -> None:
    """Replace (or append) the `## title` section of RESULTS.md."""
    section = "\n".join(
        [
            f"## {title}",
            "",
            f"Measured {datetime.date.today().isoformat()} on {machine()}.",
            f"Command: `{command}`",
            f"Goal: {goal}",
            "",
            *lines,
            "",
        ]
    )
    text = RESULTS.read_text() if RESULTS.exists() else "# Benchmarks\n\nRun by hand; each script rewrites its own section.\n"
    pattern = re.compile(rf"^## {re.escape(title)}\n.*?(?=^## |\Z)", re.MULTILINE | re.DOTALL)
    if pattern.search(text):
        text = pattern.sub(lambda _: section + "\n", text, count=1)
    else:
        text = text.rstrip("\n") + "\n\n" + section
    RESULTS.write_text(text.rstrip("\n") + "\n")
    print(f"\nwrote the '{title}' section of {RESULTS.relative_to(ROOT)}", file=sys.stderr)
