"""The reference pages of a corpus: a pure function from a Corpus to ``{path: markdown}``.

Each page is a Jinja template from ``templates/`` rendered with autoescape on:
headings are Markdown (so mkdocs builds the table of contents, page titles and
search sections from them) with every special character written as an HTML
entity; bodies are raw HTML blocks, which Markdown leaves alone, with the data
escaped by Jinja (and by ``markupsafe.escape`` in the statement cards of
:mod:`lexmap.site.cards`). Text from the data thus always shows as text.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Iterator, Mapping
from functools import cached_property, partial
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from .. import palette
from ..chart import build_chart
from ..chronology import kept as kept_chronology
from ..corpus import Corpus
from ..coverage import LEVELS
from ..exports import MEASURES, chart_html
from ..gaps import KINDS as GAP_KINDS
from ..matrix import build_matrix
from . import links
from .cards import statement_card
from .checked import chart_warning, document_warning
from .filter import statement_filter
from .markup import editorial_split, heading_text, multiline, safe_url
from .pictures import test_picture
from .timeline import events_by_practice, timeline

TEMPLATES = Path(__file__).parent / "templates"
TIMELINE = "timeline.md"
"""The case's time line (issue 30 item 2), made when a statement of the case has a ``when``."""


class Relations:
    """The corpus's statements grouped once by everything a page is about (one pass each, so
    pages stay linear in the size of the corpus)."""

    def __init__(self, corpus: Corpus):
        def group() -> defaultdict[str, list[Any]]:
            return defaultdict(list)

        self.claims_of_practice, self.claims_of_document, self.claims_of_element = group(), group(), group()
        for claim in corpus.claims.values():
            self.claims_of_practice[claim.practice].append(claim)
            self.claims_of_document[claim.document].append(claim)
            self.claims_of_element[claim.element].append(claim)
        self.attestations_of_practice, self.attestations_of_document = group(), group()
        for attestation in corpus.attestations.values():
            self.attestations_of_practice[attestation.practice].append(attestation)
            self.attestations_of_document[attestation.document].append(attestation)
        self.exhibits_of_practice, self.exhibits_of_document, self.exhibits_of_indicator = group(), group(), group()
        for exhibit in corpus.exhibits.values():
            self.exhibits_of_practice[exhibit.practice].append(exhibit)
            self.exhibits_of_document[exhibit.document].append(exhibit)
            self.exhibits_of_indicator[exhibit.indicator].append(exhibit)
        # readings: by document, by what each is about, and by instrument (about it or anything in
        # it): at home on the page of its first about's instrument, also shown on the others'
        self.readings_of_document, self.readings_about = group(), group()
        self.readings_home, self.readings_also = group(), group()
        for reading in corpus.readings.values():
            self.readings_of_document[reading.document].append(reading)
            for about in dict.fromkeys(reading.about):
                self.readings_about[about].append(reading)
            home, *others = dict.fromkeys(corpus.owner(about) for about in reading.about)
            self.readings_home[home].append(reading)
            for owner in others:
                self.readings_also[owner].append(reading)
        self.cited_by = group()
        for document in corpus.documents.values():
            for citation in document.cites:
                self.cited_by[citation.document].append((document, citation))
        self.parts, self.based_on = group(), group()
        for practice in corpus.practices.values():
            if practice.part_of:
                self.parts[practice.part_of].append(practice)
            if practice.legal_basis:
                self.based_on[practice.legal_basis.document].append(practice)
        self.elements_of_provision = group()
        for instrument in corpus.instruments.values():
            for test in instrument.tests:
                for element in test.walk():
                    if element.provision:
                        self.elements_of_provision[element.provision].append(element)
        self.ratifications_of = group()
        for ratification in corpus.ratifications.values():
            self.ratifications_of[ratification.instrument].append(ratification)
        self.corpus = corpus

    # What only some pages show is computed when one first asks (after an edit, ``lexmap site
    # serve`` renders a practice's or a document's page first, which show none of it).

    @cached_property
    def gaps(self) -> Any:
        return self.corpus.gaps()

    @cached_property
    def gaps_by_kind(self) -> list[tuple[str, list[Any]]]:
        """The gaps grouped by kind, in the order of :data:`lexmap.gaps.KINDS` (most pressing first)."""
        by_kind = defaultdict(list)
        for gap in self.gaps:
            by_kind[gap.kind].append(gap)
        return [(kind, by_kind[kind]) for kind in GAP_KINDS if by_kind[kind]]

    @cached_property
    def coverage(self) -> Mapping[str, Any]:
        return TestCoverage(self.corpus)

    @cached_property
    def tests_by_evidence(self) -> list[str]:
        return by_evidence(self.coverage)

    @cached_property
    def matrices(self) -> dict[str, Any]:
        corpus = self.corpus
        return {fw: build_matrix(corpus, "indicators", "instruments", framework=fw) for fw in corpus.indicator_frameworks}


