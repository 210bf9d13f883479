"""The guide's macros (mkdocs-macros under MkDocs, Zensical's macros shim under Zensical).

`define_env` only wires things up; the macros are careguide.page_macros, and the data
they show was prepared by `careguide build` before the engine started.
"""

from careguide.page_macros import register


def define_env(env) -> None:
    register(env)
