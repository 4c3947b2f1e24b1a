"""How the CRD schemas in this folder were made: the openAPIV3Schema of every
served version of each CRD, read from the official repository at the release
tag (git dir of a clone, e.g. one brought by the search tool's fetch), with
descriptions dropped to keep the files small.

    python tests/examples/schemas/generate.py <name> <git dir> <ref> <path>...

<name>.json holds {"_source": ..., "kinds": {"<group>/<version>/<Kind>": schema}}.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent


def _git(repo: str, *args: str) -> str:
    return subprocess.run(["git", "-C", repo, *args], capture_output=True, text=True, check=True).stdout


def _strip(node):
    if isinstance(node, dict):
        return {k: _strip(v) for k, v in node.items() if k != "description"}
    if isinstance(node, list):
        return [_strip(v) for v in node]
    return node


def schemas(repo: str, ref: str, paths: list[str]) -> dict:
    kinds = {}
    files = []
    for path in paths:
        listing = _git(repo, "ls-tree", "-r", "--name-only", ref, "--", path).split()
        files += [f for f in listing if f.endswith((".yaml", ".yml"))]
    for file in files:
        for doc in yaml.safe_load_all(_git(repo, "show", f"{ref}:{file}")):
            if not isinstance(doc, dict) or doc.get("kind") != "CustomResourceDefinition":
                continue
            spec = doc["spec"]
            for version in spec["versions"]:
                if not version.get("served", True):
                    continue
                schema = (version.get("schema") or {}).get("openAPIV3Schema")
                if schema:
                    kinds[f"{spec['group']}/{version['name']}/{spec['names']['kind']}"] = _strip(schema)
    return kinds


if __name__ == "__main__":
    name, repo, ref, *paths = sys.argv[1:]
    commit = _git(repo, "rev-parse", f"{ref}^{{commit}}").strip()
    data = {
        "_source": f"{Path(repo).parent.name.replace('+', '/')} {ref} ({commit}) {' '.join(paths)}",
        "kinds": dict(sorted(schemas(repo, ref, paths).items())),
    }
    (HERE / f"{name}.json").write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")
