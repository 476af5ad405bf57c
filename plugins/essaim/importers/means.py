"""The budget and the people of an action: numbers where :mod:`.amounts` and :mod:`.people` can
read them,
the source text in the body (## Moyens) otherwise and beside them, and a note of each."""

from __future__ import annotations

from typing import Protocol

from ..domain.text import quote
from .amounts import read_budget
from .answers import markdown, parse_amount, parse_people
from .export_format import ExportRecord
from .people import read_people

BUDGET_TEXT_LIMIT = 300


class Draft(Protocol):
    data: dict[str, object]
    moyens: list[str]

    def note(self, message: str) -> None: ...


def format_number(value: int | float) -> str:
    """« 31 000 », as the notes print amounts."""
    text = f"{value:,}".replace(",", "\u00a0")
    return text.replace(".", ",")


def means(record: ExportRecord, draft: Draft) -> None:
    """Budget: a bare amount, else a total read by the rules of :mod:`.amounts` (the text
    kept in ## Moyens), else a short one-line text, else the body. People: a simple
    enumeration (« 40 bénévoles, 3 professionnels »), else the counts :mod:`.people` can
    read (the text kept in the body), else the body. Each note says what was not read."""
    budget, people = record.ressources.strip(), record.personnes.strip()
    amount = parse_amount(budget)
    total = read_budget(budget) if amount is None and budget else None
    if total is not None:
        draft.data["budget"] = total.total
        draft.moyens.append(f"**Ressources financières**\n\n{markdown(budget)}")
        parts = " + ".join(f"{source} {format_number(n)}" for source, n in total.parts)
        if total.basis:  # the parts are other years, not parts of the total
            how = total.basis + (f" (autres années : {parts})" if parts else "")
        elif parts:
            how = f"le total de {parts}"
        else:
            how = f"le montant de {quote(budget.split(chr(10))[0])}"
        draft.note(
            f"budget : {format_number(total.total)} €, lu comme {how} ; le texte reste dans "
            "## Moyens"
        )
    elif amount is not None or (budget and "\n" not in budget and len(budget) <= BUDGET_TEXT_LIMIT):
        draft.data["budget"] = budget if amount is None else amount
        if amount is None:
            draft.note("budget : aucun montant lu, le texte est gardé tel quel")
    elif budget:
        draft.moyens.append(f"**Ressources financières**\n\n{markdown(budget)}")
        why = "plusieurs lignes" if "\n" in budget else "texte long"
        draft.note(
            f"budget : aucun montant lu, ressources financières gardées dans le corps "
            f"(## Moyens, {why})"
        )
    if counts := parse_people(people):
        draft.data["moyens"] = counts
        return
    if not people:
        return
    draft.moyens.append(f"**Personnes mobilisées**\n\n{markdown(people)}")
    found = read_people(people)
    if found.counts:
        draft.data["moyens"] = found.counts
        read = ", ".join(f"{kind} {n}" for kind, n in found.counts.items())
        words = " / ".join(quote(line) for line in found.read)
        estimates = f" ({' ; '.join(found.estimates)})" if found.estimates else ""
        draft.note(f"moyens : {read}{estimates}, lus dans {words} ; le texte reste dans ## Moyens")
    if found.unread:
        draft.note("moyens : rien lu dans " + " / ".join(quote(line) for line in found.unread))
    elif not found.counts:
        draft.note(
            "moyens : aucun nombre lu (ni « 12 bénévoles » ni « Salariés : 6 »), texte gardé "
            "dans le corps (## Moyens)"
        )
