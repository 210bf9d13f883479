"""`careguide build`: the pipeline, owned by careguide, with the page engine as one step.

    clinics (validated once, Spanish fallbacks applied once)
      -> per clinic, per language: a variant config -> the engine renders HTML into staging
      -> post-build steps over that HTML: the engine's own search removed, the crisis
         guidance checked, the favicon, JSON-LD per page, the security policy, the search index and
         the handouts (booklet and sheet for tonight) per language, the sitemap alternates
      -> the clinic slimmed to what a browser uses (slim.py)
      -> every clinic's theme files stored once, in _assets/ beside the clinics (shared_assets.py)
      -> the network index -> one all-or-nothing switch of staging into the output folder

`--preview` builds the same way, with the pages at page.html (the variant's
use_directory_urls off: Project.with_file_urls) and without PUBLISHING_ONLY, so the editors'
preview opens from files (CONTRIBUTING.md).

With the cache (`careguide build` and `publish` by default; `--no-cache` turns it off), a
clinic whose inputs all hashed the same as a stored build's is restored into staging instead
(build_cache.py); the rest of the pipeline is the same for both.

Clinics are built by a pool of worker processes, each given the validated clinic itself
(never a file name to read again). If anything fails, nothing is switched: the output
folder holds exactly what it held before.
"""

from __future__ import annotations

import ctypes
import shutil
import signal
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from . import build_cache, engines
from .crisis import REQUIRED as CRISIS_GUIDANCE, check_built
from .csp import protect, protect_site
from .favicon import write_mark
from .editions import point_menu_at_edition_root
from .handout import make_handouts, show_sizes
from .jinja_blocks import block_problem
from .model import Clinic
from .page_macros import template_config
from .project import LANGUAGE_NAMES, LANGUAGES, Project, ProjectError, built_page, load_project
from .search import remove_engine_search, write_search_index
from .shared_assets import SHARED, ClinicSite, keep_files_still_named, share_theme_files
from .sitemap import write_sitemaps
from .slim import slim_clinic
from .structured_data import add_structured_data
from .switch import STAGING_PREFIX, SwitchFailed, output_lock, prepare_output, switch_into_place
from .variant import language_docs, site_address, variant_config, write_variant
from .views import with_spanish_fallbacks


# What only a published site uses, left out of the editors' preview opened from files: the
# engine's 404 page (a web server's answer to a wrong address; its links start at the
# clinic's published path) and the sitemaps (for search engines).
PUBLISHING_ONLY = ("404.html", "sitemap.xml", "sitemap.xml.gz")


NO_CACHE_HELP = (
    "build every clinic afresh (default: reuse a clinic's build from .cache/careguide/ when nothing it depends on changed)"
)


class BuildFailed(Exception):
    pass


@dataclass(frozen=True)
class ClinicBuild:
    """Everything one worker needs to build one clinic: data, not names of files to read."""

    project: Project
    clinic: Clinic
    site: Path  # staging/<id>/
    docs: dict  # language -> that language's pages, made once per build (variant.language_docs)
    engine: str
    published: bool  # for `careguide publish`: canonical URLs at latest/, edition selector on
    preview: bool  # for `careguide build --preview`: pages at page.html, to open from files
    token: str  # names this build's variant files


