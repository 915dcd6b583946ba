#!/usr/bin/env python3
"""Refresh the explorer pages' JavaScript libraries from the npm registry.

`src/newskg/serve/static/vendor/VERSIONS.json` pins each library (npm package and version) and
names the files of its published build to ship. This script fetches each package with
`npm pack NAME@VERSION` (the registry's tarball, checked by npm against its integrity hash), copies
those files and the package's licence files (LICENSE*, LICENCE*, COPYING*, at the package root; a
package that ships none names a `license_fallback` file kept under tools/vendor-licenses/) into
`vendor/<name>/`, removes files there that are no longer listed, and writes back into
VERSIONS.json what it copied: the tarball's integrity, and each file's size and SHA-256.
A copied file must be at least MIN_BYTES and at most MAX_BYTES (a build that grew or shrank past
that is probably not the file meant); otherwise nothing is written.

    python tools/vendor_js.py            # fetch and copy (needs node's npm and the registry)
    python tools/vendor_js.py --check    # offline: every listed file is there with its size and hash

Nothing is fetched at run time: the files are committed and shipped inside the package.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENDOR = ROOT / "src" / "newskg" / "serve" / "static" / "vendor"
VERSIONS = VENDOR / "VERSIONS.json"
MIN_BYTES, MAX_BYTES = 1_000, 3_000_000
LICENCE_NAMES = ("LICENSE", "LICENCE", "COPYING")


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def load() -> dict:
    return json.loads(VERSIONS.read_text(encoding="utf-8"))


def check(pins: dict) -> list[str]:
    """What differs between the vendor folder and VERSIONS.json (empty when they agree)."""
    problems = []
    for name, pin in libraries(pins):
        recorded = pin.get("copied", {})
        if not recorded:
            problems.append(f"{name}: nothing recorded as copied; run tools/vendor_js.py")
        for target, want in recorded.items():
            path = VENDOR / name / target
            if not path.is_file():
                problems.append(f"{name}: {target} is missing")
            elif path.stat().st_size != want["bytes"] or sha256(path) != want["sha256"]:
                problems.append(f"{name}: {target} differs from what VERSIONS.json records")
        for target in pin["files"].values():
            if target not in recorded:
                problems.append(f"{name}: {target} is listed but was not copied")
        if not any(t.upper().startswith(LICENCE_NAMES) for t in recorded):
            problems.append(f"{name}: no licence file")
    return problems


def libraries(pins: dict):
    return [(k, v) for k, v in pins.items() if not k.startswith("_")]


def fetch(name: str, pin: dict, work: Path) -> dict:
    """Pack, unpack and copy one library into vendor/<name>/; what was copied."""
    spec = f"{pin['package']}@{pin['version']}"
    out = subprocess.run(["npm", "pack", spec, "--json", "--pack-destination", str(work)],
                         check=True, capture_output=True, text=True, cwd=work)
    packed = json.loads(out.stdout)[0]
    if packed["version"] != pin["version"]:
        raise SystemExit(f"{spec}: npm packed version {packed['version']}")
    unpacked = work / name
    with tarfile.open(work / packed["filename"]) as tar:
        tar.extractall(unpacked, filter="data")
    package = unpacked / "package"
    wanted = dict(pin["files"])
    licences = [p for p in sorted(package.iterdir())
                if p.is_file() and p.name.upper().startswith(LICENCE_NAMES)]
    if not licences:
        fallback = pin.get("license_fallback")
        if not fallback:
            raise SystemExit(f"{spec} ships no licence file and VERSIONS.json names no "
                             f"license_fallback")
        licences = [ROOT / fallback]
        wanted[str(ROOT / fallback)] = "LICENSE"
    else:
        wanted.update({p.name: p.name for p in licences})
    staged = work / f"{name}-out"
    staged.mkdir()
    copied = {}
    for source, target in wanted.items():
        src = Path(source) if Path(source).is_absolute() else package / source
        if not src.is_file():
            raise SystemExit(f"{spec} has no file {source}")
        size = src.stat().st_size
        is_licence = target.upper().startswith(LICENCE_NAMES)
        if not is_licence and not MIN_BYTES <= size <= MAX_BYTES:
            raise SystemExit(f"{spec}: {source} is {size} bytes, outside "
                             f"{MIN_BYTES}–{MAX_BYTES}; check the file list")
        shutil.copyfile(src, staged / target)
        copied[target] = {"bytes": size, "sha256": sha256(staged / target)}
    return {"integrity": packed["integrity"], "copied": dict(sorted(copied.items())),
            "staged": staged}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true",
                        help="only check the vendored files against VERSIONS.json (offline)")
    args = parser.parse_args(argv)
    pins = load()
    if args.check:
        problems = check(pins)
        for p in problems:
            print(f"error: {p}", file=sys.stderr)
        return 1 if problems else 0
    with tempfile.TemporaryDirectory(prefix="newskg-vendor-") as tmp:
        results = {name: fetch(name, pin, Path(tmp)) for name, pin in libraries(pins)}
        # every library fetched and checked: now replace the folders
        for name, result in results.items():
            target = VENDOR / name
            shutil.rmtree(target, ignore_errors=True)
            shutil.copytree(result.pop("staged"), target)
            pins[name].update(result)
            for f, info in result["copied"].items():
                print(f"{pins[name]['package']}@{pins[name]['version']}: {name}/{f} "
                      f"({info['bytes']:,} bytes)")
    VERSIONS.write_text(json.dumps(pins, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
