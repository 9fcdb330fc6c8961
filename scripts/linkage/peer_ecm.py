"""recordlinkage's unsupervised ECM classifier, set up as in its documentation's unsupervised example: binary
comparisons (Jaro–Winkler ≥ 0.85 on names and street, exact elsewhere), the union of several blocking passes,
accepted pairs clustered by connected components.

Usage: peer_ecm.py SCHEMA OUTPUT INPUT [INPUT2]   (two inputs: link one file to the other)
"""

import sys
import time

import recordlinkage

import standardise


def comparisons(schema):
    compare = recordlinkage.Compare()
    compare.string("given_name", "given_name", method="jarowinkler", threshold=0.85, label="given_name")
    compare.string("surname", "surname", method="jarowinkler", threshold=0.85, label="surname")
    compare.exact("date_of_birth", "date_of_birth", label="date_of_birth")
    compare.exact("postcode", "postcode", label="postcode")
    if schema == "febrl":
        # A 7-digit id one keying error apart has Levenshtein similarity 6/7 ≥ 0.85.
        compare.string("soc_sec_id", "soc_sec_id", method="levenshtein", threshold=0.85, label="soc_sec_id")
        compare.string("address_1", "address_1", method="jarowinkler", threshold=0.85, label="address_1")
        compare.exact("street_number", "street_number", label="street_number")
        compare.exact("suburb", "suburb", label="suburb")
        compare.exact("state", "state", label="state")
    else:
        compare.string("nino", "nino", method="levenshtein", threshold=0.85, label="nino")
        compare.exact("staff_number", "staff_number", label="staff_number")
        compare.string("address", "address", method="jarowinkler", threshold=0.85, label="address")
        compare.exact("email", "email", label="email")
        compare.exact("phone", "phone", label="phone")
        compare.exact("sex", "sex", label="sex")
    return compare


def blocking(schema):
    indexer = recordlinkage.Index()
    # Several passes, so one wrong field does not hide a match (the docs' single given_name pass would).
    if schema == "febrl":
        for column in ["given_name", "surname", "date_of_birth", "soc_sec_id", "postcode"]:
            indexer.block(column)
    else:
        for columns in [["surname", "date_of_birth"], ["given_name", "date_of_birth"], "nino", "postcode", "email",
                        "phone", ["given_name", "surname"]]:
            indexer.block(columns)
    return indexer


def main():
    schema, output, inputs = sys.argv[1], sys.argv[2], sys.argv[3:]
    frames = standardise.load(schema, inputs)
    start = time.perf_counter()
    pairs = blocking(schema).index(*frames)
    features = comparisons(schema).compute(pairs, *frames)
    matches = recordlinkage.ECMClassifier(binarize=None).fit_predict(features)
    records = [record for frame in frames for record in frame.index]
    labels = standardise.connected_components(records, list(matches))
    standardise.write_clusters(output, labels)
    print(f"candidate pairs {len(pairs)}, matches {len(matches)}, linkage {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    main()
