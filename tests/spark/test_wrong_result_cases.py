"""The macros that gave wrong answers on Spark without an error (issue 18), on local Spark,
each with ANSI mode off (dbt-spark's setting) and on (Spark 4's and Databricks SQL's
default). Expected values are worked out by hand from the macros' documented meaning; the
number parity case takes DuckDB's try_cast as its oracle.

Shown to fail on the old macros: with dbt_project/macros as on main (regexp_replace with a
'g' flag, [[:alnum:]], dbt-spark's listagg), the first four cases got null or other text."""

import duckdb
import pytest

from tests.spark.spark_dbt import spark_session

ANSI = ["false", "true"]


@pytest.fixture(scope="module")
def run_on_spark(spark, tmp_path_factory):
    """Compile Jinja SQL with the project's macros for Spark, run it with ANSI mode on/off."""
    work = tmp_path_factory.mktemp("macros")

    def run(sql: str, ansi: str, dbt_vars: dict | None = None) -> list[tuple]:
        compiled = spark.compiled(sql, work, dbt_vars)
        session = spark_session()
        session.conf.set("spark.sql.ansi.enabled", ansi)
        try:
            return [tuple(row) for row in session.sql(compiled).collect()]
        finally:
            session.conf.set("spark.sql.ansi.enabled", "false")

    return run


@pytest.mark.parametrize("ansi", ANSI)
def test_an_email_is_folded_and_its_sub_address_dropped(run_on_spark, ansi):
    # 'g' was read as regexp_replace's start position: every address became null
    sql = """select {{ normalize_email("concat(' Taro+News', chr(9), '@Example.JP ')") }}"""
    assert run_on_spark(sql, ansi) == [("taro@example.jp",)]


@pytest.mark.parametrize("ansi", ANSI)
def test_sub_addresses_are_dropped_per_domain(run_on_spark, ansi):
    # a domain where + is part of the mailbox keeps it (split_part on the domain)
    separators = {"email_subaddress_separators": {"*": "+", "noplus.co.jp": ""}}
    sql = """
        select {{ normalize_email('address') }}
        from values ('Taro+News@Eta.co.jp'), ('ops+billing@noplus.co.jp'), ('no-at-sign')
            as addresses(address)
    """
    assert sorted(run_on_spark(sql, ansi, separators)) == [
        ("no-at-sign",),
        ("ops+billing@noplus.co.jp",),
        ("taro@eta.co.jp",),
    ]


@pytest.mark.parametrize("ansi", ANSI)
def test_runs_of_whitespace_become_one_space_and_the_letter_s_stays(run_on_spark, ansi):
    # '\s+' in a Spark literal is 's+': 'Sales' lost its s
    sql = """select {{ normalized_text("concat('  Head  of', chr(9), chr(10), 'Sales ')") }}"""
    assert run_on_spark(sql, ansi) == [("Head of Sales",)]


@pytest.mark.parametrize("ansi", ANSI)
def test_japanese_and_english_words_are_words(run_on_spark, ansi):
    # [[:alnum:]] is no Java class: the text came out as other characters
    sql = """select {{ word_padded("'IT部Director／購買Manager, 3rd floor'") }}"""
    assert run_on_spark(sql, ansi) == [(" it 部 director 購買 manager 3rd floor ",)]


@pytest.mark.parametrize("ansi", ANSI)
def test_score_reasons_come_in_their_order(run_on_spark, ansi):
    # dbt-spark's listagg ignores ORDER BY: the reasons came in whatever order Spark read them.
    # Attribute rules first, then behavior; cap adjustments last in their type; then points
    # (largest first) and rule id; zero-point hits are left out.
    sql = """
        select {{ score_reasons_agg() }}
        from values
            ('Price list download', 20, 'behavior', 'b_price', false),
            ('Behavior cap', -5, 'behavior', 'cap_behavior', true),
            ('Zero rule', 0, 'behavior', 'b_zero', false),
            ('Industry: IT', 10, 'attribute', 'a_industry', false),
            ('Inquiry form', 20, 'behavior', 'b_inquiry', false),
            ('Title: department head', 30, 'attribute', 'a_title', false)
            as hits(reason, points, score_type, rule_id, is_cap_adjustment)
    """
    expected = (
        "Title: department head +30; Industry: IT +10; Inquiry form +20; "
        "Price list download +20; Behavior cap -5"
    )
    assert run_on_spark(sql, ansi) == [(expected,)]


NUMBER_TEXTS = [
    "1", "1.", ".5", " 12 ", "\t3\n", "1e3", "1E+3", "+1", "-1.5e-3", "0012", "1_000",
    "1.5_5", "1d", "1f", "0x10", "1,5", "", " ", "1e", ".", "+", "abc", "1__0", "_1",
]  # fmt: skip


@pytest.mark.parametrize("ansi", ANSI)
def test_text_is_a_number_exactly_when_duckdb_reads_one(run_on_spark, ansi):
    with duckdb.connect() as con:
        expected = [
            con.execute("select try_cast(? as double)", [t]).fetchone() for t in NUMBER_TEXTS
        ]
    literals = ", ".join(
        "'" + t.replace("\t", "' || chr(9) || '").replace("\n", "' || chr(10) || '") + "'"
        for t in NUMBER_TEXTS
    )
    sql = f"""
        select position, {{{{ try_to_number('text') }}}}
        from (select posexplode(array({literals})) as (position, text))
        order by position
    """
    got = [(number,) for _, number in run_on_spark(sql, ansi)]
    assert got == expected


DOUBLES = [
    "16000000.0", "1e15", "1e16", "1.5e16", "0.1", "0.001", "0.0001", "0.00015", "12345678.5",
    "-12345678.25", "1.5e-7", "-3.5e-9", "-0.0", "2.5", "1e7", "9999999.5", "1e22", "NaN",
    "Infinity", "-Infinity",
]  # fmt: skip


@pytest.mark.parametrize("ansi", ANSI)
def test_a_double_reads_as_the_text_duckdb_writes(run_on_spark, ansi):
    # rules compare lead fields as text: Spark wrote 1.6E7 where DuckDB writes 16000000.0
    with duckdb.connect() as con:
        expected = [
            con.execute("select cast(cast(? as double) as varchar)", [d]).fetchone()
            for d in DOUBLES
        ]
    values = ", ".join(f"cast('{d}' as double)" for d in DOUBLES)
    sql = f"""
        select position, {{{{ double_text('number') }}}}
        from (select posexplode(array({values})) as (position, number))
        order by position
    """
    assert [(text,) for _, text in run_on_spark(sql, ansi)] == expected
