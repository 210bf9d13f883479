"""Published editions: the edition menu on every language's pages.

Material's edition menu reads `../versions.json` from the page's site root and takes the
edition's name from that root's last folder. A language in a folder of its own (es/) has its
root one folder deeper, so the menu would fetch <edition>/versions.json (there is none) and
look for an edition called "es". Its pages' theme settings (the `__config` block) get the
edition's root instead: the menu then finds mike's versions.json and the edition, and a
Spanish page switches to the same Spanish page of the other edition.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

THEME_CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.DOTALL)


class EditionMenuFailed(Exception):
    """A built page lacks the theme settings this step rewrites; one line naming the page."""


def point_menu_at_edition_root(site: Path, folder: str) -> None:
    """Every page of the language site `site` (in `folder`, like "es/"): the theme's base one
    level up per folder, to the edition's root."""
    up = "/.." * folder.count("/")
    for page in sorted(site.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        found = THEME_CONFIG.search(html)
        if not found:
            raise EditionMenuFailed(f"{page}: no theme settings (__config) to point the edition menu at the edition")
        settings = json.loads(found.group(2))
        settings["base"] = settings["base"].rstrip("/") + up
        text = json.dumps(settings, ensure_ascii=False, separators=(",", ":"))
        # as the theme writes it: nothing in the JSON can close the script element
        text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        page.write_text(html[: found.start(2)] + text + html[found.end(2):], encoding="utf-8")
