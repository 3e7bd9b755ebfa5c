"""Session 8 (issue 25): the deliberate calls revisited, and the seeds' statements of law.

lexmap records what a speaker argues, filed under the element the speaker's own words name; it
does not certify the argument. Where the words assert a label with no parts, the claim is on the
test as a whole, which never meets an element; where they name no purpose, none is filed. Each
test pins one call of docs/corpus-audit.md, "Session 8: the deliberate calls revisited"; the quotes
are checked against the seeds by tests/test_corpus_evidence.py."""

import pytest

import lexmap
import lexmap.quotes


@pytest.fixture(scope="module")
def corpus():
    return lexmap.load()


def speakers(corpus, statement_id):
    return set(corpus.speakers(statement_id).ids)


def test_hrf_tvpa_framing_sentence_asserts_the_tvpa_test_as_a_whole(corpus):
    claim = corpus.claims["hrf-2022-tvpa-framework-for-cuba"]
    assert claim.element == "us-tvpa/severe-trafficking-labour" and claim.stance == "supports"
    assert "additional legal framework" in claim.quote
    assert corpus.elements[claim.element].children, "a test with parts: the claim names none of them"
    row = corpus.coverage(claim.element, practice=claim.practice)[claim.element]
    assert claim in row.supporting and row.asserted_by >= 1


def test_indentured_workers_are_argued_as_exploited_not_as_debt_bondage(corpus):
    claim = corpus.claims["werlau-lagon-indentured-exploitation"]
    assert claim.element == "palermo/purpose" and "can exploit" in claim.quote
    # no debt of the workers is given: debt bondage stays the indicator's reading, never a claim
    assert not [c.id for c in corpus.claims.values() if "debt-bondage" in c.element and c.document == "werlau-lagon"]
    assert corpus.exhibits["werlau-lagon-indentured-debt-bondage-indicator"].indicator == "ilo-fl/debt-bondage"


def test_migration_schemes_are_argued_at_the_act_element_only(corpus):
    claim = corpus.claims["werlau-lagon-migration-schemes-transportation"]
    assert claim.element == "palermo/act-transportation" and claim.hedge == "anecdotal evidence"
    assert "transport people" in claim.quote
    coverage = corpus.coverage("palermo/trafficking", practice="migrant-smuggling-schemes")
    assert coverage["palermo/act"].level == "argued"
    assert coverage["palermo/means"].level == coverage["palermo/purpose"].level == "unargued"


def test_triffs_persecution_and_exploited_partners_stay_his_account(corpus):
    # "a state of persecution" names no instrument, and the one persecution of the law library is an
    # act of a crime against humanity; "exploiting capitalist partners" exploits the partners
    assert not [c.id for c in corpus.claims.values() if c.element.startswith("rome-statute/") and c.document == "werlau-lagon"]
    assert not [c.id for c in corpus.claims.values() if "soren-triff" in speakers(corpus, c.id)]
    fact = corpus.attestations["werlau-lagon-triff-persecution"]
    assert "exploiting capitalist partners" in fact.quote and "state of persecution" in fact.quote


def test_host_states_abetting_obligations_are_not_given_an_instrument(corpus):
    # HRF's "their own human rights obligations prohibiting engaging in and abetting in human
    # trafficking" names no instrument: no claim and no reading holds the sentence
    words = "prohibiting engaging in and abetting"
    statements = [*corpus.claims.values(), *corpus.attestations.values(), *corpus.readings.values()]
    assert not [s.id for s in statements if words in s.quote]


# ---- the HRF report's statements of law, as readings ----------------------------------------------


