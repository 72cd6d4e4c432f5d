#!/usr/bin/env node
import { isWorker, startPrimary, startWorker, workerCount } from "../cluster.ts";
import { ConfigError, loadConfig, settingsHelp } from "../config/load.ts";
import { settings } from "../config/schema.ts";
import { systemClock } from "../runtime/clock.ts";
import { openStore } from "../storage/open.ts";

const USAGE = `cognate — an identity server wire-compatible with Amazon Cognito

Usage:
  cognate [start] [options]        start the server (default command)
  cognate migrate [options]        apply database migrations and exit
  cognate outbox [options] [--pool-id ID] [--username NAME] [--limit N]
                                   print the newest outbox messages (codes included) as JSON
  cognate config [options]         print the effective configuration (secrets hidden)
  cognate call <Operation> [--input JSON] [--api cognito-idp|cognito-identity] [options]
                                   run one API operation against the database as administrator, print its output
  cognate seed <file.json> [options]
                                   create pools, clients, groups and users from a seed file (idempotent by name)
  cognate --help                   this text

Options (flag, environment variable, default). A JSON file given with --config
(or COGNATE_CONFIG) may set the same names, e.g. {"port": 9229}:
${settingsHelp()}
`;

function takeOption(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  if (i < 0) return undefined;
  const v = argv[i + 1];
  argv.splice(i, 2);
  return v;
}

async function main(args: string[]): Promise<number> {
  if (args.includes("--help") || args.includes("-h") || args[0] === "help") {
    process.stdout.write(USAGE);
    return 0;
  }
  const command = args[0] && !args[0].startsWith("--") ? args.shift()! : "start";
  switch (command) {
    case "start": {
      const config = loadConfig({ argv: args });
      if (isWorker()) {
        await startWorker(config);
        return -1;
      }
      if (config.dev) {
        process.stderr.write(
          "WARNING: development mode: admin operations accept unsigned calls from this machine unless --access-keys is set, rate limits are off and codes are printed to the log. Do not expose this server.\n",
        );
      } else if (config.outbox) {
        process.stderr.write(
          "WARNING: the outbox is on outside development mode: GET /_cognate/outbox shows every code and temporary password to anyone who can reach this port.\n",
        );
      }
      if (!config.dev && !config.accessKeys) {
        process.stderr.write(
          "WARNING: no access keys configured (--access-keys); every admin (IAM) operation will be refused.\n",
        );
      }
      if (config.host !== "127.0.0.1" && config.host !== "localhost" && config.dev) {
        process.stderr.write(`WARNING: development mode while listening on ${config.host}.\n`);
      }
      if (!config.stsEndpoint) {
        process.stderr.write(
          "NOTE: no --sts-endpoint: identity pools' GetCredentialsForIdentity returns development credentials (ASIACOGNATEDEV…) that no AWS service accepts.\n",
        );
      }
      if (config.databaseUrl && !config.publicUrl) {
        process.stderr.write(
          "WARNING: --database-url without --public-url: each instance issues tokens under its own address; set --public-url when running several instances.\n",
        );
      }
      const workers = workerCount(config);
      if (workers > 1) {
        const { url } = await startPrimary(config, workers);
        process.stderr.write(`NOTE: ${workers} worker processes share the port.\n`);
        process.stdout.write(`cognate listening on ${url}\n`);
        return -1;
      }
      // The app is loaded only where it runs (a --workers primary stays small).
      const { startServer } = await import("../main.ts");
      const server = await startServer(config);
      process.stdout.write(`cognate listening on ${server.url}\n`);
      const stop = async () => {
        await server.close();
        process.exit(0);
      };
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
      return -1;
    }
    case "migrate": {
      const config = loadConfig({ argv: args });
      const store = await openStore(config, systemClock);
      await store.close();
      process.stdout.write(
        `migrations applied (${config.databaseUrl ? "postgres" : `sqlite in ${config.dataDir}`})\n`,
      );
      return 0;
    }
    case "outbox": {
      const poolId = takeOption(args, "--pool-id");
      const username = takeOption(args, "--username");
      const limit = Number(takeOption(args, "--limit") ?? 10);
      const config = loadConfig({ argv: args });
      const store = await openStore(config, systemClock);
      const messages = await store.outbox.list({
        limit,
        ...(poolId ? { poolId } : {}),
        ...(username ? { username } : {}),
      });
      await store.close();
      process.stdout.write(`${JSON.stringify(messages, null, 2)}\n`);
      return 0;
    }
    case "config": {
      const config = loadConfig({ argv: args });
      const shown = Object.fromEntries(
        Object.entries(config).map(([k, v]) => [
          k,
          (settings as Record<string, { secret?: boolean }>)[k]?.secret && v ? "***" : v,
        ]),
      );
      process.stdout.write(`${JSON.stringify(shown, null, 2)}\n`);
      return 0;
    }
    case "call": {
      const name = args.shift();
      if (!name)
        throw new ConfigError(
          "call needs an operation name, e.g. cognate call ListUserPools --input '{\"MaxResults\":10}'",
        );
      const input = JSON.parse(takeOption(args, "--input") ?? "{}") as Record<string, unknown>;
      const api = takeOption(args, "--api") ?? "cognito-idp";
      const [{ createRuntime }, { callOperation }] = await Promise.all([
        import("../main.ts"),
        import("./call.ts"),
      ]);
      const rt = await createRuntime(loadConfig({ argv: args }));
      try {
        process.stdout.write(`${JSON.stringify(await callOperation(rt, name, input, api), null, 2)}\n`);
        return 0;
      } catch (e) {
        process.stderr.write(`${(e as Error).name}: ${(e as Error).message}\n`);
        return 1;
      } finally {
        await rt.store.close();
      }
    }
    case "seed": {
      const file = args.shift();
      if (!file) throw new ConfigError("seed needs a file, e.g. cognate seed seed.json");
      const [{ createRuntime }, { seed }] = await Promise.all([import("../main.ts"), import("./seed.ts")]);
      const rt = await createRuntime(loadConfig({ argv: args }));
      try {
        process.stdout.write(`${JSON.stringify(await seed(rt, file), null, 2)}\n`);
        return 0;
      } finally {
        await rt.store.close();
      }
    }
    default:
      process.stderr.write(`unknown command ${command}\n\n${USAGE}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (err) => {
    process.stderr.write(`cognate: ${err instanceof ConfigError ? err.message : (err as Error).stack}\n`);
    process.exit(err instanceof ConfigError ? 2 : 1);
  },
);
