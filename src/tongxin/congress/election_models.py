"""The student congress, part 3: elections (选举, DOMAIN.md §4). Imported by models.py.

    the advisor sets up an election of a session (seats, candidates decided by the school
        Party committee "for election" on the selection path, scrutineers from the delegates
        who are not candidates) ──► a round (轮次):
    draft ── start check-in ──► check-in (a code on the hall's screen changing every 30 s,
        or a teller ticking delegates off) ── open (more than 2/3 of the delegates due
        present: the attendance snapshot is kept) ──► voting ── close ──►
        electronic: sealed and counted | paper: closed ── two tellers' equal entries ──►
        counted (or void: more ballots returned than issued)
    counted ──► elected: more than half of the votes of the delegates PRESENT; a tie for the
        last seat opens a run-off round between the tied; unfilled seats open a further
        round among the candidates not elected (CongressRule.election_max_rounds)
    the results are published on the session page; the elected go on along the selection
    path (notice → appointment through staff's officer_appoint).

Secrecy (DESIGN.md "Anonymity that holds in the database"): a cast ballot adds to
per-candidate tallies (RoundTally, RoundWriteIn) and to the round's counters in the voter's
own transaction, and writes the voter register row (VoterRegister: round and delegate,
nothing else, no time). No row ever holds a choice beside a voter. At close the tally rows
are rewritten in a shuffled order (new ids, new system columns), so neither xmin/ctid nor
rowid nor a sequence value ties a tally row's last change to a register row.

The transition tables are election_machine.ELECTION and election_machine.ROUND.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

__all__ = [
    "Attendance",
    "AttendanceMethod",
    "Election",
    "ElectionCandidate",
    "ElectionMode",
    "ElectionState",
    "Outcome",
    "Round",
    "RoundKind",
    "RoundState",
    "RoundTally",
    "RoundWriteIn",
    "Scrutineer",
    "TellerCount",
    "TellerEntry",
    "VoterRegister",
]


class ElectionMode(models.TextChoices):  # 投票方式
    ELECTRONIC = "electronic", _("电子投票")
    PAPER = "paper", _("纸质选票")


class ElectionState(models.TextChoices):  # 选举状态
    DRAFT = "draft", _("筹备中")
    RUNNING = "running", _("进行中")
    DONE = "done", _("已完成（待公布）")
    PUBLISHED = "published", _("结果已公布")
    CANCELLED = "cancelled", _("已取消")


class RoundState(models.TextChoices):  # 轮次状态
    DRAFT = "draft", _("准备中")
    CHECKIN = "checkin", _("签到中")
    VOTING = "voting", _("投票中")
    CLOSED = "closed", _("投票结束（待计票）")
    COUNTED = "counted", _("已计票")
    VOID = "void", _("作废")
    CANCELLED = "cancelled", _("已取消")


class RoundKind(models.TextChoices):  # 轮次类型
    FIRST = "first", _("首轮选举")
    RUNOFF = "runoff", _("决选（票数相同）")
    FURTHER = "further", _("另行选举（名额未满）")


class Outcome(models.TextChoices):  # 选举结果
    PENDING = "pending", _("待定")
    ELECTED = "elected", _("当选")
    NOT_ELECTED = "not_elected", _("未当选")
    TIED = "tied", _("票数相同（进入决选）")


class AttendanceMethod(models.TextChoices):  # 签到方式
    CODE = "code", _("扫码或输入签到码")
    TELLER = "teller", _("工作人员代签到")


class Election(models.Model):  # 选举（一次会议中的一项选举，如主席团成员）
    session = models.ForeignKey(
        "congress.Session", on_delete=models.PROTECT, related_name="elections"
    )
    school = models.ForeignKey("orgs.Node", on_delete=models.PROTECT, related_name="+")
    union = models.ForeignKey("orgs.Node", on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("选举事项"), max_length=60, default="主席团成员")
    seats = models.PositiveSmallIntegerField(_("应选名额"))
    mode = models.CharField(
        _("投票方式"), max_length=10, choices=ElectionMode.choices, default=ElectionMode.ELECTRONIC
    )
    write_ins_allowed = models.BooleanField(_("允许另选他人"), default=True)
    state = models.CharField(
        _("状态"), max_length=10, choices=ElectionState.choices, default=ElectionState.DRAFT
    )
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("选举")
        verbose_name_plural = _("选举")
        indexes = [models.Index(fields=["school", "state"], name="congress_election_school")]

    def __str__(self) -> str:
        return f"election:{self.pk}"


class ElectionCandidate(models.Model):  # 候选人
    """A person standing in the election: a candidacy decided "for election" on the selection
    path, or (created when the count elects them) a write-in (另选他人)."""

    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="candidates")
    school = models.ForeignKey("orgs.Node", on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    candidacy = models.ForeignKey(
        "selection.Candidacy", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    is_write_in = models.BooleanField(_("另选他人"), default=False)
    outcome = models.CharField(
        _("结果"), max_length=12, choices=Outcome.choices, default=Outcome.PENDING
    )
    order = models.PositiveSmallIntegerField(_("排序"), default=0)  # ballot order (姓氏笔画)

    class Meta:
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["election", "user"], name="congress_ecand_once")
        ]

    def __str__(self) -> str:
        return f"election-candidate:{self.election_id}:{self.user_id}"


class Scrutineer(models.Model):  # 总监票人、监票人（兼计票人）
    """Chosen from the session's delegates who are not candidates (DOMAIN.md §4)."""

    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="scrutineers")
    school = models.ForeignKey("orgs.Node", on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    is_chief = models.BooleanField(_("总监票人"), default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["election", "user"], name="congress_scrutineer_once"),
            models.UniqueConstraint(
                fields=["election"],
                condition=models.Q(is_chief=True),
                name="congress_scrutineer_one_chief",
            ),
        ]
        indexes = [models.Index(fields=["user"], name="congress_scrutineer_user")]

    def __str__(self) -> str:
        return f"scrutineer:{self.election_id}:{self.user_id}"


