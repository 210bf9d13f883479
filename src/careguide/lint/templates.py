"""Macros: every macro and variable a page uses exists, found before any build.

The page's Jinja is parsed (not rendered) with jinja2, so a typo such as
`{{ clinc_phone() }}` or `{{ clinic.phnoe }}` is reported on its line, with the names the
project does define. Names: the macros in `careguide.views.MACROS`, `clinic`, `edition`,
the `extra:` keys of mkdocs.yml, mkdocs-macros' own variables, the page's front matter,
and anything the page sets itself. Paths under `clinic.` are checked against the Clinic
model, field by field.
"""

from __future__ import annotations

import difflib
import types
import typing

from jinja2 import Environment, TemplateSyntaxError, meta, nodes
from pydantic import BaseModel

from ..jinja_blocks import block_problem
from ..model import Clinic
from .findings import Finding
from .page import Page

# Variables and macros mkdocs-macros itself gives every page.
MKDOCS_MACROS_NAMES = frozenset(
    "page config extra environment plugin git macros filters filters_builtin navigation files "
    "context macros_info now fix_url".split()
)
_ENVIRONMENT = Environment()


def _suggest(name: str, choices, prefix: str = "") -> str:
    close = difflib.get_close_matches(name, sorted(choices), n=1, cutoff=0.6)
    return f"did you mean `{prefix}{close[0]}`? " if close else ""


