const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/**
 * Cognito's SRP TIMESTAMP, Java's "EEE MMM d HH:mm:ss z yyyy" in UTC with the day not
 * zero-padded, as amazon-cognito-identity-js's DateHelper.getNowString writes it.
 *
 * @example formatTimestamp(Date.UTC(2023, 8, 5, 12, 34, 56)) === "Tue Sep 5 12:34:56 UTC 2023"
 */
export function formatTimestamp(ms: number): string {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, "0");
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
}

const PATTERN =
  /^(Sun|Mon|Tue|Wed|Thu|Fri|Sat) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{1,2}) (\d{1,2}):(\d{2}):(\d{2}) (UTC|GMT) (\d{4})$/;

/**
 * Parses a TIMESTAMP leniently, as Cognito's date parser does: a zero-padded day or a wrong
 * weekday still parse (and then fail the signature, which Cognito computes over the canonical
 * form). Returns epoch ms, or undefined when the text is not in the format at all.
 */
export function parseTimestamp(text: string): number | undefined {
  const m = PATTERN.exec(text);
  if (!m) return undefined;
  const [, , mon, day, h, min, s, , year] = m;
  const month = MONTHS.indexOf(mon!);
  const ms = Date.UTC(Number(year), month, Number(day), Number(h), Number(min), Number(s));
  const d = new Date(ms);
  if (
    d.getUTCMonth() !== month ||
    d.getUTCDate() !== Number(day) ||
    Number(h) > 23 ||
    Number(min) > 59 ||
    Number(s) > 59
  )
    return undefined;
  return ms;
}
