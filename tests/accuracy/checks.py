"""Check documented commands, flags, functions and parameters against the
real programs: `docker` and `kubectl` --help, the MLflow and kfp packages
(their click CLIs and Python signatures), and, for CLIs that cannot be
installed here, flag lists taken from the official references (data/)."""

from __future__ import annotations

import importlib
import inspect
import json
import re
import subprocess
from functools import cache
from pathlib import Path

from cheatsheet.core import Entry

DATA = Path(__file__).resolve().parent / "data"

# CLIs documented from the official reference because no binary can be had here.
REFERENCE_FLAGS = {
    "docker compose": "docker-plugin-flags.json",
    "docker buildx": "docker-plugin-flags.json",
    "docker-compose": "docker-plugin-flags.json",
    "istioctl": "istioctl-flags.json",
}


def command_path(name: str) -> list[str]:
    """`kubectl rollout undo` -> ['kubectl', 'rollout', 'undo']; stops at arguments."""
    words = []
    for word in name.split():
        if word.startswith(("-", "<", "[", "{")) or "=" in word:
            break
        words.append(word)
    return words


def _flags_of(entry: Entry) -> list[str]:
    flags = []
    for option in entry.options:
        flags.append(option.name)
        if option.short:
            flags.append(option.short)
    return flags


@cache
def _help(command: tuple[str, ...]) -> tuple[int, str]:
    # `kubectl options` prints the global flags itself; with --help it prints nothing.
    arguments = [*command] if command == ("kubectl", "options") else [*command, "--help"]
    result = subprocess.run(arguments, capture_output=True, text=True, timeout=60)
    return result.returncode, result.stdout + result.stderr


def _in_help(flag: str, text: str) -> bool:
    bare = flag.split("=", 1)[0]
    return re.search(r"(?:^|[\s,\[])" + re.escape(bare) + r"(?=[\s,=\[\]]|$)", text, re.MULTILINE) is not None


@cache
def _reference(file: str) -> dict[str, list[str]]:
    return json.loads((DATA / file).read_text(encoding="utf-8"))


def _reference_problems(path: list[str], entry: Entry) -> list[str]:
    key = " ".join(path)
    prefix = next(p for p in REFERENCE_FLAGS if key == p or key.startswith(p + " "))
    table = _reference(REFERENCE_FLAGS[prefix])
    if key not in table:
        return [f"{entry.id}: '{key}' is not in the official reference list {REFERENCE_FLAGS[prefix]}"]
    known = set(table[key])
    return [f"{entry.id}: '{key}' has no flag {flag}" for flag in _flags_of(entry) if flag.split("=", 1)[0] not in known]


def _documents(path: tuple[str, ...], code: int, text: str) -> bool:
    """Whether `<path> --help` is the help of that very command.

    An unknown subcommand may print its parent's help and exit 0, so the
    usage line must name the whole path. `kubectl options` has no usage line.
    """
    if code != 0 or "unknown command" in text:
        return False
    if path == ("kubectl", "options"):
        return "can be passed to any command" in text
    usage = re.search(r"(?is)usage:\s*(.+?)(?:\n\s*\n|$)", text)
    return bool(usage and re.search(r"(?<![\w-])" + re.escape(" ".join(path)) + r"(?![\w-])", usage.group(1)))


def _help_problems(path: list[str], entry: Entry) -> list[str]:
    # Trailing words may be arguments (kubectl get componentstatuses): use
    # the longest prefix that is a command of its own, at least one deep.
    for length in range(len(path), 1, -1):
        command = tuple(path[:length])
        code, text = _help(command)
        if _documents(command, code, text):
            break
    else:
        return [f"{entry.id}: `{' '.join(path)} --help` does not document the command"]
    extra = ""
    if path[0] == "kubectl":
        extra = _help(("kubectl", "options"))[1]  # global flags live there
    return [f"{entry.id}: `{' '.join(command)} --help` has no {flag}"
            for flag in _flags_of(entry) if not _in_help(flag, text) and not _in_help(flag, extra)]


