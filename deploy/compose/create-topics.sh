#!/bin/sh
# Creates the DealerPulse topics of io.dealerpulse.schemas.topics.Topic (docs/topics.md) on the
# compose stack's Kafka, if missing. Run by the "topics" service (apache/kafka image). The module
# dashboards checks in ComposeFileTest that this list equals the Topic enum.
set -eu
BOOTSTRAP="${KAFKA_BOOTSTRAP:-kafka:9092}"
REPLICATION="${TOPIC_REPLICATION_FACTOR:-1}"

create() {
  name="$1"; partitions="$2"; shift 2
  /opt/kafka/bin/kafka-topics.sh --bootstrap-server "$BOOTSTRAP" --create --if-not-exists \
    --topic "$name" --partitions "$partitions" --replication-factor "$REPLICATION" "$@"
}

create dealerpulse.footfall.v1 12 --config cleanup.policy=delete --config retention.ms=34560000000
create dealerpulse.kiosk.v1 12 --config cleanup.policy=delete --config retention.ms=34560000000
create dealerpulse.appointments.v1 6 --config cleanup.policy=delete --config retention.ms=34560000000
create dealerpulse.surveys.v1 6 --config cleanup.policy=delete --config retention.ms=34560000000
create dealerpulse.site-registry.v1 3 --config cleanup.policy=compact --config retention.ms=-1
create dealerpulse.agent-status.v1 6 --config cleanup.policy=delete --config retention.ms=34560000000 --config message.timestamp.type=LogAppendTime
create dealerpulse.dead-letter.v1 3 --config cleanup.policy=delete --config retention.ms=34560000000
create dealerpulse.late-events.v1 3 --config cleanup.policy=delete --config retention.ms=34560000000
echo "DealerPulse topics ready on $BOOTSTRAP"
