"""The route table: every operation the services declare in their committed OpenAPI documents
(contracts/openapi/<service>.json), with the (module, action) it needs. Anything else is refused.

Module: the first path segment under /api/; action: GET view, POST create, PUT/PATCH/DELETE
change; an operation may declare otherwise with `x-permission: {module, action}`, or declare
`x-access: authenticated` (administration routes, guarded by role in the identity service).
`x-administration: true` lets the tenant's own administrator in without the module right too
(settings an administrator keeps for the tenant, such as claims authority limits).
"""

import json
import re
from dataclasses import dataclass
from pathlib import Path

from servicekit.access import MODULE_ACCESS

ACTION_OF_METHOD = {"GET": "view", "POST": "create", "PUT": "change", "PATCH": "change"}
ACTION_OF_METHOD["DELETE"] = "change"
METHODS = ("get", "post", "put", "patch", "delete")


@dataclass(frozen=True)
class Route:
    service: str
    method: str
    template: str
    pattern: re.Pattern[str]
    access: str  # servicekit.access: MODULE_, AUTHENTICATED_ or PUBLIC_CLIENT_ACCESS
    module: str | None
    action: str | None
    administration: bool = False

    @property
    def path(self) -> str:
        """The template, as the metrics name a route."""
        return self.template


@dataclass(frozen=True)
class Match:
    route: Route | None
    # The path exists with other methods (405) or not at all (404).
    path_known: bool


def _pattern(template: str) -> re.Pattern[str]:
    parts = re.split(r"(\{[^}/]+\})", template)
    regex = "".join("[^/]+" if p.startswith("{") else re.escape(p) for p in parts)
    return re.compile(f"^{regex}/?$")


def _module_of(path: str) -> str | None:
    segments = path.strip("/").split("/")
    if len(segments) >= 2 and segments[0] == "api":
        return segments[1]
    return None


def route_for(service: str, path: str, method: str, operation: dict[str, object]) -> Route:
    access = str(operation.get("x-access", MODULE_ACCESS))
    module: str | None = None
    action: str | None = None
    if access == MODULE_ACCESS:
        declared = operation.get("x-permission")
        if isinstance(declared, dict):
            module, action = str(declared["module"]), str(declared["action"])
        else:
            module, action = _module_of(path), ACTION_OF_METHOD[method.upper()]
        if module is None:
            raise ValueError(f"{method.upper()} {path} of {service} declares no module")
    administration = operation.get("x-administration") is True
    return Route(
        service, method.upper(), path, _pattern(path), access, module, action, administration
    )


def _prefix(path: str) -> str:
    """The first two segments (`/api/claims`), which no route template leaves open."""
    return "/".join(path.split("/", 3)[:3])


class RouteTable:
    def __init__(self, routes: list[Route]) -> None:
        # Literal segments before templated ones, so /x/me wins over /x/{id}.
        self.routes = sorted(routes, key=lambda r: (r.template.count("{"), -len(r.template)))
        # Looked up by prefix, so a request tries the dozen routes of its module, not all.
        self.by_prefix: dict[str, list[Route]] = {}
        for route in self.routes:
            self.by_prefix.setdefault(_prefix(route.template), []).append(route)

    @classmethod
    def from_contracts(cls, openapi_dir: Path) -> "RouteTable":
        routes: list[Route] = []
        for document in sorted(openapi_dir.glob("*.json")):
            spec = json.loads(document.read_text())
            for path, item in spec.get("paths", {}).items():
                for method in METHODS:
                    if method in item:
                        routes.append(route_for(document.stem, path, method, item[method]))
        return cls(routes)

    def match(self, method: str, path: str) -> Match:
        known = False
        for route in self.by_prefix.get(_prefix(path), ()):
            if route.pattern.match(path):
                if route.method == method.upper():
                    return Match(route, True)
                known = True
        return Match(None, known)