class TestCoverage(Mapping[str, Any]):
    """Each test's coverage (``corpus.coverage``, which keeps it), by test id in corpus order,
    computed for a test when a page first asks for it."""

    def __init__(self, corpus: Corpus):
        self.corpus = corpus

    def __getitem__(self, test: str) -> Any:
        if test not in self.corpus.tests:
            raise KeyError(test)
        return self.corpus.coverage(test)

    def __iter__(self) -> Iterator[str]:
        return iter(self.corpus.tests)

    def __len__(self) -> int:
        return len(self.corpus.tests)


def by_evidence(coverage: Mapping[str, Any]) -> list[str]:
    """Test ids, the one carrying the most evidence first (issue 28 item 4): by the supporting
    claims on the test and its elements, then the documents they are in, then the level the
    assessment gave the whole test and its independent sources (all read from the coverage
    answers, none recomputed); ties keep corpus order."""

    def weight(test: str) -> tuple[int, int, int, int]:
        root = coverage[test].elements[0]
        documents = len({claim.document for claim in root.subtree_supporting})
        return (len(root.subtree_supporting), documents, LEVELS.index(root.level), root.independent_sources)

    return sorted(coverage, key=weight, reverse=True)  # sorted is stable: ties keep corpus order


def environment(corpus: Corpus) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # templates do not change during a build: no stat() per page
    )
    env.filters["heading"] = heading_text
    env.filters["multiline"] = multiline
    env.filters["safe_url"] = safe_url
    env.filters["editorial_split"] = editorial_split

    targets: dict[str, str] = {}

    def target(id_: str) -> str:
        """Where ``id_`` is shown (a page, maybe with an anchor), looked up once."""
        if id_ not in targets:
            targets[id_] = links.target(corpus, id_)
        return targets[id_]

    @jinja2.pass_context
    def href(context, id_: str) -> str:
        """Relative URL from the page being rendered to where ``id_`` is shown."""
        return links.url(context["here"], target(id_))

    @jinja2.pass_context
    def page_url(context, path: str) -> str:
        return links.url(context["here"], path)

    names: dict[tuple[str, bool], str] = {}

    def name(id_: str, qualified: bool = False) -> str:
        """What a reader calls the record ``id_``."""
        if (id_, qualified) not in names:
            names[id_, qualified] = _name(id_, qualified)
        return names[id_, qualified]

    def _name(id_: str, qualified: bool) -> str:
        record = corpus[id_]
        if id_ in corpus.documents or id_ in corpus.indicator_frameworks:
            return record.title
        if id_ in corpus.instruments:
            return record.short_name
        if id_ in corpus.provisions or (qualified and (id_ in corpus.elements)):
            sep = " " if id_ in corpus.provisions else ": "
            return f"{corpus.instruments[corpus.owner(id_)].short_name}{sep}{record.label}"
        return str(getattr(record, "label", None) or getattr(record, "name", id_))

    made: dict[tuple[str, str, bool], Markup] = {}

    @jinja2.pass_context
    def a(context, id_: str, text: str | None = None, qualified: bool = False) -> Markup:
        """A link to where ``id_`` is shown, named as a reader calls it (or ``text``). Pages of
        one folder link alike, but to themselves: each link is made once per folder."""
        here = context["here"]
        shared = text is None and target(id_).partition("#")[0] != here  # not a link to this page
        key = (here.rpartition("/")[0], id_, qualified)
        if shared and key in made:
            return made[key]
        link = Markup(f'<a href="{escape(href(context, id_))}">{escape(name(id_, qualified) if text is None else text)}</a>')
        if shared:
            made[key] = link
        return link

    speakers = corpus.sources().speakers

    @jinja2.pass_context
    def statement(context, s, kind: str, show: list[str], h: int = 3, home: bool = False) -> Markup:
        """The card of statement ``s`` (:func:`lexmap.site.cards.statement_card`)."""
        return statement_card(
            s,
            kind,
            show,
            h,
            home=home,
            corpus=corpus,
            speakers=speakers,
            name=name,
            link=lambda id_, qualified=False: a(context, id_, qualified=qualified),
        )

    env.globals.update(
        a=a,
        statement=statement,
        href=href,
        page_url=page_url,
        name=name,
        LEVELS=LEVELS,
        SWATCHES=palette.LEVELS,
        CONTESTED_MEANING=palette.CONTESTED.meaning,
        MEASURES=MEASURES,
        local=links.local,
        anchor=links.anchor,
        speakers=speakers,
        gap_kinds=GAP_KINDS,
        picture=test_picture,
        marker=palette.CONTESTED_MARK,
        quote_link=links.quote_link,
        unchecked_warning=lambda d: document_warning(corpus, d),
        statement_filter=lambda items: statement_filter(items, name),
    )
    return env


