// Headless Chromium for the hosted-page tests (Debian's chromium through playwright-core).
import { existsSync, mkdirSync } from "node:fs";
import { type Browser, chromium } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";
/** Screenshots for review land here (gitignored). */
export const ARTIFACTS = "test-artifacts";

/** Outside CI a machine without Chromium skips browser tests; in CI (.ci/run installs it) they must run. */
export const chromiumSkip: string | false =
  !existsSync(CHROMIUM) && process.env.CI !== "true"
    ? "Chromium is not installed at /usr/bin/chromium"
    : false;

/** Launches Chromium headless with the project's flags, and makes the screenshot folder. */
export function launchChromium(): Promise<Browser> {
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--no-first-run",
    ],
  });
}
