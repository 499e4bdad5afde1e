"""Every URL pattern of the project, with sample arguments, for tests that must cover every URL."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver

_CONVERTER_SAMPLES = {
    "int": "1",
    "slug": "sample",
    "str": "sample",
    "uuid": "00000000-0000-0000-0000-000000000000",
    "path": "sample",
}


@dataclass(frozen=True)
class Route:
    name: str  # namespace:name, or the route itself for unnamed patterns
    path: str  # with sample values filled in
    pattern: str  # the route as written, e.g. staff/cases/<str:reference>/

    def path_with(self, **values: str) -> str:
        """The path with the given URL arguments (others keep their sample values)."""
        return "/" + _fill(self.pattern, values)


def _walk(patterns: list[URLPattern | URLResolver], prefix: str, namespace: str) -> Iterator[Route]:
    for pattern in patterns:
        route = str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            ns = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _walk(pattern.url_patterns, prefix + route, ns)
        else:
            full = prefix + route
            name = f"{namespace}{pattern.name}" if pattern.name else full
            yield Route(name=name, path="/" + _fill(full, {}), pattern=full)


def _fill(route: str, values: dict[str, str]) -> str:
    route = route.replace("^", "").replace("$", "")
    # regex groups (the API's re_path patterns): (?P<name>...) -> a sample value
    route = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: values.get(m.group(1), "sample"), route)
    return re.sub(
        r"<(?:(\w+):)?(\w+)>",
        lambda m: values.get(m.group(2), _CONVERTER_SAMPLES.get(m.group(1) or "str", "sample")),
        route,
    )


def all_routes() -> list[Route]:
    return sorted(set(_walk(get_resolver().url_patterns, "", "")), key=lambda r: r.name)
