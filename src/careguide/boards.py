"""The licensing boards a provider's licence may name (careguide/boards.yml).

Package data, not project data: the board ids are part of the clinic model (the schema's
choices), like the checks in fields.py, so they ship with the checker that knows them.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib.resources import files
from typing import Literal

import yaml


@dataclass(frozen=True)
class Board:
    id: str
    name: dict  # language -> the board's name in that language
    lookup: str  # the board's public licence look-up page


BOARDS = {
    board_id: Board(board_id, entry["name"], entry["lookup"])
    for board_id, entry in yaml.safe_load(files("careguide").joinpath("boards.yml").read_text(encoding="utf-8")).items()
}
BoardId = Literal[tuple(BOARDS)]
