"""Theme files stored once for a network and every edition (careguide/shared_assets.py, issue 19)."""

from __future__ import annotations

import hashlib
import posixpath
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from careguide.shared_assets import SHARED, ClinicSite, keep_files_still_named, share_theme_files
from conftest import CLINIC_IDS, ENGINES, run_careguide

THEME_JS = "console.log('theme');\n"


def shared_name(text: str, name: str) -> str:
    return f"{hashlib.sha256(text.encode()).hexdigest()[:16]}-{name}"


def clinic_folder(staging: Path, clinic_id: str) -> Path:
    """A built clinic in miniature: a page in each language, the theme's script and stylesheet,
    a file only a script names, and a stylesheet that names an image with url()."""
    folder = staging / clinic_id
    (folder / "assets" / "images").mkdir(parents=True)
    (folder / "assets" / "theme.js").write_text(THEME_JS + "load('assets/worker.js');\n")
    (folder / "assets" / "worker.js").write_text("// loaded by its address in theme.js\n")
    (folder / "assets" / "site.css").write_text("p { color: black; }\n")
    (folder / "assets" / "icons.css").write_text("i { background: url(images/i.svg); }\n")
    (folder / "assets" / "images" / "i.svg").write_text("<svg/>\n")
    page = '<link rel="stylesheet" href="{up}assets/site.css"><link rel="stylesheet" href="{up}assets/icons.css"><script src="{up}assets/theme.js"></script>'
    (folder / "index.html").write_text(page.format(up=""))
    (folder / "es" / "faq").mkdir(parents=True)
    (folder / "es" / "faq" / "index.html").write_text(page.format(up="../../"))
    (folder / "404.html").write_text(f'<link rel="stylesheet" href="/net/{clinic_id}/assets/site.css">')
    return folder


def hrefs(page: Path) -> list[str]:
    soup = BeautifulSoup(page.read_text(), "html.parser")
    return [tag.get("href") or tag.get("src") for tag in soup.find_all(["link", "script"]) if tag.get("href") or tag.get("src")]


def share(staging: Path, ids: list[str], published: bool = False) -> None:
    sites = [
        ClinicSite(staging / i, f"https://x.github.io/net/{i}/" + ("latest/" if published else ""), "https://x.github.io/net/")
        for i in ids
    ]
    share_theme_files(staging, sites, published=published)


def test_each_theme_file_is_stored_once_by_its_content_and_every_page_names_it_there(tmp_path):
    for clinic_id in ("north", "south"):
        clinic_folder(tmp_path, clinic_id)
    share(tmp_path, ["north", "south"])
    css = shared_name("p { color: black; }\n", "site.css")
    script = shared_name(THEME_JS + "load('assets/worker.js');\n", "theme.js")
    assert sorted(path.name for path in (tmp_path / SHARED).iterdir()) == sorted([css, script])
    assert hrefs(tmp_path / "north" / "index.html") == [f"../{SHARED}/{css}", "assets/icons.css", f"../{SHARED}/{script}"]
    assert hrefs(tmp_path / "south" / "es" / "faq" / "index.html") == [
        f"../../../{SHARED}/{css}", "../../assets/icons.css", f"../../../{SHARED}/{script}"
    ]
    assert hrefs(tmp_path / "north" / "404.html") == [f"/net/{SHARED}/{css}"]
    # what a script or a stylesheet names by address stays where it was
    assert sorted(p.relative_to(tmp_path / "north").as_posix() for p in (tmp_path / "north" / "assets").rglob("*") if p.is_file()) == [
        "assets/icons.css", "assets/images/i.svg", "assets/worker.js"
    ]


def test_a_published_edition_names_the_shared_files_one_folder_further_up(tmp_path):
    clinic_folder(tmp_path, "north")
    share(tmp_path, ["north"], published=True)
    css = shared_name("p { color: black; }\n", "site.css")
    assert hrefs(tmp_path / "north" / "es" / "faq" / "index.html")[0] == f"../../../../{SHARED}/{css}"  # north/<edition>/es/faq/


def test_a_build_of_some_clinics_keeps_the_shared_files_the_others_still_name(tmp_path):
    out, staging = tmp_path / "out", tmp_path / "staging"
    (out / SHARED).mkdir(parents=True)
    for name in ("aaaaaaaaaaaaaaaa-old.css", "bbbbbbbbbbbbbbbb-unused.css"):
        (out / SHARED / name).write_text(name)
    (out / "south").mkdir()
    (out / "south" / "index.html").write_text(f'<link rel="stylesheet" href="../{SHARED}/aaaaaaaaaaaaaaaa-old.css">')
    (staging / SHARED).mkdir(parents=True)
    keep_files_still_named(out, staging, [out / "south"])
    assert sorted(path.name for path in (staging / SHARED).iterdir()) == ["aaaaaaaaaaaaaaaa-old.css"]


@pytest.mark.parametrize("engine", ENGINES)
def test_a_network_build_stores_the_theme_once_and_every_named_file_exists(engine_site, engine):
    root = engine_site(engine).root
    shared = {path.name for path in (root / SHARED).iterdir()}
    for clinic_id in CLINIC_IDS:
        for page in [root / clinic_id / "index.html", root / clinic_id / "es" / "faq" / "index.html"]:
            names = [posixpath.normpath(page.parent / href) for href in hrefs(page) if SHARED in href]
            assert len(names) >= 4, page  # two stylesheets of the theme, careguide's own, the theme's script
            assert all(Path(name).parent == root / SHARED and Path(name).name in shared for name in names)
    stylesheets = sorted(name for name in shared if name.endswith(".css"))
    assert len(stylesheets) == len({name.split("-", 1)[1] for name in stylesheets})  # one copy of each for all clinics


def test_the_preview_keeps_its_theme_in_its_own_folder(tmp_path):
    done = run_careguide("build", "--preview", "--clinic", CLINIC_IDS[0], "--site-dir", str(tmp_path / "preview"))
    assert done.returncode == 0, done.stderr
    assert not (tmp_path / "preview" / SHARED).exists()
    page = tmp_path / "preview" / CLINIC_IDS[0] / "faq.html"
    assert all((page.parent / href).is_file() for href in hrefs(page) if href and not href.startswith(("http", "#")))
