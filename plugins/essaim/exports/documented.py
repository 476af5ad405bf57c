"""An open-data file and its fields, as the ``donnees/`` page, the Data Package and the DCAT
catalogue describe them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol


class Documented(Protocol):
    """A column or a property, as the ``donnees/`` page documents it."""

    @property
    def name(self) -> str: ...
    @property
    def kind_label(self) -> str: ...
    @property
    def description(self) -> str: ...


@dataclass(frozen=True)
class Field:
    name: str
    kind_label: str
    description: str


@dataclass(frozen=True)
class DataFile:
    src_uri: str
    title: str
    format: str
    description: str
    fields: Sequence[Documented] = ()
    fields_intro: str = ""
    name: str = ""  # the resource's name in datapackage.json
    mediatype: str = "application/json"
    encoding: str = "utf-8"
    delimiter: str = ""  # a CSV file's: the Data Package describes it as a table
    decimal: str = "."
    schema_uri: str = ""  # what the file conforms to (DCAT's dct:conformsTo)
    distributed: bool = True  # False: a description of the data, not the data (DCAT)

    @property
    def extension(self) -> str:
        return self.src_uri.rsplit(".", 1)[-1]
