"""Check documented commands, flags, functions and parameters against the
pinned tools of tools/pins.toml: kubectl, helm and Compose through their own
--help, MLflow and kfp through their click CLIs and Python signatures, and,
for the CLIs whose release cannot be installed here (the Docker 29 CLI,
Buildx, istioctl 1.31), flag tables taken from the official references or,
for istioctl, from the release's cobra source (data/, each naming its
repository, tag and commit)."""

from __future__ import annotations

import importlib
import inspect
import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from cheatsheet.core import Entry

from . import pinned

DATA = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class Command:
    """A command of a real tool as its release knows it."""
    path: tuple[str, ...]           # ('kubectl', 'rollout', 'undo')
    flags: dict[str, bool]          # flag -> whether it takes a value
    deprecated: frozenset[str] = frozenset()
    # pflag stops at the first argument for these (docker run IMAGE COMMAND...)
    stops_at_argument: bool = False


def command_path(name: str) -> list[str]:
    """`kubectl rollout undo` -> ['kubectl', 'rollout', 'undo']; stops at arguments."""
    words = []
    for word in name.split():
        if word.startswith(("-", "<", "[", "{", "$", "'", '"')) or "=" in word or "/" in word:
            break
        words.append(word)
    return words


def _bare(flag: str) -> str:
    return flag.split("=", 1)[0]


# --- reference data (no binary of the release) -------------------------------

@cache
def _reference(file: str) -> dict:
    return json.loads((DATA / file).read_text(encoding="utf-8"))


def _table_command(file: str, words: list[str], extra: tuple[str, ...] = ()) -> Command | None:
    """The longest prefix of words that the reference lists, with its flags."""
    table = _reference(file)
    for length in range(len(words), 0, -1):
        key = " ".join(words[:length])
        if key in table and not key.startswith("_"):
            flags = table[key]
            if isinstance(flags, list):  # istioctl: names only
                flags = {flag: "string" for flag in flags}
            merged = {flag: kind != "bool" for flag, kind in flags.items()}
            for other in extra:  # docker build is buildx build: both tables apply
                forwarded = _reference(other).get(key) or _reference(other).get(key.replace("docker builder", "docker buildx", 1))
                for flag, kind in (forwarded or {}).items():
                    merged.setdefault(flag, kind != "bool")
            deprecated = frozenset(table.get("_deprecated", {}).get(key, ()))
            for flag in deprecated:  # hidden from the generated tables, still accepted
                merged.setdefault(flag, True)
            stops = key in _STOPS_AT_ARGUMENT
            return Command(tuple(words[:length]), merged, deprecated, stops)
    return None


_STOPS_AT_ARGUMENT = {
    "docker run", "docker container run", "docker create", "docker container create",
    "docker exec", "docker container exec", "docker compose run", "docker compose exec",
}


# --- --help of the pinned binaries -------------------------------------------

@cache
def _help(tool: str, args: tuple[str, ...]) -> tuple[int, str]:
    # `kubectl options` prints the global flags itself; with --help it prints nothing.
    arguments = list(args) if args == ("options",) else [*args, "--help"]
    result = pinned.run(tool, *arguments)
    return result.returncode, result.stdout + result.stderr


_KUBECTL_FLAG = re.compile(r"^\s+(?:(-\w), )?(--[\w-]+)(=(\S*))?:", re.MULTILINE)
_COBRA_FLAG = re.compile(r"^[ \t]+(?:(-\w), )?(--[\w-]+)(?: ([\w.\[\]-]+))?(?:[ \t]{2,}|$)", re.MULTILINE)


def _help_flags(tool: str, text: str) -> dict[str, bool]:
    flags = {}
    if tool == "kubectl":
        for short, long, _, default in _KUBECTL_FLAG.findall(text):
            takes_value = default not in ("false", "true")
            flags[long] = takes_value
            if short:
                flags[short] = takes_value
    else:
        for short, long, kind in _COBRA_FLAG.findall(text):
            flags[long] = bool(kind)
            if short:
                flags[short] = bool(kind)
    flags.setdefault("--help", False)
    if tool != "kubectl":
        flags.setdefault("-h", False)
    return flags


def _documents(usage_name: str, code: int, text: str) -> bool:
    """Whether `<path> --help` is the help of that very command: an unknown
    subcommand may print its parent's help and exit 0, so the usage line must
    name the whole path. `kubectl options` has no usage line."""
    if code != 0 or "unknown command" in text:
        return False
    if usage_name == "kubectl options":
        return "can be passed to any command" in text
    usage = re.search(r"(?is)usage:\s*(.+?)(?:\n\s*\n|$)", text)
    return bool(usage and re.search(r"(?<![\w-])" + re.escape(usage_name) + r"(?![\w-])", usage.group(1)))


