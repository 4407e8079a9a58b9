import { MAX_BATCH } from './options.js';

/** What `--help` prints. */
export const USAGE = `Usage: npm run simulate -- [options]

Publishes simulated dosimeter badge readings (DESIGN.md §3.1) over MQTT, QoS 1, to
{prefix}/badges/{serial}/readings. Stops on --count, --duration or SIGINT/SIGTERM, waits for
outstanding acknowledgements and prints a summary with each badge's true dose.

  --url URL             broker (default: $MQTT_URL or mqtt://127.0.0.1:1883)
  --prefix TOPIC        topic prefix (default: $MQTT_TOPIC_PREFIX or dose/v1)
  --badges N            number of badges (default 10)
  --serial-prefix TEXT  serials are TEXT0001, TEXT0002, ... (default SIM-)
  --rate R              readings per second per badge, may be fractional (default 1)
  --duration S          stop after S seconds (default: run until Ctrl-C)
  --count N             stop after N readings per badge
  --batch N             readings per message, 1..${MAX_BATCH}; N > 1 publishes arrays (default 1)
  --duplicates P        fraction 0..1 of messages published twice (default 0)
  --out-of-order P      fraction 0..1 of readings published after their successor (default 0)
  --dose-rate D         mean ambient dose rate in µSv/h (default 2)
  --reset-every N       reset the badge registers every N readings, N >= 2 (default: never)
  --start-seq N         seq of each badge's first reading (default 1)
  --seed TEXT           seed for a reproducible stream (default: random, printed)
  --protocol 4|5        MQTT protocol version: 4 = 3.1.1, 5 = 5.0 (default: 5, or 4 when
                        the broker refuses 5, as the service's embedded broker does)
  --username U          broker user name
  --password P          broker password
  --quiet               no progress lines (the summary is still printed)
  -h, --help            this text
`;
