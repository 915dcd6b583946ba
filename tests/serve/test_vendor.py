"""The explorer's JavaScript libraries: vendored as their published builds, with their licence
files, at the versions VERSIONS.json pins, and shipped inside the package (no CDN at run time)."""
from __future__ import annotations

import importlib.util
import json
import shutil
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "src" / "newskg"
STATIC = PACKAGE / "serve" / "static"


@pytest.fixture(scope="module")
def vendor_js():
    spec = importlib.util.spec_from_file_location("vendor_js", ROOT / "tools" / "vendor_js.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_vendored_files_are_the_ones_versions_json_records(vendor_js):
    pins = vendor_js.load()
    assert vendor_js.check(pins) == []
    assert {p["package"] for _, p in vendor_js.libraries(pins)} == \
        {"@zazuko/yasgui", "vis-network", "vis-timeline"}


def test_a_changed_or_missing_file_is_reported(vendor_js, tmp_path, monkeypatch):
    copy = tmp_path / "vendor"
    shutil.copytree(STATIC / "vendor", copy)
    monkeypatch.setattr(vendor_js, "VENDOR", copy)
    (copy / "vis-network" / "vis-network.min.js").write_text("tampered")
    (copy / "yasgui" / "LICENSE").unlink()
    problems = vendor_js.check(vendor_js.load())
    assert "vis-network: vis-network.min.js differs from what VERSIONS.json records" in problems
    assert "yasgui: LICENSE is missing" in problems


def test_each_build_is_the_pinned_version(vendor_js):
    pins = vendor_js.load()
    for name in ("vis-network", "vis-timeline"):
        build = next(t for t in pins[name]["files"].values() if t.endswith(".js"))
        head = (STATIC / "vendor" / name / build).read_text(encoding="utf-8")[:600]
        assert f"@version {pins[name]['version']}" in head, name


def test_the_pages_load_nothing_from_elsewhere():
    for page in STATIC.glob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "http://" not in text and "https://" not in text.replace(
            "https://w3id.org/newskg/ontology#", ""), page.name


def test_the_static_files_are_package_data():
    patterns = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"][
        "package-data"]["newskg"]
    shipped = {p for pattern in patterns for p in PACKAGE.glob(pattern) if p.is_file()}
    files = {p for p in STATIC.rglob("*") if p.is_file()}
    assert files and files <= shipped, sorted(map(str, files - shipped))[:5]
    assert json.loads((STATIC / "vendor" / "VERSIONS.json").read_text())