def _wholes(corpus: Corpus, practice: str) -> list[str]:
    """``practice`` and the practices it is part of, up the chain (a part's events are the whole's too)."""
    found, seen = [practice], {practice}  # a set beside the list: a test of the list made a deep chain cubic
    while (parent := corpus.practices[found[-1]].part_of) and parent not in seen:
        found.append(parent)
        seen.add(parent)
    return found


def _label(corpus: Corpus, id_: str) -> str:
    record = corpus.get(id_)
    return getattr(record, "label", None) or getattr(record, "title", None) or id_


def _case_timeline(corpus: Corpus, events: list, total: int) -> dict[str, Any]:
    """The context of the case's time line page: the dated ``events`` of every practice (each
    statement once, under its own practice), drawn by :func:`lexmap.site.timeline.timeline`, each
    bar marked with its practice's key (P1 for the practice with the most dated statements)."""
    counts: dict[str, int] = {}
    for event in events:
        counts[event.practice] = counts.get(event.practice, 0) + 1
    label = corpus.case.title if corpus.case else "the case"
    practices = sorted(counts.items(), key=lambda kv: (-kv[1], _label(corpus, kv[0]).casefold()))
    marks = {practice: f"P{number}" for number, (practice, _count) in enumerate(practices, 1)}
    return {
        "timeline": timeline(events, label, lambda i: _label(corpus, i), key=lambda e: marks[e.practice]),
        "dated": events,
        "total": total,
        "practices": [(marks[p], p, count) for p, count in practices],
    }


def build_pages(
    corpus: Corpus,
    *,
    progress: Callable[[int, int], None] | None = None,
    changes: tuple[str, str] | None = None,
    only: Collection[str] | None = None,
) -> dict[str, str]:
    """Every reference page of ``corpus`` as ``{path relative to the site root: markdown}``.

    ``progress(done, total)`` is called after each page, for long builds. ``changes``: (revision,
    Markdown) of the "Changes since" page, linked from the home page. ``only``: just these paths
    (``lexmap site serve`` after an edit, :mod:`lexmap.site.incremental`); what only other pages
    need (other tests' charts, the chronology) is then not computed.
    """
    makers = page_makers(corpus, changes=changes)
    if only is not None:
        makers = {path: make for path, make in makers.items() if path in only}
    pages: dict[str, str] = {}
    for done, (path, make) in enumerate(makers.items(), 1):
        pages[path] = make()
        if progress:
            progress(done, len(makers))
    return pages


