ACTIONS = {
    "demo.province.generated": "生成演示省数据",
}


FIELDS = {"seed": "随机种子"}
