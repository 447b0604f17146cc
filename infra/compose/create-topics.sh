#!/bin/bash
# Run once by the kafka-init service of docker-compose.yml, in the Kafka image: creates every topic
# of the registry (shared-events, Topics) with its partitions, and its dead-letter twin with one.
# Scout's stream waits for its topics, one of which only Scout writes, so they cannot be left to
# auto-creation. `./sre-space compose-check` checks this list against the registry.
set -euo pipefail

BOOTSTRAP="${KAFKA_BOOTSTRAP_SERVERS:-kafka:9092}"
TOPICS=(
  otlp_spans:4
  otlp_metrics:2
  business-events:2
  chaos.faults:1
  scout.anomalies:2
  scout.incidents:2
  brain.diagnoses:2
  fixer.actions:2
  brain.postmortems:1
)

KAFKA_TOPICS=/opt/kafka/bin/kafka-topics.sh
# Each call starts a JVM: list once, then create only what is missing.
existing=" $("$KAFKA_TOPICS" --bootstrap-server "$BOOTSTRAP" --list | tr '\n' ' ') "
created=0
for entry in "${TOPICS[@]}"; do
  name=${entry%%:*} partitions=${entry##*:}
  for topic in "$name:$partitions" "$name.dlq:1"; do
    case "$existing" in *" ${topic%%:*} "*) continue ;; esac
    "$KAFKA_TOPICS" --bootstrap-server "$BOOTSTRAP" --create --if-not-exists \
      --topic "${topic%%:*}" --partitions "${topic##*:}" --replication-factor 1 >/dev/null
    echo "created ${topic%%:*} with ${topic##*:} partition(s)"
    created=$((created + 1))
  done
done
echo "every topic is there ($created created now)"
