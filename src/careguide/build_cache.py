"""Incremental builds (issue 19): a clinic's previous output, reused when nothing it depends on changed.

A clinic's build is a function of its inputs, so its output is kept under a key that hashes
every one of them (INPUTS, the one list of what a build depends on). A change to any input
changes the key, and a key that is not in the cache is built. Nothing is ever compared by
date or guessed: an input left out of INPUTS is the only way to a stale site, so when in
doubt an input goes in (a needless rebuild costs seconds; a stale guide misinforms patients).

An entry is .cache/careguide/builds/<clinic-id>/<engine>-<kind>/ (entry_folder): the
clinic's built folder (site/) and a
manifest (the key, and every file and folder of site/ with its sha256). It is stored only
after the clinic built completely, and atomically: written beside the entry under a temporary
name, then renamed into place. A restore copies the entry into staging and checks the copy
against the manifest: a missing, extra or changed file, or an unreadable manifest, is a miss
(the clinic is built), never a wrong site.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from .model import Clinic

CACHE = Path(".cache") / "careguide"  # in the project folder (.gitignore'd), never read as a project input
ENTRIES = CACHE / "builds"
MANIFEST = "manifest.json"
SITE = "site"
INCOMING = ".incoming-"  # an entry being stored; never read
# What a build reads from the project (project.py, variant.py, the engines): the base config
# every variant inherits, the pages and their images and CSS, the templates, UI strings, search
# terms and print assets, and the macros module. Nothing else at the top level is read.
PROJECT_INPUTS = ("mkdocs.yml", "docs", "overrides", "macros")
NOT_INPUTS = {"__pycache__"}  # written by Python when the macros module is imported
# Environment variables that change a build's output: MkDocs' build date. mkdocs.yml cannot
# read any (!ENV: project.py's safe_load refuses the tag); the project's macros module could,
# and then the whole environment is an input (_environment).
ENVIRONMENT = ("SOURCE_DATE_EPOCH",)
ENVIRONMENT_WORD = re.compile(rb"\b(environ|getenv|putenv)\b")
FONT_FOLDERS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), Path.home() / ".fonts",
                Path.home() / ".local/share/fonts", Path("/etc/fonts"))
DPKG_STATUS = Path("/var/lib/dpkg/status")
DPKG_FIELDS = ("Package:", "Version:", "Architecture:", "Status:")
GIT_WORD = re.compile(rb"\bgit\b")  # mkdocs-macros' `git` variables, as a page, template or macro names them


def package_files() -> list[Path]:
    """careguide's own source: every file of the package that is running."""
    package = Path(__file__).resolve().parent
    return [path for path in sorted(package.rglob("*")) if path.is_file() and not NOT_INPUTS & set(path.relative_to(package).parts)]


def distributions() -> list[tuple[str, str, bytes]]:
    """Every installed distribution: (name, version, its RECORD's bytes: each installed file's hash)."""
    found = []
    for distribution in importlib.metadata.distributions():
        record = distribution.read_text("RECORD") or ""
        found.append((distribution.metadata["Name"] or "", distribution.version or "", record.encode("utf-8")))
    return sorted(found)


def project_files(root: Path) -> list[Path]:
    files = []
    for name in PROJECT_INPUTS:
        path = root / name
        found = [path] if path.is_file() else [p for p in sorted(path.rglob("*")) if p.is_file()]
        files += [p for p in found if not NOT_INPUTS & set(p.relative_to(root).parts)]
    return files


def _file_parts(files: list[Path]):
    for path in files:
        yield path.as_posix().encode("utf-8")
        yield path.read_bytes()


def _project(root: Path, settings: dict):
    yield from _file_parts(project_files(root))


def _careguide_source(root: Path, settings: dict):
    yield from _file_parts(package_files())


def _distributions(root: Path, settings: dict):
    for name, version, record in distributions():
        yield from (name.encode("utf-8"), version.encode("utf-8"), record)


def _python(root: Path, settings: dict):
    yield f"{sys.version}|{sys.executable}|{platform.platform()}".encode("utf-8")


def _fonts(root: Path, settings: dict):
    """What WeasyPrint's text layout can pick a font from: fontconfig's list, and each font and
    fontconfig file by path, size and modification time (a font replaced under the same name)."""
    try:
        listed = subprocess.run(["fc-list", "--format", "%{file}|%{family}|%{style}|%{fontversion}\n"],
                                capture_output=True, check=False).stdout
    except OSError:
        listed = b"no fc-list"
    yield b"\n".join(sorted(listed.splitlines()))
    for folder in FONT_FOLDERS:
        for path in sorted(folder.rglob("*")) if folder.is_dir() else []:
            stat = path.stat() if path.is_file() else None
            if stat:
                yield f"{path}|{stat.st_size}|{stat.st_mtime_ns}".encode("utf-8")


def _system_packages(root: Path, settings: dict):
    """The system's installed packages and versions: WeasyPrint's Pango, HarfBuzz, Cairo and
    friends come from them (all of them: a library left out is a stale PDF)."""
    if DPKG_STATUS.is_file():
        lines = DPKG_STATUS.read_bytes().decode("utf-8", "replace").splitlines()
        yield "\n".join(line for line in lines if line.startswith(DPKG_FIELDS)).encode("utf-8")


def _environment(root: Path, settings: dict):
    reads_any = any(ENVIRONMENT_WORD.search(path.read_bytes()) for path in project_files(root))
    for name in sorted(os.environ) if reads_any else ENVIRONMENT:
        yield f"{name}={os.environ.get(name)!r}".encode("utf-8")