def _binary_command(tool: str, words: list[str], shown_as: str) -> Command | None:
    """The longest prefix of words (after the program) that --help documents.
    shown_as is how the usage line names the program (docker compose)."""
    for length in range(len(words), 0, -1):
        args = tuple(words[:length])
        code, text = _help(tool, args)
        if _documents(" ".join((shown_as, *args)), code, text):
            flags = _help_flags(tool, text)
            if tool == "kubectl":  # global flags live in `kubectl options`
                flags = {**_help_flags(tool, _help(tool, ("options",))[1]), **flags}
            stops = tool == "compose" and args[0] in ("run", "exec")
            return Command(tuple(shown_as.split()) + args, flags, stops_at_argument=stops)
    if not words:
        code, text = _help(tool, ())
        return Command(tuple(shown_as.split()), _help_flags(tool, text))
    return None


# --- click CLIs (mlflow, kfp) ------------------------------------------------

def _click_command(words: list[str]) -> Command | None:
    import click

    if words[0] == "mlflow":
        from mlflow.cli import cli as root
    else:
        from kfp.cli.cli import cli as root
    command = root
    context = click.Context(root, info_name=words[0])
    depth = 1
    for word in words[1:]:
        if not isinstance(command, click.Group) or word.startswith("-"):
            break
        try:
            found = command.get_command(context, word)
        except click.UsageError:  # kfp's groups refuse unknown names instead of returning None
            found = None
        if found is None:
            break
        command, depth = found, depth + 1
    if depth == 1 and len(words) > 1 and isinstance(command, click.Group):
        return None
    flags = {"--help": False}
    for param in command.params:
        if isinstance(param, click.Option):
            for opt in (*param.opts, *param.secondary_opts):
                flags[opt] = not (param.is_flag or param.count)
    return Command(tuple(words[:depth]), flags)


# --- one entry point ---------------------------------------------------------

def resolve_command(words: list[str]) -> Command | None:
    """The real command the words name (the program first), or None when the
    release has no such command. Words after the command are arguments."""
    program = words[0]
    if program == "docker" and len(words) > 1 and words[1] == "compose":
        return _binary_command("compose", words[2:], "docker compose")
    if program == "docker-compose":
        return _binary_command("compose", words[1:], "docker compose")
    if program == "docker" and len(words) > 1 and words[1] in ("buildx",):
        return _table_command("buildx-flags.json", words)
    if program == "docker" and words[1:2] in (["build"], ["builder"], ["image"]):
        found = _table_command("docker-cli-flags.json", words, extra=("buildx-flags.json",))
        if found and found.path[1:] in (("build",), ("builder", "build"), ("image", "build")):
            return found
        return found or _table_command("buildx-flags.json", words)
    if program == "docker":
        found = _table_command("docker-cli-flags.json", words)
        return found if found and (len(found.path) > 1 or len(words) == 1 or words[1].startswith("-")) else None
    if program == "istioctl":
        found = _table_command("istioctl-flags.json", words)
        return found if found and (len(found.path) > 1 or len(words) == 1) else None
    if program in ("kubectl", "helm"):
        return _binary_command(program, words[1:], program)
    if program in ("mlflow", "kfp"):
        return _click_command(words)
    return None


CHECKED_PROGRAMS = ("docker", "docker-compose", "kubectl", "helm", "istioctl", "mlflow", "kfp")


def flag_problem(command: Command, flag: str, deprecated_ok: bool = False) -> str | None:
    bare = _bare(flag)
    name = " ".join(command.path)
    if bare not in command.flags:
        return f"`{name}` has no flag {bare}"
    if bare in command.deprecated and not deprecated_ok:
        return f"`{name}` {bare} is deprecated"
    return None


def _hidden_flag_accepted(command: Command, flag: str) -> bool:
    """kubectl hides deprecated flags from --help but still parses them: with
    --help it exits 0 for a known flag and 1 for an unknown one."""
    if command.path[0] != "kubectl":
        return False
    bare = _bare(flag)
    value = f"{bare}=1" if bare.startswith("--") else bare
    return pinned.run("kubectl", *command.path[1:], value, "--help").returncode == 0


def cli_problems(entry: Entry) -> list[str]:
    words = command_path(entry.name)
    if not words or words[0] not in CHECKED_PROGRAMS:
        return [f"{entry.id}: no way to check the command '{entry.name}'"]
    command = resolve_command(words)
    if command is None or (len(command.path) < len(words) and words[0] in ("docker", "istioctl")):
        return [f"{entry.id}: `{' '.join(words)}` is not a command of the pinned release"]
    problems = []
    for option in entry.options:
        for flag in filter(None, (option.name, option.short)):
            if flag.startswith("-"):
                problem = flag_problem(command, flag, deprecated_ok=bool(option.deprecated))
                if problem and option.deprecated and _hidden_flag_accepted(command, flag):
                    problem = None
                if problem:
                    problems.append(f"{entry.id}: {problem}")
    return problems


# --- Python APIs -------------------------------------------------------------

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


# Packages installed in their own venv (their pins conflict with the rest).
SDK_VENVS = {"kserve": "kserve", "kubeflow.katib": "katib", "kubeflow.training": "training",
             "kubeflow.trainer": "trainer"}


