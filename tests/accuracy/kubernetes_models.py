"""Check Kubernetes manifests and field paths against the models of the
official Kubernetes Python client (installed with kfp): every key must be a
field of its object, every value of the right shape."""

from __future__ import annotations

import re

import yaml

# apiVersion, kind -> client model
MODELS = {
    ("v1", "Pod"): "V1Pod",
    ("apps/v1", "Deployment"): "V1Deployment",
    ("v1", "Service"): "V1Service",
    ("v1", "ConfigMap"): "V1ConfigMap",
    ("v1", "Secret"): "V1Secret",
    ("batch/v1", "Job"): "V1Job",
    ("batch/v1", "CronJob"): "V1CronJob",
    ("v1", "PersistentVolumeClaim"): "V1PersistentVolumeClaim",
    ("networking.k8s.io/v1", "Ingress"): "V1Ingress",
    ("autoscaling/v2", "HorizontalPodAutoscaler"): "V2HorizontalPodAutoscaler",
}
BY_KIND = {kind: model for (_, kind), model in MODELS.items()}
SCALARS = {"str": str, "int": int, "bool": bool, "float": (int, float), "object": object, "datetime": object}
_LIST = re.compile(r"list\[(.*)\]$")
_MAP = re.compile(r"dict\(str, (.*)\)$")


def _model(name: str):
    import kubernetes.client

    return getattr(kubernetes.client, name)


def _fields(model_name: str) -> dict[str, str]:
    """JSON field name -> type string of a client model."""
    model = _model(model_name)
    return {json_name: model.openapi_types[attribute] for attribute, json_name in model.attribute_map.items()}


def value_problems(value, type_name: str, path: str) -> list[str]:
    if value is None:
        return []
    if match := _LIST.match(type_name):
        if not isinstance(value, list):
            return [f"{path}: expected a list"]
        return [p for i, item in enumerate(value) for p in value_problems(item, match.group(1), f"{path}[{i}]")]
    if match := _MAP.match(type_name):
        if not isinstance(value, dict):
            return [f"{path}: expected a mapping"]
        problems = []
        for key, item in value.items():
            # Quantities (resources.limits/requests) may be YAML numbers.
            if match.group(1) == "str" and path.endswith(("limits", "requests")) and isinstance(item, (int, float)):
                continue
            problems += value_problems(item, match.group(1), f"{path}.{key}")
        return problems
    if type_name in SCALARS:
        expected = SCALARS[type_name]
        ok = isinstance(value, expected) and not (expected is int and isinstance(value, bool))
        return [] if ok else [f"{path}: expected {type_name}, found {value!r}"]
    if not isinstance(value, dict):
        return [f"{path}: expected a {type_name} object"]
    fields = _fields(type_name)
    problems = []
    for key, item in value.items():
        if key not in fields:
            problems.append(f"{path}: unknown field '{key}'")
        else:
            problems += value_problems(item, fields[key], f"{path}.{key}")
    return problems


def manifest_problems(text: str) -> list[str]:
    """Problems of every manifest in a YAML example (several may be separated by ---)."""
    try:
        documents = [d for d in yaml.safe_load_all(text) if d is not None]
    except yaml.YAMLError as error:
        return [f"not valid YAML: {str(error).splitlines()[0]}"]
    problems = []
    for document in documents:
        if not isinstance(document, dict) or "kind" not in document:
            problems.append("not a manifest (no kind)")
            continue
        model = MODELS.get((document.get("apiVersion"), document.get("kind")))
        if model is None:
            problems.append(f"unknown apiVersion/kind {document.get('apiVersion')}/{document.get('kind')}")
            continue
        if not (document.get("metadata") or {}).get("name"):
            problems.append(f"{document['kind']}: metadata.name missing")
        problems += value_problems(document, model, document["kind"])
    return problems


def field_path_problems(model_name: str, dotted: str) -> list[str]:
    """Whether spec.containers[].resources.limits exists under a model; a map
    ends the walk (what follows is a key)."""
    type_name = model_name
    for part in dotted.split("."):
        key = part.removesuffix("[]")
        if match := _LIST.match(type_name):
            type_name = match.group(1)
        if _MAP.match(type_name):
            return []
        if type_name in SCALARS:
            return [f"{dotted}: '{key}' is inside a {type_name}"]
        fields = _fields(type_name)
        if key not in fields:
            return [f"{dotted}: '{key}' is not a field of {type_name}"]
        type_name = fields[key]
        if part.endswith("[]"):
            match = _LIST.match(type_name)
            if not match:
                return [f"{dotted}: '{key}' is not a list"]
            type_name = match.group(1)
    return []
