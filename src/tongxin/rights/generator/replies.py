"""What the union and the offices write back: first replies, notes, feedback, reasons.

Templates may use the issue's slots (see topics.Slots) plus {office} (the lead office),
{other} (another office), {who} (who answered) and {answer} (the answer text).
"""

from tongxin.rights.models import DeclineReason

from .topics import DeclinedTopic

FIRST_REPLIES = (
    "同学你好，诉求已收到，我们正在联系相关部门核实，请留意后续进展。",
    "你好，已收到你的反映，学生会权益部会尽快跟进处理。",
    "收到，感谢反映！我们会在规定时限内给你答复。",
    "你好，问题已登记，我们先去现场了解情况，有进展会第一时间告诉你。",
    "已受理。我们会把情况汇总后提交相关部门，请耐心等待。",
)

REFERRAL_NOTES = (
    "",
    "",
    "请{office}核实处理，并在时限内答复。",
    "同学反映较集中，请{office}优先处理。",
    "附现场照片，请{office}协助核查。",
)

RETURN_REASONS = (
    "该事项不属于本部门职责，建议转{other}处理。",
    "经了解，此事由{other}负责，请学生会重新转办。",
    "本部门不掌握相关情况，建议由{other}答复。",
)

OFFICE_INPUTS = (
    "我处已配合现场核查，情况属实，同意牵头部门的处理意见。",
    "我处可配合做好后续宣传和提醒工作。",
    "已安排人员协助落实，预计本周内完成。",
    "相关经费已列入本月维修计划。",
)

FEEDBACKS = (
    "同学你好，{who}已经答复：{answer}如还有问题，欢迎继续反映。",
    "你好，你反映的问题有结果了。{answer}请对办理结果进行评价。",
    "{who}答复如下：{answer}我们会继续跟进落实情况。",
    "感谢你的耐心等待。{answer}如不满意可在评价时说明理由。",
)

SECOND_ANSWER_PREFIX = "针对同学再次反映的情况，进一步处理如下："

DISSATISFIED_REASONS = (
    "问题还是没有解决。",
    "答复没有给出具体的整改时间。",
    "说是已经整改，但实际情况没有变化。",
    "答复太笼统，没有回应我提出的问题。",
    "过了一周又出现同样的问题。",
)

DECLINE_EXPLANATIONS = {
    DeclineReason.DUPLICATE: (
        "该问题已有同学反映，正在办理中，可在“我也遇到”中附议，结果会一并反馈。",
        "与正在办理的诉求重复，我们会一并处理。",
    ),
    DeclineReason.UNCLEAR: (
        "诉求内容不够具体，请补充时间、地点和具体情况后重新提交。",
        "没有看明白具体是什么问题，欢迎补充细节后再次提交。",
    ),
    DeclineReason.OUT_OF_POWERS: (
        "该事项超出学校职权范围，建议向相关政府部门反映。",
        "此事不属于学校管理范围，我们已告知可通过12345热线反映。",
    ),
    DeclineReason.COMMERCIAL: (
        "诉求平台不受理商业推广内容。",
        "该内容属于广告信息，不予受理。",
    ),
}

DECLINED_TOPICS = {
    DeclineReason.UNCLEAR: (
        DeclinedTopic("其他", "反映一个问题", "如题，希望学校重视。"),
        DeclinedTopic("其他", "有个事情想问一下", "就是那个事情，大家都知道的。"),
        DeclinedTopic("食堂餐饮", "食堂的问题", "食堂问题太多了。"),
        DeclinedTopic("宿舍与水电", "宿舍不行", "宿舍各方面都不太好。"),
    ),
    DeclineReason.OUT_OF_POWERS: (
        DeclinedTopic("其他", "希望开通到高铁站的直达公交", "放假回家要转两趟公交，很不方便。"),
        DeclinedTopic("物价与消费", "校外出租屋房租太贵", "学校附近的出租屋一个月要一千多。"),
        DeclinedTopic("教学教务", "希望调整四六级考试时间", "四六级考试和期末考试离得太近。"),
        DeclinedTopic("安全", "校外小吃街卫生状况差", "学校对面小吃街油烟和垃圾很多。"),
    ),
    DeclineReason.COMMERCIAL: (
        DeclinedTopic("其他", "考研辅导班低价招生", "名师授课，报名立减五百，详情私聊。"),
        DeclinedTopic("物价与消费", "校外健身房学生卡优惠", "学生年卡特价，有意者联系。"),
        DeclinedTopic("其他", "出售二手教材", "大一全套教材低价转让，可送货上门。"),
    ),
}
