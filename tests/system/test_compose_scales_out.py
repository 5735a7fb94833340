"""The production shape scales out (issue 15): several web and worker replicas behind the one
proxy, against the one database and the one Redis; one scheduler only. The same shape runs as
processes in tests/integration/test_two_webs_two_workers.py."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def _replicas(service: dict) -> int:
    value = str(service["deploy"]["replicas"])
    default = re.fullmatch(r"\$\{[A-Z0-9_]+:-(\d+)\}", value)
    return int(default.group(1) if default else value)


def test_web_and_worker_run_several_replicas_and_beat_runs_once() -> None:
    services = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]
    assert _replicas(services["web"]) >= 2
    assert _replicas(services["worker"]) >= 2
    assert _replicas(services["beat"]) == 1
    # A replica publishes no host port (two could not bind the same one); only the proxy does.
    for name in ("web", "worker", "beat"):
        assert "ports" not in services[name], name
    assert (
        services["web"]["environment"]["CELERY_BROKER_URL"]
        == (services["worker"]["environment"]["CELERY_BROKER_URL"])
    )


def test_the_proxy_balances_over_the_web_service_by_name() -> None:
    conf = (ROOT / "deploy" / "nginx" / "teop.conf").read_text()
    assert "proxy_pass http://web:8000" in conf
    assert "172.30.0" not in conf.split("server {", 1)[1]  # no replica's own address
