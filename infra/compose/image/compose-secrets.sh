#!/bin/sh
# Compose's one-shot `secrets` step, as root, before anything else starts: the Kafka logins, the
# agents' API keys and the demo's admin token, each made once in STACK (the host's
# .sre-space/compose, mounted), and every part's own secrets in STACK/secrets/<part>/env, a folder
# only that part's container mounts. The broker reads STACK/credentials; the host's tools (the
# evaluation, chaos) read theirs there too, as in the local mode.
#
# It also makes the bind-mounted folders the agents write (the board and GitOps repositories) the
# user sre's: Docker creates a missing one as root.
set -eu

STACK=${1:?usage: compose-secrets.sh STACK_DIR}
OWNER=10001:10001
umask 077

# secret FILE: prints the secret kept in FILE, made on first use (24 random bytes, base64url).
secret() {
  if [ ! -s "$1" ]; then
    head -c 24 /dev/urandom | base64 | tr '+/' 'xy' | tr -d '=\n' >"$1.tmp"
    mv "$1.tmp" "$1"
  fi
  cat "$1"
}

mkdir -p "$STACK/credentials" "$STACK/secrets"
chmod 0700 "$STACK/credentials" "$STACK/secrets"
for user in admin scout brain fixer memory telemetry deployer evaluator console; do
  secret "$STACK/credentials/$user.password" >/dev/null
done
memory_key=$(secret "$STACK/credentials/memory.api-key")
brain_key=$(secret "$STACK/credentials/brain.api-key")
admin_token=$(secret "$STACK/admin-token")
password() { cat "$STACK/credentials/$1.password"; }

# own PART LINES: writes PART's secrets file (KEY=VALUE lines) for its container alone.
own() {
  mkdir -p "$STACK/secrets/$1"
  printf '%s\n' "$2" >"$STACK/secrets/$1/env.tmp"
  mv "$STACK/secrets/$1/env.tmp" "$STACK/secrets/$1/env"
}
own scout "KAFKA_USER=scout
KAFKA_PASSWORD=$(password scout)"
own brain "KAFKA_USER=brain
KAFKA_PASSWORD=$(password brain)
MEMORY_API_KEY=$memory_key
BRAIN_API_KEY=$brain_key"
own fixer "KAFKA_USER=fixer
KAFKA_PASSWORD=$(password fixer)"
own memory "KAFKA_USER=memory
KAFKA_PASSWORD=$(password memory)
MEMORY_API_KEY=$memory_key"
own console "KAFKA_USER=console
KAFKA_PASSWORD=$(password console)"
# Jaeger writes the services' spans to Kafka as the services would: as telemetry.
own jaeger "KAFKA_USER=telemetry
KAFKA_PASSWORD=$(password telemetry)"
for part in user-service policy-service quote-service; do
  own "$part" "KAFKA_USER=telemetry
KAFKA_PASSWORD=$(password telemetry)
DEMO_ADMIN_TOKEN=$admin_token"
done

# The broker runs as sre and reads (and completes) the credentials folder.
chown -R "$OWNER" "$STACK/credentials"
for shared in board.git gitops.git; do
  mkdir -p "$STACK/$shared"
  chown -R "$OWNER" "$STACK/$shared"
done
echo "compose-secrets: logins, keys and the admin token ready in $STACK"
