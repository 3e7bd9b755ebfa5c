"""Two versions of a small case that differ by every kind of change ``lexmap diff`` reports
(tests/test_diff.py): a statement of each kind added, removed and changed; a document changed;
levels, contested marks and counts of independent sources moved; matrix cells; gaps opened and
closed; an element of the law and a ratification changed."""

from __future__ import annotations

from pathlib import Path

import yaml

LAW = {
    "instruments": [
        {
            "id": "law",
            "title": "Convention on Work (Test)",
            "short_name": "Test Convention",
            "kind": "convention",
            "binding": True,
            "adopted": "2000-06-01",
            "provisions": [
                {"id": "art-1", "label": "Art. 1", "text": "Forced labour means work exacted under menace of penalty."}
            ],
            "tests": [
                {
                    "id": "forced-labour",
                    "label": "Forced labour",
                    "kind": "definition",
                    "provision": "art-1",
                    "all_of": [
                        {"id": "work", "label": "Work exacted", "words": "work exacted"},
                        {"id": "menace", "label": "Menace of penalty", "words": "menace of penalty"},
                    ],
                }
            ],
        }
    ],
    "indicator_frameworks": [
        {
            "id": "ind",
            "title": "Indicators (Test)",
            "indicators": [{"id": "threats", "label": "Threats"}, {"id": "pay", "label": "Pay withheld"}],
        }
    ],
    "states": [{"id": "aa", "name": "Atlantis"}],
    "ratifications": [
        {
            "instrument": "law",
            "state": "aa",
            "source": "https://example.org/law",
            "events": [{"event": "ratification", "date": "2005-03-01"}],
        }
    ],
}

OLD_CASE = {
    "actors": [
        {"id": "ngo-a", "name": "NGO A", "kind": "organisation"},
        {"id": "ngo-b", "name": "NGO B", "kind": "organisation"},
        {"id": "gov", "name": "Government of Atlantis", "kind": "government"},
    ],
    "documents": [
        {"id": "report-a", "title": "Report A", "kind": "report", "authored_by": ["ngo-a"]},
        {"id": "report-b", "title": "Report B", "kind": "report", "authored_by": ["ngo-b"]},
        {"id": "reply", "title": "Reply", "kind": "government-statement", "authored_by": ["gov"]},
    ],
    "practices": [
        {"id": "passports", "label": "Passport retention", "state": "aa"},
        {"id": "wages", "label": "Wage withholding", "state": "aa"},
    ],
    "claims": [
        {
            "id": "a-menace",
            "document": "report-a",
            "practice": "passports",
            "element": "law/menace",
            "stance": "supports",
            "pinpoint": "p. 1",
            "quote": "passports are kept to punish",
        },
        {
            "id": "a-work",
            "document": "report-a",
            "practice": "passports",
            "element": "law/work",
            "stance": "supports",
            "pinpoint": "p. 2",
            "quote": "they are made to work",
        },
        {
            "id": "b-work",
            "document": "report-b",
            "practice": "passports",
            "element": "law/work",
            "stance": "supports",
            "pinpoint": "p. 4",
            "quote": "work is exacted",
        },
        {
            "id": "a-wages",
            "document": "report-a",
            "practice": "wages",
            "element": "law/menace",
            "stance": "supports",
            "pinpoint": "p. 3",
            "quote": "pay is kept back as a penalty",
        },
    ],
    "attestations": [
        {"id": "a-seen", "document": "report-a", "practice": "passports", "pinpoint": "p. 1", "quote": "passports are kept"},
        {"id": "a-paid", "document": "report-a", "practice": "wages", "pinpoint": "p. 3", "quote": "pay is kept back"},
    ],
    "exhibits": [
        {
            "id": "a-threats",
            "document": "report-a",
            "practice": "passports",
            "indicator": "ind/threats",
            "pinpoint": "p. 1",
            "quote": "to punish",
        },
        {
            "id": "a-pay",
            "document": "report-a",
            "practice": "wages",
            "indicator": "ind/pay",
            "pinpoint": "p. 3",
            "quote": "pay is kept back",
        },
    ],
}


def new_case() -> dict:
    """The new version: every kind of change against :data:`OLD_CASE`."""
    case = yaml.safe_load(yaml.safe_dump(OLD_CASE))  # a deep copy
    claims = {c["id"]: c for c in case["claims"]}
    claims["a-menace"]["pinpoint"] = "p. 1, para. 2"  # changed
    del claims["a-wages"]  # removed: wages -> law/menace falls to unargued
    claims["b-menace"] = {  # added: passports -> law/menace corroborated
        "id": "b-menace",
        "document": "report-b",
        "practice": "passports",
        "element": "law/menace",
        "stance": "supports",
        "pinpoint": "p. 5",
        "quote": "passports are held under threat",
    }
    claims["gov-denial"] = {  # added: passports -> law/work contested
        "id": "gov-denial",
        "document": "reply",
        "practice": "passports",
        "element": "law/work",
        "stance": "contests",
        "pinpoint": "para. 1",
        "quote": "nobody is made to work",
    }
    case["claims"] = list(claims.values())
    case["attestations"] = [a for a in case["attestations"] if a["id"] != "a-paid"]  # removed
    case["attestations"][0]["quote"] = "passports are kept"  # unchanged
    case["exhibits"][0]["stance"] = "supports"
    case["exhibits"].append(
        {
            "id": "b-threats",
            "document": "report-b",
            "practice": "passports",
            "indicator": "ind/threats",
            "pinpoint": "p. 5",
            "quote": "under threat",
        }
    )
    case["documents"][1]["title"] = "Report B (revised)"  # a record changed
    return case


def new_law() -> dict:
    law = yaml.safe_load(yaml.safe_dump(LAW))
    law["instruments"][0]["provisions"][0]["text"] = "Forced labour means work exacted under menace of any penalty."
    law["instruments"][0]["tests"][0]["all_of"][1]["words"] = "menace of any penalty"  # an element changed
    law["ratifications"][0]["events"].append({"event": "denunciation", "date": "2015-06-01"})  # a ratification changed
    return law


def write_case(folder: Path, case: dict, law: dict) -> Path:
    """A case folder: its manifest, its data file and its law folder."""
    (folder / "law").mkdir(parents=True)
    (folder / "lexmap.yaml").write_text(yaml.safe_dump({"title": "Diff fixture", "law": ["law"]}), encoding="utf-8")
    (folder / "case.yaml").write_text(yaml.safe_dump(case, sort_keys=False), encoding="utf-8")
    (folder / "law" / "law.yaml").write_text(yaml.safe_dump(law, sort_keys=False), encoding="utf-8")
    return folder
