"""The ``booklets`` option of the plugin: a list of booklets, checked as mkdocs reads it."""

from __future__ import annotations

from mkdocs.config.base import BaseConfigOption, ValidationError

from .spec import BookletSpec, parse_booklets


class Booklets(BaseConfigOption[list[BookletSpec]]):
    def __init__(self) -> None:
        super().__init__()
        self.default: list[BookletSpec] = []

    def run_validation(self, value: object) -> list[BookletSpec]:
        try:
            return parse_booklets(value)
        except ValueError as error:
            raise ValidationError(str(error)) from None
