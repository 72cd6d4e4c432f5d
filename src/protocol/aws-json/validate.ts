import { ServiceError } from "./errors.ts";
import type { ServiceModel, ShapeDef } from "./model.ts";

const regexCache = new Map<string, RegExp>();
const regexFor = (p: string): RegExp => {
  let r = regexCache.get(p);
  if (!r) {
    r = new RegExp(`^(?:${p})$`, "u");
    regexCache.set(p, r);
  }
  return r;
};

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
const typeName = (v: unknown) => (v === null ? "null" : Array.isArray(v) ? "array" : typeof v);

/**
 * Checks a request against the generated model and throws Cognito's
 * validation errors:
 * `InvalidParameterException: 1 validation error detected: Value 'x' at 'userPoolId' failed to satisfy constraint: Member must satisfy regular expression pattern: …`
 * A value of the wrong JSON type is a `SerializationException`, as the AWS front end answers it.
 */
export function validateInput(model: ServiceModel, shapeName: string, input: unknown): void {
  const problems: string[] = [];
  walk(model, shapeName, input, "", problems, false);
  if (problems.length > 0) {
    const n = problems.length;
    throw new ServiceError(
      "InvalidParameterException",
      `${n} validation error${n > 1 ? "s" : ""} detected: ${problems.join("; ")}`,
    );
  }
}

function walk(
  model: ServiceModel,
  shapeName: string,
  v: unknown,
  path: string,
  out: string[],
  sensitive: boolean,
): void {
  const s: ShapeDef | undefined = model.shapes[shapeName];
  if (!s || v === undefined || v === null) return;
  const hidden = sensitive || s.sensitive === true;
  const shown = (x: unknown) => (hidden ? "Value" : `Value '${String(x)}'`);
  const fail = (x: unknown, c: string) =>
    out.push(`${shown(x)} at '${path}' failed to satisfy constraint: ${c}`);
  const wrongType = (expected: string) =>
    new ServiceError(
      "SerializationException",
      `Unexpected ${typeName(v)} value for '${path || shapeName}', expected ${expected}.`,
    );
  switch (s.type) {
    case "structure": {
      if (typeof v !== "object" || Array.isArray(v)) throw wrongType("an object");
      const obj = v as Record<string, unknown>;
      for (const [name, m] of Object.entries(s.members ?? {})) {
        const p = path ? `${path}.${lowerFirst(name)}` : lowerFirst(name);
        if ((obj[name] === undefined || obj[name] === null) && s.required?.includes(name)) {
          out.push(`Value null at '${p}' failed to satisfy constraint: Member must not be null`);
          continue;
        }
        walk(model, m.shape, obj[name], p, out, hidden);
      }
      return;
    }
    case "list": {
      if (!Array.isArray(v)) throw wrongType("a list");
      checkLength(s, v.length, v, fail);
      for (const [i, item] of v.entries())
        walk(model, s.member!, item, `${path}.${i + 1}.member`, out, hidden);
      return;
    }
    case "map": {
      if (typeof v !== "object" || Array.isArray(v)) throw wrongType("a map");
      const entries = Object.entries(v as Record<string, unknown>);
      checkLength(s, entries.length, v, fail);
      for (const [k, val] of entries) {
        walk(model, s.key!, k, `${path}.${k}.key`, out, hidden);
        walk(model, s.value!, val, `${path}.${k}.value`, out, hidden);
      }
      return;
    }
    case "string": {
      if (typeof v !== "string") throw wrongType("a string");
      checkLength(s, [...v].length, v, fail);
      if (s.enum && !s.enum.includes(v))
        fail(v, `Member must satisfy enum value set: [${s.enum.join(", ")}]`);
      else if (s.pattern && v.length > 0 && !regexFor(s.pattern).test(v))
        fail(v, `Member must satisfy regular expression pattern: ${s.pattern}`);
      return;
    }
    case "integer":
    case "long": {
      if (typeof v !== "number" || !Number.isFinite(v)) throw wrongType("a number");
      if (s.min !== undefined && v < s.min)
        fail(v, `Member must have value greater than or equal to ${s.min}`);
      if (s.max !== undefined && v > s.max) fail(v, `Member must have value less than or equal to ${s.max}`);
      return;
    }
    case "boolean":
      if (typeof v !== "boolean") throw wrongType("a boolean");
      return;
    case "timestamp":
      if (typeof v !== "number" && typeof v !== "string") throw wrongType("a timestamp");
      return;
    case "blob":
      if (typeof v !== "string") throw wrongType("a base64 string");
      return;
    default:
      return;
  }
}

function checkLength(s: ShapeDef, len: number, v: unknown, fail: (v: unknown, c: string) => void) {
  if (s.min !== undefined && len < s.min)
    fail(v, `Member must have length greater than or equal to ${s.min}`);
  if (s.max !== undefined && len > s.max) fail(v, `Member must have length less than or equal to ${s.max}`);
}
