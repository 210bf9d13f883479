"""The guide's macros, wired into either engine from `macros/guide.py`'s `define_env`.

Reads only what both engines give `define_env` (Zensical passes a plain dict for the
config): `extra.careguide`, written by careguide.variant before the engine started. The
clinic arrives as JSON of the already validated model; no clinic file is read here.
Each macro renders its view's data through a partial in overrides/partials/careguide/,
with careguide's own Jinja environment (strict: a missing word or value fails the build).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import jinja2
from markupsafe import Markup

from .escaping import escaped
from .model import Clinic
from .views import MACROS

PARTIALS = "partials/careguide"


@cache
def partial_templates(overrides: str) -> jinja2.Environment:
    # Not autoescaped: every value reaching a partial is escaped already (escaping.py),
    # and the partials are shared with the theme's templates, which do not autoescape.
    return jinja2.Environment(loader=jinja2.FileSystemLoader(overrides), undefined=jinja2.StrictUndefined)


def render_partial(templates: jinja2.Environment, name: str, context: dict, config: dict) -> Markup:
    html = templates.get_template(f"{PARTIALS}/{name}.html").render(config=config, **escaped(context))
    # Macro output lands inside Markdown: no blank lines, so it stays one raw-HTML block.
    return Markup("\n".join(line for line in html.splitlines() if line.strip()))


def template_config(conf) -> dict:
    """What partials read as `config`: the build's language and the variant's extra."""
    return {"theme": {"language": conf["extra"]["careguide"]["language"]}, "extra": conf["extra"]}


def register(env) -> None:
    facts = env.conf["extra"]["careguide"]
    clinic = Clinic.model_validate_json(facts["clinic"])
    templates = partial_templates(facts["overrides"])
    config = template_config(env.conf)
    env.variables["clinic"] = escaped(clinic, path="clinic")
    env.variables["edition"] = env.conf["extra"]["edition"]
    for name, (template, view) in MACROS.items():
        env.macro(_macro(templates, name, template, view, clinic, config), name)


class UncalledMacroError(Exception):
    pass


class PageMacro:
    """`{{ name() }}` in a page: the view's data rendered by partials/careguide/<template>.html.

    Written without the (), Jinja would print the function itself ("<function ... at 0x>")
    where the patient expects a phone number: printing a macro is an error instead."""

    def __init__(self, name: str, render) -> None:
        self.__name__, self._render = name, render

    def __call__(self) -> Markup:
        return self._render()

    def __str__(self) -> str:
        raise UncalledMacroError(f"{{{{ {self.__name__} }}}} is a macro: write {{{{ {self.__name__}() }}}}")

    __html__ = __str__


def _macro(templates, name: str, template: str, view, clinic: Clinic, config: dict) -> PageMacro:
    return PageMacro(name, lambda: render_partial(templates, template, view(clinic), config))
