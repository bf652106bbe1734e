"""Keycloak from its distribution (org.keycloak:keycloak-quarkus-dist, one pinned version), fetched
once with `mvn dependency:copy` into the git-ignored cache, built once for PostgreSQL, and run with
the machine's Java on the stack's own database."""

import hashlib
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

from devstack.errors import MissingPrerequisite, StartupFailed
from devstack.processes import ManagedProcess

VERSION = "26.7.3"
ARTIFACT = f"org.keycloak:keycloak-quarkus-dist:{VERSION}:zip"
BUILD_OPTIONS = (
    "--db=postgres",
    "--health-enabled=true",
    "--metrics-enabled=true",
    "--cache=local",
)


def _java_major() -> int | None:
    java = shutil.which("java")
    if not java:
        return None
    result = subprocess.run([java, "-version"], capture_output=True, text=True, check=False)
    for token in result.stderr.split():
        token = token.strip('"')
        if token[:2].isdigit():
            return int(token.split(".")[0])
    return None


def check_java() -> None:
    major = _java_major()
    if major is None or major < 17:
        raise MissingPrerequisite(
            "Keycloak needs Java 17 or newer: install openjdk-17-jre-headless (or newer)."
        )


class KeycloakDistribution:
    def __init__(self, cache_dir: Path) -> None:
        self.cache_dir = cache_dir / "keycloak"
        self.home = self.cache_dir / f"keycloak-{VERSION}"
        self.kc = self.home / "bin" / "kc.sh"

    def ensure(self) -> None:
        """Fetch, unpack and build the distribution unless that was done before."""
        check_java()
        if not self.kc.exists():
            self._fetch_and_unpack()
        marker = self.home / ".backoffice-build"
        wanted = hashlib.sha256(" ".join(BUILD_OPTIONS).encode()).hexdigest()
        if not marker.exists() or marker.read_text() != wanted:
            result = subprocess.run(
                [str(self.kc), "build", *BUILD_OPTIONS],
                capture_output=True,
                text=True,
                check=False,
            )
            if result.returncode != 0:
                raise StartupFailed(f"Keycloak build failed: {result.stdout[-1500:]}")
            marker.write_text(wanted)

    def _fetch_and_unpack(self) -> None:
        if not shutil.which("mvn"):
            raise MissingPrerequisite(
                "Maven is needed once to fetch Keycloak: install maven (or use a Docker engine "
                "with BACKOFFICE_INFRA=containers)."
            )
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        archive = self.cache_dir / f"keycloak-quarkus-dist-{VERSION}.zip"
        if not archive.exists():
            result = subprocess.run(
                [
                    "mvn",
                    "-q",
                    "-B",
                    "dependency:copy",
                    f"-Dartifact={ARTIFACT}",
                    f"-DoutputDirectory={self.cache_dir}",
                ],
                capture_output=True,
                text=True,
                check=False,
            )
            if result.returncode != 0 or not archive.exists():
                raise StartupFailed(f"Fetching {ARTIFACT} failed: {result.stdout[-1500:]}")
        staging = self.cache_dir / "unpacking"
        shutil.rmtree(staging, ignore_errors=True)
        with zipfile.ZipFile(archive) as zf:
            for info in zf.infolist():
                extracted = Path(zf.extract(info, staging))
                mode = (info.external_attr >> 16) & 0o777
                if mode:
                    extracted.chmod(mode)
        shutil.rmtree(self.home, ignore_errors=True)
        (staging / f"keycloak-{VERSION}").rename(self.home)
        shutil.rmtree(staging, ignore_errors=True)


class Keycloak:
    def __init__(
        self,
        distribution: KeycloakDistribution,
        port: int,
        management_port: int,
        db_url: str,
        db_user: str,
        db_password: str,
        admin_password: str,
    ) -> None:
        self.distribution = distribution
        self.port = port
        self.management_port = management_port
        self.db_url = db_url
        self.db_user = db_user
        self.db_password = db_password
        self.admin_password = admin_password
        self.process: ManagedProcess | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, log_dir: Path, timeout: float = 240) -> None:
        argv = [
            str(self.distribution.kc),
            "start",
            "--optimized",
            "--http-enabled=true",
            "--http-host=127.0.0.1",
            f"--http-port={self.port}",
            f"--http-management-port={self.management_port}",
            "--hostname-strict=false",
            f"--db-url={self.db_url}",
            f"--db-username={self.db_user}",
            f"--db-password={self.db_password}",
        ]
        env = {
            "KC_BOOTSTRAP_ADMIN_USERNAME": "admin",
            "KC_BOOTSTRAP_ADMIN_PASSWORD": self.admin_password,
            # Enough for a local realm; the default takes a share of all the machine's memory.
            "JAVA_OPTS_KC_HEAP": os.environ.get("KC_HEAP", "-Xms128m -Xmx768m"),
        }
        self.process = ManagedProcess("keycloak", argv, log_dir, env=env)
        self.process.start()
        self.process.wait_http(f"http://127.0.0.1:{self.management_port}/health/ready", timeout)

    def stop(self) -> None:
        if self.process is not None:
            self.process.stop(timeout=30)
