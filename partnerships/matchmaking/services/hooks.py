"""Steps that follow from others (kept in one place so the order of effects is visible)."""

from __future__ import annotations


def profile_received(*, profile, by) -> None:
    """A request became a profile: the office opens a matchmaking case for it (once cases
    exist; see ``services.cases``)."""
    from importlib.util import find_spec

    if find_spec("partnerships.matchmaking.services.cases") is None:
        return
    from partnerships.matchmaking.services.cases import case_open

    case_open(profile=profile, by=by)
