"""Validate manifests, strictly (an unknown field is an error), against the
schemas of the documented releases:

- Kubernetes kinds: the official 1.37 JSON schemas of kubernetes-validate
  (pinned in tools/pins.toml);
- Istio, Gateway API, Trainer, Training Operator, MPI Operator and Kubeflow
  Notebook/PodDefault/Profile kinds: the CRD schemas in schemas/*.json, taken
  from the official repositories at the release tags (each file names
  repository, tag and commit);
- KServe and Katib kinds: the models of their pinned SDKs (kserve 0.21.0,
  kubeflow-katib 0.19.0), generated from each release's OpenAPI. Katib's CRD
  has no schema (it preserves unknown fields), and the KServe v0.21.0 tag is
  not in the stored snapshot of its repository.
"""

from __future__ import annotations

import copy
import json
import re
import subprocess
from functools import cache
from pathlib import Path
from urllib.parse import urljoin

import jsonschema
import yaml
from referencing import Registry, Resource

from accuracy import pinned

HERE = Path(__file__).resolve().parent
CRD_FILES = ("istio", "gateway-api", "trainer", "training-operator", "mpi-operator", "kubeflow-notebooks")
DEFS_ID = "/api/_definitions.json"


@cache
def _k8s_dir() -> Path:
    import kubernetes_validate

    version = pinned.pins()["kubernetes-schemas"].version
    return Path(kubernetes_validate.__file__).parent / "kubernetes-json-schema" / f"v{version}.0-local-strict"


@cache
def k8s_definitions() -> dict:
    return json.loads((_k8s_dir() / "_definitions.json").read_text(encoding="utf-8"))


@cache
def _registry() -> Registry:
    return Resource.from_contents(k8s_definitions()) @ Registry()


def k8s_ref(name: str) -> dict:
    return {"$ref": f"{DEFS_ID}#/$defs/{name}"}


@cache
def _k8s_schema(api_version: str, kind: str) -> dict | None:
    group_version = re.sub(r"^([^./]*)(?:\.[^/]*)?/", r"\1-", api_version)
    path = _k8s_dir() / f"{kind.lower()}-{group_version}.json"
    if not path.is_file():
        return None
    schema = json.loads(path.read_text(encoding="utf-8"))
    # kubernetes-validate's files allow every kind in its enum; pin this one.
    return schema


def _strict(node):
    """CRD schemas prune unknown fields instead of refusing them; `kubectl
    apply --validate=strict` refuses them, and so do we."""
    if isinstance(node, dict):
        node = {k: _strict(v) for k, v in node.items()}
        if "properties" in node and "additionalProperties" not in node \
                and not node.get("x-kubernetes-preserve-unknown-fields"):
            node["additionalProperties"] = False
        return node
    if isinstance(node, list):
        return [_strict(v) for v in node]
    return node


@cache
def _crd_kinds() -> dict[str, tuple[str, dict]]:
    kinds = {}
    for name in CRD_FILES:
        data = json.loads((HERE / "schemas" / f"{name}.json").read_text(encoding="utf-8"))
        for key, schema in data["kinds"].items():
            kinds[key] = (name, schema)
    return kinds


def _crd_schema(api_version: str, kind: str) -> dict | None:
    group, _, version = api_version.rpartition("/")
    found = _crd_kinds().get(f"{group}/{version}/{kind}")
    if not found:
        return None
    schema = _strict(copy.deepcopy(found[1]))
    schema.setdefault("properties", {}).update(apiVersion={"type": "string"}, kind={"type": "string"})
    schema["properties"]["metadata"] = k8s_ref("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta")
    schema["$id"] = f"https://kubernetes.io/api/crd/{group}/{version}/{kind}"  # so the Kubernetes refs resolve
    return schema


# --- SDK models (KServe, Katib) ------------------------------------------------

SDK_GROUPS = {"serving.kserve.io": ("kserve", "kserve.models"), "kubeflow.org": ("katib", "kubeflow.katib.models")}

_DUMP = """
import importlib, inspect, json, sys
models = importlib.import_module(sys.argv[1])
print(json.dumps({name: {json_name: cls.openapi_types[attr] for attr, json_name in cls.attribute_map.items()}
                  for name, cls in inspect.getmembers(models, inspect.isclass) if hasattr(cls, 'openapi_types')}))
"""