class Round(models.Model):  # 投票轮次
    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="rounds")
    school = models.ForeignKey("orgs.Node", on_delete=models.PROTECT, related_name="+")
    number = models.PositiveSmallIntegerField(_("轮次"))
    kind = models.CharField(
        _("类型"), max_length=10, choices=RoundKind.choices, default=RoundKind.FIRST
    )
    mode = models.CharField(_("投票方式"), max_length=10, choices=ElectionMode.choices)
    seats = models.PositiveSmallIntegerField(_("本轮应选名额"))
    state = models.CharField(
        _("状态"), max_length=10, choices=RoundState.choices, default=RoundState.DRAFT
    )
    version = models.PositiveIntegerField(default=1)
    # The rotating check-in code's key (election_checkin.py); never shown.
    checkin_secret = models.CharField(max_length=64, blank=True)
    # The attendance snapshot taken when voting opens (应到 / 实到).
    due_count = models.PositiveIntegerField(_("应到代表"), null=True, blank=True)
    present_count = models.PositiveIntegerField(_("实到代表"), null=True, blank=True)
    # Ballots: electronic — cast counts the register; paper — issued and returned as counted.
    ballots_issued = models.PositiveIntegerField(_("发出选票"), null=True, blank=True)
    ballots_cast = models.PositiveIntegerField(_("收回选票"), default=0)
    blank_ballots = models.PositiveIntegerField(_("空白票"), default=0)
    void_ballots = models.PositiveIntegerField(_("无效票"), default=0)
    void_reason = models.CharField(_("作废原因"), max_length=200, blank=True)
    checkin_at = models.DateTimeField(null=True, blank=True)
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    counted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["election", "number"]
        constraints = [
            models.UniqueConstraint(fields=["election", "number"], name="congress_round_number")
        ]
        indexes = [models.Index(fields=["school", "state"], name="congress_round_school_state")]

    def __str__(self) -> str:
        return f"round:{self.election_id}:{self.number}"