def build_clinics(
    clinics: list[Clinic], root: Path, out: Path, jobs: int, *, engine: str = "mkdocs", published: bool = False,
    preview: bool = False, cache: bool = False,
) -> None:
    """Build `clinics` into out/<id>/; on any failure raise BuildFailed and change nothing.
    `preview`: the editors' preview, to open from files (index.html, then page.html links).
    `cache`: reuse a clinic's stored build when nothing it depends on changed (build_cache.py)."""
    if published and preview:
        raise ValueError("a build is published or a preview, not both")
    made_here = not out.exists()
    settings = {"engine": engine, "published": published, "preview": preview}
    # hashed before the build reads anything, and again after: see _run_cached
    shared = build_cache.shared_key(root, **settings) if cache else None
    try:
        project = load_project(root)
        if preview:
            project = project.with_file_urls()
        prepare_output(out, default=out == root / "site")
        with output_lock(out):
            staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=out))
            try:
                docs = {language: language_docs(project, language, staging / ".docs" / language) for language in LANGUAGES}
                builds = [
                    ClinicBuild(project, _for_every_language(project, c), staging / c.id, docs, engine, published, preview, staging.name)
                    for c in clinics
                ]
                if cache:
                    _run_cached(builds, jobs, root, shared, settings)
                else:
                    _run_all(builds, jobs)
                names = [c.id for c in clinics]
                if not preview:  # the preview is one clinic's folder, opened from files: it keeps its own
                    _share_theme(project, clinics, staging, out, published)
                    names.append(SHARED)
                if len(clinics) > 1:
                    from .network_index import write_network_index

                    write_network_index(clinics, root, staging / "index.html")
                    protect(staging / "index.html", "the network index")
                    names.append("index.html")
                switch_into_place(staging, out, names)
            finally:
                shutil.rmtree(staging, ignore_errors=True)
    except (ProjectError, SwitchFailed, BuildFailed) as error:
        if made_here:  # it did not exist before: leave it not existing
            shutil.rmtree(out, ignore_errors=True)
        raise BuildFailed(f"{error}\nNothing was written: {out}/ is unchanged.") from None


def _share_theme(project: Project, clinics: list[Clinic], staging: Path, out: Path, published: bool) -> None:
    sites = [
        ClinicSite(staging / c.id, site_address(c, LANGUAGES[0], project, published), c.site_url.removesuffix(f"{c.id}/"))
        for c in clinics
    ]
    share_theme_files(staging, sites, published=published)
    rebuilt = {c.id for c in clinics}
    others = [folder for folder in out.iterdir() if folder.is_dir() and folder.name not in rebuilt and not folder.name.startswith((".", SHARED))]
    keep_files_still_named(out, staging, others)


def _for_every_language(project: Project, clinic: Clinic) -> Clinic:
    return with_spanish_fallbacks(clinic, project.strings["es"]["missing"])


def _run_cached(builds: list[ClinicBuild], jobs: int, root: Path, shared: str, settings: dict) -> None:
    """Restore each clinic whose key is stored, build the others and store those that built.
    `shared`: the key of every input but the clinic (build_cache.shared_key), hashed before
    the build read anything; if the inputs hash differently after it, a file changed while
    the engine read it, and what was built is stored under no key."""
    keys = {build.clinic.id: build_cache.clinic_key(shared, build.clinic) for build in builds}
    entries = {build.clinic.id: build_cache.entry_folder(root, build.clinic.id, **settings) for build in builds}
    missed = [build for build in builds if not build_cache.restore(entries[build.clinic.id], keys[build.clinic.id], build.site)]
    reused = len(builds) - len(missed)
    why = "nothing they depend on changed" if reused else "none had a stored build of the same inputs"
    print(f"Reused {reused} of {len(builds)} clinics from {build_cache.CACHE} ({why})")
    if not missed:
        return
    errors = _build_each(missed, jobs)
    if build_cache.shared_key(root, **settings) != shared:
        print(f"{build_cache.CACHE}: a project file changed during the build: nothing was stored; "
              "the next build builds these clinics again", file=sys.stderr)
    else:
        for build, error in zip(missed, errors, strict=True):
            if not error:  # only a clinic that built completely
                build_cache.store(entries[build.clinic.id], keys[build.clinic.id], build.site)
    _raise_failures(errors)


def _run_all(builds: list[ClinicBuild], jobs: int) -> None:
    _raise_failures(_build_each(builds, jobs))


def _build_each(builds: list[ClinicBuild], jobs: int) -> list[str | None]:
    """Each build's failure, or None: in the order of `builds`."""
    with ProcessPoolExecutor(max_workers=max(1, min(jobs, len(builds))), initializer=_worker_setup) as pool:
        try:
            return list(pool.map(_build_in_worker, builds))
        except KeyboardInterrupt:
            pool.shutdown(wait=True, cancel_futures=True)
            raise


def _raise_failures(errors: list[str | None]) -> None:
    failures = [error for error in errors if error]
    if failures:
        raise BuildFailed("\n".join(failures))


