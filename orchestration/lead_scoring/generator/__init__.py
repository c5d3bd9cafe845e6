"""Deterministic sample data for the three sources: Zoho CRM records, Segment web events and
SendGrid e-mail events, with each lead's hidden intent and outcome as truth."""

from lead_scoring.generator.generate import GenerationSummary, generate

__all__ = ["GenerationSummary", "generate"]
