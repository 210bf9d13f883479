"""An {% if %} or {% for %} left open, or an end tag that closes nothing, found on its line.

Jinja's parser only notices an unclosed block at the end of the page ("Unexpected end of
template"), far from the mistake; this reads the page's tags with Jinja's own lexer (so
{% raw %} and {# comments #} are skipped as Jinja skips them) and keeps a stack of the
blocks still open. `careguide lint` and the build's error path both ask it, so they name
the same line.
"""

from __future__ import annotations

from jinja2 import Environment, TemplateSyntaxError

# Tags that open a block needing its end tag ({% set x = 1 %} does not; {% set x %} does).
BLOCKS = frozenset({"if", "for", "macro", "call", "filter", "with", "block", "autoescape", "set"})
# Tags that continue a block: which blocks each may appear in.
CONTINUES = {"elif": ("if",), "else": ("if", "for")}
_ENVIRONMENT = Environment()


def _tags(body: str):
    """(line, name, assigns) of each {% %} tag: its first word and whether it holds an `=`."""
    tag = None
    for line, kind, value in _ENVIRONMENT.lex(body):
        if kind == "block_begin":
            tag = [line, None, False]
        elif tag is not None and kind == "block_end":
            yield tuple(tag)
            tag = None
        elif tag is not None and kind == "name" and tag[1] is None:
            tag[1] = value
        elif tag is not None and kind == "operator" and value == "=":
            tag[2] = True


def _never_closed(name: str, line: int) -> tuple[int, str]:
    return line, f"this {{% {name} %}} is never closed: add {{% end{name} %}} where its part ends"


def block_problem(body: str, first_line: int = 1) -> tuple[int, str] | None:
    """(file line, what is wrong and how to fix it) of the first unbalanced block tag in a
    page's Markdown, which starts on the file's line `first_line`; None if they balance."""
    open_blocks: list[tuple[str, int]] = []  # (tag, file line), innermost last
    try:
        tags = list(_tags(body))
    except TemplateSyntaxError:  # not a block mistake (an unclosed {{, say): Jinja's own message names it
        return None
    for body_line, name, assigns in tags:
        line = body_line + first_line - 1
        if name in BLOCKS and not (name == "set" and assigns):
            open_blocks.append((name, line))
        elif name in CONTINUES and (not open_blocks or open_blocks[-1][0] not in CONTINUES[name]):
            owners = " or ".join(f"{{% {owner} %}}" for owner in CONTINUES[name])
            return line, f"this {{% {name} %}} is inside no {owners}: remove it, or add the {owners} it belongs to"
        elif name and name.startswith("end") and name[3:] in BLOCKS:
            opened = name[3:]
            if all(tag != opened for tag, _ in open_blocks):
                return line, f"{{% {name} %}} closes nothing: remove it, or add the {{% {opened} %}} it belongs to"
            inner, inner_line = open_blocks.pop()
            if inner != opened:  # {% for %}{% if %}{% endfor %}: the if inside was left open
                return _never_closed(inner, inner_line)
    return _never_closed(*open_blocks[-1]) if open_blocks else None
