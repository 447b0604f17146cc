# Local mode: the whole system as processes under supervisord (sourced by ./sre-space).
# shellcheck shell=bash
#
# Settings (environment):
#   SRE_SPACE_HOME         state folder: logs, Kafka and Chroma data, board, GitOps repository (.sre-space)
#   SRE_SPACE_PORT_OFFSET  added to every default port below (0), to run a second stack beside the first
#   SRE_SPACE_RATE         journeys per second of the traffic generator (20)
#   GITHUB_TOKEN, GITHUB_REPOSITORY   put issues and pull requests on GitHub instead of the local board
#   BRAIN_LLM, OPENAI_BASE_URL, OPENAI_API_KEY   Brain's optional language model (off)

STATE="${SRE_SPACE_HOME:-$ROOT/.sre-space}"
case "$STATE" in /*) ;; *) STATE="$PWD/$STATE" ;; esac
OFFSET="${SRE_SPACE_PORT_OFFSET:-0}"
[[ "$OFFSET" =~ ^[0-9]+$ ]] || die "SRE_SPACE_PORT_OFFSET must be a number, not '$OFFSET'"

# Components in start order; each name is a supervisord program. The demo services' names are
# the service names Fixer restarts.
COMPONENTS=(kafka chroma zipkin user-service policy-service quote-service traffic memory brain fixer scout)
# What starts together: each wave needs only the waves before it (Scout last, once every service it
# probes answers, so a service still starting is not an incident).
WAVES=("kafka chroma zipkin" "user-service policy-service memory" "quote-service brain fixer" "traffic scout")
declare -A PORT=(
  [kafka]=$((9092 + OFFSET)) [chroma]=$((8000 + OFFSET)) [zipkin]=$((9411 + OFFSET))
  [quote-service]=$((8080 + OFFSET)) [policy-service]=$((8081 + OFFSET)) [user-service]=$((8082 + OFFSET))
  [scout]=$((8090 + OFFSET)) [brain]=$((8091 + OFFSET)) [fixer]=$((8092 + OFFSET)) [memory]=$((8093 + OFFSET))
  [supervisor]=$((9001 + OFFSET))
)
BOOTSTRAP="127.0.0.1:${PORT[kafka]}"
SUPERVISOR_CONF="$STATE/supervisor/supervisord.conf"
LOGS="$STATE/logs"

url_of() { echo "http://127.0.0.1:${PORT[$1]}"; }

# What answers when a component is ready (empty: running is enough).
ready_url() {
  case "$1" in
    chroma) echo "$(url_of chroma)/api/v2/heartbeat" ;;
    zipkin) echo "$(url_of zipkin)/health" ;;
    *-service | scout | brain | fixer | memory) echo "$(url_of "$1")/q/health/ready" ;;
    *) echo "" ;;
  esac
}

# Every module `up` runs, built when a jar is missing or a source is newer than the last build.
ensure_stack_built() {
  local stamp="$STATE/build.stamp" jar missing=false
  for jar in scout brain memory fixer demo-apps/user-service demo-apps/policy-service demo-apps/quote-service; do
    [ -f "$ROOT/$jar/target/quarkus-app/quarkus-run.jar" ] || missing=true
  done
  for jar in demo-apps/traffic-generator/target/classes/io infra/kafka-broker/target/runtime-classpath.txt \
      brain/target/zipkin/zipkin-server.jar evaluation/target/runtime-classpath.txt; do
    [ -e "$ROOT/$jar" ] || missing=true
  done
  if [ -n "${SRE_SPACE_SKIP_BUILD:-}" ]; then
    # Set by the reactor's own end-to-end test, which runs after every module is packaged.
    if $missing; then
      die "SRE_SPACE_SKIP_BUILD is set but a service is not built: run ./sre-space build"
    fi
    return 0
  fi
  if ! $missing && ! stale "$stamp"; then
    return
  fi
  say "building every service (mvn package; the first build downloads dependencies, 2-4 minutes)"
  local started=$SECONDS log="$STATE/logs/build.log"
  mkdir -p "$STATE/logs"
  if ! (cd "$ROOT" && mvn -B -DskipTests -Dspotless.check.skip=true package) >"$log" 2>&1; then
    tail -n 40 "$log" >&2
    die "the build failed (the whole log: $log)"
  fi
  touch "$stamp"
  say "built in $((SECONDS - started)) s"
}

# Java options of the demo services (as in production: the JVM ends on OutOfMemoryError).
DEMO_JAVA="-Xmx128m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:+ExitOnOutOfMemoryError"
AGENT_JAVA="-Xmx256m -XX:+UseSerialGC"

# program NAME COMMAND [EXTRA LINES]: one supervisord program section.
program() {
  cat <<EOF

[program:$1]
command=$2
directory=$ROOT
autostart=false
autorestart=false
startsecs=1
stopwaitsecs=15
stopasgroup=true
killasgroup=true
redirect_stderr=true
stdout_logfile=$LOGS/$1.log
stdout_logfile_maxbytes=20MB
stdout_logfile_backups=1
${3:-}
EOF
}

# A Quarkus service started with the environment file Fixer rewrites on a redeploy, when it has one.
quarkus_command() { # NAME JAR JAVA_OPTS
  printf "bash -c 'set -a; f=%s/env/%s.env; [ -f \$f ] && . \$f; exec java %s -jar %s'" "$STATE" "$1" "$3" "$ROOT/$2"
}

write_supervisor_conf() {
  local common demo agents github=""
  mkdir -p "$STATE/supervisor" "$LOGS"
  common="KAFKA_BOOTSTRAP_SERVERS=\"$BOOTSTRAP\""
  demo="$common,DEMO_ADMIN_TOKEN=\"$(cat "$STATE/admin-token")\",DEMO_TRACES_BACKEND=\"zipkin\",ZIPKIN_ENDPOINT=\"$(url_of zipkin)/api/v2/spans\",QUOTE_SERVICE_PORT=\"${PORT[quote-service]}\",POLICY_SERVICE_PORT=\"${PORT[policy-service]}\",USER_SERVICE_PORT=\"${PORT[user-service]}\",USER_SERVICE_URL=\"$(url_of user-service)\",POLICY_SERVICE_URL=\"$(url_of policy-service)\""
  [ -n "${GITHUB_TOKEN:-}" ] && [ -n "${GITHUB_REPOSITORY:-}" ] \
    && github=",GITHUB_TOKEN=\"$GITHUB_TOKEN\",GITHUB_REPOSITORY=\"$GITHUB_REPOSITORY\""
  agents="$common$github,SCOUT_PORT=\"${PORT[scout]}\",BRAIN_PORT=\"${PORT[brain]}\",FIXER_PORT=\"${PORT[fixer]}\",MEMORY_PORT=\"${PORT[memory]}\""
  {
    cat <<EOF
; Written by ./sre-space up from infra/local/local-mode.sh; rewritten on every up.
[unix_http_server]
file=$STATE/supervisor/supervisor.sock

[inet_http_server]
port=127.0.0.1:${PORT[supervisor]}

[supervisord]
logfile=$LOGS/supervisord.log
pidfile=$STATE/supervisor/supervisord.pid
directory=$ROOT
childlogdir=$LOGS

[rpcinterface:supervisor]
supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface

[supervisorctl]
serverurl=unix://$STATE/supervisor/supervisor.sock
EOF
    # The infrastructure is restarted by supervisord when it dies; the demo services are Fixer's.
    program kafka "env KAFKA_HEAP=512m $ROOT/sre-space broker --port ${PORT[kafka]} --data $STATE/kafka" "autorestart=true"
    program chroma "$ROOT/sre-space chroma --port ${PORT[chroma]} --path $STATE/chroma-data" "autorestart=true"
    # Zipkin keeps spans in memory: MEM_MAX_SPANS bounds them (about 10 minutes of the demo's traffic).
    program zipkin "java -Xmx320m -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError -jar $ROOT/brain/target/zipkin/zipkin-server.jar --armeria.ports[0].port=${PORT[zipkin]} --armeria.ports[0].ip=127.0.0.1 --armeria.ports[0].protocols[0]=http" \
      "autorestart=true
environment=QUERY_PORT=\"${PORT[zipkin]}\",STORAGE_TYPE=\"mem\",MEM_MAX_SPANS=\"80000\",SELF_TRACING_ENABLED=\"false\",COLLECTOR_KAFKA_ENABLED=\"false\",COLLECTOR_RABBITMQ_ENABLED=\"false\",COLLECTOR_ACTIVEMQ_ENABLED=\"false\",COLLECTOR_GRPC_ENABLED=\"false\""
    local service
    for service in user-service policy-service quote-service; do
      program "$service" "$(quarkus_command "$service" "demo-apps/$service/target/quarkus-app/quarkus-run.jar" "$DEMO_JAVA")" \
        "environment=$demo"
    done
    program traffic "java -Xmx128m -XX:+UseSerialGC -cp $ROOT/demo-apps/traffic-generator/target/classes io.srespace.demo.traffic.TrafficGenerator --target $(url_of quote-service) --rate ${SRE_SPACE_RATE:-20} --report-every 60" \
      "autorestart=true"
    program memory "java $AGENT_JAVA -jar $ROOT/memory/target/quarkus-app/quarkus-run.jar" \
      "environment=$agents,CHROMA_URL=\"$(url_of chroma)\""
    program brain "java $AGENT_JAVA -jar $ROOT/brain/target/quarkus-app/quarkus-run.jar" \
      "environment=$agents,BRAIN_TOPOLOGY=\"$STATE/topology.yaml\",BRAIN_GITOPS=\"$STATE/env\",BRAIN_TRACES=\"zipkin\",BRAIN_TRACES_URL=\"$(url_of zipkin)\",MEMORY_URL=\"$(url_of memory)\",BRAIN_BOARD=\"$STATE/board.git\",BRAIN_LLM=\"${BRAIN_LLM:-false}\",OPENAI_BASE_URL=\"${OPENAI_BASE_URL:-}\",OPENAI_API_KEY=\"${OPENAI_API_KEY:-}\""
    program fixer "$(quarkus_command fixer fixer/target/quarkus-app/quarkus-run.jar "$AGENT_JAVA -Dfixer.kill-switch-file=$STATE/fixer.stop")" \
      "environment=$agents,FIXER_TOPOLOGY=\"$STATE/topology.yaml\",FIXER_RUNTIME=\"supervisor\",SUPERVISOR_URL=\"$(url_of supervisor)\",FIXER_ENV_DIR=\"$STATE/env\",FIXER_GITOPS_REPO=\"$STATE/gitops.git\",FIXER_GITOPS_SEED=\"$ROOT/infra/gitops\",FIXER_BOARD=\"$STATE/board.git\""
    program scout "java $AGENT_JAVA -jar $ROOT/scout/target/quarkus-app/quarkus-run.jar" \
      "environment=$agents,SCOUT_TOPOLOGY=\"$STATE/topology.yaml\",SCOUT_STATE_DIR=\"$STATE/scout-state\",SCOUT_BOARD=\"$STATE/board.git\",SCOUT_QUIET_PERIOD=\"${SRE_SPACE_QUIET_PERIOD:-10s}\""
  } >"$SUPERVISOR_CONF.new"
  mv "$SUPERVISOR_CONF.new" "$SUPERVISOR_CONF"
}

# The knowledge graph with this stack's ports, checked first: only the services' URLs change.
write_topology() {
  knowledge_java io.srespace.knowledge.MoveGraph "$ROOT/infra/topology.yaml" "$STATE/topology.yaml" \
    quote-service="$(url_of quote-service)" policy-service="$(url_of policy-service)" \
    user-service="$(url_of user-service)" || die "infra/topology.yaml is not a valid knowledge graph"
}

# The configuration each demo service is deployed with: the GitOps seed on the first up (Fixer
# rewrites these files when it redeploys a merged change; Brain reads them as the deployed values).
seed_environment() {
  mkdir -p "$STATE/env"
  local file
  for file in "$ROOT"/infra/gitops/*.env; do
    [ -f "$STATE/env/$(basename "$file")" ] || cp "$file" "$STATE/env/"
  done
}

prepare_state() {
  mkdir -p "$STATE" "$LOGS"
  [ -s "$STATE/admin-token" ] || { head -c 18 /dev/urandom | base64 | tr -d '/+=' >"$STATE/admin-token"; chmod 600 "$STATE/admin-token"; }
  write_topology
  seed_environment
  write_supervisor_conf
}

ctl() { supervisorctl -c "$SUPERVISOR_CONF" "$@"; }

supervisor_running() {
  [ -f "$SUPERVISOR_CONF" ] && [ -f "$STATE/supervisor/supervisord.pid" ] \
    && kill -0 "$(cat "$STATE/supervisor/supervisord.pid")" 2>/dev/null
}

# state NAME: supervisord's state of the program (RUNNING, STOPPED, EXITED, FATAL, ...).
state_of() { ctl status "$1" 2>/dev/null | awk '{print $2}'; }
pid_of() { ctl pid "$1" 2>/dev/null | grep -E '^[1-9][0-9]*$' || true; }

# wait_ready NAME SECONDS [LOG_OFFSET]: the broker counts as ready once it logs 'ready in' after
# LOG_OFFSET bytes of its log (the log is appended to across restarts).
wait_ready() {
  local name=$1 deadline=$((SECONDS + $2)) from=${3:-0} url
  url=$(ready_url "$name")
  while [ $SECONDS -lt $deadline ]; do
    case "$(state_of "$name")" in
      RUNNING) ;;
      STARTING) sleep 0.3; continue ;;
      *) return 1 ;;
    esac
    if [ "$name" = kafka ]; then
      grep -q 'ready in' <(tail -c +$((from + 1)) "$LOGS/kafka.log" 2>/dev/null) && return 0
    elif [ -z "$url" ] || curl -s -m 1 -o /dev/null -f "$url"; then
      return 0
    fi
    sleep 0.3
  done
  return 1
}

# start_wave NAME...: starts the wave's components together, then waits for each to be ready.
start_wave() {
  local name started=$SECONDS
  declare -A from=()
  for name in "$@"; do
    if [ "$(state_of "$name")" = RUNNING ] && wait_ready "$name" 2; then
      printf '  %-15s already running (pid %s)\n' "$name" "$(pid_of "$name")" >&2
      continue
    fi
    from[$name]=$(stat -c %s "$LOGS/$name.log" 2>/dev/null || echo 0)
    ctl start "$name" >/dev/null 2>&1 || true
  done
  for name in "${!from[@]}"; do
    if ! wait_ready "$name" 180 "${from[$name]}"; then
      tail -n 30 "$LOGS/$name.log" >&2 2>/dev/null || true
      die "$name did not become ready (state $(state_of "$name"); its log: $LOGS/$name.log; ./sre-space down stops the rest)"
    fi
    printf '  %-15s ready in %2d s  pid %-7s %s\n' "$name" "$((SECONDS - started))" "$(pid_of "$name")" \
      "$([ -n "${PORT[$name]:-}" ] && echo "port ${PORT[$name]}")" >&2
  done
}

cmd_up() {
  require_tools
  ensure_packages curl git supervisord:supervisor
  local started=$SECONDS
  ensure_chroma
  mkdir -p "$STATE"
  ensure_stack_built
  prepare_state
  if supervisor_running; then
    ctl reread >/dev/null && ctl update >/dev/null
  else
    say "starting supervisord (its programs' logs are in $LOGS)"
    supervisord -c "$SUPERVISOR_CONF" || die "supervisord did not start (see $LOGS/supervisord.log)"
    local _
    for _ in $(seq 1 50); do [ -n "$(ctl pid 2>/dev/null | grep -E '^[0-9]+$')" ] && break; sleep 0.2; done
  fi
  say "starting the stack in ${#WAVES[@]} waves, each after the one it needs is ready"
  local wave
  for wave in "${WAVES[@]}"; do
    # shellcheck disable=SC2086 # a wave is a list of names
    start_wave $wave
  done
  say "the stack is up in $((SECONDS - started)) s"
  cat >&2 <<EOF

  demo services  quote $(url_of quote-service)   policy $(url_of policy-service)   user $(url_of user-service)
  agents         scout $(url_of scout)   brain $(url_of brain)   fixer $(url_of fixer)   memory $(url_of memory)
  traces         Zipkin $(url_of zipkin)/zipkin/
  Kafka          $BOOTSTRAP        board: $(board_where)

  next:  ./sre-space chaos kill policy-service     inject a fault (./sre-space chaos list shows them)
         ./sre-space board list                    the incidents; ./sre-space board show N for one
         ./sre-space logs brain -f                 follow an agent's log
         ./sre-space status                        state, pid, port and memory of every part
         ./sre-space demo                          the guided tour;  ./sre-space down  stops everything
EOF
}

board_where() {
  if [ -n "${GITHUB_TOKEN:-}" ] && [ -n "${GITHUB_REPOSITORY:-}" ]; then
    echo "GitHub $GITHUB_REPOSITORY"
  else
    echo "$STATE/board.git (local)"
  fi
}

cmd_down() {
  local wipe=false
  [ "${1:-}" = --wipe ] && wipe=true
  if supervisor_running; then
    say "stopping every component"
    local pid
    pid=$(cat "$STATE/supervisor/supervisord.pid")
    ctl stop all >/dev/null 2>&1 || true
    ctl shutdown >/dev/null 2>&1 || kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -0 "$pid" 2>/dev/null && die "supervisord (pid $pid) is still running"
    say "stopped"
  else
    say "the stack is not running"
  fi
  if $wipe; then
    rm -rf "$STATE/kafka" "$STATE/chroma-data" "$STATE/board.git" "$STATE/gitops.git" "$STATE/env" \
      "$STATE/scout-state" "$STATE/fixer.stop" "$STATE/logs"
    say "removed the stack's data (Kafka, Chroma, board, GitOps repository, environment files, logs)"
  fi
}

cmd_status() {
  if ! supervisor_running; then
    say "the stack is down (./sre-space up starts it)"
    return 3
  fi
  local name state pid rss total=0 up=0
  printf '%-15s %-9s %-8s %-6s %8s\n' COMPONENT STATE PID PORT RSS
  for name in "${COMPONENTS[@]}"; do
    state=$(state_of "$name") pid=$(pid_of "$name") rss=""
    if [ -n "$pid" ]; then
      rss=$(ps -o rss= -p "$pid" 2>/dev/null | awk '{s+=$1} END {print int(s/1024)}')
      total=$((total + rss))
      up=$((up + 1))
    fi
    printf '%-15s %-9s %-8s %-6s %8s\n' "$name" "$state" "${pid:--}" "${PORT[$name]:--}" "${rss:+$rss MB}"
  done
  printf '%-15s %-9s %-8s %-6s %8s\n' supervisord RUNNING "$(cat "$STATE/supervisor/supervisord.pid")" \
    "${PORT[supervisor]}" "$(($(ps -o rss= -p "$(cat "$STATE/supervisor/supervisord.pid")") / 1024)) MB"
  printf '%d of %d running; %d MB resident in all\n' "$up" "${#COMPONENTS[@]}" "$total"
}

cmd_logs() {
  local name=${1:-} follow=""
  [ -n "$name" ] || die "usage: ./sre-space logs <name> [-f]   (names: ${COMPONENTS[*]} supervisord build)"
  [ "${2:-}" = -f ] && follow=-f
  [ -f "$LOGS/$name.log" ] || die "no log for '$name' in $LOGS (names: ${COMPONENTS[*]} supervisord build)"
  exec tail -n 100 $follow "$LOGS/$name.log"
}

# chaos_env: what the chaos scripts need to reach this stack.
chaos_env() {
  export QUOTE_SERVICE_URL="$(url_of quote-service)" POLICY_SERVICE_URL="$(url_of policy-service)" \
    USER_SERVICE_URL="$(url_of user-service)" DEMO_ADMIN_TOKEN="$(cat "$STATE/admin-token" 2>/dev/null)"
}

# gitops_commit MESSAGE FILE KEY=VALUE...: commits changed keys of FILE on the GitOps repository's
# default branch, with real git, as a person deploying a change would.
gitops_commit() {
  local message=$1 file=$2 work pair
  shift 2
  [ -d "$STATE/gitops.git" ] || die "no GitOps repository at $STATE/gitops.git yet (Fixer creates it when it starts)"
  work=$(mktemp -d)
  git clone -q "$STATE/gitops.git" "$work/repo"
  set_keys "$work/repo/$file" "$@"
  if git -C "$work/repo" diff --quiet; then
    rm -rf "$work"
    return 1
  fi
  git -C "$work/repo" -c user.name=operator -c user.email=operator@sre-space.local commit -q -am "$message"
  git -C "$work/repo" push -q origin HEAD
  rm -rf "$work"
}

# set_keys FILE KEY=VALUE...: sets each key in a KEY=value file with the one editor (in Java).
set_keys() {
  knowledge_java io.srespace.knowledge.EnvFileCommand "$@" || die "cannot set $* in $1"
}

# set_deployed FILE KEY=VALUE...: the environment file the service runs with (read at its next start).
set_deployed() {
  local file="$STATE/env/$1"
  shift
  set_keys "$file" "$@"
}

cmd_chaos() {
  supervisor_running || die "the stack is not running: ./sre-space up first"
  chaos_env
  case "${1:-}" in
    "" | -h | --help) die "usage: ./sre-space chaos <fault> <service> [--intensity X] [--duration S] | list | clear [service]" ;;
    list) exec bash "$ROOT/chaos/list" ;;
    clear) shift; exec bash "$ROOT/chaos/clear" "$@" ;;
  esac
  if [ "$1" = conversion-break ]; then
    # The fault is a bad deployment: the limit goes to 0.00 in the GitOps repository and in what
    # policy-service runs with (the switch below applies it to the running process at once).
    gitops_commit "Lower the acceptance limit to 0.00" policy-service.env PRICING_ACCEPTANCE_LIMIT=0.00 || true
    set_deployed policy-service.env PRICING_ACCEPTANCE_LIMIT=0.00
    say "deployed PRICING_ACCEPTANCE_LIMIT=0.00 to policy-service (commit on the GitOps repository)"
  fi
  exec bash "$ROOT/chaos/inject" "$@"
}

# Puts the demo back as the seed has it: no fault switched on, every service running with the
# seed's configuration (a service whose configuration drifted is redeployed), all healthy.
cmd_repair() {
  supervisor_running || die "the stack is not running: ./sre-space up first"
  chaos_env
  local service file pairs restart=()
  for service in user-service policy-service quote-service; do
    if [ "$(state_of "$service")" != RUNNING ]; then
      say "starting $service ($(state_of "$service"))"
      ctl start "$service" >/dev/null 2>&1 || true
    fi
  done
  for file in "$ROOT"/infra/gitops/*.env; do
    service=$(basename "$file" .env)
    pairs=$(grep -E '^[A-Z_]+=' "$file")
    if ! diff -q <(grep -E '^[A-Z_]+=' "$STATE/env/$service.env" | sort) <(echo "$pairs" | sort) >/dev/null; then
      # shellcheck disable=SC2086
      gitops_commit "Restore $service's configuration to the seed" "$service.env" $pairs || true
      # shellcheck disable=SC2086
      set_deployed "$service.env" $pairs
      restart+=("$service")
    fi
  done
  for service in "${restart[@]}"; do
    say "redeploying $service with the seed's configuration"
    ctl restart "$service" >/dev/null 2>&1 || true
  done
  for service in user-service policy-service quote-service; do
    wait_ready "$service" 60 || die "$service is not healthy after the repair (log: $LOGS/$service.log)"
  done
  bash "$ROOT/chaos/clear" >/dev/null || die "clearing the faults failed"
  say "repaired: every fault off, every demo service healthy with the seed's configuration"
}
