"""Prove every example of the site with the pinned tools (tools/pins.toml).

Each example gets one of three outcomes:
- proven: the real tool accepted it (compose config, the BuildKit parser, the
  schemas, a run, a compile, a dry run, the command's real flags);
- unproven: the example says why it cannot run here (`unproven:`);
- failed: the tool's message, or that no proof applies and no reason is given.
An example's `setup:` runs first, in the same fresh temporary directory
(Python for Python examples, bash otherwise).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

from accuracy import pinned
from accuracy.checks import CHECKED_PROGRAMS, Command, flag_problem, resolve_command
from cheatsheet.core import Entry, Example, Page

from . import manifests
from .shell import ShellSyntaxError, SimpleCommand, split_commands

HERE = Path(__file__).resolve().parent
DOCKERFILE = json.loads((HERE.parent / "accuracy" / "data" / "dockerfile-instructions.json").read_text(encoding="utf-8"))
WORKERS = 2


@dataclass(frozen=True)
class ExampleRef:
    page: str                 # docker/cli.yml
    entry: Entry
    index: int                # position among the entry's examples
    example: Example
    root: tuple[str, str] | None = None  # apiVersion, kind of the page's resource for fragments

    @property
    def tool(self) -> str:
        return self.page.split("/")[0]

    @property
    def key(self) -> str:
        return f"{self.page}:{self.entry.id}:{self.index}"


@dataclass
class Proof:
    ref: ExampleRef
    status: str               # proven | unproven | failed
    how: str = ""             # what proved it, or what failed
    messages: list[str] = field(default_factory=list)


def _resource_root(entry: Entry) -> tuple[str, str] | None:
    """apiVersion and kind a resource entry documents, from its syntax or first manifest."""
    for text in (entry.syntax or "", *(x.code for x in entry.examples if x.language == "yaml")):
        try:
            document = next((d for d in yaml.safe_load_all(text) if isinstance(d, dict)), None)
        except yaml.YAMLError:
            continue
        if document and "apiVersion" in document and "kind" in document:
            return str(document["apiVersion"]), str(document["kind"])
    return None


def collect(pages: tuple[Page, ...]) -> list[ExampleRef]:
    refs = []
    for page in pages:
        root = None
        for entry in page.entries:
            if entry.kind == "resource":
                root = _resource_root(entry) or root
            for index, example in enumerate(entry.examples):
                refs.append(ExampleRef(page.src_path, entry, index, example, root))
    return refs


# --- shell ------------------------------------------------------------------------

KUBECONFIG = """apiVersion: v1
kind: Config
clusters: [{name: unreachable, cluster: {server: "https://127.0.0.1:1"}}]
users: [{name: nobody, user: {token: none}}]
contexts: [{name: unreachable, context: {cluster: unreachable, user: nobody, namespace: default}}]
current-context: unreachable
"""
NEEDS_SERVER = re.compile(r"connection to the server|couldn't get current server API group list|dial tcp", re.I)
SAMPLE_VALUES = {"n": "1", "count": "1", "replicas": "2", "port": "8080", "number": "1", "percent": "80"}


def _sample(word: str) -> str:
    """A value for a placeholder when a command really runs: <replicas> -> 2, <name> -> example."""
    def one(match: re.Match) -> str:
        inner = match.group(0)[1:-1].lower()
        for hint, value in SAMPLE_VALUES.items():
            if re.search(rf"(^|[-_ ]){hint}($|[-_ ])", inner):
                return value
        return "example"
    return re.sub(r"<[A-Za-z][^<>]*?>", one, word)


def _command_flags(command: Command, words: list[str]) -> list[str]:
    """The flags the words give the command (after its path), as the tool's parser reads them."""
    flags: list[str] = []
    rest = words[len(command.path) if command.path[:2] != ("docker", "compose") or words[:2] == ["docker", "compose"]
                 else len(command.path) - 1:]
    skip = False
    for word in rest:
        if skip:
            skip = False
            continue
        if word == "--":
            break
        if word.startswith("-") and len(word) > 1 and not re.match(r"^-\d", word):
            bare = word.split("=", 1)[0]
            if bare in command.flags:
                flags.append(bare)
                skip = command.flags[bare] and "=" not in word
            elif not word.startswith("--") and len(bare) > 2:
                # -it: -i -t; -n<ns>: -n with its value glued on
                for position, letter in enumerate(bare[1:]):
                    short = "-" + letter
                    flags.append(short)
                    if command.flags.get(short):
                        break
            else:
                flags.append(bare)
            continue
        if command.stops_at_argument:
            break
    return flags


