"""What an engine said when it stopped, turned into one line an editor can act on.

Engines name a page by its file in the language's staged docs folder: "faq.md" while the
Spanish pages build is docs/faq.es.md. They report it in their own shapes (MkDocs log
records, mkdocs-macros' Markdown error block, Zensical's boxed diagnostics and a Python
traceback on stderr); each parser below picks out the page, the line and what is wrong,
and build.py names the editor's file. Nothing of a traceback reaches the editor.
"""

from __future__ import annotations

import re

from . import EngineFailed

_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_BROKEN_LINK = re.compile(r"Doc file '(?P<page>[^']+)' contains a link '(?P<target>[^']+)', but (?P<why>[^\n]*)")
_DOC_FILE = re.compile(r"Doc file '(?P<page>[^']+)' (?P<what>[^\n]*)")
_MACRO_FILE = re.compile(r"_File_: `(?P<page>[^`]+)`")
_MACRO_ERROR = re.compile(r"_(?P<kind>\w+)_: (?P<what>[^\n]+)")
_MACRO_SYNTAX = re.compile(r"_Line (?P<line>\d+) in Markdown file:_ \*\*(?P<what>.+?)\*\*", re.S)
_TEMPLATE_LINE = re.compile(r'File "<(?:template|unknown)>", line (?P<line>\d+)')
_PYTHON_ERROR = re.compile(r"^(?:RuntimeError: Python error: )?(?P<kind>\w+(?:Error|Exception)): (?P<what>.+)$", re.M)
_BOXED = re.compile(r"^(?:Warning|Error): (?P<what>[^\n]+)\n\s*╭─\[ (?P<page>[^:\]\s]+):(?P<line>\d+):\d+ \]", re.M)
_UNDEFINED = re.compile(r"'(?P<name>\w+)' is undefined|\{\{ (?P<macro>[\w.]+) \}\} is (?:a macro|empty)")

LINK_FIX = "link to a page of the guide by its file name, like [questions people ask](faq.md)"


def _macro(kind: str, what: str, *, page=None, line=None) -> EngineFailed:
    undefined = _UNDEFINED.search(what)
    if undefined and undefined.group("macro"):
        return EngineFailed(what, page=page, line=line, body_line=line is not None, needle=f"{{{{ {undefined.group('macro')} }}}}")
    fix = (
        "use a clinic detail CONTRIBUTING.md lists, like {{ clinic_phone() }} (careguide lint suggests the name)"
        if undefined else "fix the {{ }} or {% %} on that line"
    )
    return EngineFailed(
        f"{kind}: {what}: {fix}", page=page, line=line, body_line=line is not None,
        needle=undefined.group("name") if undefined else None, jinja_syntax=kind == "TemplateSyntaxError",
    )


def from_mkdocs(messages: list[str], fallback: str) -> EngineFailed:
    """MkDocs' warnings and errors of one build, first one first."""
    for message in messages:
        link = _BROKEN_LINK.search(message)
        if link:
            why = link.group("why").rstrip(".")
            return EngineFailed(
                f"the link to {link.group('target')} is broken ({why}): {LINK_FIX}",
                page=link.group("page"), needle=link.group("target"),
            )
        macro_file, syntax = _MACRO_FILE.search(message), _MACRO_SYNTAX.search(message)
        if macro_file and syntax:
            return _macro("TemplateSyntaxError", " ".join(syntax.group("what").split()), page=macro_file.group("page"),
                          line=int(syntax.group("line")))
        macro_error = _MACRO_ERROR.search(message.split("_File_")[-1])
        if macro_file and macro_error:
            at = _TEMPLATE_LINE.search(message)
            return _macro(macro_error.group("kind"), macro_error.group("what"), page=macro_file.group("page"),
                          line=int(at.group("line")) if at else None)
        doc = _DOC_FILE.search(message)
        if doc:
            return EngineFailed(doc.group("what"), page=doc.group("page"))
    first = next((m for m in messages if m.strip()), fallback)
    return EngineFailed(first.strip().splitlines()[0])


def from_zensical(output: str) -> EngineFailed:
    """Zensical's stderr and stdout of one failed build."""
    text = _ANSI.sub("", output)
    errors = [match for match in _PYTHON_ERROR.finditer(text) if "Aborted because" not in match.group("what")]
    at = _TEMPLATE_LINE.search(text)
    if errors and (at or _UNDEFINED.search(errors[-1].group("what"))):
        # A macro error first: the page it broke is missing, so links to it break too.
        last = errors[-1]
        return _macro(last.group("kind"), last.group("what"), line=int(at.group("line")) if at else None)
    boxed = _BOXED.search(text)
    if boxed:
        what = boxed.group("what")
        fix = LINK_FIX if "page does not exist" in what else "see the line named"
        return EngineFailed(f"{what}: {fix}", page=boxed.group("page"), line=int(boxed.group("line")))
    if errors:
        return EngineFailed(f"zensical: {errors[-1].group('kind')}: {errors[-1].group('what')}")
    said = [line.strip() for line in text.splitlines() if line.strip() and not line.startswith((" ", "Traceback"))]
    return EngineFailed("zensical: " + (said[-1] if said else "stopped without saying why"))