def _signature_names(dotted: str) -> tuple[str | None, list[str] | None]:
    """(error, parameter names) of a function or class, in the venv that has it."""
    venv = next((v for prefix, v in SDK_VENVS.items() if dotted == prefix or dotted.startswith(prefix + ".")), None)
    if venv:
        return _sdk_signature(venv, dotted)
    try:
        obj = resolve(dotted)
    except (ImportError, AttributeError) as error:
        return f"cannot import {dotted} ({error})", None
    if inspect.ismodule(obj) or not callable(obj):
        return f"{dotted} is not a function or class", None
    try:
        signature = inspect.signature(obj)
    except (TypeError, ValueError):
        return None, None
    return None, [name for name, p in signature.parameters.items()
                  if p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)]


_SDK_PROBE = """
import importlib, inspect, json, sys
dotted = sys.argv[1]
parts = dotted.split('.')
for split in range(len(parts), 0, -1):
    try:
        obj = importlib.import_module('.'.join(parts[:split]))
        for attribute in parts[split:]:
            obj = getattr(obj, attribute)
        break
    except (ImportError, AttributeError):
        obj = None
if obj is None:
    print(json.dumps({'error': 'cannot import ' + dotted}))
elif inspect.ismodule(obj) or not callable(obj):
    print(json.dumps({'error': dotted + ' is not a function or class'}))
else:
    try:
        sig = inspect.signature(obj)
        print(json.dumps({'names': [n for n, p in sig.parameters.items() if p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)]}))
    except (TypeError, ValueError):
        print(json.dumps({'names': None}))
"""


@cache
def _sdk_signature(venv: str, dotted: str) -> tuple[str | None, list[str] | None]:
    import subprocess

    python = pinned.venv_python(venv)
    if not python.is_file():
        import pytest
        pytest.fail(f"the {venv} SDK is not installed: run {pinned.SETUP}", pytrace=False)
    out = subprocess.run([str(python), "-c", _SDK_PROBE, dotted], capture_output=True, text=True, timeout=120)
    answer = json.loads(out.stdout.strip().splitlines()[-1])
    return answer.get("error"), answer.get("names")


def api_problems(entry: Entry) -> list[str]:
    error, names = _signature_names(entry.name)
    if error:
        return [f"{entry.id}: {error}"]
    if names is None:
        return [f"{entry.id}: {entry.name} has no inspectable signature"] if entry.options else []
    return [f"{entry.id}: {entry.name} has no parameter '{option.name}'"
            for option in entry.options if option.name.lstrip("*") not in names]


def _kind_of(entry: Entry) -> tuple[str, str]:
    """apiVersion and kind an entry documents: a resource names both in its
    syntax; pod-spec keys and other file keys are fields of a Pod."""
    if entry.kind == "resource":
        for text in filter(None, (entry.syntax, *(example.code for example in entry.examples))):
            found = dict(re.findall(r"^(apiVersion|kind):\s*(\S+)", text, re.MULTILINE))
            if found.get("kind") == entry.name and "apiVersion" in found:
                return found["apiVersion"], found["kind"]
    return "v1", "Pod"


def field_path_problem(schema: dict, dotted: str) -> str | None:
    """Whether a field path (spec.containers[].image) exists in a schema; a map
    ends the walk, since what follows is one of its keys."""
    from examples.manifests import resolve_subschema

    parts = [part.removesuffix("[]") for part in dotted.split(".")]
    for length in range(1, len(parts) + 1):
        if resolve_subschema(schema, parts[:length]) is None:
            parent = resolve_subschema(schema, parts[:length - 1]) or {}
            if parent.get("additionalProperties") not in (None, False):
                return None
            return f"{dotted}: '{parts[length - 1]}' is not a field there"
    return None


def kubernetes_problems(entry: Entry) -> list[str]:
    """Kubernetes kinds and pod-spec keys: field paths against the 1.37 schemas
    (Gateway API kinds against their CRDs)."""
    from examples.manifests import schema_for

    api_version, kind = _kind_of(entry)
    found = schema_for(api_version, kind)
    if found is None:
        return [f"{entry.id}: no schema for apiVersion {api_version} kind {kind}"]
    return [f"{entry.id}: {kind}: {problem}" for option in entry.options
            if (problem := field_path_problem(found[1], option.name))]


def entry_problems(entry: Entry, page_path: str = "") -> list[str]:
    """What is wrong with one entry, or [] when it is checked and right, or
    not checkable by a program here (other file keys, removed APIs). The
    examples are proven by tests/examples."""
    if entry.deprecated and entry.deprecated.removed:
        return []  # gone from the current release: nothing left to run
    if entry.kind == "cli":
        return cli_problems(entry)
    if entry.kind == "api":
        return api_problems(entry)
    if page_path == "kubernetes/manifests.yml" and entry.kind in ("resource", "file-key"):
        return kubernetes_problems(entry)
    return []
