import { readFileSync } from "node:fs";
import { type Config, envName, flagName, type SettingDef, type SettingName, settings } from "./schema.ts";

export class ConfigError extends Error {}

function coerce(key: string, def: SettingDef, raw: unknown, from: string): string | number | boolean {
  if (def.type === "integer") {
    const n = typeof raw === "number" ? raw : Number(String(raw).trim());
    if (!Number.isInteger(n))
      throw new ConfigError(`${key} (${from}) must be an integer, got ${JSON.stringify(raw)}`);
    return n;
  }
  if (def.type === "boolean") {
    if (typeof raw === "boolean") return raw;
    const s = String(raw).trim().toLowerCase();
    if (["1", "true", "yes", "on", ""].includes(s)) return true;
    if (["0", "false", "no", "off"].includes(s)) return false;
    throw new ConfigError(`${key} (${from}) must be true or false, got ${JSON.stringify(raw)}`);
  }
  return String(raw);
}

export interface LoadOptions {
  argv?: readonly string[];
  env?: Readonly<Record<string, string | undefined>>;
  /** Values that override everything (used by tests and the CLI). */
  overrides?: Partial<Config>;
}

/**
 * Builds the frozen configuration: defaults < config file (`--config` or
 * COGNATE_CONFIG) < environment < flags < overrides. The only reader of process.env.
 */
export function loadConfig(opts: LoadOptions = {}): Config {
  const env = opts.env ?? process.env;
  const argv = opts.argv ?? [];
  const out: Record<string, string | number | boolean> = {};
  for (const [k, d] of Object.entries(settings)) out[k] = d.default;

  const flags = new Map<string, string | undefined>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith("--")) throw new ConfigError(`unexpected argument ${a}`);
    const eq = a.indexOf("=");
    if (eq > 0) flags.set(a.slice(0, eq), a.slice(eq + 1));
    else if (argv[i + 1] !== undefined && !argv[i + 1]!.startsWith("--")) flags.set(a, argv[++i]);
    else flags.set(a, undefined);
  }

  const file = flags.get("--config") ?? env.COGNATE_CONFIG;
  flags.delete("--config");
  if (file) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(file, "utf8"));
    } catch (e) {
      throw new ConfigError(`cannot read config file ${file}: ${(e as Error).message}`);
    }
    for (const [k, v] of Object.entries(parsed as Record<string, unknown>)) {
      const def = (settings as Record<string, SettingDef>)[k];
      if (!def) throw new ConfigError(`unknown setting "${k}" in ${file}`);
      out[k] = coerce(k, def, v, file);
    }
  }
  for (const [k, def] of Object.entries(settings)) {
    const v = env[envName(k)];
    if (v !== undefined) out[k] = coerce(k, def, v, envName(k));
  }
  const byFlag = new Map(Object.keys(settings).map((k) => [flagName(k), k] as const));
  for (const [flag, v] of flags) {
    const k = byFlag.get(flag);
    if (!k) throw new ConfigError(`unknown option ${flag} (see cognate --help)`);
    const def = (settings as Record<string, SettingDef>)[k]!;
    if (v === undefined && def.type !== "boolean") throw new ConfigError(`${flag} needs a value`);
    out[k] = coerce(k, def, v ?? true, flag);
  }
  Object.assign(out, opts.overrides ?? {});
  validate(out as Config);
  return Object.freeze(out) as Config;
}

function validate(c: Config): void {
  if (c.port < 0 || c.port > 65535) throw new ConfigError("port must be between 0 and 65535");
  if (!["debug", "info", "warn", "error", "silent"].includes(c.logLevel))
    throw new ConfigError("logLevel must be debug, info, warn, error or silent");
  if (!/^[a-z]{2}(-[a-z]+)+-\d$/.test(c.region))
    throw new ConfigError(`region "${c.region}" is not an AWS region name`);
  if (c.databaseUrl && !/^postgres(ql)?:\/\//.test(c.databaseUrl))
    throw new ConfigError("databaseUrl must start with postgres://");
  for (const pair of parseAccessKeys(c.accessKeys))
    if (!pair.id || !pair.secret) throw new ConfigError("accessKeys must be ID:SECRET pairs");
}

export function parseAccessKeys(s: string): { id: string; secret: string }[] {
  return s
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => {
      const i = p.indexOf(":");
      return { id: i < 0 ? p : p.slice(0, i), secret: i < 0 ? "" : p.slice(i + 1) };
    });
}

/** Help text for every setting, generated from the schema. */
export function settingsHelp(): string {
  return Object.entries(settings)
    .map(
      ([k, d]) =>
        `  ${flagName(k).padEnd(24)} ${envName(k).padEnd(30)} default: ${JSON.stringify(d.default)}\n      ${d.doc}`,
    )
    .join("\n");
}

export type { Config, SettingName };