@pytest.mark.parametrize(
    "reading, about, words",
    [
        # the N items of the two session-7 readings
        ("hrf-2022-palermo-parties-duties-and-jurisdiction", "palermo/art-5", "jurisdiction of international courts"),
        ("hrf-2022-palermo-first-binding-definition", "palermo/art-3-a", "first legally binding instrument"),
        ("hrf-2022-palermo-art-14-saving-clause", "palermo/art-14-1", "Article 14"),
        ("hrf-2022-soft-law-faithful-interpretations", "iccpr/art-9-1", "lack the enforceability of treaties"),
        ("hrf-2022-soft-law-customary-status", "icescr/art-7", "customary international law"),
        ("hrf-2022-trafficking-triggers-human-rights-treaties", "palermo", "binding human rights treaties"),
        ("hrf-2022-regime-type-and-minimum-standards", "us-tvpa/minimum-standards", "democratic regimes"),
        ("hrf-2022-tvpa-transportation-not-required", "us-tvpa/act", "is not required"),
        ("hrf-2022-tip-tiers-3p-paradigm", "us-tvpa/s7107-b-1", "3P"),
        ("hrf-2022-elimination-regardless-of-ratification", "ilo-declaration-1998/para-2", "regardless of ratification"),
        ("hrf-2022-forced-labour-jus-cogens", "ilo-c29/suppression", "jus"),
        ("hrf-2022-c29-stronger-victim-protection", "ilo-p029/art-1-1", "stronger"),
        ("hrf-2022-unodc-elements-suggestive-of-forced-labour", "ilo-c29/forced-labour", "suggestive of forced labor"),
        ("hrf-2022-state-department-examples-of-coercion", "us-tvpa/means-coercion", "examples of coercion"),
        ("hrf-2022-ceacr-exploitation-links-palermo-and-c29", "ilo-c29/forced-labour", "Committee of Experts"),
        ("hrf-2022-forced-labour-as-trafficking", "palermo/trafficking", "separate, lesser offense"),
        ("hrf-2022-consent-focus-on-traffickers-conduct", "palermo/consent-irrelevant", "coercive conduct"),
        ("hrf-2022-forced-labour-distinct-from-slavery", "slavery-convention-1926/slavery", "different from"),
    ],
)
def test_hrf_statements_of_law_are_readings_of_the_law_they_state(corpus, reading, about, words):
    record = corpus.readings[reading]
    assert record.document == "hrf-2022"
    assert about in record.about
    assert lexmap.quotes.normalise(words) in lexmap.quotes.normalise(record.quote)
    assert record in corpus.readings_of(about, direct=True)


def test_doctrine_relayed_by_hrf_is_spoken_by_who_holds_it(corpus):
    assert speakers(corpus, "hrf-2022-state-department-examples-of-coercion") == {"us-department-of-state"}
    assert speakers(corpus, "hrf-2022-ceacr-exploitation-links-palermo-and-c29") == {"ilo-ceacr"}
    # the CEACR's view reaches HRF through a UNODC paper, which is what fn. 32 cites
    assert [r.document for r in corpus.readings["hrf-2022-ceacr-exploitation-links-palermo-and-c29"].relies_on] == [
        "unodc-key-concepts-2010"
    ]


def test_hrf_paraphrase_of_palermo_means_keeps_its_departures_in_the_note(corpus):
    reading = corpus.readings["hrf-2022-palermo-art-3-a-definition"]
    assert "debt bondage" in reading.quote and "debt bondage" in reading.note
    assert "debt bondage" not in corpus.provisions["palermo/art-3-a"].text


def test_general_typologies_not_about_any_instrument_have_no_reading(corpus):
    # "present-day realities place governments as some of the most pervasive culprits" and the
    # typology of state coercion (fn. 33-34) name no instrument and no Cuban practice
    for words in ("most pervasive culprits", "withdrawing public benefits"):
        assert not [r.id for r in corpus.readings.values() if words in r.quote]


# ---- session 9 (branch match-hrf-r3): the third HRF held-out list's mends --------------------