def _is_generator(words: list[str]) -> bool:
    if words[:2] == ["kubectl", "create"] and len(words) > 2 and not any(
            w in ("-f", "--filename", "-k", "--kustomize") or w.startswith(("--filename=", "-f=")) for w in words):
        return words[2] not in ("token",) and not words[2].startswith("-")
    return words[:2] == ["kubectl", "run"]


def _dry_run(words: list[str], workdir: str) -> tuple[str | None, list[str]]:
    """Run a generating kubectl command offline; (how, problems)."""
    argv = [_sample(w).replace("$HOME", workdir) for w in words[1:]]  # setup ran with HOME=workdir
    if not any(w.startswith("--dry-run") for w in argv):
        argv.append("--dry-run=client")
    output_given = next((argv[i + 1] if w in ("-o", "--output") and i + 1 < len(argv) else w.split("=", 1)[1]
                         for i, w in enumerate(argv) if w in ("-o", "--output") or w.startswith(("-o=", "--output="))), None)
    if output_given is None:
        argv += ["-o", "yaml"]
    config = os.path.join(workdir, ".kubeconfig")
    Path(config).write_text(KUBECONFIG, encoding="utf-8")
    env = {**os.environ, "KUBECONFIG": config}
    result = pinned.run("kubectl", *argv, cwd=workdir, env=env, stdin=subprocess.DEVNULL, timeout=60)
    if result.returncode != 0:
        if NEEDS_SERVER.search(result.stderr):
            return None, []  # needs the API server even for a client dry run: flags only
        return "kubectl dry run", [f"`{' '.join(words)}`: {result.stderr.strip().splitlines()[-1] if result.stderr.strip() else 'failed'}"]
    if output_given in (None, "yaml", "json", "kyaml"):
        return "kubectl dry run, output validated", manifests.manifest_problems(result.stdout)
    return "kubectl dry run", []


def _run_setup(setup: str | None, workdir: str) -> list[str]:
    if not setup:
        return []
    result = subprocess.run(["bash", "-euo", "pipefail", "-c", setup], cwd=workdir, capture_output=True,
                            text=True, timeout=60, env={**os.environ, "HOME": workdir})
    if result.returncode != 0:
        return [f"setup failed: {(result.stderr.strip().splitlines() or ['status ' + str(result.returncode)])[-1]}"]
    return []


def _without_globals(words: list[str]) -> tuple[list[str], list[str], Command | None]:
    """kfp --endpoint URL run ..., docker compose -f FILE up ...: the program's own
    options come before the subcommand. Returns the words without them, those
    options, and the program's root command that defines them."""
    head = 2 if words[:2] == ["docker", "compose"] else 1
    if words[0] not in ("kfp", "docker-compose") and head == 1:
        return words, [], None
    if len(words) <= head or not words[head].startswith("-"):
        return words, [], None
    root = resolve_command(words[:head])
    if root is None:
        return words, [], None
    options: list[str] = []
    position = head
    while position < len(words) and words[position].startswith("-"):
        bare = words[position].split("=", 1)[0]
        options.append(bare)
        takes_value = root.flags.get(bare, False) and "=" not in words[position]
        position += 2 if takes_value else 1
    return words[:head] + words[position:], options, root


_ASSIGNMENT = re.compile(r"^(?:export\s+)?([A-Z][A-Z0-9_]*)=", re.M)


@cache
def _mlflow_source_names() -> frozenset[str]:
    """Every MLFLOW_* name the pinned mlflow package's source mentions."""
    import mlflow

    names: set[str] = set()
    for path in Path(mlflow.__file__).parent.rglob("*.py"):
        names.update(re.findall(r"MLFLOW_[A-Z0-9_]+", path.read_text(encoding="utf-8", errors="replace")))
    return frozenset(names)


def _variable_problems(code: str) -> tuple[list[str], list[str]]:
    """(MLflow variables set, problems): each must be one the pinned mlflow reads."""
    names = [name for name in _ASSIGNMENT.findall(code) if name.startswith("MLFLOW_")]
    return names, [f"{name}: the pinned mlflow does not read this variable"
                   for name in names if name not in _mlflow_source_names()]


_SUBSTITUTION = re.compile(r"[<$]\(([^()]*)\)")