def _worker_setup() -> None:
    # Ctrl-C is the parent's to handle (it stops the build and keeps site/ as it was); and a
    # worker whose parent dies (kill -9) dies too instead of building on as an orphan.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    PR_SET_PDEATHSIG = 1
    ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def _build_in_worker(build: ClinicBuild) -> str | None:
    try:
        build_clinic(build)
    except KeyboardInterrupt:
        raise
    except BaseException as error:  # noqa: BLE001 - WeasyPrint's fetch errors are BaseExceptions; one clinic's failure is reported
        return f"{build.clinic.id}: build failed: {error}"
    return None


def build_clinic(build: ClinicBuild) -> None:
    project, clinic = build.project, build.clinic
    engine = engines.engine(build.engine)
    configs = {}
    for language in LANGUAGES:  # English first: its engine build empties the clinic's folder
        config = variant_config(
            project, clinic, language, docs_dir=build.docs[language], site_dir=build.site / project.folder(language),
            published=build.published, preview=build.preview,
        )
        path = write_variant(project, config, f"{build.token}-{clinic.id}-{language}")
        try:
            engine.render(path)
        except engines.EngineFailed as failed:
            raise engines.EngineFailed(failure_line(project, language, failed)) from None
        finally:
            path.unlink(missing_ok=True)
        configs[language] = config
    home = configs[LANGUAGES[0]]["site_url"]  # the clinic's one address in every language's JSON-LD
    for language, config in configs.items():
        site = Path(config["site_dir"])
        remove_engine_search(site, engine.OWN_SEARCH)
        if build.preview:
            for name in PUBLISHING_ONLY:
                (site / name).unlink(missing_ok=True)
        if build.published and project.folder(language):
            point_menu_at_edition_root(site, project.folder(language))
        write_mark(project, clinic, site)
        sources = {built_page(site, page.url): page.source.relative_to(project.root).as_posix() for page in project.pages[language]}
        for page in project.pages[language]:
            built = built_page(site, page.url)
            check_built(built.read_text(encoding="utf-8"), sources[built], CRISIS_GUIDANCE.get(page.name, ()))
        add_structured_data(project, clinic, language, site, address=config["site_url"], home=home)
        other_languages = {Path(other["site_dir"]) for other in configs.values() if other is not config}
        protect_site(site, sources, skip={folder for folder in other_languages if folder.is_relative_to(site)})
        write_search_index(site, language, project.pages[language], project.search_terms[language])
        sizes = make_handouts(project, clinic, language, site, address=config["site_url"], config=template_config(config))
        show_sizes(project, language, site, sizes)
    if not build.preview:
        write_sitemaps(project, build.site, {language: config["site_url"] for language, config in configs.items()})
    slim_clinic(
        build.site, [Path(configs[language]["site_dir"]) for language in LANGUAGES], project.print_assets, urlsplit(home).path,
    )


def failure_line(project: Project, language: str, failed: engines.EngineFailed) -> str:
    """The engine's complaint, prefixed with the editor's file and line when it named a page."""
    pages = {page.name: page for page in project.pages[language]}
    page, line = pages.get(failed.page or ""), failed.line
    candidates = [page] if page else project.pages[language]
    if failed.jinja_syntax:  # Jinja notices a block left open only at the page's end
        for candidate in candidates:
            lines = candidate.source.read_text(encoding="utf-8").splitlines()
            unbalanced = block_problem("\n".join(lines[candidate.body_start - 1 :]), candidate.body_start)
            if unbalanced:
                return f"{candidate.source.relative_to(project.root).as_posix()}:{unbalanced[0]}: {unbalanced[1]}"
    if failed.needle:  # the text itself says where it is, better than a line the engine counted
        for candidate in candidates:
            numbered = enumerate(candidate.source.read_text(encoding="utf-8").splitlines(), start=1)
            found = next((number for number, text in numbered if failed.needle in text), None)
            if found is not None:
                return f"{candidate.source.relative_to(project.root).as_posix()}:{found}: {failed.message}"
    if line is not None and page is not None and failed.body_line:
        line += page.body_start - 1
    if page is None:
        at = f" (line {line} of a page's text)" if line else ""
        return f"the {LANGUAGE_NAMES[language]} pages{at}: {failed.message}"
    return f"{page.source.relative_to(project.root).as_posix()}:{line or 1}: {failed.message}"
