"""A filter for long document pages (issue 28 item 4): by practice, element and stance. Each
statement card carries its practice, element and stance as data attributes
(:mod:`lexmap.site.cards`); the page's three ``<select>`` boxes hide the cards that do not match,
one CSS rule per value the page offers, in two ways that each suffice:

- with no script, through CSS ``:has()`` (Chrome and Edge 105, Safari 15.4, Firefox 121 and
  later): ``body:has(#lx-filter-practice option[value=X]:checked)``;
- with a script and no ``:has()`` (older browsers), through the attributes a few lines of ES5
  set on ``<body>`` when a box changes: ``body[data-lx-practice=X]``.

Each is its own rule: a browser drops a whole rule whose selector list holds a selector it does
not know, so the fallback never shares a rule with ``:has()``. With neither (no script, no
``:has()``) or with CSS off, every card stays shown: the page reads as before.
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
    element, practice = getattr(statement, "element", None), getattr(statement, "practice", None)
    return (f' data-practice="{escape(practice)}"' if practice else "") + (
        f' data-element="{escape(element)}"' if element else ""
    )


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
            others = (
                f".lx-statement:not(.lx-{value})"
                if field == "stance"
                else f".lx-statement:not([data-{field}={css_string(value)}])"
            )
            for chosen in (
                f"body:has(#lx-filter-{field} option[value={css_string(value)}]:checked)",
                f"body[data-lx-{field}={css_string(value)}]",  # set by SCRIPT: browsers without :has()
            ):
                rules.append(f"{chosen} {others} {{ display: none; }}")
    form.append('<button type="reset">Show all</button></fieldset></form>')
    style = "<style>\n" + "\n".join(rules) + "\n</style>"
    return Markup(style + "\n" + "".join(form) + SCRIPT)


SCRIPT = (
    "<script>(function () {"  # ES5, for the browsers that lack :has()
    ' var form = document.getElementById("lx-filter"), fields = ["practice", "element", "stance"];'
    " if (!form) return;"
    " function apply() { for (var i = 0; i < fields.length; i++) {"
    ' var value = form.elements[fields[i]].value, name = "data-lx-" + fields[i];'
    " if (value) document.body.setAttribute(name, value); else document.body.removeAttribute(name); } }"
    ' form.addEventListener("change", apply);'
    ' form.addEventListener("reset", function () { setTimeout(apply, 0); });'  # after the boxes are reset
    " apply(); })();</script>"
)
"""Sets ``data-lx-FIELD`` on ``<body>`` to each box's value (the rules of browsers without ``:has()``)."""