def prove_shell(ref: ExampleRef) -> Proof:
    try:
        # Commands inside $(...) and <(...) are checked like the others.
        code = ref.example.code + "".join(f"\n{inner}" for inner in _SUBSTITUTION.findall(ref.example.code))
        commands = split_commands(code)
    except ShellSyntaxError as error:
        return Proof(ref, "failed", "shell", [f"not valid shell: {error}"])
    checked: list[SimpleCommand] = []
    problems: list[str] = []
    hows: set[str] = set()
    with tempfile.TemporaryDirectory(prefix="example-") as workdir:
        problems += _run_setup(ref.example.setup, workdir)
        for command in commands:
            words = command.words
            if words[0] not in CHECKED_PROGRAMS:
                continue
            checked.append(command)
            words, global_options, root = _without_globals(words)
            for option in global_options:
                problem = flag_problem(root, option)
                if problem:
                    problems.append(problem)
            real = resolve_command(words)
            if real is None:
                problems.append(f"`{' '.join(words[:3])}`: not a command of the pinned release")
                continue
            hows.add(f"{' '.join(real.path[:2]) if real.path[0] == 'docker' else real.path[0]} flags")
            deprecated_ok = bool(ref.entry.deprecated)
            for flag in _command_flags(real, words):
                problem = flag_problem(real, flag, deprecated_ok=deprecated_ok)
                if problem:
                    problems.append(problem)
            if _is_generator(words) and not problems:
                how, more = _dry_run(words, workdir)
                if how:
                    hows.add(how)
                problems += more
            if command.stdin and words[0] in ("kubectl", "istioctl") and re.search(r"^kind:", command.stdin, re.M):
                hows.add("manifest schemas")
                problems += manifests.manifest_problems(command.stdin)
    variables, variable_problems = _variable_problems(ref.example.code)
    if variables:
        hows.add("variables the pinned mlflow reads")
        problems += variable_problems
    if not checked and not variables:
        return Proof(ref, "failed", "shell",
                     ["no command of a pinned tool to check: give the reason it cannot be proven under `unproven:`"])
    return Proof(ref, "failed" if problems else "proven", ", ".join(sorted(hows)), list(dict.fromkeys(problems)))


# --- files ------------------------------------------------------------------------

def prove_compose(ref: ExampleRef) -> Proof:
    with tempfile.TemporaryDirectory(prefix="example-") as workdir:
        problems = _run_setup(ref.example.setup, workdir)
        Path(workdir, "compose.yaml").write_text(ref.example.code + "\n", encoding="utf-8")
        env = {k: v for k, v in os.environ.items() if not k.startswith(("COMPOSE_", "DOCKER_"))}
        result = pinned.run("compose", "--project-directory", workdir, "-f", "compose.yaml", "config", "--quiet",
                            cwd=workdir, env={**env, "HOME": workdir}, timeout=60)
        if result.returncode != 0:
            problems.append(result.stderr.strip().replace(workdir, ".") or f"status {result.returncode}")
    return Proof(ref, "failed" if problems else "proven", "docker compose config", problems)


def prove_dockerfile(ref: ExampleRef) -> Proof:
    import dockerfile

    try:
        instructions = dockerfile.parse_string(ref.example.code + "\n")
    except dockerfile.GoParseError as error:
        return Proof(ref, "failed", "BuildKit parser", [str(error)])
    problems = []
    for instruction in instructions:
        name = instruction.cmd.upper()
        if name not in DOCKERFILE:
            problems.append(f"line {instruction.start_line}: unknown instruction {instruction.cmd}")
            continue
        allowed = set(DOCKERFILE[name])
        for flag in instruction.flags:
            if flag.split("=", 1)[0] not in allowed:
                problems.append(f"line {instruction.start_line}: {name} has no flag {flag.split('=', 1)[0]}")
        if name == "ONBUILD" and instruction.sub_cmd and instruction.sub_cmd.upper() not in DOCKERFILE:
            problems.append(f"line {instruction.start_line}: unknown instruction {instruction.sub_cmd}")
    return Proof(ref, "failed" if problems else "proven", "BuildKit parser", problems)


def _is_manifest(text: str) -> bool:
    try:
        return any(isinstance(d, dict) and "kind" in d and "apiVersion" in d for d in yaml.safe_load_all(text))
    except yaml.YAMLError:
        return True  # let the manifest check report the YAML error


FRAGMENT_ROOTS = (("apps/v1", "Deployment"), ("v1", "Pod"), ("v1", "Namespace"))


