import { DEFAULT_NETWORK } from './generate-network.js';
import { DEFAULT_ORDER_COUNT } from './generate-orders.js';

export const SOURCING_USAGE = `Usage: omnistream sourcing <command> [options]

What-if replays of the sourcing engine, and the data sets to run them on.

Commands:
  simulate   Replay orders under one or two rule sets and the greedy baseline, and compare them
  generate   Write a generated network and orders to a directory

omnistream sourcing simulate --rules A.json [--compare B.json] --orders orders.jsonl [options]
  --rules <file>     rule set A (JSON, as the rule-set API takes it)
  --compare <file>   rule set B, replayed beside A
  --orders <file>    orders, one sourcing request per line (JSON Lines)
  --network <file>   network.json as \`sourcing generate\` writes it; without it the network is generated
                     from --seed, --stores and --skus (defaults: seed ${DEFAULT_NETWORK.seed}, ${DEFAULT_NETWORK.stores} stores, ${DEFAULT_NETWORK.skus} SKUs,
                     the same network \`sourcing generate\` writes with its defaults)
  --seed <n> --stores <n> --skus <n>   the network to generate when --network is not given
  --json             print the metrics as JSON instead of a table
  Reports per run: shipments per order, split rate, km per order and per shipment, load spread over stores
  (max load/capacity, Gini), DC load, decisions/s, and the orders it could not fulfil. The baseline takes the
  nearest location holding every line, else each line from the nearest location holding it.

omnistream sourcing generate --out <dir> [--seed n] [--stores n] [--skus n] [--orders n]
  Writes <dir>/network.json and <dir>/orders.jsonl: 1 DC and --stores stores (default ${DEFAULT_NETWORK.stores}) around British
  towns, --skus SKUs (default ${DEFAULT_NETWORK.skus}) with Zipf popularity, --orders orders (default ${DEFAULT_ORDER_COUNT}) of 1 to 5 lines.
  The same seed (default ${DEFAULT_NETWORK.seed}) always gives the same files. The directory must exist.

Exit codes: 0 done, 2 bad arguments or input files.`;
