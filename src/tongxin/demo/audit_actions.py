ACTIONS = {
    "demo.province.generated": "生成演示省数据",
}
