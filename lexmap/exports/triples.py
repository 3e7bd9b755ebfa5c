"""The corpus as RDF triples, without rdflib: lexmap's vocabulary and mapping, for every RDF
output (N-Triples and Turtle in :mod:`lexmap.exports.rdf_text`, rdflib's graph and JSON-LD in
:mod:`lexmap.exports.rdf`, Oxigraph in :mod:`lexmap.sparql`).

The vocabulary is documented in docs/rdf.md. It reuses existing ones where
they fit: ELI and schema.org ``Legislation`` for instruments and provisions,
the W3C Web Annotation model (``oa:TextQuoteSelector``) and PROV-O for the
source and quote of every claim, attestation, exhibit and reading, SKOS for indicator
frameworks, Dublin Core for documents. What none of them has (legal elements,
practices, stances) is in lexmap's own namespace ``lm:``. Every resource also
carries its lexmap id as ``dcterms:identifier``, so queries need not know the
base IRI. Nodes that stand for parts of a record (a party status, a citation,
a quote) get IRIs below the record's, never blank nodes: same corpus, same
bytes.

Triples are made record by record, as a stream: building rdflib's graph of a 100x corpus took
a minute and gigabytes before anything was written.
"""

from __future__ import annotations

from collections.abc import Iterator

import attrs

from ..dates import parse_date
from ..model import Element, Provision
from ..urls import is_web_address

