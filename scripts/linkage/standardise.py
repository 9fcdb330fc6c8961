"""The peers' view of the input files: the columns they compare, lower-cased and trimmed, missing as null, as
Splink's and recordlinkage's documentation ask of their input. Both peers read the same view."""

import re

import pandas as pd


def _clean(series):
    series = series.fillna("").astype(str).str.strip().str.lower()
    return series.where(series != "", None)


def febrl(path):
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    for column in frame.columns:
        if column != "record_id":
            frame[column] = _clean(frame[column])
    return frame.set_index("record_id", drop=False)


def people(path):
    raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame = pd.DataFrame({"record_id": raw["record_id"]})
    forenames = _clean(raw["forenames"])
    frame["given_name"] = forenames.str.split(" ").str[0]
    frame["surname"] = _clean(raw["surname"])
    frame["date_of_birth"] = _clean(raw["date_of_birth"])
    frame["nino"] = _clean(raw["ni_number"].map(lambda value: re.sub(r"[^0-9A-Za-z]", "", value)))
    frame["staff_number"] = _clean(raw["staff_number"])
    frame["organisation"] = _clean(raw["organisation_code"])
    frame["address"] = _clean(raw["address"])
    frame["postcode"] = _clean(raw["postcode"].str.replace(" ", "", regex=False))
    frame["email"] = _clean(raw["email"])
    frame["phone"] = _clean(raw["phone"].map(lambda value: re.sub(r"[^0-9]", "", value)))
    frame["sex"] = _clean(raw["sex"])
    return frame.set_index("record_id", drop=False)


def load(schema, paths):
    reader = febrl if schema == "febrl" else people
    return [reader(path) for path in paths]


def connected_components(records, links):
    """Cluster labels from accepted pairs, by union–find: the transitive closure both peers' documentation uses."""
    parent = {record: record for record in records}

    def find(record):
        while parent[record] != record:
            parent[record] = parent[parent[record]]
            record = parent[record]
        return record

    for left, right in links:
        a, b = find(left), find(right)
        if a != b:
            parent[b] = a
    return {record: find(record) for record in records}


def write_clusters(path, labels):
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("record_id,cluster\n")
        for record, label in labels.items():
            handle.write(f"{record},{label}\n")
