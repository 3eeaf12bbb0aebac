"""Optional hooks that the domain apps provide once they have the content.

A hook is a dotted path to a function in an app module (``events.selectors.x``). If the
module does not exist yet the hook is absent; any other import error is raised, so a broken
app is never silently skipped.
"""

from collections.abc import Callable
from importlib import import_module
from importlib.util import find_spec


def module_exists(module_path: str) -> bool:
    return find_spec(module_path) is not None


def optional_hook(path: str) -> Callable | None:
    module_path, _, name = path.rpartition(".")
    if not module_exists(module_path):
        return None
    return getattr(import_module(module_path), name, None)