def _unwrap(annotation):
    """`X | None` -> X; Annotated types are already plain in pydantic's model_fields."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return args[0] if len(args) == 1 else annotation
    return annotation


def _chain(node) -> tuple[nodes.Node, list]:
    """`clinic.policies['x'].y` -> (Name clinic, [('attr','policies'), ('attr','x'), ('attr','y')])."""
    parts = []
    while True:
        if isinstance(node, nodes.Getattr):
            parts.append(("attr", node.attr))
            node = node.node
        elif isinstance(node, nodes.Getitem):
            arg = node.arg
            if isinstance(arg, nodes.Const) and isinstance(arg.value, str):
                parts.append(("attr", arg.value))
            elif isinstance(arg, nodes.Const) and isinstance(arg.value, int):
                parts.append(("index", None))
            else:
                parts.append(("unknown", None))
            node = node.node
        else:
            return node, parts[::-1]


def check_clinic_path(parts: list) -> tuple[str, str] | None:
    """(path shown to the editor, what is wrong) for the first bad step, or None."""
    current, path = Clinic, "clinic"
    for kind, name in parts:
        current = _unwrap(current)
        is_list = typing.get_origin(current) is list
        if kind == "unknown":
            return None
        if kind == "index":
            if not is_list:
                return None
            current, path = typing.get_args(current)[0], f"{path}[0]"
            continue
        if is_list:
            return (f"{path}.{name}", f"`{path}` is a list; loop over it with {{% for item in {path} %}}")
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None  # a plain value (text, number): its methods are Jinja's business
        fields = current.model_fields
        if name not in fields:
            prefix = f"{path}."
            return (f"{path}.{name}",
                    f"`{path}.{name}` is not a field of the clinic file; {_suggest(name, fields, prefix)}"
                    f"the fields of `{path}` are: {', '.join(fields)}")
        current, path = fields[name].annotation, f"{path}.{name}"
    return None


def _walk(node):
    yield node
    for child in node.iter_child_nodes():
        yield from _walk(child)


def check(page: Page, context) -> list[Finding]:
    offset = page.body_start - 1
    unbalanced = block_problem(page.body, page.body_start)
    if unbalanced:  # before the parser, which would only notice at the end of the page
        return [Finding(page.name, unbalanced[0], "jinja-syntax", unbalanced[1])]
    try:
        tree = _ENVIRONMENT.parse(page.body)
    except TemplateSyntaxError as error:
        return [Finding(page.name, (error.lineno or 1) + offset, "jinja-syntax",
                        f"{error.message.rstrip('.')}; check the {{{{ }}}} and {{% %}} on this line are complete and closed")]
    known = set(context.known_names) | set(page.meta) | set(_ENVIRONMENT.globals)
    found = [
        Finding(page.name, line + offset, "optional-value",
                f"`{path}` is optional: a clinic that leaves it out would stop the build; print it only inside "
                f"`{{% if {path} %}} ... {{% endif %}}`")
        for line, path in unguarded_optional_values(tree)
    ]
    undeclared = meta.find_undeclared_variables(tree)
    seen = set()
    for node in _walk(tree):
        if isinstance(node, nodes.Name) and node.ctx == "load" and node.name in undeclared and node.name not in known:
            key = (node.lineno, node.name)
            if key not in seen:
                seen.add(key)
                found.append(Finding(
                    page.name, node.lineno + offset, "unknown-macro",
                    f"`{node.name}` is not a macro or variable of this project; {_suggest(node.name, known)}"
                    f"the macros are: {', '.join(sorted(context.macro_names))}",
                ))
        elif isinstance(node, nodes.Output):
            for printed in node.nodes:
                if isinstance(printed, nodes.Name) and printed.name in context.macro_names:
                    found.append(Finding(
                        page.name, printed.lineno + offset, "macro-not-called",
                        f"`{{{{ {printed.name} }}}}` prints the macro itself, not what it makes; "
                        f"write `{{{{ {printed.name}() }}}}`",
                    ))
        elif isinstance(node, (nodes.Getattr, nodes.Getitem)):
            base, parts = _chain(node)
            if isinstance(base, nodes.Name) and base.name == "clinic" and "clinic" not in _declared_in_page(tree):
                problem = check_clinic_path(parts)
                if problem and (node.lineno, problem[0]) not in seen:
                    seen.add((node.lineno, problem[0]))
                    found.append(Finding(page.name, node.lineno + offset, "unknown-field", problem[1]))
    return found


def _optional_field(parts: list) -> bool:
    """Whether `clinic.<parts>` names a field a clinic file may leave out."""
    current = Clinic
    for kind, name in parts:
        if kind != "attr" or not (isinstance(_unwrap(current), type) and issubclass(_unwrap(current), BaseModel)):
            return False
        fields = _unwrap(current).model_fields
        # A Spanish value (X_es) is filled with a Spanish notice whenever X is given
        # (views.with_spanish_fallbacks): it is as optional as X.
        field = fields.get(name[: -len("_es")] if name.endswith("_es") else name)
        if field is None:
            return False
        if not field.is_required() and field.default is None:
            return True
        current = field.annotation
    return False


def _path(parts: list) -> str:
    return "clinic." + ".".join(name for _, name in parts)


def unguarded_optional_values(tree) -> list[tuple[int, str]]:
    """(line, path) of each optional clinic value printed outside an {% if %} that tests it."""
    found = []

    def visit(node, tested: frozenset) -> None:
        if isinstance(node, nodes.If):
            tests = [node.test, *node.test.find_all((nodes.Getattr, nodes.Getitem))]
            names = {_path(_chain(n)[1]) for n in tests if isinstance(n, (nodes.Getattr, nodes.Getitem))}
            for child in node.body:
                visit(child, tested | names)
            for child in [*node.elif_, *node.else_]:
                visit(child, tested)
            return
        if isinstance(node, nodes.Output):
            for printed in node.nodes:
                base, parts = _chain(printed)
                if isinstance(base, nodes.Name) and base.name == "clinic" and parts and _optional_field(parts):
                    path = _path(parts)
                    if not any(path == name or path.startswith(name + ".") for name in tested):
                        found.append((printed.lineno, path))
        for child in node.iter_child_nodes():
            visit(child, tested)

    visit(tree, frozenset())
    return found


def _declared_in_page(tree) -> set[str]:
    """Names the page assigns itself ({% set %}, {% for %}), which shadow project names."""
    return {n.name for n in tree.find_all(nodes.Name) if n.ctx in ("store", "param")}
