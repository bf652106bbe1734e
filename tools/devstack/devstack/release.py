"""`make release REGISTRY=<host>/<path> VERSION=<tag>`: the images of `make images` pushed to a
registry, and the production overlay pinned to what was pushed, by digest, in one file: the
Component deploy/k8s/overlays/production/release/kustomization.yaml (the registry, each image's
tag and digest, and the release's version label, from which the realm setup's Job takes its
name)."""

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from devstack import images
from devstack.errors import MissingPrerequisite, StartupFailed

REPO = Path(__file__).resolve().parents[3]
RELEASE_FILE = REPO / "deploy/k8s/overlays/production/release/kustomization.yaml"
DIGEST = re.compile(r"sha256:[0-9a-f]{64}")

HEADER = """\
# The release the production overlay deploys, in one place: the registry its images come from,
# each image's tag and digest (the digest is what runs; the tag names the release), and the
# release's version label, which the realm setup's Job carries in its name. Written by
#   make release REGISTRY={registry}
# after pushing the images (tools/devstack/devstack/release.py); to roll back, restore an earlier
# release's copy of this file.
apiVersion: kustomize.config.k8s.io/v1alpha1
kind: Component

labels:
  - pairs:
      app.kubernetes.io/version: "{tag}"

images:
"""


def image_names() -> dict[str, str]:
    """Each component's image name in the manifests (`backoffice/<name>`), by component."""
    return {
        **{name: c.image for name, c in images.COMPONENTS.items()},
        "portal": images.PORTAL_IMAGE,
    }


def remote_name(registry: str, image: str) -> str:
    return f"{registry.rstrip('/')}/{image.rsplit('/', 1)[1]}"


def push(
    built: dict[str, str], registry: str, tls_verify: bool = True, tag: str = images.TAG
) -> dict[str, str]:
    """Each built image pushed as <registry>/<name>:<tag>; the digests the registry holds."""
    digests = {}
    names = image_names()
    with tempfile.TemporaryDirectory() as folder:
        for name, local in built.items():
            digest_file = Path(folder) / name
            remote = f"{remote_name(registry, names[name])}:{tag}"
            images.podman(
                "push",
                f"--tls-verify={'true' if tls_verify else 'false'}",
                "--digestfile",
                str(digest_file),
                local,
                f"docker://{remote}",
            )
            digest = digest_file.read_text().strip()
            if not DIGEST.fullmatch(digest):
                raise StartupFailed(f"podman push of {remote} gave no digest: {digest!r}")
            digests[name] = digest
    return digests


def render(registry: str, digests: dict[str, str], tag: str = images.TAG) -> str:
    names = image_names()
    lines = [HEADER.format(registry=registry, tag=tag)]
    for name, digest in digests.items():
        lines.append(
            f"  - name: {names[name]}\n"
            f"    newName: {remote_name(registry, names[name])}\n"
            f'    newTag: "{tag}"\n'
            f"    digest: {digest}\n"
        )
    return "".join(lines)


def release(registry: str, tag: str, tls_verify: bool = True, target: Path = RELEASE_FILE) -> Path:
    built = images.build_all(report=True, tag=tag)
    target.write_text(render(registry, push(built, registry, tls_verify, tag), tag))
    return target


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="devstack release")
    parser.add_argument("--registry", required=True, help="<host>[:port]/<path> to push to")
    parser.add_argument("--version", default=images.TAG, help="the release's tag")
    parser.add_argument("--tls-verify", default="true", choices=["true", "false"])
    args = parser.parse_args(argv)
    if not re.fullmatch(r"[\w.-]+(:\d+)?(/[\w.-]+)+", args.registry):
        parser.error("--registry: <host>[:port]/<path>, e.g. registry.example.nl/backoffice")
    if not re.fullmatch(r"[0-9a-z][0-9a-z.-]{0,40}", args.version):
        parser.error("--version: lower-case letters, digits, dots and hyphens (it names a Job)")
    try:
        written = release(args.registry, args.version, args.tls_verify == "true")
    except (MissingPrerequisite, StartupFailed, subprocess.SubprocessError) as exc:
        print(f"make release: {exc}", file=sys.stderr)
        return 1
    print(f"Pushed to {args.registry}; wrote {written.relative_to(REPO)}.")
    return 0
