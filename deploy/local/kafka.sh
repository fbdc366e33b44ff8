# shellcheck shell=bash
# Single-node Apache Kafka 4.3.1 (KRaft) from Maven Central jars, for ./portal. Sourced after common.sh.

KAFKA_VERSION=4.3.1
KAFKA_PORT=9092
KAFKA_CONTROLLER_PORT=9093
KAFKA_LIB_DIR="$KAFKA_DIR/lib"
KAFKA_DATA_DIR="$KAFKA_DIR/data"
KAFKA_CONFIG="$KAFKA_DIR/server.properties"
KAFKA_LOG4J_CONFIG="$KAFKA_DIR/log4j2.properties"
KAFKA_TOOLS_LOG4J_CONFIG="$KAFKA_DIR/log4j2-tools.properties"
KAFKA_PID_FILE="$KAFKA_DIR/kafka.pid"
KAFKA_LOG="$KAFKA_DIR/kafka.log"
KAFKA_START_TIMEOUT=60
# name[:compact]: environment-events is a changelog keyed by environment (consumers rebuild from it).
KAFKA_DOMAIN_TOPICS=(environment-events:compact deployment-events monitoring-events alert-events cost-events admin-events audit-events)
# Tests (portal.kafka.topic-prefix=test.) and end-to-end runs (e2e.) use topics of their own on the same broker.
KAFKA_TOPICS=("${KAFKA_DOMAIN_TOPICS[@]}" "${KAFKA_DOMAIN_TOPICS[@]/#/test.}" "${KAFKA_DOMAIN_TOPICS[@]/#/e2e.}")
KAFKA_TOPIC_PARTITIONS=3

kafka_jars_present() {
  [[ -f "$KAFKA_LIB_DIR/kafka_2.13-$KAFKA_VERSION.jar" && -f "$KAFKA_LIB_DIR/kafka-tools-$KAFKA_VERSION.jar" ]]
}

# Download once into a temp dir and rename, so an interrupted fetch never looks complete.
fetch_kafka_jars_if_missing() {
  kafka_jars_present && return 0
  require_command mvn "needed to fetch Kafka from Maven Central"
  say "Fetching Apache Kafka $KAFKA_VERSION jars from Maven Central (once, about 55 MB)"
  local tmp="$KAFKA_DIR/lib.partial"
  rm -rf "$tmp"
  local output
  # Output is shown only on failure (Maven's -q still prints stray ANSI codes).
  if ! output="$(mvn -q -B -f "$LOCAL_DEPLOY_DIR/kafka/pom.xml" dependency:copy-dependencies -DoutputDirectory="$tmp" 2>&1)"; then
    printf '%s\n' "$output" >&2
    die "could not fetch the Kafka jars (mvn dependency:copy-dependencies -f deploy/local/kafka/pom.xml)"
  fi
  rm -rf "$KAFKA_LIB_DIR"
  mv "$tmp" "$KAFKA_LIB_DIR"
  kafka_jars_present || die "Kafka jars missing in $KAFKA_LIB_DIR after the fetch"
}

# Rendered on every start: cheap, and keeps log.dirs right if the checkout moves.
write_kafka_config() {
  sed "s|@KAFKA_DATA_DIR@|$KAFKA_DATA_DIR|g" "$LOCAL_DEPLOY_DIR/kafka/server.properties.template" >"$KAFKA_CONFIG.tmp"
  mv "$KAFKA_CONFIG.tmp" "$KAFKA_CONFIG"

  # Broker: WARN overall, but keep the INFO lines that say the server started/stopped.
  cat >"$KAFKA_LOG4J_CONFIG" <<'EOF'
status = warn
appender.console.type = Console
appender.console.name = STDOUT
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = warn
rootLogger.appenderRef.stdout.ref = STDOUT
logger.server.name = kafka.server.KafkaRaftServer
logger.server.level = info
EOF

  # Command-line tools (format, topic set-up): errors only, on stderr.
  cat >"$KAFKA_TOOLS_LOG4J_CONFIG" <<'EOF'
status = error
appender.console.type = Console
appender.console.name = STDERR
appender.console.target = SYSTEM_ERR
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = %p %m (%c)%n
rootLogger.level = error
rootLogger.appenderRef.stderr.ref = STDERR
EOF
}

