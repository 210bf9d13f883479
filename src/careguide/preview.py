"""`careguide serve`: an editor's live preview of one clinic in one language (MkDocs' server).

The same variant config as a build, over a pages folder of links to docs/ (so an edited
page is what the preview shows), with docs/, overrides/ and the clinic file watched. A
changed clinic file is read again, through the clinic model, at the next reload.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from .clinic_file import load_clinic
from .project import Project, load_project
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


def serve(root: Path, clinic_file: Path, language: str, address: str) -> None:
    from mkdocs.commands import serve as mkdocs_serve

    work = Path(tempfile.mkdtemp(prefix=".careguide-preview-", dir=root))
    config_file = None

    def fresh_variant() -> Path:
        # Called again before every reload: the clinic file and strings.yml may have changed.
        nonlocal config_file
        project = load_project(root)
        clinic = with_spanish_fallbacks(load_clinic(clinic_file, root=root), project.strings["es"]["missing"])
        docs = work / "docs"
        shutil.rmtree(docs, ignore_errors=True)
        linked_docs(project, language, docs)
        config = preview_config(project, clinic, language, docs_dir=docs, site_dir=work / "site")
        config["watch"] = [str(root / "docs"), str(root / "overrides"), str(clinic_file)]
        config_file = write_variant(project, config, f"preview-{clinic.id}-{language}")
        return config_file

    load_config = mkdocs_serve.load_config

    def load_fresh_config(config_file=None, **options):
        return load_config(config_file=str(fresh_variant()), **options)

    mkdocs_serve.load_config = load_fresh_config  # MkDocs re-reads its config at each reload
    try:
        mkdocs_serve.serve(str(fresh_variant()), dev_addr=address, livereload=True)
    finally:
        mkdocs_serve.load_config = load_config
        if config_file:
            config_file.unlink(missing_ok=True)
        shutil.rmtree(work, ignore_errors=True)
