import secrets
import socket
from dataclasses import dataclass, field
from pathlib import Path

LOWEST = 20000
_handed_out: set[int] = set()


def _below_ephemeral() -> int:
    """The highest port the kernel never hands to outgoing connections on its own."""
    try:
        low = int(Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        low = 32768
    return max(low - 1, LOWEST + 1000)


def free_port() -> int:
    """A free port below the ephemeral range, so no outgoing connection (of Keycloak, of pip)
    can take it between now and the moment our server binds it; never the same twice."""
    high = _below_ephemeral()
    for _ in range(1000):
        port = LOWEST + secrets.randbelow(high - LOWEST + 1)
        if port in _handed_out:
            continue
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
        _handed_out.add(port)
        return port
    raise RuntimeError(f"no free port between {LOWEST} and {high}")


def port_in_use(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


SERVICE_NAMES = ("identity", "product", "policy", "claims", "ledger", "imports")


@dataclass(frozen=True)
class Ports:
    postgres: int = 55432
    nats: int = 4222
    nats_monitor: int = 8222
    keycloak: int = 8180
    keycloak_management: int = 9180
    gateway: int = 8080
    portal: int = 8000
    services: dict[str, int] = field(
        default_factory=lambda: {
            "identity": 8101,
            "product": 8102,
            "policy": 8103,
            "claims": 8104,
            "ledger": 8105,
            "imports": 8106,
        }
    )

    @classmethod
    def free(cls) -> "Ports":
        return cls(
            postgres=free_port(),
            nats=free_port(),
            nats_monitor=free_port(),
            keycloak=free_port(),
            keycloak_management=free_port(),
            gateway=free_port(),
            portal=free_port(),
            services={name: free_port() for name in SERVICE_NAMES},
        )
