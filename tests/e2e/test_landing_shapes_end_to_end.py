"""Issue 11: landing files as they really arrive give the same scores. The clean generated files,
gzip-compressed, each with a UTF-8 byte-order mark and CRLF line ends, in Segment's S3 folder
layout (<source>/<date>/<file>.gz) and SendGrid batches in dated sub-folders: `lead_scores`
must equal the clean run's, compared as an md5 of (lead_id, total_score, tier)."""

import gzip

from tests.e2e.scenarios import copy_data, scenario
from tests.reverse_etl.helpers import query

SCORES_MD5 = (
    "select md5(string_agg(lead_id || '|' || total_score || '|' || tier, ',' order by lead_id)),"
    " count(*) from marts.lead_scores"
)


def _as_delivered(data, root):
    """The generated files as S3 and a webhook relay deliver them."""
    shaped = copy_data(data, root / "shaped")
    for kind, pattern in (("web", "*.jsonl"), ("email", "*.json")):
        for number, path in enumerate(sorted((shaped / kind).glob(pattern))):
            text = b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n")
            day = path.name.split(".")[0]
            name = f"1763632800{number:03d}.f3a9c1.gz" if kind == "web" else "batch.json.gz"
            target = shaped / kind / "segment-prod" / day / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(gzip.compress(text))
            path.unlink()
    return shaped


def test_compressed_bom_crlf_s3_layout_scores_equal_the_clean_runs(reference, tmp_path):
    clean = reference.lead_scores_md5  # as the clean run left them
    shaped = _as_delivered(reference.data, tmp_path)
    with scenario(tmp_path / "run", shaped) as delivered:
        result = delivered.run()
        scores = query(delivered.warehouse, SCORES_MD5)
        quarantined = query(delivered.warehouse, "select count(*) from raw._quarantine")
        unread = query(delivered.warehouse, "select count(*) from raw._loads, unnest(unread_files)")
    assert result.success
    assert scores == clean and clean[0][1] > 0
    assert quarantined == [(reference.quarantined,)]
    assert unread == [(0,)]
