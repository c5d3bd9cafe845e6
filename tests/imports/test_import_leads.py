"""`lead-scoring import leads` on a CSV with bad rows: every good row lands, each bad one is
quarantined with a reason naming the file, row and column, and a re-import adds nothing.
Expected counts and values are worked out by hand from the file below."""

import gzip
import json
import shutil

import pyarrow as pa
import pyarrow.parquet as pq

from tests.imports.conftest import query, run_import

HEADER = "Lead Number,Account,Email,Created,Converted,Employees,Channel,Opted In\n"
ROWS = [
    "L1,A-1,a@example.com,2026-01-02T10:00:00+09:00,1,120,Web,yes",  # 1 good
    "L2,A-2,b@example.com,2026-01-03,0,15,Ads,no",  # 2 good
    ",A-3,c@example.com,2026-01-04,0,5,Web,no",  # 3 missing id
    "L4,A-4,d@example.com,2026-01-05,0,many,Web,no",  # 4 bad number
    "L5,A-5,e@example.com,31/02/2026,0,5,Web,no",  # 5 bad date
    "L1,A-1,a@example.com,2026-01-02T10:00:00+09:00,1,999,Web,yes",  # 6 L1 again, other content
    "L6,A-6,f@example.com,2026-01-06,0,5,Web,no,surprise",  # 7 a cell in no declared column
    "L2,A-2,b@example.com,2026-01-03,0,15,Ads,no",  # 8 same as row 2: a repeat, skipped
    "L7,,,,,,,",  # 9 good: only the id
]
EXPECTED_REASONS = [
    (3, 'leads.csv row 3, column "Lead Number": the id is empty'),
    (4, 'leads.csv row 4, column "Employees": "many" is not a number'),
    (
        5,
        'leads.csv row 5, column "Created": "31/02/2026" is not a date or time '
        "(expected ISO 8601, e.g. 2026-11-20)",
    ),
    (6, 'leads.csv row 6: id "L1" repeats row 1 with other content'),
    (
        7,
        "leads.csv row 7 (line 8): 9 cells but the header names 8: 1 value(s) in a column the "
        "header does not declare",
    ),
]


def _write_csv(workspace):
    path = workspace / "leads.csv"
    path.write_text(HEADER + "\n".join(ROWS) + "\n")
    return path


def _counts(workspace):
    return query(
        workspace,
        "select (select count(*) from raw.import_leads), (select count(*) from raw._quarantine)",
    )[0]


def test_good_rows_land_bad_rows_are_quarantined_and_a_reimport_adds_nothing(workspace, capsys):
    path = _write_csv(workspace)

    assert run_import(workspace, "leads", path) == 0

    # 9 rows: L1, L2, L7 land; row 8 repeats row 2 (skipped); rows 3-7 are quarantined
    loads = query(
        workspace,
        "select records_read, rows_inserted, rows_skipped, rows_quarantined from raw._loads",
    )
    assert loads == [(9, 3, 1, 5)]
    assert query(workspace, "select lead_id from raw.import_leads order by 1") == [
        ("L1",),
        ("L2",),
        ("L7",),
    ]
    quarantined = query(
        workspace, "select position, reason, source from raw._quarantine order by position"
    )
    assert [(p, r) for p, r, _ in quarantined] == EXPECTED_REASONS
    assert {s for _, _, s in quarantined} == {str(path)}
    printed = capsys.readouterr().out
    assert "leads.csv: 9 rows read, 3 new, 1 already loaded, 5 quarantined" in printed

    assert run_import(workspace, "leads", path) == 0  # the same file again
    assert "imported before and unchanged, skipped" in capsys.readouterr().out
    assert _counts(workspace) == (3, 5)

    copy = workspace / "leads-copy.csv"  # the same rows delivered again under another name
    shutil.copy(path, copy)
    assert run_import(workspace, "leads", copy) == 0
    assert query(workspace, "select count(*) from raw.import_leads") == [(3,)]
    last = query(
        workspace,
        "select records_read, rows_inserted, rows_skipped from raw._loads order by loaded_at desc",
    )[0]
    assert last == (9, 0, 4)


def test_each_mapped_column_is_typed_and_times_are_utc(workspace):
    path = _write_csv(workspace)
    run_import(workspace, "leads", path)

    rows = query(
        workspace,
        "select lead_id, external_id, email, created_at, fields from raw.import_leads "
        "order by lead_id",
    )
    typed = [(r[0], r[1], r[2], r[3], json.loads(r[4])) for r in rows]
    assert typed == [
        (
            "L1",
            "A-1",
            "a@example.com",
            "2026-01-02T01:00:00Z",  # 10:00 at +09:00
            {"Converted": "1", "Employees": 120, "Channel": "Web", "Opted In": True},
        ),
        (
            "L2",
            "A-2",
            "b@example.com",
            "2026-01-03T00:00:00Z",
            {"Converted": "0", "Employees": 15, "Channel": "Ads", "Opted In": False},
        ),
        (
            "L7",
            None,
            None,
            None,
            {"Converted": None, "Employees": None, "Channel": None, "Opted In": None},
        ),
    ]


def test_a_changed_row_in_a_later_file_adds_a_new_version(workspace):
    first = workspace / "first.csv"
    first.write_text(HEADER + ROWS[0] + "\n")
    later = workspace / "later.csv"
    later.write_text(HEADER + ROWS[0].replace(",120,", ",130,") + "\n")

    run_import(workspace, "leads", first)
    run_import(workspace, "leads", later)

    versions = query(
        workspace, "select fields->>'$.Employees' from raw.import_leads order by _loaded_at"
    )
    assert versions == [("120",), ("130",)]


def test_parquet_and_gzip_files_land_the_same_rows_as_csv(workspace):
    table = pa.table(
        {
            "Lead Number": ["P1", "P2"],
            "Account": ["A-1", None],
            "Email": ["p1@example.com", "p2@example.com"],
            "Created": pa.array([1767312000000, None], pa.timestamp("ms")),  # 2026-01-02
            "Converted": ["yes", "no"],
            "Employees": [7, 8],
            "Channel": ["Web", "Ads"],
            "Opted In": [True, False],
        }
    )
    pq.write_table(table, workspace / "leads.parquet")
    gz = workspace / "leads.csv.gz"
    with gzip.open(gz, "wt") as f:
        f.write(HEADER + ROWS[1] + "\n")

    assert run_import(workspace, "leads", workspace / "leads.parquet", gz) == 0

    rows = query(
        workspace, "select lead_id, created_at, fields->>'$.Employees' from raw.import_leads"
    )
    assert sorted(rows) == [
        ("L2", "2026-01-03T00:00:00Z", "15"),
        ("P1", "2026-01-02T00:00:00Z", "7"),
        ("P2", None, "8"),
    ]


def test_a_mapped_column_missing_from_the_file_stops_the_import_naming_it(workspace, capsys):
    path = workspace / "leads.csv"
    path.write_text("Lead Number,Email\nL1,a@example.com\n")

    assert run_import(workspace, "leads", path) == 2

    error = capsys.readouterr().err
    assert '"Account"' in error and '"Employees"' in error and "lead_mapping.csv" in error
    assert query(workspace, "select count(*) from raw.import_leads") == [(0,)]