def _git_facts(root: Path, settings: dict):
    """mkdocs-macros offers the repository's last commit to pages and macros as `git`: when the
    project names it, the commit is an input (a new commit then rebuilds every clinic)."""
    if any(GIT_WORD.search(path.read_bytes()) for path in project_files(root)):
        from mkdocs_macros.context import get_git_info

        yield json.dumps(get_git_info(), sort_keys=True, default=str).encode("utf-8")


def _settings(root: Path, settings: dict):
    # the engine, published/preview (addresses at latest/, page.html links), and the project's
    # own path, which the variants give the engine and the macros (docs_dir, overrides)
    yield json.dumps({**settings, "root": str(root)}, sort_keys=True).encode("utf-8")


# Everything a clinic's build depends on besides the clinic itself, each with why (above).
INPUTS = (
    ("project files", _project),  # pages, templates, strings, config: what the editors write
    ("careguide source", _careguide_source),  # the pipeline itself: a code change changes output
    ("distributions", _distributions),  # the lock: MkDocs, Material, Zensical, WeasyPrint, Pagefind
    ("python", _python),  # the interpreter the engines run in
    ("fonts", _fonts),  # the PDFs' glyphs and line breaks
    ("system packages", _system_packages),  # Pango, HarfBuzz, Cairo: the PDFs' layout
    ("environment", _environment),  # variables the engine reads
    ("git facts", _git_facts),  # mkdocs-macros' `git`, if anything uses it
    ("settings", _settings),  # engine, published, preview
)


def shared_key(root: Path, *, engine: str, published: bool, preview: bool) -> str:
    """The hash of every input but the clinic: computed once per build."""
    digest = hashlib.sha256()
    settings = {"engine": engine, "published": published, "preview": preview}
    for kind, parts in INPUTS:
        _add(digest, kind.encode("utf-8"))
        for part in parts(root, settings):
            _add(digest, part)
    return digest.hexdigest()


def clinic_key(shared: str, clinic: Clinic) -> str:
    """The key of one clinic's build: the shared inputs and the validated clinic (with its
    Spanish fallbacks: what the build is given)."""
    digest = hashlib.sha256()
    _add(digest, shared.encode("ascii"))
    _add(digest, clinic.model_dump_json().encode("utf-8"))
    return digest.hexdigest()


def _add(digest, part: bytes) -> None:
    # length-prefixed: no two different lists of parts hash the same
    digest.update(len(part).to_bytes(8, "big"))
    digest.update(part)


def _listing(folder: Path) -> dict | None:
    """Every file (by sha256) and folder under `folder`, by relative path; None if anything
    there is neither (a link): such a site is not cached."""
    files, folders = {}, []
    for path in sorted(folder.rglob("*")):
        name = path.relative_to(folder).as_posix()
        if path.is_symlink():
            return None
        if path.is_dir():
            folders.append(name)
        elif path.is_file():
            files[name] = hashlib.sha256(path.read_bytes()).hexdigest()
        else:
            return None
    return {"files": files, "folders": folders}


def entry_folder(root: Path, clinic_id: str, *, engine: str, published: bool, preview: bool) -> Path:
    """Where a clinic's build of one kind is kept: one entry per clinic, engine and kind, so that
    `careguide build`, `build --preview` and `publish` do not replace each other's."""
    kind = "published" if published else "preview" if preview else "site"
    return root / ENTRIES / clinic_id / f"{engine}-{kind}"


def restore(entry: Path, key: str, target: Path) -> bool:
    """Copy the build stored in `entry` under `key` to `target`, checked file by file against
    its manifest. False (and nothing at `target`) if there is none or it does not check out."""
    try:
        manifest = json.loads((entry / MANIFEST).read_text(encoding="utf-8"))
        if not isinstance(manifest, dict) or manifest.get("key") != key:
            return False
        shutil.copytree(entry / SITE, target, symlinks=True)
    except (OSError, ValueError):
        shutil.rmtree(target, ignore_errors=True)
        return False
    if _listing(target) != {"files": manifest.get("files"), "folders": manifest.get("folders")}:
        shutil.rmtree(target, ignore_errors=True)
        return False
    return True


def store(entry: Path, key: str, built: Path) -> None:
    """Keep the completely built `built` folder as `entry`, under `key`.

    Written under a temporary name beside the entry, the manifest last, then renamed into
    place: an interrupted store leaves the old entry, no entry, or the new one, never part of one.
    A store that fails only costs the next build its reuse: the build itself goes on.
    """
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        incoming = Path(tempfile.mkdtemp(prefix=f"{INCOMING}{entry.name}-", dir=entry.parent))
        old = incoming.with_name(f"{incoming.name}-old")  # the entry it replaces, until it is gone
    except OSError as error:
        print(f"{entry.parent}: not writable ({error.strerror}): this build is not cached", file=sys.stderr)
        return
    try:
        shutil.copytree(built, incoming / SITE, symlinks=True)
        listing = _listing(incoming / SITE)
        if listing is None:
            return
        (incoming / MANIFEST).write_text(json.dumps({"key": key, **listing}, indent=0), encoding="utf-8")
        if entry.exists():
            os.replace(entry, old)
        os.replace(incoming, entry)
    except OSError as error:  # a full disk, or another build storing the same clinic at the same time
        print(f"{entry}: could not store the build ({error.strerror or error}): this build is not cached", file=sys.stderr)
    finally:
        shutil.rmtree(incoming, ignore_errors=True)
        shutil.rmtree(old, ignore_errors=True)
