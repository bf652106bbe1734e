"""Load over HTTP for `make bench`, by wrk (Debian's `wrk` package): a load generator in C, so
the two cores measure the platform rather than a Python client. And an nginx hop (Debian's
`nginx-light`) as the yardstick of what a proxy costs, measured beside the gateway."""

import json
import re
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from devstack.ports import free_port

UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


@dataclass
class Load:
    clients: int
    per_second: float
    p50_ms: float
    p99_ms: float
    errors: int

    def __str__(self) -> str:
        failed = f", {self.errors} failed" if self.errors else ""
        return (
            f"{self.clients:>2} clients: {self.per_second:7.1f}/s, p50 {self.p50_ms:.2f} ms,"
            f" p99 {self.p99_ms:.2f} ms{failed}"
        )


def missing(tool: str) -> str | None:
    """Why `tool` cannot be used, or None."""
    if shutil.which(tool):
        return None
    package = {"wrk": "wrk", "nginx": "nginx-light"}[tool]
    return f"{tool} is not installed (Debian package {package})"


def _millis(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text.strip()).groups()  # type: ignore[union-attr]
    return float(number) * UNITS[unit]


def wrk(
    url: str,
    headers: dict[str, str],
    clients: int,
    seconds: float = 5,
    body: object | None = None,
    expect: int = 200,
) -> Load:
    """`clients` connections for `seconds` (after a second's warm-up); answers other than
    `expect` count as errors."""
    lines = [f"wrk.headers[{json.dumps(k)}] = {json.dumps(v)}" for k, v in headers.items()]
    if body is not None:
        lines += [
            'wrk.method = "POST"',
            'wrk.headers["Content-Type"] = "application/json"',
            f"wrk.body = {json.dumps(json.dumps(body))}",
        ]
    lines += [
        "local failed = 0",
        f"function response(status, headers, body) if status ~= {expect} then"
        " failed = failed + 1 end end",
        "function done(summary, latency, requests)",
        '  io.write(string.format("errors %d\\n", summary.errors.status + failed))',
        "end",
    ]
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write("\n".join(lines) + "\n")
    threads = str(min(clients, 2))
    base = ["wrk", "-t", threads, "-c", str(clients), "-s", script.name, "--latency", url]
    subprocess.run([*base[:1], "-d", "1s", *base[1:]], capture_output=True, check=True)
    out = subprocess.run(
        [*base[:1], "-d", f"{seconds}s", *base[1:]], capture_output=True, text=True, check=True
    ).stdout
    Path(script.name).unlink()
    latency = dict(re.findall(r"^\s*(50|99)(?:\.0+)?%\s+([\d.]+(?:us|ms|s))\s*$", out, re.M))
    if "50" not in latency or "99" not in latency:
        raise RuntimeError(f"wrk said nothing of its latency:\n{out}")
    errors = int(re.search(r"^errors (\d+)$", out, re.M).group(1))  # type: ignore[union-attr]
    per_second = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    return Load(clients, per_second, _millis(latency["50"]), _millis(latency["99"]), errors)


class NginxHop:
    """nginx proxying to one upstream with keep-alive, as a site's edge proxy would."""

    def __init__(self, upstream: str) -> None:
        self.upstream = upstream.removeprefix("http://")
        self.port = free_port()
        self.folder = Path(tempfile.mkdtemp(prefix="bench-nginx-"))
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> "NginxHop":
        config = self.folder / "nginx.conf"
        config.write_text(
            f"""
worker_processes 1;
pid {self.folder}/nginx.pid;
error_log {self.folder}/error.log;
events {{ worker_connections 1024; }}
http {{
  access_log off;
  client_body_temp_path {self.folder};
  proxy_temp_path {self.folder};
  upstream service {{ server {self.upstream}; keepalive 64; }}
  server {{
    listen 127.0.0.1:{self.port};
    location / {{
      proxy_pass http://service;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
    }}
  }}
}}
"""
        )
        self.process = subprocess.Popen(
            ["nginx", "-c", str(config), "-p", str(self.folder), "-g", "daemon off;"],
            stderr=subprocess.DEVNULL,
        )
        time.sleep(0.5)
        return self

    def __exit__(self, *_: object) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
        shutil.rmtree(self.folder, ignore_errors=True)
