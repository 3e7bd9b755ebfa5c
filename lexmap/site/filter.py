"""A filter for long document pages (issue 28 item 4): by practice, element and stance, with no
script. Each statement card carries its practice, element and stance as data attributes
(:mod:`lexmap.site.cards`); the page's three ``<select>`` boxes hide the cards that do not match
through CSS ``:has()``, one rule per value the page offers. Without ``:has()`` (or with CSS
off) every card stays shown: the page reads as before.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from markupsafe import Markup, escape

SHORTEST = 12
"""A page with fewer statements than this gets no filter: it is read whole."""
FIELDS = (("practice", "Practice", "any practice"), ("element", "Element", "any element"), ("stance", "Stance", "any stance"))


def css_string(value: str) -> str:
    """``value`` as a CSS string, safe inside a ``<style>`` element (no ``</style>`` can close it)."""
    out = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\a ").replace("<", "\\3c ")
    return f'"{out}"'


def card_attributes(statement) -> str:
    """The data attributes of a statement's card that the filter matches on."""
    element = getattr(statement, "element", None)
    return f' data-practice="{escape(statement.practice)}"' + (f' data-element="{escape(element)}"' if element else "")


def statement_filter(statements: Iterable, label: Callable[..., str]) -> Markup:
    """The filter form and its style for the cards of ``statements`` (``""`` for a short page);
    ``label(id, qualified=False)`` names a practice or an element."""
    statements = list(statements)
    if len(statements) < SHORTEST:
        return Markup("")
    values: dict[str, dict[str, str]] = {field: {} for field, _, _ in FIELDS}
    for s in statements:
        values["practice"].setdefault(s.practice, label(s.practice))
        if getattr(s, "element", None):
            values["element"].setdefault(s.element, label(s.element, qualified=True))
        stance = getattr(s, "stance", "attests")
        values["stance"].setdefault(stance, stance)
    form = ['<form class="lx-filter" id="lx-filter" data-search-exclude><fieldset><legend>Show only</legend>']
    rules = []
    for field, title, anything in FIELDS:
        options = sorted(values[field].items(), key=lambda kv: kv[1].casefold())
        form.append(
            f'<label>{title} <select id="lx-filter-{field}" name="{field}"><option value="" selected>{anything}</option>'
            + "".join(f'<option value="{escape(v)}">{escape(text)}</option>' for v, text in options)
            + "</select></label> "
        )
        for value, _ in options:
            chosen = f"body:has(#lx-filter-{field} option[value={css_string(value)}]:checked)"
            if field == "stance":
                rules.append(f"{chosen} .lx-statement:not(.lx-{value}) {{ display: none; }}")
            else:
                rules.append(f"{chosen} .lx-statement:not([data-{field}={css_string(value)}]) {{ display: none; }}")
    form.append('<button type="reset">Show all</button></fieldset></form>')
    style = "<style>\n" + "\n".join(rules) + "\n</style>"
    return Markup(style + "\n" + "".join(form))
