"""What identifies a triage engine and the reasons it writes, without the statistical libraries.

`engine.model` imports scikit-learn, SciPy and joblib: about a second of CPU per process. The scheduled commands
(`send_outbox`, `poll_mailbox`, … run every minute on a server) and the mail templates only need these names, so
they live here and `engine.model` re-exports them. The app servers import the model in their warm-up
(madoguchi/ops/warmup.py), before the workers fork.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from madoguchi.core.catalogue import gettext_noop

ENGINE_VERSION = "triage-engine-6"
# Engines whose suggestions carry situations (from engine 5 on; engine 6 only solves the situation heads
# in the dual, see model._Heads): stored suggestions of these keep feeding the referral panel after an upgrade.
SITUATION_ENGINES = ("triage-engine-5", "triage-engine-6")

# Reasons the combination adds (Japanese, translated when shown: madoguchi/triage/reasons.py).
REASON_URGENT_BY_CATEGORY = gettext_noop("緊急区分の判定による緊急フラグ")
REASON_URGENT_BY_CUE = gettext_noop("緊急の手掛かりによる緊急フラグ")
# Followed by a space and the score ("モデルの緊急スコア 0.42").
REASON_URGENT_SCORE = gettext_noop("モデルの緊急スコア")
REASON_POLICE_SCORE = gettext_noop("モデルの警察相談スコア")


def carries_situations(*, model_version: str) -> bool:
    """A suggestion by this model version has situations (engines before 5 had none)."""
    return model_version.split("+", 1)[0] in SITUATION_ENGINES


def training_data_sha256(*, examples: list[dict[str, Any]]) -> str:
    canonical = "\n".join(
        json.dumps(
            {
                key: example.get(key)
                for key in ("text", "channel", "category", "urgent", "police", "flow", "situations")
            },
            ensure_ascii=False,
            sort_keys=True,
        )
        for example in examples
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