class RoundTally(models.Model):  # 本轮候选人得票（赞成 / 不赞成 / 弃权）
    """One candidate of one round and the votes for them; no voter anywhere."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="tallies")
    school = models.ForeignKey("orgs.Node", on_delete=models.PROTECT, related_name="+")
    candidate = models.ForeignKey(ElectionCandidate, on_delete=models.PROTECT, related_name="+")
    yes = models.PositiveIntegerField(_("赞成"), default=0)
    no = models.PositiveIntegerField(_("不赞成"), default=0)
    abstain = models.PositiveIntegerField(_("弃权"), default=0)
    outcome = models.CharField(
        _("结果"), max_length=12, choices=Outcome.choices, default=Outcome.PENDING
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "candidate"], name="congress_tally_once")
        ]

    def __str__(self) -> str:
        return f"tally:{self.round_id}:{self.candidate_id}"


class RoundWriteIn(models.Model):  # 另选他人得票
    """Votes written in for a person who is not on the ballot; a write-in counts as a 赞成."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="write_ins")
    school = models.ForeignKey("orgs.Node", on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    yes = models.PositiveIntegerField(_("得票"), default=0)
    outcome = models.CharField(
        _("结果"), max_length=12, choices=Outcome.choices, default=Outcome.PENDING
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "user"], name="congress_writein_once")
        ]

    def __str__(self) -> str:
        return f"write-in:{self.round_id}:{self.user_id}"


class Attendance(models.Model):  # 签到
    """A delegate present in the hall for one round; only they vote (no proxies)."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="attendance")
    school = models.ForeignKey("orgs.Node", on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    method = models.CharField(_("签到方式"), max_length=10, choices=AttendanceMethod.choices)
    ticked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    checked_in_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "user"], name="congress_attendance_once")
        ]
        indexes = [models.Index(fields=["user"], name="congress_attendance_user")]

    def __str__(self) -> str:
        return f"attendance:{self.round_id}:{self.user_id}"


class VoterRegister(models.Model):  # 投票登记（谁投了票，绝不记录投了什么）
    """Unique per (round, delegate): twenty simultaneous requests of one delegate leave one
    vote counted. Deliberately no timestamp and nothing about the ballot."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="voters")
    school = models.ForeignKey("orgs.Node", on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "user"], name="congress_voter_once")
        ]
        indexes = [models.Index(fields=["user"], name="congress_voter_user")]

    def __str__(self) -> str:
        return f"voter:{self.round_id}:{self.user_id}"


class TellerEntry(models.Model):  # 计票人录入（纸质选票）
    """One teller's count of a paper round; two tellers' entries must agree."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="teller_entries")
    school = models.ForeignKey("orgs.Node", on_delete=models.PROTECT, related_name="+")
    teller = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    ballots_returned = models.PositiveIntegerField(_("收回选票"))
    blank_ballots = models.PositiveIntegerField(_("空白票"), default=0)
    void_ballots = models.PositiveIntegerField(_("无效票"), default=0)
    entered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "teller"], name="congress_teller_once")
        ]

    def __str__(self) -> str:
        return f"teller-entry:{self.round_id}:{self.teller_id}"


class TellerCount(models.Model):  # 计票人录入的候选人得票
    entry = models.ForeignKey(TellerEntry, on_delete=models.CASCADE, related_name="counts")
    school = models.ForeignKey("orgs.Node", on_delete=models.PROTECT, related_name="+")
    # A candidate on the ballot, or a person written in (then only yes counts).
    candidate = models.ForeignKey(
        ElectionCandidate, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    write_in = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    yes = models.PositiveIntegerField(_("赞成"), default=0)
    no = models.PositiveIntegerField(_("不赞成"), default=0)
    abstain = models.PositiveIntegerField(_("弃权"), default=0)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(candidate__isnull=True) ^ models.Q(write_in__isnull=True),
                name="congress_tellercount_one_of",
            )
        ]

    def __str__(self) -> str:
        return f"teller-count:{self.entry_id}"
