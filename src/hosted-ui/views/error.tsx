import { messages } from "../messages.ts";
import { Layout } from "./layout.tsx";

/** A request the hosted pages cannot send back to the application (unknown client, unregistered redirect). */
export function ErrorView(p: { error: string; explanation: string }) {
  const m = messages.errorPage;
  return (
    <Layout title={m.title}>
      <h1>{m.heading}</h1>
      <p class="alert" role="alert">
        {p.explanation}
      </p>
      <p class="muted">{m.back}</p>
      <p class="muted">
        <code>{m.code(p.error)}</code>
      </p>
    </Layout>
  );
}
