"""What the page engine is given: one config per clinic and language, made before it starts.

A variant is a config file that inherits the project's mkdocs.yml (MkDocs' and Zensical's
`INHERIT`) and differs from it only in what is really per clinic and language: the site's
name, address and folder, the language, the pages of that language, and the clinic's
display values. Every clinic string in it is already escaped for where it lands
(`escaping.inert`), because neither engine's theme templates autoescape; the clinic itself
travels as JSON for the macros (`careguide.page_macros`), which need the typed model.

Variant files sit in the project folder, beside mkdocs.yml, so that every relative path of
the base config (docs_dir, custom_dir, the macros module) means what it means there.
"""

from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path

from markupsafe import escape

from .escaping import escaped, escaped_words, inert
from .favicon import favicon_path
from .model import Clinic
from .project import LANGUAGES, Project, source_name
from .views import phones, role_in

PDF_NAME = "ketamine-aftercare-guide.pdf"
TONIGHT_NAME = "ketamine-aftercare-tonight.pdf"  # the one-page sheet for tonight
VARIANT_PREFIX = ".careguide-variant-"  # in the project folder; .gitignore'd, removed after each build


def language_docs(project: Project, language: str, target: Path) -> Path:
    """The pages of one language, under the names their URLs need (faq.es.md -> faq.md),
    with every other file of docs/ (images, CSS) beside them. Made once per build."""
    docs = project.root / "docs"
    for path in sorted(docs.rglob("*")):
        if path.is_dir() or path.suffix == ".md":
            continue
        (target / path.relative_to(docs)).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, target / path.relative_to(docs))
    for page in project.pages[language]:
        shutil.copy2(page.source, target / page.name)
    return target


def site_address(clinic: Clinic, language: str, project: Project, published: bool) -> str:
    """Where this language of the clinic's guide is read: published editions are canonical at latest/."""
    return clinic.site_url + ("latest/" if published else "") + project.folder(language)


def variant_config(
    project: Project, clinic: Clinic, language: str, *, docs_dir: Path, site_dir: Path, published: bool,
    preview: bool = False,
) -> dict:
    """`published`: an edition for `careguide publish` (canonical at latest/, the edition
    selector); `preview`: the editors' preview opened from files (`careguide build
    --preview`, with the project's pages at page.html: Project.with_file_urls), whose search
    box says it works on the published guide."""
    base = project.base
    words = project.strings[language]
    theme = {
        "language": language,
        # the light/dark toggles of base theme.palette, in order, named in this language
        "palette": [
            {**scheme, "toggle": {**scheme["toggle"], "name": name}}
            for scheme, name in zip(base["theme"]["palette"], words["palette_toggles"], strict=True)
        ],
    }
    if clinic.logo:
        theme["logo"] = clinic.logo
    theme["favicon"] = favicon_path(clinic)  # its logo, or a mark the build writes (careguide/favicon.py)
    extensions = copy.deepcopy(base["markdown_extensions"])
    for index, extension in enumerate(extensions):
        if isinstance(extension, dict) and "toc" in extension:
            extensions[index] = {"toc": {**extension["toc"], "permalink_title": words["permalink_title"]}}
    config = {
        "INHERIT": "mkdocs.yml",
        "site_name": inert(clinic.name),
        "site_description": escape(words["site_description"]),
        "site_url": site_address(clinic, language, project, published),
        "docs_dir": str(docs_dir),
        "site_dir": str(site_dir),
        "use_directory_urls": project.directory_urls,
        "theme": theme,
        "markdown_extensions": extensions,
        "nav": [{words["nav"][page.name]: page.name} for page in project.pages[language]],
        "extra": {
            "edition": project.edition,
            "clinic": {
                "name": inert(clinic.name),
                "example": clinic.example,
                # named in every page's review-dates footer
                "reviewer": {"name": inert(clinic.reviewer.name), "role": inert(role_in(clinic.reviewer, language))},
            },
            # CSS, not HTML: validated #rrggbb values only (fields.Colour), written as they are
            "colors": {"primary": clinic.colors.primary, "accent": clinic.colors.accent},
            "phones": escaped(phones(clinic)),
            "strings": escaped_words(project.strings),
            "alternate": [
                {"name": project.strings[other]["language_name"], "lang": other, "link": _twin_folder(project, language, other)}
                for other in LANGUAGES
            ],
            "pdf": {"url": PDF_NAME, "tonight": TONIGHT_NAME},
            "version": {"provider": "mike"} if published else None,
            "careguide": {
                "clinic": clinic.model_dump_json(),
                "language": language,
                "overrides": str(project.overrides),
                # from this language's root up to the edition's: "" for English, "../" for es/
                "edition_root": "../" * project.folder(language).count("/"),
                "preview": preview,
            },
        },
    }
    if base.get("edit_uri"):
        # "Edit this page" opens the file the editor writes (faq.es.md), not its name in the build
        config["edit_uri_template"] = base["edit_uri"] + source_name("{path_noext}.md", language)
        config["edit_uri"] = None  # the template replaces it (both set is a warning, so an error)
    return config


def _twin_folder(project: Project, language: str, other: str) -> str:
    """From the home of `language` to the home of `other`, relative (the site works under
    any path: a published edition, 127.0.0.1 in tests); the switcher puts it between the
    way up to this home (base_url) and the page (overrides/partials/alternate.html)."""
    if other == language:
        return ""
    return "../" * project.folder(language).count("/") + project.folder(other)


def write_variant(project: Project, config: dict, name: str) -> Path:
    """The config as a file beside mkdocs.yml (JSON is YAML), for any engine to read."""
    path = project.root / f"{VARIANT_PREFIX}{name}.yml"
    path.write_text(json.dumps(config, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
    return path
