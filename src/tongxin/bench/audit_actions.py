ACTIONS = {
    "bench.data.generated": "生成性能测试数据（每校一条汇总事件）",
}


FIELDS = {"scale": "规模", "issues": "诉求数"}
