"""Alerts: raised from indicator boards, stored once, delivered at least once per channel.

- :mod:`~watchfloor.alerts.rules`: when an alert is raised (a posterior entering a higher
  ICD 203 band, with hysteresis; a heavy indicator changing state);
- :mod:`~watchfloor.alerts.records`: the ``alerts`` table, with the delivery records;
- :mod:`~watchfloor.alerts.delivery` and the channels: terminal, JSON-lines file, webhooks
  (:mod:`~watchfloor.alerts.webhook`), email (:mod:`~watchfloor.alerts.smtp`);
- :mod:`~watchfloor.alerts.cycle` and :mod:`~watchfloor.alerts.watch`: evaluate, raise,
  record and deliver, once or as files land in an inbox.

See ``docs/alerts.md``.
"""

from watchfloor.alerts.alert import LEVELS, Alert, AlertKind, AlertLevel, Delivery, StoredAlert
from watchfloor.alerts.bands import hold_band
from watchfloor.alerts.channels import (
    Backoff,
    Channel,
    DeliveryError,
    JsonLinesFile,
    Terminal,
    with_retries,
)
from watchfloor.alerts.cycle import CycleReport, WarningsCore, policy_for, run_cycle
from watchfloor.alerts.delivery import DeliveryReport, channels_from_config, deliver_pending
from watchfloor.alerts.records import record_delivery, store_alerts, stored_alerts
from watchfloor.alerts.rules import AlertPolicy, is_heavy, raise_alerts
from watchfloor.alerts.smtp import Mailer
from watchfloor.alerts.watch import WatchStats, watch_inbox
from watchfloor.alerts.webhook import Webhook

__all__ = [
    "LEVELS",
    "Alert",
    "AlertKind",
    "AlertLevel",
    "AlertPolicy",
    "Backoff",
    "Channel",
    "CycleReport",
    "Delivery",
    "DeliveryError",
    "DeliveryReport",
    "JsonLinesFile",
    "Mailer",
    "StoredAlert",
    "Terminal",
    "WarningsCore",
    "WatchStats",
    "Webhook",
    "channels_from_config",
    "deliver_pending",
    "hold_band",
    "is_heavy",
    "policy_for",
    "raise_alerts",
    "record_delivery",
    "run_cycle",
    "store_alerts",
    "stored_alerts",
    "watch_inbox",
    "with_retries",
]