@pytest.mark.parametrize(
    "claim, practice, element, words",
    [
        ("hrf-2022-exec-expression", "medical-missions-labour-export", "iccpr/freedom-of-expression", "freedom of expression"),
        ("hrf-2022-exec-association", "medical-missions-labour-export", "iccpr/freedom-of-association", "freedom of association"),
        ("hrf-2022-exec-movement", "medical-missions-labour-export", "iccpr/liberty-of-movement", "freedom of movement"),
        (
            "hrf-2022-res-168-rights-association",
            "res-168-disciplinary-regime",
            "iccpr/freedom-of-association",
            "freedom of association",
        ),
        ("hrf-2022-res-168-rights-movement", "res-168-disciplinary-regime", "iccpr/liberty-of-movement", "freedom of movement"),
        ("hrf-2022-res-168-rights-expression", "res-168-disciplinary-regime", "iccpr/freedom-of-expression", "freedom of speech"),
    ],
)
def test_rights_a_summary_sentence_names_are_argued_on_that_sentence(corpus, claim, practice, element, words):
    # 001-E7-E9, E31-E33: the rights were filed only on other passages (the Res. 168 articles, the
    # Conclusion), so the sentence naming them carried none; HRF speaks, on the practice it names
    record = corpus.claims[claim]
    assert (record.practice, record.element, record.stance) == (practice, element, "supports")
    assert words in record.quote and record.speaker is None
    assert speakers(corpus, claim) == {"vaitiari-rodriguez"}


def test_strong_indications_and_the_ilo_conventions_left_unnamed_still_file_no_element(corpus):
    # 001-E5 and E19 stay partly found: "various International Labor Organization conventions" names
    # none, and the State Department's "strong indications of forced labor" is a hedge, not a finding
    on_sentence = [c for c in corpus.claims.values() if "various International Labor Organization" in c.quote]
    assert {c.element.split("/")[0] for c in on_sentence} == {"palermo"}
    assert not [c.id for c in corpus.claims.values() if "strong indications" in c.quote and "forced-labour" in c.element]


def test_no_other_alternative_is_exhibited_as_vulnerability_and_argued_as_hrfs_coercion(corpus):
    # 001-I23: the words are abuse of vulnerability's; HRF's own label stays coercion
    exhibit = corpus.exhibits["hrf-2022-no-other-alternative-ind"]
    assert exhibit.indicator == "ilo-fl/abuse-of-vulnerability" and "no other alternative" in exhibit.quote
    assert corpus.claims["hrf-2022-no-other-alternative"].element == "palermo/means-other-coercion"
    assert not [
        c.id
        for c in corpus.claims.values()
        if "no other alternative" in c.quote and c.element == "palermo/means-abuse-of-vulnerability"
    ]


@pytest.mark.parametrize(
    "attestation, speaker, words",
    [
        ("hrf-2022-totalitarian-legal-system", "hrf", "totalitarian legal system"),
        ("hrf-2022-lawyers-socialist-legality", "hrf", "socialist legality"),
        ("hrf-2022-no-independence-guarantees", "hrf", "independence of the courts"),
        ("hrf-2022-covid-tourism-revenue", None, "lost tourism revenue"),
        ("hrf-2022-vaccines-used-by-hosts", None, "Nicaragua and Venezuela"),
        ("hrf-2022-conclusion-medical-diplomacy-myth", None, "world"),
        ("hrf-2022-conclusion-no-condemnation", None, "widespread condemnation"),
    ],
)
def test_facts_the_third_hrf_list_found_unrecorded_are_attested(corpus, attestation, speaker, words):
    record = corpus.attestations[attestation]
    assert record.speaker == speaker and words in record.quote


def test_hrfs_rebuttal_of_the_world_medical_power_is_a_fact_not_a_contest(corpus):
    # 001-C11: HRF answers Cuba's reply but names no element; the contest stays Cuba's
    assert not [c.id for c in corpus.claims.values() if "world medical power" in c.quote]
    assert corpus.claims["hrf-2022-cuba-best-healthcare-reply"].stance == "contests"


def test_the_palermo_signing_caption_is_the_reports_date_not_the_instruments(corpus):
    # 001-A153: "9 December 2002" is recorded as the report's statement; the library keeps 2000-11-15
    reading = corpus.readings["hrf-2022-palermo-signing-caption"]
    assert "9 December 2002" in reading.quote and "15 November 2000" in reading.note
    assert str(corpus.instruments["palermo"].adopted) == "2000-11-15"


