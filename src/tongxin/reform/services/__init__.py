"""Every write of the reform self-assessment: one module per part (results: the computing
pass; catalogues: editing and publishing; evidence: evidence and explanations)."""
