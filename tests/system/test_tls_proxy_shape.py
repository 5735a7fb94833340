"""In production gunicorn is reached only through the TLS-terminating proxy, which sets the
forwarded headers itself; Django trusts them only from the proxy's address (issue 9 item 8)."""

from __future__ import annotations

import ipaddress
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def _compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def _example(name: str) -> str:
    for line in (ROOT / ".env.example").read_text().splitlines():
        if line.startswith(f"{name}="):
            return line.split("=", 1)[1]
    raise AssertionError(f"{name} is not in .env.example")


def test_gunicorn_is_not_published_on_the_host() -> None:
    services = _compose()["services"]
    for name, service in services.items():
        if name != "proxy":
            assert "ports" not in service, f"{name} publishes {service['ports']}"


def test_only_the_proxy_is_published_and_it_speaks_tls() -> None:
    proxy = _compose()["services"]["proxy"]
    assert "443:443" in proxy["ports"]
    conf = (ROOT / "deploy" / "nginx" / "teop.conf").read_text()
    assert "listen 443 ssl" in conf
    assert "return 301 https://" in conf
    assert "proxy_pass http://web:8000" in conf


def test_proxy_overwrites_the_forwarded_headers() -> None:
    headers = (ROOT / "deploy" / "nginx" / "teop-proxy-headers.conf").read_text()
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in headers
    assert "proxy_set_header X-Real-IP         $remote_addr;" in headers


def test_django_trusts_exactly_the_proxy_address() -> None:
    compose = _compose()
    address = compose["services"]["proxy"]["networks"]["default"]["ipv4_address"]
    trusted = [ipaddress.ip_network(c) for c in _example("TEOP_TRUSTED_PROXIES").split(",")]
    assert trusted == [ipaddress.ip_network(f"{address}/32")]
    assert f"--forwarded-allow-ips {address}" in compose["services"]["web"]["command"]


def test_proxy_refuses_bodies_over_the_upload_limit() -> None:
    conf = (ROOT / "deploy" / "nginx" / "teop.conf").read_text()
    limit_mb = int(conf.split("client_max_body_size ")[1].split("m;")[0])
    assert limit_mb * 1024 * 1024 <= int(_example("TEOP_MAX_UPLOAD_BYTES")) + 1024 * 1024
