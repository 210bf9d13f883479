"""`careguide serve`: an editor's live preview of one clinic in one language (MkDocs' server).

The same variant config as a build, over a pages folder of links to docs/ (so an edited
page is what the preview shows), with docs/, overrides/ and the clinic file watched. A
changed clinic file is read again, through the clinic model, at the next reload. A mistake
is one line on the terminal, as `careguide build` says it: at the start it stops the
preview; while serving, the last good pages stay up until the file is fixed.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from .clinic_file import load_clinic
from .problems import ProblemsFound
from .project import Project, ProjectError, load_project
from .variant import variant_config, write_variant
from .views import with_spanish_fallbacks

# For editors only: the "Edit this page" pencil (mkdocs.yml's edit_uri), not on published pages
PREVIEW_FEATURES = ["content.action.edit"]


def linked_docs(project: Project, language: str, target: Path) -> Path:
    """Like variant.language_docs, with links instead of copies, so edits show at once."""
    docs = project.root / "docs"
    for path in sorted(docs.rglob("*")):
        if path.is_file() and path.suffix != ".md":
            (target / path.relative_to(docs)).parent.mkdir(parents=True, exist_ok=True)
            (target / path.relative_to(docs)).symlink_to(path)
    for page in project.pages[language]:
        (target / page.name).symlink_to(page.source)
    return target


def preview_config(project: Project, clinic, language: str, *, docs_dir: Path, site_dir: Path) -> dict:
    """A build's variant config, served at the preview address's root, with the editors' pencil."""
    config = variant_config(project, clinic, language, docs_dir=docs_dir, site_dir=site_dir, published=False)
    config["site_url"] = ""  # served at the root of the preview address, not under the clinic's path
    config["theme"]["features"] = [*project.base["theme"].get("features", []), *PREVIEW_FEATURES]
    return config


class PreviewFailed(Exception):
    """What stops one build of the preview, as the one line to show."""


def _host_and_port(address: str) -> tuple[str, int]:
    host, _, port = address.rpartition(":")
    if not host or not port.isdigit():
        raise PreviewFailed(f"--dev-addr {address}: not an address: write it like 127.0.0.1:8000")
    return host, int(port)


def _server_class():
    from mkdocs.livereload import LiveReloadServer

    class Server(LiveReloadServer):
        def server_bind(self) -> None:
            try:
                super().server_bind()
            except OSError as error:  # the port is taken, say
                host, port = self.server_address[:2]
                raise PreviewFailed(f"--dev-addr {host}:{port}: cannot serve there ({error.strerror}): choose another port") from None
            print(f"Serving on {self.url}: rebuilt when a page, a template or the clinic file changes; Ctrl-C stops.",
                  flush=True)

    return Server


def serve(root: Path, clinic_file: Path, language: str, address: str) -> None:
    """Build once (a failure raises PreviewFailed, ProblemsFound or ProjectError), then serve
    and rebuild after every change. A rebuild's failure is printed as the build prints it, one
    line, and the preview keeps watching: the browser keeps the last good pages until the file
    is fixed."""
    from .build import failure_line
    from .engines import EngineFailed, mkdocs as engine

    host, port = _host_and_port(address)
    url = f"http://{host}:{port}/"
    work = Path(tempfile.mkdtemp(prefix=".careguide-preview-", dir=root))
    served = work / "site"
    config_file = None

    def build() -> None:
        # Everything is read again at each rebuild: the pages, the clinic file and strings.yml may have changed.
        nonlocal config_file
        project = load_project(root)
        clinic = with_spanish_fallbacks(load_clinic(clinic_file, root=root), project.strings["es"]["missing"])
        docs = work / "docs"
        shutil.rmtree(docs, ignore_errors=True)
        linked_docs(project, language, docs)
        config = preview_config(project, clinic, language, docs_dir=docs, site_dir=work / "next")
        config_file = write_variant(project, config, f"preview-{clinic.id}-{language}")
        try:
            engine.build_loaded(engine.load(config_file), serve_url=url)
        except EngineFailed as failed:
            raise PreviewFailed(failure_line(project, language, failed)) from None
        # Served only once whole, so a failed rebuild leaves the browser the last good pages.
        if served.exists():
            served.rename(work / "old")
        (work / "next").rename(served)
        shutil.rmtree(work / "old", ignore_errors=True)

    def rebuild() -> None:
        # LiveReloadServer prints a traceback for whatever its builder raises: say it in one line here.
        try:
            build()
        except (PreviewFailed, ProblemsFound) as error:
            print(error, file=sys.stderr, flush=True)
        except ProjectError as error:
            print(f"careguide: {error}", file=sys.stderr, flush=True)
        else:
            print(f"Rebuilt: {url}", flush=True)

    try:
        build()
        server = _server_class()(builder=rebuild, host=host, port=port, root=str(served))
        for path in (root / "docs", root / "overrides", clinic_file):
            server.watch(str(path))
        try:
            server.serve()
        finally:
            server.shutdown()
    finally:
        if config_file:
            config_file.unlink(missing_ok=True)
        shutil.rmtree(work, ignore_errors=True)
