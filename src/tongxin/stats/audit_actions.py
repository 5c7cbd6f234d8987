ACTIONS = {
    "stats.report.built": "生成权益周报",
}
