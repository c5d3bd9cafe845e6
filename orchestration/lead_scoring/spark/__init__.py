"""Apache Spark as the engine (LEAD_SCORING_ENGINE=spark): raw data as Parquet for Spark."""
