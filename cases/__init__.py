"""The person, the sentence, the application, evidence and eligibility."""
