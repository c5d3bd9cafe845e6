"""Every LEAD_SCORING_* variable in one typed model (`Settings`), validated before work starts."""
