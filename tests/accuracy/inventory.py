"""What one set of installed tools offers of what the site documents, as JSON:
the problems the accuracy checks (checks.py) find with them, the flags of
every documented command, the subcommands of each program and documented
group, the parameters of every documented function and the public names of
the modules and classes they live in.

The drift report (scripts/drift.py) runs this twice, in the pinned venv and
in a venv of the newest releases, and compares the two:

    python -m accuracy.inventory [--main VENV --venvs DIR --bin DIR] [--docs DIR]

(PYTHONPATH=tests:plugins). It never fails on a missing tool: what it cannot
check is listed under "errors".
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path

from cheatsheet.core import Entry, SiteLoader, discover

from . import checks, pinned

# Programs whose commands come from an installed binary or package (the
# Docker CLI, Buildx and istioctl come from reference data of the pinned
# release: the same in both runs).
INSTALLED_PROGRAMS = ("kubectl", "helm", "docker-compose", "mlflow", "kfp")
_COMMANDS_HEADING = re.compile(r"^(?=[A-Z])[^:]*\bCommands\b[^:]*:\s*$")
_HELP_COMMAND = re.compile(r"^  ([a-z][\w-]*)(?:,[\w-]+)*\*?\s{2,}\S")

_MEMBERS_PROBE = """
import importlib, inspect, json, sys
out = {}
for dotted in json.loads(sys.argv[1]):
    parts, obj = dotted.split('.'), None
    for split in range(len(parts), 0, -1):
        try:
            obj = importlib.import_module('.'.join(parts[:split]))
            for attribute in parts[split:]:
                obj = getattr(obj, attribute)
            break
        except (ImportError, AttributeError):
            obj = None
    if obj is not None:
        out[dotted] = sorted(n for n in dir(obj) if not n.startswith('_') and callable(getattr(obj, n, None))
                             and not inspect.ismodule(getattr(obj, n, None)))
print(json.dumps(out))
"""


def _guard(call, errors: list[str], what: str):
    """call(), or None with the reason in errors: a missing tool fails a check
    with pytest.fail (an OutcomeException), which is no Exception."""
    try:
        return call()
    except BaseException as error:  # noqa: BLE001 - reported, not raised
        if isinstance(error, KeyboardInterrupt):
            raise
        errors.append(f"{what}: {str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__}")
        return None


def _shown_as(words: list[str]) -> tuple[str, list[str]]:
    """(tool id, words after the program) for a binary's --help."""
    if words[:2] == ["docker", "compose"]:
        return "compose", words[2:]
    if words[0] == "docker-compose":
        return "compose", words[1:]
    return words[0], words[1:]


def _binary_subcommands(tool: str, args: tuple[str, ...]) -> list[str]:
    """The commands a cobra --help lists under its "... Commands:" headings."""
    code, text = checks._help(tool, args)
    names, listing = set(), False
    for line in text.splitlines() if code == 0 else ():
        if _COMMANDS_HEADING.match(line):
            listing = True
        elif not line.strip():
            listing = False
        elif listing and (match := _HELP_COMMAND.match(line)):
            names.add(match.group(1))
    return sorted(names - {"help"})


def _click_subcommands(words: list[str]) -> list[str]:
    import click

    if words[0] == "mlflow":
        from mlflow.cli import cli as root
    else:
        from kfp.cli.cli import cli as root
    command, context = root, click.Context(root, info_name=words[0])
    for word in words[1:]:
        command = command.get_command(context, word) if isinstance(command, click.Group) else None
        if command is None:
            return []
    return sorted(command.list_commands(context)) if isinstance(command, click.Group) else []


def _venv_of(dotted: str) -> str:
    return next((venv for prefix, venv in checks.SDK_VENVS.items()
                 if dotted == prefix or dotted.startswith(prefix + ".")), "main")


def _members(parents: set[str], errors: list[str]) -> dict[str, list[str]]:
    by_venv: dict[str, list[str]] = {}
    for parent in sorted(parents):
        by_venv.setdefault(_venv_of(parent), []).append(parent)
    members: dict[str, list[str]] = {}
    for venv, names in by_venv.items():
        python = pinned.venv_python(venv)
        if not python.is_file():
            errors.append(f"the {venv} venv is not installed ({python})")
            continue
        out = subprocess.run([str(python), "-c", _MEMBERS_PROBE, json.dumps(names)], capture_output=True,
                             text=True, timeout=300)
        if out.returncode != 0:
            errors.append(f"listing {', '.join(names)}: {(out.stderr.strip().splitlines() or ['failed'])[-1]}")
            continue
        members.update(json.loads(out.stdout.strip().splitlines()[-1]))
    return members


