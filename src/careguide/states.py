"""Help that depends on the clinic's state: its crisis line, relay service and licensing boards.

911, 988 and Poison Help are national, written in the guide. What differs by state comes
from careguide/states.yml (sourced entries; Maryland today) or, for a state that file does
not cover, from the clinic file's `state_help:`. One source per state: a clinic may not
restate a covered state, and `careguide check` refuses a location in a state with neither
(clinic_file.py). Package data, like the checks in fields.py: it ships with the checker.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib.resources import files

import yaml

from .model import Board, Clinic, StateHelp

STATES: dict[str, StateHelp] = {
    code: StateHelp.model_validate(entry)
    for code, entry in yaml.safe_load(files("careguide").joinpath("states.yml").read_text(encoding="utf-8")).items()
}


@dataclass(frozen=True)
class LicensingBoard:
    """A board as pages show it: its name per language, the state it licenses in, where to look."""

    id: str
    name: dict  # language -> name
    licenses: dict  # language -> who it licenses
    state: dict  # language -> the state's name
    lookup: str


def clinic_states(clinic: Clinic) -> list[str]:
    """The states of the clinic's locations, in the order the file first names them."""
    return list(dict.fromkeys(location.state for location in clinic.locations))


def state_help(clinic: Clinic) -> dict[str, StateHelp]:
    """Each of the clinic's states that has help, from states.yml or the clinic file."""
    found = {code: STATES.get(code) or clinic.state_help.get(code) for code in clinic_states(clinic)}
    return {code: entry for code, entry in found.items() if entry}


def licensing_boards(clinic: Clinic) -> dict[str, LicensingBoard]:
    """The boards a provider of this clinic may hold a license from, by id."""
    return {
        board.id: _shown(board, entry)
        for entry in state_help(clinic).values()
        for board in entry.boards
    }


def _shown(board: Board, state: StateHelp) -> LicensingBoard:
    return LicensingBoard(
        board.id,
        {"en": board.name, "es": board.name_es},
        {"en": board.licenses, "es": board.licenses_es},
        {"en": state.name, "es": state.name_es},
        board.lookup,
    )
