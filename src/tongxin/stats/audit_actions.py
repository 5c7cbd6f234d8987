ACTIONS = {
    "stats.report.built": "生成权益周报",
}


# For the audit page (audit/registry.py).
FIELDS = {"week_start": "周起始日", "received": "收到诉求数"}