def test_the_soft_law_texts_hrf_names_are_read_as_adding_to_the_protocol(corpus):
    # 001-A16: the OHCHR Principles are no instrument of the library; the reading is about Palermo
    reading = corpus.readings["hrf-2022-soft-law-human-rights-approach"]
    assert reading.about == ("palermo",) and "Recommended" in reading.quote
    assert [r.document for r in reading.relies_on] == ["ohchr-recommended-principles"]


# ---- session 9 (branch match-others-r3): the third "others" reading's mends --------------------


@pytest.mark.parametrize(
    ("reading", "document", "about", "words"),
    [
        ("ca-fs-palermo-art-3-a-definition", "cuba-archive-fact-sheet", "palermo/art-3-a", "having control over"),
        ("ca-fs-c29-definition", "cuba-archive-fact-sheet", "ilo-c29/art-2-1", "menace of any penalty"),
        ("ca-fs-c95-art-6", "cuba-archive-fact-sheet", "ilo-c95/art-6", "dispose of his wages"),
        ("ca-fs-c95-art-8", "cuba-archive-fact-sheet", "ilo-c95/art-8-1", "arbitration award"),
        ("ca-fs-c95-art-9", "cuba-archive-fact-sheet", "ilo-c95/art-9", "obtaining or retaining employment"),
        ("werlau-lagon-palermo-means-wording", "werlau-lagon", "palermo/art-3-a", "position of vulnerability"),
        ("werlau-lagon-instruments-bind-cuba-and-hosts", "werlau-lagon", "palermo", "are parties"),
    ],
)
def test_provisions_the_other_seeds_quote_are_readings_of_those_provisions(corpus, reading, document, about, words):
    record = corpus.readings[reading]
    assert record.document == document and about in record.about
    assert lexmap.quotes.normalise(words) in lexmap.quotes.normalise(record.quote)
    assert record in corpus.readings_of(about, direct=True)


def test_werlau_and_lagons_cut_quote_of_the_means_is_kept_apart_from_the_full_article(corpus):
    dropped = "having control over another person"
    assert dropped in corpus.provisions["palermo/art-3-a"].text
    assert dropped not in corpus.readings["werlau-lagon-palermo-means-wording"].quote
    assert dropped in corpus.readings["werlau-lagon-palermo-means-wording"].note
    assert dropped in lexmap.quotes.normalise(corpus.readings["ca-fs-palermo-art-3-a-definition"].quote)


def test_the_udhr_is_not_recorded_as_an_agreement_with_parties(corpus):
    # the authors list Article 23 among "agreements to which Cuba ... [is a party]": the reading says otherwise
    note = corpus.readings["werlau-lagon-instruments-bind-cuba-and-hosts"].note
    assert "not an agreement with parties" in note


@pytest.mark.parametrize("claim", ["ca-fs-penal-code-216-leave", "ca-fs-exit-permit-leave"])
def test_unnamed_agreements_and_custom_leave_the_claim_on_the_udhr(corpus, claim):
    record = corpus.claims[claim]
    assert "customary international law" in record.quote
    assert record.element == "udhr/freedom-to-leave-and-return"


@pytest.mark.parametrize(
    ("attestation", "practice", "words"),
    [
        ("cibercuba-state-department-warning", "medical-missions-labour-export", "on Thursday"),
        ("werlau-lagon-regime-exports-repression", "worker-export-programme", "usual repression"),
        ("werlau-lagon-migration-motive", "state-sponsored-migration", "alleviate political"),
        ("werlau-lagon-emigrant-remittances", "state-sponsored-migration", "send remittances"),
        ("werlau-lagon-minors-miss-school", "child-labour", "cannot attend school"),
        ("werlau-lagon-escapes", "worker-export-programme", "safe harbor"),
        ("ca-fs-workforce-composition", "worker-export-programme", "tobacco rollers"),
        ("ca-fs-political-ties", "worker-export-programme", "buys loyalty"),
        ("ca-fs-no-domestic-remedies", "no-protection-for-victims", "repressive police state"),
        ("ca-fs-no-malpractice-recourse", "medical-missions-labour-export", "malpractice"),
    ],
)
def test_facts_of_the_third_others_reading_are_attested_by_their_documents(corpus, attestation, practice, words):
    record = corpus.attestations[attestation]
    assert record.practice == practice and record.speaker is None
    assert words in record.quote
    # an undated "on Thursday" or "until last January" gives no date
    assert record.when is None