def inventory(pages) -> dict:
    errors: list[str] = []
    problems: list[dict] = []
    commands: dict[str, list[str]] = {}
    subcommands: dict[str, list[str]] = {}
    parameters: dict[str, list[str]] = {}
    # What the site documents of each (the same in both runs).
    documented: dict[str, dict[str, set[str]]] = {"flags": {}, "parameters": {}, "names": {}}
    parents: set[str] = set()
    groups: set[tuple[str, ...]] = set()
    for page in pages:
        for entry in page.entries:
            found = _guard(lambda: checks.entry_problems(entry, page.src_path), errors, f"{page.src_path} {entry.id}")
            problems += [{"page": page.src_path, "entry": entry.id, "problem": problem} for problem in found or ()]
            if entry.deprecated and entry.deprecated.removed:
                continue
            if entry.kind == "cli":
                _cli_inventory(entry, commands, groups, documented, errors)
            elif entry.kind == "api":
                _, names = _guard(lambda: checks._signature_names(entry.name), errors, entry.name) or (None, None)
                if names is not None:
                    parameters[entry.name] = sorted(names)
                documented["parameters"].setdefault(entry.name, set()).update(
                    option.name.lstrip("*") for option in entry.options)
                if "." in entry.name:
                    parent, name = entry.name.rsplit(".", 1)
                    parents.add(parent)
                    documented["names"].setdefault(parent, set()).add(name)
    for group in sorted(groups):
        key = " ".join(group)
        if group[0] in ("mlflow", "kfp"):
            listed = _guard(lambda: _click_subcommands(list(group)), errors, key)
        else:
            tool, rest = _shown_as(list(group))
            listed = _guard(lambda: _binary_subcommands(tool, tuple(rest)), errors, key)
        if listed:
            subcommands[key] = listed
    return {"versions": _versions(errors), "problems": problems, "commands": commands,
            "subcommands": subcommands, "parameters": parameters,
            "documented": {kind: {key: sorted(values) for key, values in table.items()}
                           for kind, table in documented.items()},
            "members": _guard(lambda: _members(parents, errors), errors, "members") or {}, "errors": errors}


def _cli_inventory(entry: Entry, commands: dict, groups: set, documented: dict, errors: list[str]) -> None:
    words = checks.command_path(entry.name)
    if not words or words[0] not in INSTALLED_PROGRAMS and words[:2] != ["docker", "compose"]:
        return
    command = _guard(lambda: checks.resolve_command(words), errors, " ".join(words))
    program = ("docker", "compose") if words[:2] == ["docker", "compose"] or words[0] == "docker-compose" else (words[0],)
    groups.add(program)
    if command is None:
        return
    key = " ".join(command.path)
    commands[key] = sorted(command.flags)
    documented["flags"].setdefault(key, set()).update(
        flag.split("=", 1)[0] for option in entry.options for flag in (option.name, option.short)
        if flag and flag.startswith("-"))
    # Each command documents itself in its group's listing.
    for length in range(len(program), len(command.path)):
        documented["names"].setdefault(" ".join(command.path[:length]), set()).add(command.path[length])
    if len(command.path) > len(program):  # the group the command is in: `kubectl rollout`
        groups.add(tuple(command.path[:len(program) + 1]))


def _versions(errors: list[str]) -> dict[str, str]:
    """The version of each installed tool the checks ran against."""
    versions = {}
    for tool in ("kubectl", "helm", "compose"):
        version = _guard(lambda: pinned.binary_version(tool), errors, f"{tool} version")
        if version:
            versions[tool] = version
    return versions


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--main", type=Path, default=pinned.PINNED.main)
    parser.add_argument("--venvs", type=Path, default=pinned.PINNED.venvs)
    parser.add_argument("--bin", type=Path, default=pinned.PINNED.bin)
    parser.add_argument("--docs", type=Path, default=pinned.ROOT / "docs")
    parser.add_argument("--schemas", help="the Kubernetes schema release to check against (1.38)")
    arguments = parser.parse_args(argv)
    pinned.use(pinned.Tools(arguments.main, arguments.venvs, arguments.bin),
               {"kubernetes-schemas": arguments.schemas} if arguments.schemas else None)
    pages = SiteLoader().load(discover(arguments.docs)).pages
    json.dump(inventory(pages), sys.stdout, indent=1, sort_keys=True)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
