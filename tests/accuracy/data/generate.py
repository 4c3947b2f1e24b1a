"""How the reference data in this folder was made: flag lists taken from the
generated CLI references of releases whose binaries cannot be installed here.

    python tests/accuracy/data/generate.py docker-cli <docker/cli git dir> v29.7.2
    python tests/accuracy/data/generate.py buildx <docker/buildx git dir> v0.36.1
    python tests/accuracy/data/generate.py istioctl <istio/istio git dir> release-1.31
    python tests/accuracy/data/generate.py dockerfile <moby/buildkit git dir> v0.32.2

Each file names the repository, tag and commit it was read from. Hidden
flags are not in the references; those marked deprecated in the source (still
accepted, printing a warning) are listed under "_deprecated".
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
FLAG = re.compile(r"`(-{1,2}[\w-]+)`")


def _git(repo: str, *args: str) -> str:
    return subprocess.run(["git", "-C", repo, *args], capture_output=True, text=True, check=True).stdout


def _table_flags(markdown: str) -> dict[str, str]:
    """Flag -> its type (bool, string, list...) from the generated "### Options"
    table of one reference page."""
    match = re.search(r"### Options\n(.*?)(?:\n\n|\Z)", markdown, re.S)
    if not match:
        return {}
    flags = {}
    for row in match.group(1).splitlines()[2:]:
        cells = row.split("|")
        if len(cells) < 3:
            continue
        kind = cells[2].strip().strip("`")
        for flag in FLAG.findall(cells[1]):
            flags[flag] = kind
    return flags


def _aliases(markdown: str) -> list[str]:
    match = re.search(r"### Aliases\n\n(.*?)\n", markdown)
    return re.findall(r"`([^`]+)`", match.group(1)) if match else []


def _deprecated(repo: str, tag: str, folder: str) -> dict[str, list[str]]:
    """Command -> flags marked deprecated in its Go file
    (cli/command/container/commit.go -> docker container commit; opts.go holds
    the flags shared by run and create; cmd.go the group's own)."""
    found: dict[str, list[str]] = {}
    out = _git(repo, "grep", "-n", "-E", r'MarkDeprecated\("', tag, "--", folder)
    for line in out.splitlines():
        path = Path(line.split(":")[1])
        name = re.search(r'MarkDeprecated\("([\w-]+)"', line).group(1)
        group = path.parent.name
        commands = {"opts": [f"docker {group} run", f"docker {group} create"], "cmd": [f"docker {group}"]}
        for command in commands.get(path.stem, [f"docker {group} {path.stem}"]):
            found.setdefault(command, [])
            if "--" + name not in found[command]:
                found[command].append("--" + name)
            # The flag's one-letter form (BoolVarP(&x, "pause", "p", ...)) is deprecated with it.
            source = _git(repo, "show", f"{tag}:{path.as_posix()}")
            short = re.search(r'VarP\([^,]+,\s*"' + re.escape(name) + r'",\s*"(\w)"', source)
            if short and "-" + short.group(1) not in found[command]:
                found[command].append("-" + short.group(1))
    return found


def _reference(repo: str, tag: str, folder: str, prefix: str, root: str) -> tuple[dict[str, dict[str, str]], list[set[str]]]:
    """Command -> {flag: type}, and the groups of names that are aliases of each other."""
    table: dict[str, dict[str, str]] = {}
    groups: list[set[str]] = []
    for path in _git(repo, "ls-tree", "--name-only", f"{tag}:{folder}").split():
        if not path.endswith(".md") or path == "index.md":
            continue
        text = _git(repo, "show", f"{tag}:{folder}/{path}")
        if "MARKER_GEN_START" not in text:
            continue
        stem = path[:-3]
        command = root if stem in (root.split()[-1], "docker") else f"{prefix} {stem.replace('_', ' ')}"
        if stem.startswith("buildx_"):
            command = "docker " + stem.replace("_", " ")
        flags = _table_flags(text)
        names = {command, *_aliases(text)}
        groups.append(names)
        for name in names:
            table[name] = dict(sorted({**table.get(name, {}), **flags}.items()))
    return table, groups


def docker_cli(repo: str, tag: str) -> dict:
    commit = _git(repo, "rev-parse", f"{tag}^{{commit}}").strip()
    table, groups = _reference(repo, tag, "docs/reference/commandline", "docker", "docker")
    deprecated: dict[str, list[str]] = {}
    for command, flags in _deprecated(repo, tag, "cli/command").items():
        for name in next((g for g in groups if command in g), {command}):
            deprecated[name] = flags
    return {
        "_source": f"docker/cli {tag} ({commit}) docs/reference/commandline/*.md, the generated "
                   "Options tables and Aliases; global options from docker.md under 'docker'. "
                   "Deprecated flags from MarkDeprecated calls in cli/command/ (hidden in the reference).",
        "_version": tag.lstrip("v"),
        "_deprecated": dict(sorted(deprecated.items())),
        **dict(sorted(table.items())),
    }


def buildx(repo: str, tag: str) -> dict:
    commit = _git(repo, "rev-parse", f"{tag}^{{commit}}").strip()
    table, _ = _reference(repo, tag, "docs/reference", "docker buildx", "docker buildx")
    return {
        "_source": f"docker/buildx {tag} ({commit}) docs/reference/buildx*.md, the generated "
                   "Options tables and Aliases (docker build is buildx build).",
        "_version": tag.lstrip("v"),
        **dict(sorted(table.items())),
    }


if __name__ == "__main__" and sys.argv[1] in ("docker-cli", "buildx"):
    kind, repo, tag = sys.argv[1:4]
    data = {"docker-cli": docker_cli, "buildx": buildx}[kind](repo, tag)
    (HERE / f"{kind}-flags.json").write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")


def istioctl(repo: str, ref: str) -> dict:
    """The istioctl 1.25 reference list (istio.io), kept where the 1.31 source
    still has it: a command word or a long flag whose name no longer appears as a
    string literal in istioctl/, operator/ or pkg/ (cobra's Use:, Aliases and
    flag names are such literals) is dropped
    and listed under "_removed". Flags new in 1.31 are not added (make drift
    cannot see them either: no 1.31 reference page is published in the data)."""
    commit = _git(repo, "rev-parse", f"{ref}^{{commit}}").strip()
    old = json.loads((HERE / "istioctl-flags.json").read_text(encoding="utf-8"))
    strings = re.findall(r'"([^"\n]*)"', _git(repo, "grep", "-h", "-E", '"', ref, "--", "istioctl", "operator", "pkg"))
    literals = set(strings)
    uses = {s.split()[0] for s in strings if s.split()}  # Use: "analyze <file>...", aliases, constants
    table, removed = {}, {}
    for command, flags in old.items():
        if command.startswith("_"):
            continue
        words = command.split()[1:]
        if any(word not in uses for word in words):
            removed[command] = "command"
            continue
        kept = [f for f in flags if not f.startswith("--") or f[2:] in literals]
        gone = [f for f in flags if f.startswith("--") and f[2:] not in literals]
        if gone:
            removed[command] = gone
        table[command] = kept
    return {
        "_source": f"istio/istio.io istioctl reference of Istio 1.25 (content/en/docs/reference/commands/istioctl), "
                   f"each command word and each long flag checked against the string "
                   f"literals of istioctl/, operator/ and pkg/ in istio/istio {ref} ({commit}, after tag 1.31.0-rc.0)",
        "_version": "1.31",
        "_removed": removed,
        **table,
    }


if __name__ == "__main__" and sys.argv[1] == "istioctl":
    data = istioctl(sys.argv[2], sys.argv[3])
    (HERE / "istioctl-flags.json").write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")


def dockerfile_instructions(repo: str, tag: str) -> dict:
    """Dockerfile instructions and the flags each accepts, from BuildKit's
    frontend: command/command.go (the instruction names) and the
    req.flags.Add*("<flag>") calls of instructions/parse.go (per parse<Name>
    function) and instructions/commands_run*.go (RUN's --mount, --network,
    --security, --device)."""
    commit = _git(repo, "rev-parse", f"{tag}^{{commit}}").strip()
    names = re.findall(r'^\s+\w+\s+= "(\w+)"', _git(repo, "show", f"{tag}:frontend/dockerfile/command/command.go"), re.M)
    table = {name.upper(): [] for name in names}
    current = None
    for line in _git(repo, "show", f"{tag}:frontend/dockerfile/instructions/parse.go").splitlines():
        if match := re.match(r"func parse(\w+)\(", line):
            current = match.group(1).upper()
        for flag in re.findall(r'flags\.Add(?:String|Bool|Strings)\("([\w-]+)"', line):
            if current in table:
                table[current].append("--" + flag)
    runs = _git(repo, "grep", "-h", "-E", r'flags\.Add(String|Bool|Strings)\("', tag, "--",
                "frontend/dockerfile/instructions/commands_run*.go")
    table["RUN"] += ["--" + f for f in re.findall(r'Add(?:String|Bool|Strings)\("([\w-]+)"', runs)]
    return {
        "_source": f"moby/buildkit {tag} ({commit}) frontend/dockerfile/command/command.go and "
                   "frontend/dockerfile/instructions/{parse.go,commands_run*.go}",
        "_version": tag.lstrip("v"),
        **{name: sorted(set(flags)) for name, flags in sorted(table.items())},
    }


if __name__ == "__main__" and sys.argv[1] == "dockerfile":
    data = dockerfile_instructions(sys.argv[2], sys.argv[3])
    (HERE / "dockerfile-instructions.json").write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
