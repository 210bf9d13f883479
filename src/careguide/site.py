"""The mkdocs-macros entry point: wires one clinic into one MkDocs build.

`define_env` only wires things up (the one hook Zensical will also call): it loads the
clinic named by $CLINIC through the clinic model, applies it to the config, and registers
the macros of `views.MACROS`, each rendering its partial from overrides/.
"""

from __future__ import annotations

import os
from pathlib import Path

import yaml

from markupsafe import Markup, escape
from mkdocs.exceptions import PluginError

from .clinic_file import clinic_files, load_clinic
from .escaping import escaped
from .model import Clinic
from .problems import ProblemsFound
from .views import MACROS, phones, with_spanish_fallbacks

PARTIALS = "partials/careguide"
# Our own UI words, once per language (Material's come from theme.language).
STRINGS = Path("overrides") / "careguide" / "strings.yml"


def ui_strings(root: Path) -> dict:
    """The project's overrides/careguide/strings.yml: language -> the words of our templates.
    Read at every build, so `mkdocs serve` shows an edit to it at once."""
    return yaml.safe_load((root / STRINGS).read_text(encoding="utf-8"))


def build_language(config) -> str:
    """The language this MkDocs build renders.

    mkdocs-static-i18n runs one build per language, each calling every plugin's on_config
    (so `define_env`) before its own on_config sets theme.language; its `current_language`
    already names the language being built (None before its first on_config: the default).
    """
    i18n = config["plugins"].get("i18n")
    return getattr(i18n, "current_language", None) or config["theme"]["language"]


def select_clinic_file(root: Path) -> Path:
    """The file named by $CLINIC, or the only clinic file when there is just one."""
    clinics_dir = root / "clinics"
    wanted = os.environ.get("CLINIC", "").strip()
    available = [path.stem for path in clinic_files(clinics_dir)]
    if wanted:
        path = clinics_dir / f"{wanted}.yml"
        if not path.is_file():
            raise PluginError(
                f"CLINIC={wanted}: there is no clinics/{wanted}.yml; use one of: {', '.join(available) or '(none)'}"
            )
        return path
    if len(available) == 1:
        return clinics_dir / f"{available[0]}.yml"
    raise PluginError(
        "Which clinic? Set CLINIC to one of: "
        f"{', '.join(available) or '(no files in clinics/)'}, e.g. CLINIC={available[0] if available else 'my-clinic'} mkdocs serve"
    )


def apply_clinic(config, clinic: Clinic, root: Path) -> None:
    """Make the site this clinic's: its name, address, output folder, logo and data."""
    config["site_name"] = Markup(escape(clinic.name))
    config["site_url"] = clinic.site_url
    if Path(config["site_dir"]).resolve() == (root / "site").resolve():
        # a plain `mkdocs build` writes beside the other clinics, as `careguide build` does
        config["site_dir"] = str(root / "site" / clinic.id)
    if clinic.logo:
        config["theme"]["logo"] = clinic.logo
    strings = ui_strings(root)
    config["extra"]["clinic"] = escaped(with_spanish_fallbacks(clinic, strings["es"]["missing"]))
    config["extra"]["phones"] = escaped(phones(clinic))
    config["extra"]["strings"] = escaped(strings)
    # The ¶ beside each heading: its tooltip in this build's language.
    config["mdx_configs"].setdefault("toc", {})["permalink_title"] = strings[build_language(config)]["permalink_title"]


def render_partial(templates, name: str, context: dict, config=None) -> Markup:
    # `config` lets partials pick their words by config.theme.language, read at render time:
    # macros render while a page renders, when theme.language is already the page's language.
    html = templates.get_template(f"{PARTIALS}/{name}.html").render(config=config, **escaped(context))
    # Macro output lands inside Markdown: no blank lines, so it stays one raw-HTML block.
    return Markup("\n".join(line for line in html.splitlines() if line.strip()))


def define_env(env) -> None:
    config = env.conf
    root = Path(config["config_file_path"]).parent
    try:
        clinic = load_clinic(select_clinic_file(root), root=root)
    except ProblemsFound as found:
        raise PluginError(f"the clinic file has problems:\n{found}") from None
    apply_clinic(config, clinic, root)

    env.variables["clinic"] = config["extra"]["clinic"]
    env.variables["edition"] = config["extra"]["edition"]
    templates = config["theme"].get_env()
    for name, (template, view) in MACROS.items():
        env.macro(_macro(templates, name, template, view, clinic, config), name)


def _macro(templates, name: str, template: str, view, clinic: Clinic, config):
    """`{{ name() }}` in a page: the view's data rendered by partials/careguide/<template>.html."""

    def macro() -> Markup:
        return render_partial(templates, template, view(clinic), config)

    macro.__name__ = name
    return macro
