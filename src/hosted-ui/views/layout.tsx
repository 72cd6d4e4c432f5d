import { raw } from "hono/html";
import type { Child } from "hono/jsx";
import { messages } from "../messages.ts";
import { STYLES } from "./styles.ts";

/** SetUICustomization's CSS (checked: customizable classes only, no markup) and logo for the page. */
export interface Branding {
  css?: string;
  logoUrl?: string;
}

/** The logo centred above the form (as Cognito places it); the pool's CSS comes after and may change it. */
const LOGO_DEFAULT = ".logo-customizable{display:block;margin:0 auto 16px;max-width:100%;max-height:178px}";

/** The page frame every hosted page shares: one heading level, a landmark, the stylesheet, no scripts. */
export function Layout(props: { title: string; children: Child; branding?: Branding }) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{`${props.title} · ${messages.productName}`}</title>
        <style>{raw(STYLES)}</style>
        {props.branding?.css || props.branding?.logoUrl ? (
          <style>{raw(`${LOGO_DEFAULT}${props.branding.css ?? ""}`)}</style>
        ) : null}
      </head>
      <body>
        <main class="background-customizable">
          {props.branding?.logoUrl ? (
            <img class="logo-customizable" src={props.branding.logoUrl} alt="" />
          ) : null}
          <div class="brand banner-customizable" aria-hidden="true">
            <span class="brand-mark">c</span>
            <span>{messages.productName}</span>
          </div>
          <div class="card">{props.children}</div>
        </main>
      </body>
    </html>
  );
}
