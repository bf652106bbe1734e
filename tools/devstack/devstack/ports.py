import socket
from dataclasses import dataclass, field


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def port_in_use(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


SERVICE_NAMES = ("identity", "product", "policy", "claims", "ledger")


@dataclass(frozen=True)
class Ports:
    postgres: int = 55432
    nats: int = 4222
    nats_monitor: int = 8222
    keycloak: int = 8180
    keycloak_management: int = 9180
    gateway: int = 8080
    services: dict[str, int] = field(
        default_factory=lambda: {
            "identity": 8101,
            "product": 8102,
            "policy": 8103,
            "claims": 8104,
            "ledger": 8105,
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
            services={name: free_port() for name in SERVICE_NAMES},
        )
