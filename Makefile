# Two commands on a fresh machine with Python 3.11 and make: `make demo`, `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
export DBT_SEND_ANONYMOUS_USAGE_STATS := false
export DAGSTER_DISABLE_TELEMETRY := 1
export GX_ANALYTICS_ENABLED := False
export DO_NOT_TRACK := 1
export PATH := $(CURDIR)/$(BIN):$(PATH)

.PHONY: install install-spark dbt-parse demo test test-spark lint format dev bench clean report

$(BIN)/uv:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check uv==0.13.9

# requirements.lock pins every package (uv pip compile pyproject.toml --extra dev)
$(VENV)/.installed: $(BIN)/uv pyproject.toml requirements.lock
	$(BIN)/uv pip install --quiet --python $(BIN)/python -r requirements.lock -e '.[dev]'
	touch $@

install: $(VENV)/.installed dbt-parse

# through lead-scoring: the same profile as a run's, so the run's dbt parses only what changed
dbt-parse: $(VENV)/.installed
	$(BIN)/lead-scoring dbt parse --quiet

lock: $(BIN)/uv
	$(BIN)/uv pip compile --quiet pyproject.toml --extra dev -o requirements.lock
	$(BIN)/uv pip compile --quiet pyproject.toml --extra dev --extra spark -c requirements.lock \
		-o requirements-spark.lock

# The Spark extra (LEAD_SCORING_ENGINE=spark): pyspark and dbt-spark, pinned in
# requirements-spark.lock (the default lock plus those, so both installs share every version).
# Needs Java 17 (`java` on PATH or JAVA_HOME).
$(VENV)/.installed-spark: $(VENV)/.installed requirements-spark.lock
	$(BIN)/uv pip install --quiet --python $(BIN)/python -r requirements-spark.lock -e '.[dev,spark]'
	touch $@

install-spark: $(VENV)/.installed-spark dbt-parse

demo: install
	$(BIN)/lead-scoring demo

# two workers (the machine's two cores); a module's tests stay on one worker, so its module
# fixtures are built once and its tests run in order. TEST_WORKERS=0: all in this process.
TEST_WORKERS ?= 2
test: install
	$(BIN)/pytest -m "not spark" -n $(TEST_WORKERS) --dist loadfile --durations=30

# dbt on local Spark against the DuckDB nightly on the same data, and the Spark regression
# cases (tests/spark, marked spark: `make test` leaves them out, plain pytest skips them
# without pyspark). One JVM for all of them; a few minutes.
test-spark: install-spark
	$(BIN)/pytest -m spark --durations=5 tests/spark

# The HTML report again from the published BI snapshot, without a run (PERIOD=week|month for
# the review meetings' views); LEAD_SCORING_LOCALE and LEAD_SCORING_PII_FREE choose its variant.
PERIOD ?= day
report: install
	$(BIN)/lead-scoring report --period $(PERIOD)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	@# the dbt templater opens the warehouse: give it a scratch file, never the real one
	mkdir -p data && LEAD_SCORING_DUCKDB=$(CURDIR)/data/sqlfluff.duckdb $(BIN)/sqlfluff lint dbt_project/models

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# the project's instance (.dagster_home/dagster.yaml: no telemetry, quiet Python logs)
dev: install
	DAGSTER_HOME=$$($(BIN)/python -m lead_scoring.dagster_home) $(BIN)/dagster dev

clean:
	rm -rf data .dagster_home dbt_project/target dbt_project/logs

# Performance targets of docs/performance.md, measured in one run (benchmarks/run.py): the floor,
# the full build, the score models, a nightly run with one new day, DuckDB's read_json of it,
# the CRM sync. Writes BENCH_RESULTS and a dated section on top of BENCH_OUT. The generated data
# (gzip landing files) is kept in BENCH_CACHE per size, so a second run does not regenerate;
# the warehouse in BENCH_WORK is rebuilt every run. LEADS=1000000 is the design's scale
# (~70M events, an hour or more); LEADS=20000 DAYS=3 is the CI-sized run (tests/).
LEADS ?= 1000000
DAYS ?= 90
RATE_LIMIT ?= 50
BENCH_OUT ?= BENCHMARKS.md
BENCH_RESULTS ?= bench/results.json
BENCH_CACHE ?= data/bench-cache
BENCH_WORK ?= data/bench
bench: install
	$(BIN)/python benchmarks/run.py --leads $(LEADS) --days $(DAYS) --rate-limit $(RATE_LIMIT) \
		--out $(BENCH_OUT) --results $(BENCH_RESULTS) --cache $(BENCH_CACHE) --work $(BENCH_WORK)