@cache
def _sdk_models(venv: str, module: str) -> dict[str, dict[str, str]]:
    python = pinned.venv_python(venv)
    if not python.is_file():
        import pytest
        pytest.fail(f"the {venv} SDK is not installed: run {pinned.SETUP}", pytrace=False)
    out = subprocess.run([str(python), "-c", _DUMP, module], capture_output=True, text=True, timeout=180, check=True)
    return json.loads(out.stdout)


@cache
def _k8s_name(model: str) -> str | None:
    """V1Container -> io.k8s.api.core.v1.Container; K8sIoApiAppsV1DeploymentStrategy -> io.k8s.api.apps.v1...."""
    defs = k8s_definitions()["$defs"]
    if model.startswith("K8sIo"):
        wanted = re.sub(r"(?<!^)(?=[A-Z])", ".", model).lower()
        return next((k for k in defs if k.lower().replace(".", "") == model.lower()), None) or \
            next((k for k in defs if k.lower() == wanted), None)
    match = re.match(r"(V\d+(?:alpha\d+|beta\d+)?)(.+)", model)
    if not match:
        return None
    version, name = match.group(1).lower(), match.group(2)
    for prefix in ("io.k8s.api.core.", "io.k8s.apimachinery.pkg.apis.meta."):
        if f"{prefix}{version}.{name}" in defs:
            return f"{prefix}{version}.{name}"
    return next((k for k in defs if k.endswith(f".{version}.{name}")), None)


def _model_schema(type_name: str, models: dict, defs: dict) -> dict:
    if match := re.fullmatch(r"list\[(.*)\]", type_name):
        return {"type": ["array", "null"], "items": _model_schema(match.group(1), models, defs)}
    if match := re.fullmatch(r"dict\(str, (.*)\)", type_name):
        return {"type": ["object", "null"], "additionalProperties": _model_schema(match.group(1), models, defs)}
    scalars = {"str": ["string", "null"], "int": ["integer", "null"], "bool": ["boolean", "null"],
               "float": ["number", "null"], "datetime": ["string", "null"]}
    if type_name in scalars:
        return {"type": scalars[type_name]}
    if type_name in ("object", "ResourceQuantity") or type_name.startswith("Knative"):
        return {}
    if type_name in models:
        if type_name not in defs:
            defs[type_name] = {}  # placeholder against recursion
            defs[type_name] = {
                "type": ["object", "null"], "additionalProperties": False,
                "properties": {key: _model_schema(t, models, defs) for key, t in models[type_name].items()},
            }
        return {"$ref": f"#/$defs/{type_name}"}
    k8s = _k8s_name(type_name)
    return k8s_ref(k8s) if k8s else {}


def _sdk_schema(api_version: str, kind: str) -> dict | None:
    group, _, version = api_version.rpartition("/")
    if group not in SDK_GROUPS:
        return None
    venv, module = SDK_GROUPS[group]
    models = _sdk_models(venv, module)
    root = version[0].upper() + version[1:] + kind
    if root not in models:
        return None
    defs: dict = {}
    ref = _model_schema(root, models, defs)
    return {**ref, "$defs": defs, "$id": f"https://kubernetes.io/api/sdk/{group}/{version}/{kind}"}


# --- one entry point ----------------------------------------------------------------

def schema_for(api_version: str, kind: str) -> tuple[str, dict] | None:
    """(what it is checked against, schema) of a kind, or None when no schema is known."""
    if schema := _k8s_schema(api_version, kind):
        return "Kubernetes 1.37", schema
    if schema := _crd_schema(api_version, kind):
        return "CRD", schema
    if schema := _sdk_schema(api_version, kind):
        return "SDK models", schema
    return None


def _format(error: jsonschema.ValidationError, kind: str) -> str:
    path = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error.absolute_path)
    message = error.message
    if len(message) > 200:
        message = message[:200] + "…"
    return f"{kind}{path}: {message}"


def _leaf_errors(errors) -> list[jsonschema.ValidationError]:
    leaves = []
    for error in errors:
        if error.context:
            leaves += _leaf_errors(error.context)
        else:
            leaves.append(error)
    return leaves


