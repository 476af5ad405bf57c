"""YAML written the way the real files are: block mappings, short lists on one line."""

from __future__ import annotations

from typing import Any

import yaml


class FlowDict(dict[str, Any]):
    """A mapping written on one line, like the real ``- {valeur: 10, libelle: ...}``."""


class _Dumper(yaml.SafeDumper):
    pass


def _mapping(dumper: yaml.SafeDumper, data: dict[str, Any]) -> yaml.Node:
    return dumper.represent_mapping("tag:yaml.org,2002:map", data.items(), flow_style=False)


def _flow_mapping(dumper: yaml.SafeDumper, data: FlowDict) -> yaml.Node:
    return dumper.represent_mapping("tag:yaml.org,2002:map", data.items(), flow_style=True)


def _sequence(dumper: yaml.SafeDumper, data: list[Any]) -> yaml.Node:
    flat = all(not isinstance(item, dict | list) or isinstance(item, FlowDict) for item in data)
    flow = flat and not any(isinstance(item, FlowDict) for item in data)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flow)


def _text(dumper: yaml.SafeDumper, data: str) -> yaml.Node:
    # not_in_nav and other multi-line values read best as literal blocks.
    style = "|" if "\n" in data else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_Dumper.add_representer(dict, _mapping)
_Dumper.add_representer(FlowDict, _flow_mapping)
_Dumper.add_representer(list, _sequence)
_Dumper.add_representer(str, _text)


def dump(data: Any) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000)
