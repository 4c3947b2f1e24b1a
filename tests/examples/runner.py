"""Run Python examples, each in a fresh temporary directory against a local
SQLite MLflow store, and compile the kfp pipelines they define.

Reads a JSON list of jobs on stdin ({"key", "code", "setup", "timeout"}) and
prints one JSON result per job ({"key", "ok", "message", "compiled"}). The
heavy imports happen once; each job runs in a forked child, so one example
cannot leak state into the next and a hang is killed at its timeout."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import sys
import tempfile
import traceback

# Imported once, before forking: each example then starts in milliseconds.
import mlflow  # noqa: F401
import kfp  # noqa: F401
from kfp import compiler, dsl  # noqa: F401
import sklearn  # noqa: F401
import pandas  # noqa: F401


def _compile_pipelines(namespace: dict, workdir: str) -> list[str]:
    from kfp.dsl import graph_component

    compiled = []
    for name, value in list(namespace.items()):
        if isinstance(value, graph_component.GraphComponent):
            compiler.Compiler().compile(value, os.path.join(workdir, f"{name}.yaml"))
            compiled.append(name)
    return compiled


def _empty_store() -> str:
    """An empty, migrated MLflow SQLite store; each example gets a copy of it
    (creating the tables takes seconds: once is enough)."""
    folder = tempfile.mkdtemp(prefix="example-store-")
    path = os.path.join(folder, "mlflow.db")
    mlflow.MlflowClient(tracking_uri=f"sqlite:///{path}").search_experiments()
    return path


STORE = None

_PLACEHOLDER = re.compile(r"""(["'])<([A-Za-z][\w.-]*)>\1|<([A-Za-z][\w.-]*)>""")


def substitute(code: str, namespace: dict) -> str:
    """Readers' placeholders take the values the setup bound to their names:
    "<run_id>" becomes the run id setup stored in run_id (a whole literal by
    its repr, a placeholder inside a longer string by its text). Placeholders
    that setup does not bind stay as written."""
    def value(match: re.Match) -> str:
        name = match.group(2) or match.group(3)
        variable = re.sub(r"\W", "_", name)
        if variable not in namespace:
            return match.group(0)
        bound = namespace[variable]
        return repr(bound) if match.group(2) else str(bound)
    return _PLACEHOLDER.sub(value, code)


def _child(job: dict, workdir: str, result_path: str) -> None:
    os.chdir(workdir)
    shutil.copy(STORE, os.path.join(workdir, "mlflow.db"))
    os.environ["MLFLOW_TRACKING_URI"] = f"sqlite:///{workdir}/mlflow.db"
    os.environ["HOME"] = workdir
    # Nothing but the registries is reachable: a call out fails at once
    # instead of waiting for a timeout.
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy"):
        os.environ[name] = "http://127.0.0.1:9"
    os.environ["NO_PROXY"] = os.environ["no_proxy"] = "127.0.0.1,localhost"
    os.environ.pop("MLFLOW_REGISTRY_URI", None)
    mlflow.set_tracking_uri(os.environ["MLFLOW_TRACKING_URI"])
    out = os.open(os.path.join(workdir, ".output"), os.O_WRONLY | os.O_CREAT)
    os.dup2(out, 1)
    os.dup2(out, 2)
    result = {"ok": True, "message": "", "compiled": []}
    namespace = {"__name__": "__main__"}
    try:
        # Real files: kfp reads a component's source with inspect.getsource.
        for name, code in (("setup", job.get("setup")), ("example", job["code"])):
            if code and name == "example":
                code = substitute(code, namespace)
            if code:
                path = os.path.join(workdir, f"_{name}.py")
                with open(path, "w", encoding="utf-8") as handle:
                    handle.write(code)
                exec(compile(code, path, "exec", dont_inherit=True), namespace)
        result["compiled"] = _compile_pipelines(namespace, workdir)
    except BaseException as error:  # noqa: BLE001 - the example's own failure is the result
        frames = [f for f in traceback.extract_tb(error.__traceback__)
                  if os.path.basename(f.filename) in ("_example.py", "_setup.py")]
        where = f" ({os.path.basename(frames[-1].filename)[1:-3]} line {frames[-1].lineno})" if frames else ""
        text = str(error).strip().splitlines()
        result = {"ok": False, "message": f"{type(error).__name__}{where}: {text[0][:300] if text else ''}",
                  "compiled": []}
    with open(result_path, "w", encoding="utf-8") as handle:
        json.dump(result, handle)
    os._exit(0)


def run(job: dict) -> dict:
    with tempfile.TemporaryDirectory(prefix="example-") as workdir:
        result_path = os.path.join(workdir, ".result.json")
        pid = os.fork()
        if pid == 0:
            _child(job, workdir, result_path)
        timeout = job.get("timeout", 90)

        def expire(*_):
            os.kill(pid, signal.SIGKILL)

        signal.signal(signal.SIGALRM, expire)
        signal.alarm(timeout)
        _, status = os.waitpid(pid, 0)
        signal.alarm(0)
        if os.path.exists(result_path):
            with open(result_path, encoding="utf-8") as handle:
                return {"key": job["key"], **json.load(handle)}
        if os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL:
            return {"key": job["key"], "ok": False, "message": f"did not finish in {timeout} s", "compiled": []}
        tail = ""
        output = os.path.join(workdir, ".output")
        if os.path.exists(output):
            with open(output, encoding="utf-8", errors="replace") as handle:
                tail = " ".join(handle.read().strip().splitlines()[-1:])[:300]
        return {"key": job["key"], "ok": False, "message": f"exited with status {status}: {tail}", "compiled": []}


if __name__ == "__main__":
    jobs = json.load(sys.stdin)
    STORE = _empty_store()
    for job in jobs:
        print(json.dumps(run(job)), flush=True)
    shutil.rmtree(os.path.dirname(STORE), ignore_errors=True)