def validate(document: dict, schema: dict, kind: str, partial: bool = False) -> list[str]:
    if partial:
        schema = _without_required(schema)
    validator = jsonschema.Draft202012Validator(schema, registry=_registry())
    errors = sorted(validator.iter_errors(document), key=lambda e: list(map(str, e.absolute_path)))
    out = []
    for error in errors:
        if error.validator in ("anyOf", "oneOf") and error.context:
            leaf = min(_leaf_errors([error]), key=lambda e: -len(e.absolute_path))
            out.append(_format(leaf, kind))
        else:
            out.append(_format(error, kind))
    return list(dict.fromkeys(out))


def _without_required(node):
    if isinstance(node, dict):
        return {k: _without_required(v) for k, v in node.items() if k not in ("required", "minProperties")}
    if isinstance(node, list):
        return [_without_required(v) for v in node]
    return node


def manifest_problems(text: str) -> list[str]:
    """Problems of every manifest in a YAML text (several may be separated by ---)."""
    try:
        documents = [d for d in yaml.safe_load_all(text) if d is not None]
    except yaml.YAMLError as error:
        return [f"not valid YAML: {str(error).splitlines()[0]}"]
    problems = []
    for document in documents:
        if not isinstance(document, dict) or "kind" not in document or "apiVersion" not in document:
            problems.append("not a manifest (no apiVersion and kind)")
            continue
        if document["kind"] == "List":
            problems += [p for item in document.get("items") or [] for p in manifest_problems(yaml.safe_dump(item))]
            continue
        found = schema_for(str(document["apiVersion"]), str(document["kind"]))
        if found is None:
            problems.append(f"no schema for apiVersion {document['apiVersion']} kind {document['kind']}")
            continue
        if not (document.get("metadata") or {}).get("name") and not (document.get("metadata") or {}).get("generateName"):
            problems.append(f"{document['kind']}: metadata.name missing")
        problems += validate(document, found[1], document["kind"])
    return problems


def resolve_subschema(schema: dict, path: list[str]) -> dict | None:
    """The schema at a field path (arrays are walked into), following $refs."""
    resolver = _registry().resolver()
    local = schema.get("$defs", {})

    def deref(node: dict) -> dict:
        while True:
            if "$ref" in node:
                ref = node["$ref"]
                if ref.startswith("#/$defs/"):
                    name = ref.split("/")[-1]
                    # a ref inside the Kubernetes definitions is local to them
                    node = local[name] if name in local else k8s_definitions()["$defs"][name]
                else:  # the Kubernetes schemas refer to /api/_definitions.json
                    node = resolver.lookup(urljoin(schema.get("$id") or "https://kubernetes.io/api/", ref)).contents
            elif "allOf" in node and len(node["allOf"]) == 1:
                node = node["allOf"][0]
            else:
                return node

    node = deref(schema)
    for part in path:
        while True:
            types = node.get("type")
            if node.get("items") and (types == "array" or (isinstance(types, list) and "array" in types)):
                node = deref(node["items"])
            else:
                break
        properties = node.get("properties") or {}
        if part not in properties:
            return None
        node = deref(properties[part])
    return {**node, "$defs": local, "$id": schema["$id"]} if local else {**node, "$id": schema.get("$id", "https://kubernetes.io/api/sub")}


def fragment_problems(text: str, api_version: str, kind: str, entry_path: list[str]) -> list[str]:
    """A fragment of a manifest (no apiVersion/kind): validated at the deepest
    prefix of the entry's field path whose schema has all its top-level keys."""
    try:
        document = yaml.safe_load(text)
    except yaml.YAMLError as error:
        return [f"not valid YAML: {str(error).splitlines()[0]}"]
    found = schema_for(api_version, kind)
    if found is None:
        return [f"no schema for apiVersion {api_version} kind {kind}"]
    if not isinstance(document, dict):
        return [f"not a mapping of {kind} fields"]
    for length in range(0, len(entry_path) + 1):
        sub = resolve_subschema(found[1], entry_path[:length])
        if sub is None:
            break
        if set(document) <= set(sub.get("properties") or {}):
            where = ".".join([kind, *entry_path[:length]])
            return validate(document, sub, where, partial=True)
    return [f"{kind}: the keys {sorted(document)} are not fields at {'.'.join(entry_path) or 'the top'}"]