def prove_manifest(ref: ExampleRef) -> Proof:
    code = ref.example.code
    if _is_manifest(code):
        problems = manifests.manifest_problems(code)
        return Proof(ref, "failed" if problems else "proven", "manifest schemas", problems)
    path = [p.removesuffix("[]") for p in re.split(r"[.]", ref.entry.name.split(" ")[0])
            if re.fullmatch(r"[A-Za-z][\w]*(\[\])?", p)]
    roots = [ref.root] if ref.root else list(FRAGMENT_ROOTS)
    first: list[str] | None = None
    for api_version, kind in roots:
        problems = manifests.fragment_problems(code, api_version, kind, path)
        if not problems:
            return Proof(ref, "proven", f"{kind} schema (fragment)")
        first = first or problems
    return Proof(ref, "failed", "manifest schemas (fragment)", first or [])


# --- Python (and MLflow's own files) ------------------------------------------------

MLFLOW_FILES = {
    "python_env.yaml": "from mlflow.utils.environment import _PythonEnv\n_PythonEnv.from_yaml('python_env.yaml')\n",
    "conda.yaml": ("import yaml\nd = yaml.safe_load(open('conda.yaml'))\nassert set(d) <= {'name', 'channels', "
                   "'dependencies', 'variables', 'prefix'}, sorted(d)\n"),
    # MLflow loads an entry point without a command and fails only when it runs it.
    "MLproject": ("from mlflow.projects import _project_spec\nproject = _project_spec.load_project('.')\n"
                  "missing = [name for name, point in project._entry_points.items() if not point.command]\n"
                  "assert not missing, f'entry points without a command: {missing}'\n"),
    "MLmodel": "from mlflow.models import Model\nModel.load('MLmodel')\n",
}


def _mlflow_file_job(ref: ExampleRef) -> dict | None:
    name = ref.entry.name
    if ref.page == "mlflow/projects.yml":
        target = name if name in ("python_env.yaml", "conda.yaml") else "MLproject"
    elif ref.page == "mlflow/models.yml" and ref.entry.kind == "file-key":
        target = "MLmodel"
    else:
        return None
    code = f"open({target!r}, 'w').write({ref.example.code!r})\n"
    if target == "MLproject":  # checked on its own: the environment files it names are stubbed
        for env_file in re.findall(r"^\s*(?:python_env|conda_env):\s*(\S+)", ref.example.code, re.M):
            code += f"open({env_file!r}, 'w').write('dependencies: []\\n')\n"
    code += MLFLOW_FILES[target]
    return {"key": ref.key, "code": code, "setup": None, "how": f"mlflow reads it as {target}"}


SDK_IMPORTS = {"kserve": "kserve", "kubeflow.katib": "katib", "kubeflow.training": "training"}


def _venv_of(code: str) -> str:
    for module, venv in SDK_IMPORTS.items():
        if re.search(rf"^\s*(from|import)\s+{re.escape(module)}\b", code, re.M):
            return venv
    return "main"


def run_python(jobs: list[dict]) -> dict[str, dict]:
    """Run jobs in WORKERS runner processes per venv; key -> result."""
    results: dict[str, dict] = {}
    by_venv: dict[str, list[dict]] = {}
    for job in jobs:
        by_venv.setdefault(job.get("venv", "main"), []).append(job)
    batches = []
    for venv, items in by_venv.items():
        count = WORKERS if len(items) > 8 else 1
        batches += [(venv, items[i::count]) for i in range(count)]

    def work(batch):
        venv, items = batch
        python = pinned.venv_python(venv)
        if not python.is_file():
            return [{"key": j["key"], "ok": False, "message": f"the {venv} venv is missing: run {pinned.SETUP}"}
                    for j in items]
        process = subprocess.run([str(python), str(HERE / "runner.py")], input=json.dumps(items),
                                 capture_output=True, text=True, timeout=60 + 120 * len(items))
        out = [json.loads(line) for line in process.stdout.splitlines() if line.startswith("{")]
        done = {r["key"] for r in out}
        tail = (process.stderr.strip().splitlines() or [""])[-1][:300]
        out += [{"key": j["key"], "ok": False, "message": f"the runner stopped: {tail}"} for j in items
                if j["key"] not in done]
        return out

    with ThreadPoolExecutor(max_workers=len(batches) or 1) as pool:
        for batch_results in pool.map(work, batches):
            for result in batch_results:
                results[result["key"]] = result
    return results


# --- all of it --------------------------------------------------------------------

