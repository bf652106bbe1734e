"""The catalogue of modules, actions and fixed protocols, kept as data in contracts/."""

import json
import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path


def contracts_dir() -> Path:
    """`BACKOFFICE_CONTRACTS_DIR`, or the repository's contracts/ folder."""
    configured = os.environ.get("BACKOFFICE_CONTRACTS_DIR")
    if configured:
        return Path(configured)
    for parent in Path(__file__).resolve().parents:
        candidate = parent / "contracts"
        if (candidate / "catalogue.json").exists():
            return candidate
    raise RuntimeError("contracts/ not found: set BACKOFFICE_CONTRACTS_DIR")


@dataclass(frozen=True)
class Catalogue:
    modules: dict[str, tuple[str, ...]]
    protocols: dict[str, frozenset[str]]
    raw: dict[str, object]

    @property
    def all_rights(self) -> frozenset[str]:
        return frozenset(f"{m}:{a}" for m, actions in self.modules.items() for a in actions)

    def is_right(self, module: str, action: str) -> bool:
        return action in self.modules.get(module, ())

    def effective_rights(self, protocols: list[str], rights: list[str]) -> frozenset[str]:
        """The union of the protocols' rights and the individual rights."""
        result: set[str] = set(rights)
        for name in protocols:
            result |= self.protocols.get(name, frozenset())
        return frozenset(result & self.all_rights)


@cache
def load_catalogue() -> Catalogue:
    raw = json.loads((contracts_dir() / "catalogue.json").read_text())
    modules = {m["name"]: tuple(m["actions"]) for m in raw["modules"]}
    protocols = {p["name"]: frozenset(p["rights"]) for p in raw["protocols"]}
    return Catalogue(modules=modules, protocols=protocols, raw=raw)