# ---- session 9 (branch match-hrf-r4): the fourth HRF held-out list's mends ---------------------


def test_recommendation_three_records_the_trafficking_it_asserts_apart_from_magnitsky(corpus):
    # 001-E96: like recommendations (2) and (4), the assertion inside the recommendation is a claim
    claim = corpus.claims["hrf-2022-recommendation-democracies-sanction"]
    assert claim.element == "palermo/trafficking" and claim.practice == "medical-missions-labour-export"
    assert "for trafficking Cuban doctors" in claim.quote and "Magnitsky" not in claim.quote
    assert "Magnitsky" in corpus.claims["hrf-2022-global-magnitsky-aiders"].quote


def test_the_right_to_visit_the_island_is_argued_on_the_ban_as_the_right_to_return(corpus):
    # 001-E73: fn. 119's "denies the right to visit the island" files the element of the ban's other claim
    claim = corpus.claims["hrf-2022-no-somos-desertores-right-to-visit"]
    assert claim.element == corpus.claims["hrf-2022-eight-year-ban-udhr"].element == "udhr/freedom-to-leave-and-return"
    assert claim.practice == "eight-year-ban" and "denies the right to visit" in claim.quote
    assert [r.document for r in claim.relies_on] == ["nosomosdesertores-site"]
    assert claim.speaker is None and speakers(corpus, claim.id) == speakers(corpus, "hrf-2022-eight-year-ban-udhr")


def test_the_end_of_mais_medicos_is_the_reports_account_and_the_ap_title_is_noted(corpus):
    # 001-A62: HRF says Bolsonaro ended it; the cited AP article's title says Cuba did
    fact = corpus.attestations["hrf-2022-mais-medicos-ended"]
    assert fact.speaker is None and "he ended" in fact.quote and fact.when is None
    assert "Cuba ended" in fact.note and [r.document for r in fact.relies_on] == ["ap-2018"]


@pytest.mark.parametrize(("actor", "part_of"), [("oscar-silvera-martinez", None), ("miguel-diaz-canel", "cu-government")])
def test_people_named_only_in_captions_are_actors_who_say_nothing(corpus, actor, part_of):
    # 001-A97, A98: the captions name them (Silvera Martinez's state is not given) and report no statement
    record = corpus.actors[actor]
    assert record.kind == "person" and record.part_of == part_of
    assert corpus.statements_by(actor) == ()


def test_recommendation_one_to_host_countries_stays_unrecorded(corpus):
    # 001-A94: a policy recommendation, not a fact, by the call held above for the host states
    statements = [*corpus.claims.values(), *corpus.attestations.values(), *corpus.readings.values()]
    assert not [s.id for s in statements if "should stop using" in s.quote]


def test_the_forfeiture_read_as_coercion_says_why(corpus):
    # the fourth HRF audit: the claim joins two paragraphs and reads an incentive as coercion
    note = corpus.claims["hrf-2022-confiscation-coercion"].note
    assert "financial" in note and "hrf-2022-confiscation-penalty" in note


# ---- branch match-others-r4: the fourth "others" reading ---------------------------------------