run_kafka_tool() {
  java -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Dlog4j2.configurationFile="$KAFKA_TOOLS_LOG4J_CONFIG" \
    -cp "$KAFKA_LIB_DIR/*" "$@" 9>&-
}

# A KRaft cluster id is a base64url-encoded random 16-byte UUID (22 chars). Like
# Uuid.randomUuid() we avoid ids starting with '-', which CLI parsers read as an option.
random_kafka_cluster_id() {
  local id
  while :; do
    id="$(openssl rand 16 | openssl base64 -A | tr '+/' '-_' | tr -d '=')"
    [[ "$id" != -* ]] && break
  done
  printf '%s\n' "$id"
}

format_kafka_storage_if_needed() {
  [[ -f "$KAFKA_DATA_DIR/meta.properties" ]] && return 0
  local cluster_id
  cluster_id="$(random_kafka_cluster_id)"
  say "Formatting Kafka storage in $KAFKA_DATA_DIR (cluster id $cluster_id)"
  mkdir -p "$KAFKA_DATA_DIR"
  local output
  if ! output="$(run_kafka_tool kafka.tools.StorageTool format -t "$cluster_id" -c "$KAFKA_CONFIG" 2>&1)"; then
    printf '%s\n' "$output" >&2
    die "kafka StorageTool format failed (config $KAFKA_CONFIG)"
  fi
}

kafka_pid() {
  live_pid_from_file "$KAFKA_PID_FILE" "kafka.Kafka"
}

wait_for_kafka_port() {
  local pid="$1" deadline=$((SECONDS + KAFKA_START_TIMEOUT))
  until port_is_open 127.0.0.1 "$KAFKA_PORT"; do
    if ! pid_is_alive "$pid"; then
      print_log_tail "$KAFKA_LOG" 40
      die "Kafka (pid $pid) exited during start-up; log: $KAFKA_LOG"
    fi
    if ((SECONDS >= deadline)); then
      print_log_tail "$KAFKA_LOG" 40
      die "Kafka did not open 127.0.0.1:$KAFKA_PORT within ${KAFKA_START_TIMEOUT}s (pid $pid still running; log: $KAFKA_LOG)"
    fi
    sleep 0.5
  done
}

start_kafka_if_stopped() {
  local pid
  if pid="$(kafka_pid)"; then
    # Ours and alive: maybe still starting up (another ./portal just launched it).
    wait_for_kafka_port "$pid"
    return 0
  fi
  if port_is_open 127.0.0.1 "$KAFKA_PORT"; then
    warn "127.0.0.1:$KAFKA_PORT is already open but not by the Kafka that ./portal starts; using it as is"
    return 0
  fi
  port_is_open 127.0.0.1 "$KAFKA_CONTROLLER_PORT" &&
    die "port $KAFKA_CONTROLLER_PORT (Kafka controller) is in use by another process"

  require_command java
  format_kafka_storage_if_needed
  say "Starting Kafka $KAFKA_VERSION on 127.0.0.1:$KAFKA_PORT"
  [[ -f "$KAFKA_LOG" ]] && mv -f "$KAFKA_LOG" "$KAFKA_LOG.1"
  # setsid: the broker must outlive this shell and not get the terminal's Ctrl-C.
  (
    cd "$KAFKA_DIR" || exit 1
    exec setsid java -Xmx384m -Xms64m -XX:+UseSerialGC \
      -Dlog4j2.configurationFile="$KAFKA_LOG4J_CONFIG" \
      -cp "$KAFKA_LIB_DIR/*" kafka.Kafka "$KAFKA_CONFIG" \
      </dev/null >>"$KAFKA_LOG" 2>&1 9>&-
  ) &
  pid=$!
  echo "$pid" >"$KAFKA_PID_FILE"
  wait_for_kafka_port "$pid"
  say "Kafka is up (pid $pid, log $KAFKA_LOG)"
}

