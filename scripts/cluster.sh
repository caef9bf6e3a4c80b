#!/usr/bin/env bash
# A 3-node cluster on this machine, to try clustering out: redis-server on loopback (membership and grain state),
# two ApiHosts (HTTP on API_PORTS, each co-hosting a silo) and one compute-only Silo (its /metrics and /health on
# SILO_HTTP_PORT), all joined through Redis.
#   bash scripts/cluster.sh up       # builds (Release), starts everything, waits until each ApiHost is ready
#   bash scripts/cluster.sh status   # what runs, and each ApiHost's /health/ready
#   bash scripts/cluster.sh down     # stops exactly the processes "up" started (by their recorded PIDs)
# Ports come from the environment: REDIS_PORT (6379), API_PORTS ("5080 5081"), SILO_PORTS ("11111 11112 11113"),
# GATEWAY_PORTS ("30000 30001 30002"), SILO_HTTP_PORT (9464), CLUSTER_ID (orleans-inference-cluster). Extra arguments
# after "up" go to every process (e.g. --Inference:Models:...). Logs and PIDs go to .cluster/.
set -uo pipefail
cd "$(dirname "$0")/.."

state=".cluster"
redis_port="${REDIS_PORT:-6379}"
read -r -a api_ports <<<"${API_PORTS:-5080 5081}"
read -r -a silo_ports <<<"${SILO_PORTS:-11111 11112 11113}"
read -r -a gateway_ports <<<"${GATEWAY_PORTS:-30000 30001 30002}"
silo_http_port="${SILO_HTTP_PORT:-9464}"
cluster_id="${CLUSTER_ID:-orleans-inference-cluster}"
apihost_dir="ApiHost/bin/Release/net10.0"
silo_dir="Silo/bin/Release/net10.0"

alive() { [[ -f "$1" ]] && kill -0 "$(cat "$1")" 2>/dev/null; }

start() { # name directory dll arguments...
  local name=$1 dir=$2 dll=$3; shift 3
  (cd "$dir" && exec env \
    Orleans__Membership__Provider=Redis Orleans__Membership__Redis="127.0.0.1:$redis_port" Orleans__ClusterId="$cluster_id" \
    dotnet "$dll" "$@") >"$state/$name.log" 2>&1 &
  echo $! >"$state/$name.pid"
  echo "started $name (pid $!)"
}

up() {
  mkdir -p "$state"
  if ls "$state"/*.pid >/dev/null 2>&1; then echo "A cluster is already up (see 'status'; 'down' first)." >&2; exit 1; fi
  command -v redis-server >/dev/null || { echo "redis-server is not installed (apt-get install -y redis-server)." >&2; exit 1; }
  dotnet build ApiHost -c Release -v q -nologo >/dev/null && dotnet build Silo -c Release -v q -nologo >/dev/null || { echo "Build failed." >&2; exit 1; }

  redis-server --bind 127.0.0.1 --port "$redis_port" --save "" --appendonly no >"$state/redis.log" 2>&1 &
  echo $! >"$state/redis.pid"
  for _ in $(seq 50); do redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break; sleep 0.1; done
  alive "$state/redis.pid" || { cat "$state/redis.log" >&2; rm -f "$state/redis.pid"; echo "redis-server did not start (port $redis_port in use?)." >&2; exit 1; }
  echo "started redis (pid $(cat "$state/redis.pid"), port $redis_port)"

  start silo "$silo_dir" Orleans.Inference.Silo.dll --urls "http://127.0.0.1:$silo_http_port" \
    --Orleans:SiloPort="${silo_ports[2]}" --Orleans:GatewayPort="${gateway_ports[2]}" "$@"
  # The ApiHosts join once the Silo is active: the models that load on start are placed while it is the only silo, so
  # they live on it (started together, the ApiHosts' silos often became active first and took them).
  for _ in $(seq 120); do
    curl -fs "http://127.0.0.1:$silo_http_port/health/ready" >/dev/null && break
    alive "$state/silo.pid" || { tail -20 "$state/silo.log" >&2; echo "The Silo exited (see $state/silo.log)." >&2; exit 1; }
    sleep 0.5
  done
  for i in 0 1; do
    start "apihost$i" "$apihost_dir" Orleans.Inference.ApiHost.dll --urls "http://127.0.0.1:${api_ports[$i]}" \
      --Orleans:SiloPort="${silo_ports[$i]}" --Orleans:GatewayPort="${gateway_ports[$i]}" "$@"
  done
  for i in 0 1; do
    for _ in $(seq 120); do curl -fs "http://127.0.0.1:${api_ports[$i]}/health/ready" >/dev/null && break; sleep 0.5; done
  done
  status
}

status() {
  for pid in "$state"/*.pid; do
    [[ -f "$pid" ]] || { echo "nothing started"; return; }
    local name; name=$(basename "$pid" .pid)
    if alive "$pid"; then echo "$name: running (pid $(cat "$pid"))"; else echo "$name: not running (see $state/$name.log)"; fi
  done
  for i in 0 1; do
    echo "http://127.0.0.1:${api_ports[$i]}/health/ready: $(curl -s "http://127.0.0.1:${api_ports[$i]}/health/ready" || echo unreachable)"
  done
  echo "silo http://127.0.0.1:$silo_http_port/health/ready: $(curl -s "http://127.0.0.1:$silo_http_port/health/ready" || echo unreachable) (metrics: /metrics)"
}

down() {
  for pid in "$state"/*.pid; do
    [[ -f "$pid" ]] || continue
    if alive "$pid"; then
      local id; id=$(cat "$pid")
      kill -TERM "$id"
      for _ in $(seq 100); do kill -0 "$id" 2>/dev/null || break; sleep 0.1; done
      kill -0 "$id" 2>/dev/null && kill -KILL "$id"
      echo "stopped $(basename "$pid" .pid) (pid $id)"
    fi
    rm -f "$pid"
  done
}

case "${1:-}" in
  up) shift; up "$@" ;;
  down) down ;;
  status) status ;;
  *) echo "usage: $0 up [settings...]|down|status" >&2; exit 2 ;;
esac