def test_the_faqs_exploitation_is_the_palermo_purpose_beside_its_forced_labour(corpus):
    # "which is characterized as exploitation and forced labor": one sentence, two elements, one speaker
    sentence = corpus.claims["cibercuba-wages-forced-labour-faq"].quote
    purpose = corpus.claims["cibercuba-exploitation-purpose-faq"]
    assert purpose.quote == sentence and purpose.speaker == "us-government"
    assert purpose.element == "palermo/purpose" and purpose.stance == "supports"
    on_sentence = {c.element for c in corpus.claims.values() if c.document == "cibercuba-us-warns" and c.quote == sentence}
    assert on_sentence == {"ilo-c29/forced-labour", "palermo/purpose"}


@pytest.mark.parametrize(
    ("attestation", "practice", "words"),
    [
        ("cibercuba-rubio-march-statement", "medical-missions-labour-export", "In March of last year"),
        ("cibercuba-gonsalves-defended-missions", "medical-missions-labour-export", "cynical rhetoric"),
        ("cibercuba-labour-rights-debate", "wage-withholding", "strong debate"),
        ("werlau-lagon-few-international-remedies", "no-protection-for-victims", "Few international mechanisms"),
        ("werlau-lagon-state-employer", "state-monopoly-on-medical-employment", "lowest hourly wages"),
        ("ca-fs-proselytizing-role", "medical-missions-labour-export", "proselytizing role"),
        ("ca-fs-export-revenue-2016", "worker-export-programme", "largest source of revenues"),
        ("ca-fs-no-domestic-remedies", "no-protection-for-victims", "The sole remedy is to escape."),
        ("ca-fs-family-separation-impact", "family-separation", "hijacking of professional skills"),
    ],
)
def test_facts_of_the_fourth_others_reading_are_attested_by_their_documents(corpus, attestation, practice, words):
    record = corpus.attestations[attestation]
    assert record.practice == practice and record.speaker is None
    assert words in " ".join(record.quote.split())
    # "In March of last year" and "recently" give no date: the article is undated
    assert record.when is None


def test_the_reporters_judgement_on_gonsalves_stays_out_of_his_contest(corpus):
    assert "cynical" not in corpus.claims["cibercuba-gonsalves-free-education"].quote
    assert "cynical" in corpus.attestations["cibercuba-gonsalves-defended-missions"].quote
    assert corpus.attestations["cibercuba-gonsalves-defended-missions"].speaker is None


def test_violence_in_dangerous_postings_is_not_read_as_the_employers_violence(corpus):
    exhibit = corpus.exhibits["ca-fs-dangerous-postings-indicator"]
    assert "raped" in exhibit.quote
    assert exhibit.indicator == "ilo-fl/abusive-working-and-living-conditions"
    assert "ilo-fl/physical-and-sexual-violence" in corpus.indicators
    on_postings = {e.indicator for e in corpus.exhibits.values() if e.practice == "dangerous-postings"}
    assert "ilo-fl/physical-and-sexual-violence" not in on_postings


def test_guarded_agreements_are_a_weak_deception_exhibit_as_the_whas_public_agreements(corpus):
    exhibit = corpus.exhibits["ca-fs-agreements-guarded-deception-indicator"]
    twin = corpus.exhibits["cibercuba-wha-agreements-public-deception-indicator"]
    assert exhibit.indicator == twin.indicator == "ilo-fl/deception"
    assert exhibit.practice == twin.practice == "one-sided-contract-negotiation"
    assert "weak exhibit" in exhibit.note and "no false promise" in exhibit.note


def test_the_c95_reading_carries_the_convention_named_by_the_sheet(corpus):
    reading = corpus.readings["ca-fs-c95-art-6"]
    assert reading.quote.startswith("ILO Convention No. 95 on the Protection of Wages (1949)")
    assert str(corpus.instruments["ilo-c95"].adopted).startswith("1949")


def test_the_second_closing_link_is_noted_not_cited(corpus):
    document = corpus.documents["cuba-archive-fact-sheet"]
    assert "LINKS-TO-CUBA-ARCHIVES-WORK" in " ".join(document.notes.split())
    assert {c.document for c in document.cites} == {"werlau-lagon", "penal-code-cu", "nosomosdesertores-site"}