VOCAB = "urn:lexmap:vocab#"
DEFAULT_BASE = "urn:lexmap:"
PREFIXES = {
    "lm": VOCAB,
    "eli": "http://data.europa.eu/eli/ontology#",
    "schema": "https://schema.org/",
    "oa": "http://www.w3.org/ns/oa#",
    "prov": "http://www.w3.org/ns/prov#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
XSD = PREFIXES["xsd"]
EDTF = "http://id.loc.gov/datatypes/edtf/EDTF"
"""The Library of Congress's datatype of EDTF literals: a statement's ``when`` as written."""


class IRI(str):
    """An IRI. Objects of triples that are not IRIs are literals: ``str`` (a plain string),
    ``bool``, ``int`` or :class:`Typed`."""

    __slots__ = ()


@attrs.frozen
class Typed:
    """A literal of a datatype (an IRI): dates, web addresses."""

    value: str
    datatype: str


Triple = tuple[IRI, IRI, object]
RDF_TYPE = IRI("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


class _Namespace:
    def __init__(self, iri: str):
        self._iri = iri

    def __getattr__(self, name: str) -> IRI:
        return IRI(self._iri + name)


def corpus_triples(corpus, base: str = DEFAULT_BASE) -> Iterator[Triple]:
    """Every triple of ``corpus``, record by record; resource IRIs are ``base`` + lexmap id."""
    lm, eli, schema, oa, prov, skos, dcterms, rdfs = (
        _Namespace(PREFIXES[n]) for n in ("lm", "eli", "schema", "oa", "prov", "skos", "dcterms", "rdfs")
    )
    buffer: list[Triple] = []
    emit = buffer.append

    def drain() -> list[Triple]:
        made = buffer[:]
        buffer.clear()
        return made

    def iri(id_: str) -> IRI:
        return IRI(base + id_)

    def add(subject, predicate, value) -> None:
        """A triple, unless the value is absent."""
        if value is not None:
            emit((subject, predicate, value))

    def date(value: str | None):
        return None if value is None else Typed(value, XSD + {4: "gYear", 7: "gYearMonth"}.get(len(value), "date"))

    def url(value: str | None):
        return None if value is None else Typed(value, XSD + "anyURI")

    def source(value: str | None):
        """A ratification source: an address is typed as one; words stay a plain literal."""
        return url(value) if is_web_address(value) else value

    def record(id_: str, *types) -> IRI:
        subject = iri(id_)
        for type_ in types:
            emit((subject, RDF_TYPE, type_))
        add(subject, dcterms.identifier, id_)
        return subject

    case = IRI(base)  # the case itself: its title and date travel with every export of it
    emit((case, RDF_TYPE, schema.Dataset))
    add(case, dcterms.title, corpus.title)
    add(case, dcterms.date, date(corpus.case.date) if corpus.case else None)
    add(case, dcterms.description, corpus.case.description if corpus.case else None)
    yield from drain()

    for state in corpus.states.values():
        s = record(state.id, lm.State, schema.Country)
        add(s, schema.name, state.name)
        yield from drain()

    def provision(p: Provision, parent: IRI, position: int) -> None:
        s = record(p.id, eli.LegalResourceSubdivision, schema.Legislation)
        add(s, rdfs.label, p.label)
        add(s, eli.title, p.heading)
        add(s, schema.text, p.text)
        add(s, eli.is_part_of, parent)
        add(parent, eli.has_part, s)
        add(s, schema.position, position)
        for n, child in enumerate(p.provisions, 1):
            provision(child, s, n)

    def element(e: Element, instrument: IRI, position: int) -> IRI:
        s = record(e.id, lm.Element)
        add(s, rdfs.label, e.label)
        add(s, lm.instrument, instrument)
        add(s, lm.setOutIn, e.provision and iri(e.provision))
        add(s, lm.testKind, e.kind)
        add(s, dcterms.description, e.description)
        add(s, lm.words, e.words)
        add(s, schema.position, position)
        for predicate, children in ((lm.allOf, e.all_of), (lm.anyOf, e.any_of)):
            for n, child in enumerate(children, 1):
                add(s, predicate, element(child, instrument, n))
        return s

    for instrument in corpus.instruments.values():
        s = record(instrument.id, eli.LegalResource, schema.Legislation)
        add(s, eli.title, instrument.title)
        add(s, eli.title_short, instrument.short_name)
        add(s, schema.legislationType, instrument.kind)
        add(s, lm.binding, instrument.binding)
        add(s, schema.legislationPassedBy, instrument.adopted_by)
        add(s, eli.date_document, date(instrument.adopted))
        add(s, eli.first_date_entry_in_force, date(instrument.in_force))
        add(s, schema.url, url(instrument.url))
        add(s, skos.note, instrument.notes)
        for n, child in enumerate(instrument.provisions, 1):
            provision(child, s, n)
        for n, test in enumerate(instrument.tests, 1):
            t = element(test, s, n)
            emit((t, RDF_TYPE, lm.Test))
            add(s, lm.hasTest, t)
        yield from drain()

    for framework in corpus.indicator_frameworks.values():
        s = record(framework.id, skos.ConceptScheme)
        add(s, dcterms.title, framework.title)
        add(s, dcterms.publisher, framework.publisher)
        add(s, dcterms.issued, date(framework.date))
        add(s, schema.url, url(framework.url))
        for n, indicator in enumerate(framework.indicators, 1):
            i = record(indicator.id, skos.Concept, lm.Indicator)
            add(i, skos.prefLabel, indicator.label)
            add(i, skos.definition, indicator.description)
            add(i, skos.inScheme, s)
            add(i, skos.topConceptOf, s)
            add(s, skos.hasTopConcept, i)
            add(i, schema.position, n)
        yield from drain()

    for ratification in corpus.ratifications.values():
        r = record(f"{ratification.instrument}/ratification/{ratification.state}", lm.Ratification)
        add(r, lm.instrument, iri(ratification.instrument))
        add(r, lm.state, iri(ratification.state))
        add(r, dcterms.source, source(ratification.source))
        add(r, lm.asOf, date(ratification.as_of))
        add(r, skos.note, ratification.note)
        for n, event in enumerate(ratification.events, 1):
            e = record(f"{ratification.instrument}/ratification/{ratification.state}/{n}", lm.TreatyAction)
            add(r, lm.event, e)
            add(e, lm.eventKind, event.event)
            add(e, dcterms.date, date(event.date))
            add(e, schema.position, n)
            add(e, skos.note, event.note)
            add(e, dcterms.source, source(event.source))
        yield from drain()

    for actor in corpus.actors.values():
        a = record(
            actor.id,
            prov.Agent,
            {"person": schema.Person, "government": schema.GovernmentOrganization}.get(actor.kind, schema.Organization),
        )
        add(a, rdfs.label, actor.name)
        add(a, lm.actorKind, actor.kind)
        add(a, schema.memberOf, actor.part_of and iri(actor.part_of))
        add(a, skos.note, actor.notes)
        yield from drain()

    for document in corpus.documents.values():
        s = record(document.id, lm.Document, schema.CreativeWork, prov.Entity)
        for actor in document.authored_by:
            add(s, schema.author, iri(actor))
        add(s, schema.publisher, document.published_by and iri(document.published_by))
        add(s, dcterms.title, document.title)
        add(s, lm.documentKind, document.kind)
        for author in document.authors:
            add(s, dcterms.creator, author)
        add(s, dcterms.publisher, document.publisher)
        add(s, dcterms.issued, date(document.date))
        add(s, schema.url, url(document.url))
        add(s, dcterms.language, document.language)
        add(s, lm.textFile, document.text_file)
        add(s, skos.note, document.notes)
        for n, citation in enumerate(document.cites, 1):
            c = record(f"{document.id}/cites/{n}", lm.Citation)
            add(s, dcterms.references, iri(citation.document))
            add(s, lm.citation, c)
            add(c, lm.cited, iri(citation.document))
            add(c, lm.pinpoint, citation.pinpoint)
            add(c, skos.note, citation.note)
        yield from drain()

    for practice in corpus.practices.values():
        s = record(practice.id, lm.Practice)
        add(s, rdfs.label, practice.label)
        add(s, dcterms.description, practice.description)
        add(s, lm.actor, practice.actor)
        add(s, lm.programme, practice.programme)
        add(s, lm.state, practice.state and iri(practice.state))
        for place in practice.places:
            add(s, lm.place, place)
        add(s, dcterms.temporal, practice.period)
        add(s, lm.start, date(practice.start))
        add(s, lm.end, date(practice.end))
        add(s, dcterms.isPartOf, practice.part_of and iri(practice.part_of))
        if practice.legal_basis:
            basis = practice.legal_basis
            b = record(f"{practice.id}/legal-basis", lm.LegalBasis)
            add(s, lm.legalBasis, b)
            add(b, dcterms.source, iri(basis.document))
            add(b, lm.pinpoint, basis.pinpoint)
            add(b, schema.text, basis.text)
        yield from drain()

    def statement(st, type_, motivation) -> IRI:
        """A claim, attestation, exhibit or reading: a Web Annotation whose target is the quote in the document."""
        s = record(st.id, type_, oa.Annotation, prov.Entity)
        add(s, oa.motivatedBy, motivation)
        add(s, dcterms.source, iri(st.document))
        add(s, prov.wasAttributedTo, st.speaker and iri(st.speaker))
        for n, reliance in enumerate(st.relies_on, 1):
            add(s, prov.wasDerivedFrom, iri(reliance.document))
            r = record(f"{st.id}/relies-on/{n}", lm.Reliance)
            add(s, lm.reliance, r)
            add(r, lm.cited, iri(reliance.document))
            add(r, lm.pinpoint, reliance.pinpoint)
            add(r, skos.note, reliance.note)
        add(s, lm.practice, getattr(st, "practice", None) and iri(st.practice))  # a reading has none
        if st.when is not None:  # the date of the conduct (issue 30), never the document's
            bounds = parse_date(st.when)
            add(s, lm.eventDate, Typed(st.when, EDTF))
            add(s, lm.eventEarliest, Typed(bounds.lower.isoformat(), XSD + "date"))
            add(s, lm.eventLatest, Typed(bounds.upper.isoformat(), XSD + "date"))
        add(s, lm.stance, getattr(st, "stance", None))
        add(s, skos.note, st.note)
        target = iri(f"{st.id}/target")
        add(s, oa.hasTarget, target)
        emit((target, RDF_TYPE, oa.SpecificResource))
        add(target, oa.hasSource, iri(st.document))
        add(target, lm.pinpoint, st.pinpoint)
        selector = iri(f"{st.id}/quote")
        add(target, oa.hasSelector, selector)
        emit((selector, RDF_TYPE, oa.TextQuoteSelector))
        add(selector, oa.exact, st.quote)
        return s

    for claim in corpus.claims.values():
        add(statement(claim, lm.Claim, oa.classifying), lm.element, iri(claim.element))
        yield from drain()

    for attestation in corpus.attestations.values():
        statement(attestation, lm.Attestation, oa.describing)
        yield from drain()

    for exhibit in corpus.exhibits.values():
        add(statement(exhibit, lm.Exhibit, oa.classifying), lm.indicator, iri(exhibit.indicator))
        yield from drain()

    for reading in corpus.readings.values():
        s = statement(reading, lm.Reading, oa.commenting)
        for about in reading.about:
            add(s, lm.about, iri(about))
        yield from drain()
