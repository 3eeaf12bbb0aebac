"""On-commit callbacks of a test without the cached pages' version bump (portal/page_cache.py),
which every change of public content registers besides what the test is about."""


def without_page_cache(callbacks: list) -> list:
    return [callback for callback in callbacks if callback.__module__ != "portal.page_cache"]