def prove(refs: list[ExampleRef]) -> list[Proof]:
    proofs: dict[str, Proof] = {}
    jobs: list[dict] = []
    for ref in refs:
        example = ref.example
        language = example.language
        if example.unproven:
            proofs[ref.key] = Proof(ref, "unproven", "", [example.unproven])
        elif language == "python":
            jobs.append({"key": ref.key, "code": example.code, "setup": example.setup,
                         "venv": _venv_of((example.setup or "") + example.code),
                         "how": "run" + (" and compiled" if ref.page == "kubeflow/pipelines.yml" else "")})
        elif language == "yaml" and ref.page == "docker/compose.yml":
            proofs[ref.key] = prove_compose(ref)
        elif language == "yaml" and ref.tool == "mlflow":
            job = _mlflow_file_job(ref)
            if job:
                jobs.append(job)
            elif _is_manifest(example.code):
                proofs[ref.key] = prove_manifest(ref)
            else:
                proofs[ref.key] = Proof(ref, "failed", "", ["no proof for this YAML: give the reason under `unproven:`"])
        elif language == "yaml":
            proofs[ref.key] = prove_manifest(ref)
        elif language == "dockerfile":
            proofs[ref.key] = prove_dockerfile(ref)
        elif language in ("bash", "sh", "shell", "console"):
            proofs[ref.key] = prove_shell(ref)
        else:
            proofs[ref.key] = Proof(ref, "failed", "",
                                    [f"no proof for {language} examples: give the reason under `unproven:`"])
    results = run_python(jobs)
    by_key = {ref.key: ref for ref in refs}
    for job in jobs:
        result = results[job["key"]]
        ref = by_key[job["key"]]
        how = job["how"]
        if result.get("compiled"):
            how = f"run, compiled {', '.join(result['compiled'])}"
        elif ref.page == "kubeflow/pipelines.yml":
            how = "run"
        proofs[job["key"]] = Proof(ref, "proven" if result["ok"] else "failed", how,
                                   [] if result["ok"] else [result["message"]])
    return [proofs[ref.key] for ref in refs]


def summary_lines(proofs: list[Proof]) -> list[str]:
    """The counts per tool and the reasons examples could not be run."""
    lines = []
    tools = sorted({p.ref.tool for p in proofs})
    total = {s: sum(1 for p in proofs if p.status == s) for s in ("proven", "unproven", "failed")}
    count = len(proofs) or 1
    lines.append(f"{len(proofs)} examples: {total['proven']} proven ({100 * total['proven'] / count:.1f} %), "
                 f"{total['unproven']} could not be run here, {total['failed']} failed")
    for tool in tools:
        mine = [p for p in proofs if p.ref.tool == tool]
        counts = {s: sum(1 for p in mine if p.status == s) for s in ("proven", "unproven", "failed")}
        lines.append(f"  {tool:<11} {counts['proven']:>4} proven, {counts['unproven']:>3} not run, {counts['failed']:>3} failed")
    reasons: dict[str, int] = {}
    for proof in proofs:
        if proof.status == "unproven":
            reasons[proof.messages[0]] = reasons.get(proof.messages[0], 0) + 1
    if reasons:
        lines.append("could not be run here:")
        lines += [f"  {n:>3} × {reason}" for reason, n in sorted(reasons.items(), key=lambda kv: -kv[1])]
    return lines


def failure_line(proof: Proof) -> str:
    message = " | ".join(proof.messages)
    return f"docs/{proof.ref.page}: {proof.ref.entry.id}: \"{proof.ref.example.title}\": {message}"


if __name__ == "__main__":
    # python -m examples.proofs [docs dir] [folder for proofs-<tool>.txt] (run from tests/)
    from cheatsheet.core import SiteLoader, discover

    docs = Path(sys.argv[1]) if len(sys.argv) > 1 else pinned.ROOT / "docs"
    site = SiteLoader().load(discover(docs))
    proofs = prove(collect(site.pages))
    print("\n".join(summary_lines(proofs)))
    if len(sys.argv) > 2:
        folder = Path(sys.argv[2])
        for tool in sorted({p.ref.tool for p in proofs}):
            failed = [failure_line(p) for p in proofs if p.ref.tool == tool and p.status == "failed"]
            (folder / f"proofs-{tool}.txt").write_text("\n".join(failed) + ("\n" if failed else ""), encoding="utf-8")
    for proof in proofs:
        if proof.status == "failed":
            print(failure_line(proof))
