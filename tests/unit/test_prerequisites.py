"""A missing prerequisite is one line saying what to install, not a stack trace."""

import subprocess
import sys
from pathlib import Path

import pytest

from devstack import keycloak
from devstack.errors import MissingPrerequisite

CHECK = Path(__file__).parents[2] / "tools" / "check_prerequisites.py"


def test_missing_java_names_the_package(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(keycloak.shutil, "which", lambda _name: None)
    with pytest.raises(MissingPrerequisite) as raised:
        keycloak.check_java()
    message = str(raised.value)
    assert "\n" not in message and "Java 17" in message and "install" in message


def test_missing_maven_names_the_package(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(keycloak, "check_java", lambda: None)
    monkeypatch.setattr(keycloak.shutil, "which", lambda _name: None)
    with pytest.raises(MissingPrerequisite) as raised:
        keycloak.KeycloakDistribution(tmp_path).ensure()
    assert "install maven" in str(raised.value)


def test_python_check_passes_on_this_python() -> None:
    result = subprocess.run([sys.executable, str(CHECK)], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout == ""
