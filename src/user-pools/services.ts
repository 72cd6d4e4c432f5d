import type { Delivery } from "../delivery/delivery.ts";
import type { ChallengeSessions } from "./auth/challenge-session.ts";
import type { PasswordHasher } from "./domain/passwords.ts";
import type { KeyRing } from "./tokens/keys.ts";
import type { TokenService } from "./tokens/tokens.ts";

/** Long-lived collaborators the handlers reach through `ctx.services`. */
export interface Services {
  readonly passwords: PasswordHasher;
  readonly keys: KeyRing;
  readonly tokens: TokenService;
  readonly sessions: ChallengeSessions;
  readonly delivery: Delivery;
}