def _click_problems(path: list[str], entry: Entry) -> list[str]:
    import click

    if path[0] == "mlflow":
        from mlflow.cli import cli as root
    else:
        from kfp.cli.cli import cli as root
    command = root
    context = click.Context(root, info_name=path[0])
    for word in path[1:]:
        if not isinstance(command, click.Group):
            return [f"{entry.id}: `{' '.join(path)}`: '{word}' is not a subcommand"]
        found = command.get_command(context, word)
        if found is None:
            return [f"{entry.id}: `{' '.join(path)}`: no subcommand '{word}'"]
        command = found
    known = {opt for param in command.params if isinstance(param, click.Option)
             for opt in (*param.opts, *param.secondary_opts)}
    known.add("--help")
    return [f"{entry.id}: `{' '.join(path)}` has no {flag}" for flag in _flags_of(entry)
            if flag.split("=", 1)[0] not in known]


def cli_problems(entry: Entry) -> list[str]:
    path = command_path(entry.name)
    key = " ".join(path)
    if any(key == prefix or key.startswith(prefix + " ") for prefix in REFERENCE_FLAGS):
        return _reference_problems(path, entry)
    if path[0] in ("docker", "kubectl"):
        return _help_problems(path, entry)
    if path[0] in ("mlflow", "kfp"):
        return _click_problems(path, entry)
    return [f"{entry.id}: no way to check the command '{entry.name}'"]


def resolve(dotted: str):
    """The object a dotted name means, as a reader's code would reach it:
    import the shortest module prefix that works, then getattr the rest
    (mlflow.openai.autolog is the function, not the submodule of that name)."""
    parts = dotted.split(".")
    for split in range(1, len(parts) + 1):
        try:
            obj = importlib.import_module(".".join(parts[:split]))
            for attribute in parts[split:]:
                obj = getattr(obj, attribute)
            return obj
        except (ImportError, AttributeError):
            continue
    raise ImportError(f"no module or attribute reaches {dotted}")


def api_problems(entry: Entry) -> list[str]:
    try:
        obj = resolve(entry.name)
    except (ImportError, AttributeError) as error:
        return [f"{entry.id}: cannot import {entry.name} ({error})"]
    if inspect.ismodule(obj) or not callable(obj):
        return [f"{entry.id}: {entry.name} is not a function or class"]
    try:
        signature = inspect.signature(obj)
    except (TypeError, ValueError):
        return [f"{entry.id}: {entry.name} has no inspectable signature"] if entry.options else []
    names = {name for name, parameter in signature.parameters.items()
             if parameter.kind not in (parameter.VAR_POSITIONAL, parameter.VAR_KEYWORD)}
    return [f"{entry.id}: {entry.name} has no parameter '{option.name}'"
            for option in entry.options if option.name.lstrip("*") not in names]


def kubernetes_problems(entry: Entry) -> list[str]:
    """Kubernetes kinds and pod-spec keys: field paths and example manifests."""
    from .kubernetes_models import BY_KIND, field_path_problems, manifest_problems

    root = BY_KIND.get(entry.name) if entry.kind == "resource" else "V1Pod"
    if root is None:
        return [f"{entry.id}: no client model for the kind {entry.name}"]
    problems = [f"{entry.id}: {p}" for option in entry.options for p in field_path_problems(root, option.name)]
    for example in entry.examples:
        if example.language == "yaml":
            problems += [f"{entry.id}: example '{example.title}': {p}" for p in manifest_problems(example.code)]
    return problems


def entry_problems(entry: Entry, page_path: str = "") -> list[str]:
    """What is wrong with one entry, or [] when it is checked and right, or
    not checkable by a program here (other file keys and manifests, removed APIs)."""
    if entry.deprecated and entry.deprecated.removed:
        return []  # gone from the current release: nothing left to run
    if entry.kind == "cli":
        return cli_problems(entry)
    if entry.kind == "api":
        return api_problems(entry)
    if page_path == "kubernetes/manifests.yml" and entry.kind in ("resource", "file-key"):
        return kubernetes_problems(entry)
    return []