def page_makers(corpus: Corpus, *, changes: tuple[str, str] | None = None) -> dict[str, Callable[[], str]]:
    """``{path: make}``: what :func:`build_pages` gives, each page's Markdown made when ``make()``
    is called (the mkdocs hook makes each page as mkdocs reads it, so the site's Markdown is never
    in memory at once; what a page needs is computed for the first page that needs it)."""
    env = environment(corpus)
    rel = Relations(corpus)
    memo: dict[str, Any] = {}  # what several pages read, computed for the first that asks

    def events() -> tuple:
        return kept_chronology(corpus)  # computed once, kept with the corpus: time lines and charts read it

    def dated() -> dict[str, Any]:
        if "by practice" not in memo:
            memo["by practice"] = events_by_practice(events(), lambda p: _wholes(corpus, p))
        return memo["by practice"]

    def case_line() -> list:
        return [e for e in events() if e.lower is not None]

    # a statement is on the time line when it has a `when:` (chronology parses every one): known
    # without computing the chronology, which only the pages that draw it need
    statements: list[Any] = [*corpus.claims.values(), *corpus.attestations.values(), *corpus.exhibits.values()]
    timed = any(s.when for s in statements)

    def home() -> dict:
        return {"since": changes[0] if changes else None, "timeline": (TIMELINE, len(case_line())) if timed else None}

    def chart_context(t: str) -> dict:
        chart = build_chart(corpus, t)
        return {
            "test": corpus.tests[t],
            "chart_css": Markup(chart_html.CSS),
            "chart_fragment": Markup(chart_html.fragment(chart)),
            "unchecked": chart_warning(corpus, chart),
        }

    def test_context(t: str) -> dict:
        return {"test": corpus.tests[t], "cov": rel.coverage[t], "chart_page": links.chart(corpus, t)}

    def practice_context(p: Any) -> dict:
        return {"practice": p, "timeline": timeline(dated().get(p.id, []), p.label, lambda i: _label(corpus, i))}

    Job = tuple[str, str, Callable[[], dict]]
    jobs: list[Job] = [
        ("index.md", "index.md.j2", home),
        ("instruments/index.md", "instruments.md.j2", dict),
        ("tests/index.md", "tests.md.j2", dict),
        ("practices/index.md", "practices.md.j2", dict),
        ("documents/index.md", "documents.md.j2", dict),
        ("indicators/index.md", "indicators.md.j2", dict),
        ("matrix.md", "matrix.md.j2", dict),
        ("gaps.md", "gaps.md.j2", dict),
    ]
    jobs += [(links.target(corpus, i.id), "instrument.md.j2", partial(dict, instrument=i)) for i in corpus.instruments.values()]
    jobs += [
        (
            links.target(corpus, t),
            "test.md.j2",
            partial(test_context, t),
        )
        for t in corpus.tests
    ]
    jobs += [(links.chart(corpus, t), "chart.md.j2", partial(chart_context, t)) for t in corpus.tests]
    jobs += [
        (
            links.target(corpus, p.id),
            "practice.md.j2",
            partial(practice_context, p),
        )
        for p in corpus.practices.values()
    ]
    jobs += [(links.target(corpus, d.id), "document.md.j2", partial(dict, document=d)) for d in corpus.documents.values()]
    jobs += [
        (links.target(corpus, i), "indicator.md.j2", partial(dict, indicator=corpus.indicators[i])) for i in corpus.indicators
    ]
    if timed:  # the case's time line: every practice's dated statements, each once
        jobs.append((TIMELINE, "timeline.md.j2", lambda: _case_timeline(corpus, case_line(), len(events()))))
    makers: dict[str, Callable[[], str]] = {
        path: partial(_render, env, template, path, corpus, rel, context) for path, template, context in jobs
    }
    if changes:
        makers["changes.md"] = partial(str, changes[1])
    return makers


def _render(
    env: jinja2.Environment, template: str, path: str, corpus: Corpus, rel: Relations, context: Callable[[], dict]
) -> str:
    return env.get_template(template).render(here=path, corpus=corpus, rel=rel, **context())