# One JVM lists the topics and creates only the missing ones (a TopicCommand per topic
# would cost ~2 s each). The source is written here and run with Java's single-file launcher.
write_topic_tool_source() {
  cat >"$KAFKA_DIR/EnsureTopics.java" <<'EOF'
import java.util.*;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.*;
import org.apache.kafka.common.errors.TopicExistsException;

// Usage: EnsureTopics <bootstrap> <partitions> <topic>[:compact]...
public class EnsureTopics {
    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        int partitions = Integer.parseInt(args[1]);
        List<String> wanted = new ArrayList<>();
        Set<String> compacted = new HashSet<>();
        for (String arg : Arrays.asList(args).subList(2, args.length)) {
            String name = arg.split(":")[0];
            wanted.add(name);
            if (arg.endsWith(":compact")) compacted.add(name);
        }
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "15000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
        try (Admin admin = Admin.create(props)) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = new ArrayList<>();
            for (String t : wanted) {
                NewTopic topic = new NewTopic(t, partitions, (short) 1);
                if (compacted.contains(t)) topic.configs(Map.of("cleanup.policy", "compact"));
                if (!existing.contains(t)) missing.add(topic);
            }
            // Topics made before they were meant to be compacted get the policy now (idempotent).
            Map<org.apache.kafka.common.config.ConfigResource, Collection<AlterConfigOp>> policies = new HashMap<>();
            for (String t : compacted) {
                if (existing.contains(t)) {
                    policies.put(new org.apache.kafka.common.config.ConfigResource(org.apache.kafka.common.config.ConfigResource.Type.TOPIC, t),
                            List.of(new AlterConfigOp(new ConfigEntry("cleanup.policy", "compact"), AlterConfigOp.OpType.SET)));
                }
            }
            if (!policies.isEmpty()) admin.incrementalAlterConfigs(policies).all().get();
            if (missing.isEmpty()) {
                System.out.println("all " + wanted.size() + " topics exist");
                return;
            }
            CreateTopicsResult result = admin.createTopics(missing);
            List<String> created = new ArrayList<>();
            for (Map.Entry<String, org.apache.kafka.common.KafkaFuture<Void>> e : result.values().entrySet()) {
                try {
                    e.getValue().get();
                    created.add(e.getKey());
                } catch (ExecutionException ex) {
                    // Someone else created it meanwhile: fine.
                    if (!(ex.getCause() instanceof TopicExistsException)) throw ex;
                }
            }
            Collections.sort(created);
            System.out.println("created " + String.join(", ", created)
                    + " (" + partitions + " partitions, replication 1)");
        }
    }
}
EOF
}

ensure_kafka_topics() {
  local output
  write_topic_tool_source
  output="$(run_kafka_tool "$KAFKA_DIR/EnsureTopics.java" "127.0.0.1:$KAFKA_PORT" "$KAFKA_TOPIC_PARTITIONS" "${KAFKA_TOPICS[@]}")" ||
    die "could not create the Kafka topics (${KAFKA_TOPICS[*]}); broker log: $KAFKA_LOG"
  say "Kafka topics: $output"
}

ensure_kafka() {
  ensure_state_dirs
  fetch_kafka_jars_if_missing
  write_kafka_config
  start_kafka_if_stopped
  ensure_kafka_topics
}

stop_kafka() {
  local pid
  if pid="$(kafka_pid)"; then
    say "Stopping Kafka (pid $pid)"
    # A clean KRaft shutdown takes ~3 s; give it more before SIGKILL to keep the log intact.
    terminate_pids 30 "$pid"
  fi
  rm -f "$KAFKA_PID_FILE"
}

print_kafka_status() {
  local pid
  if pid="$(kafka_pid)"; then
    if port_is_open 127.0.0.1 "$KAFKA_PORT"; then
      printf '%-20s %-8s pid=%-8s port=%-5s\n' kafka running "$pid" "$KAFKA_PORT"
    else
      printf '%-20s %-8s pid=%-8s port=%-5s %s\n' kafka starting "$pid" "$KAFKA_PORT" "(port not open yet)"
    fi
  elif port_is_open 127.0.0.1 "$KAFKA_PORT"; then
    printf '%-20s %-8s pid=%-8s port=%-5s %s\n' kafka running - "$KAFKA_PORT" "(not started by ./portal)"
  else
    printf '%-20s %-8s pid=%-8s port=%-5s\n' kafka stopped - "$KAFKA_PORT"
  fi
}
