/** The hosted pages' only stylesheet, inlined (no external assets, no scripts). */
export const STYLES = `
:root{--bg:#f4f6fb;--card:#fff;--text:#1b2330;--muted:#5b6678;--line:#d5dbe6;--accent:#2f5bea;--accent-dark:#2247c2;--error-bg:#fdecec;--error:#a4161a;--radius:12px;
font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--text);background:var(--bg)}
@media (prefers-color-scheme:dark){:root{--bg:#0f141c;--card:#171e29;--text:#e7ecf3;--muted:#9aa6b8;--line:#2c3746;--accent:#6f8ff7;--accent-dark:#8aa5ff;--error-bg:#3a1719;--error:#ffb3b5}}
*{box-sizing:border-box}
body{margin:0;min-height:100vh;display:flex;flex-direction:column;align-items:center;justify-content:center;padding:24px 16px;line-height:1.5}
main{width:100%;max-width:400px}
.brand{display:flex;align-items:center;gap:10px;justify-content:center;margin-bottom:20px;font-weight:650;font-size:1.05rem;letter-spacing:.01em}
.brand-mark{width:32px;height:32px;border-radius:9px;background:linear-gradient(135deg,var(--accent),#7b4de8);display:grid;place-items:center;color:#fff;font-size:1rem;font-weight:700}
.card{background:var(--card);border:1px solid var(--line);border-radius:var(--radius);padding:32px 28px;box-shadow:0 1px 2px rgba(16,24,40,.04),0 8px 24px rgba(16,24,40,.06)}
h1{font-size:1.4rem;line-height:1.25;margin:0 0 4px}
.sub{color:var(--muted);margin:0 0 24px;font-size:.95rem}
label{display:block;font-weight:560;font-size:.92rem;margin:0 0 6px}
.hint{display:block;color:var(--muted);font-size:.82rem;margin:-2px 0 6px;font-weight:400}
input[type=text],input[type=password],input[type=email],input[type=tel]{width:100%;padding:11px 12px;font:inherit;color:var(--text);background:var(--card);border:1px solid var(--line);border-radius:8px;margin:0 0 18px}
input:focus-visible{outline:3px solid color-mix(in srgb,var(--accent) 35%,transparent);border-color:var(--accent)}
button{width:100%;padding:12px 16px;font:inherit;font-weight:600;color:#fff;background:var(--accent);border:0;border-radius:8px;cursor:pointer;margin-top:4px}
button:hover{background:var(--accent-dark)}
button:focus-visible{outline:3px solid color-mix(in srgb,var(--accent) 45%,transparent);outline-offset:2px}
button.secondary{background:transparent;color:var(--text);border:1px solid var(--line);margin-top:8px}
button.secondary:hover{border-color:var(--accent);background:transparent}
.divider{text-align:center;color:var(--muted);font-size:.85rem;margin:18px 0 10px}
.idp{display:block;text-align:center;padding:11px 16px;margin-top:8px;border:1px solid var(--line);border-radius:8px;color:var(--text);font-weight:600;text-decoration:none}
.idp:hover{border-color:var(--accent)}
.notice{background:color-mix(in srgb,#1f9d55 12%,var(--card));color:var(--text);border-left:4px solid #1f9d55;border-radius:8px;padding:10px 12px;margin:16px 0 18px;font-size:.92rem}
.alert{background:var(--error-bg);color:var(--error);border-radius:8px;padding:10px 12px;margin:0 0 18px;font-size:.92rem}
h1+.notice{background:color-mix(in srgb,#1f9d55 12%,var(--card));color:var(--text);border-left:4px solid #1f9d55;border-radius:8px;padding:10px 12px;margin:16px 0 18px;font-size:.92rem}
.alert{margin-top:16px}
.card>:last-child{margin-bottom:0}
.muted{margin:0 0 12px}
.muted{color:var(--muted);font-size:.9rem}
footer{margin-top:20px;color:var(--muted);font-size:.8rem;text-align:center}
.code{font-size:1.35rem;letter-spacing:.3em;text-align:center;font-variant-numeric:tabular-nums}
.choices button{margin-top:10px}
.choices button:first-of-type{margin-top:0}
.steps{margin:0 0 20px;padding-left:1.2em;font-size:.95rem}
.steps li{margin-bottom:12px}
.qr{display:block;margin:12px auto 4px;width:184px;height:184px;border-radius:8px;background:#fff}
.app-link{display:block;text-align:center;font-size:.85rem;margin-top:4px}
.secret{display:block;margin-top:6px;padding:10px 12px;border:1px dashed var(--line);border-radius:8px;font-size:1rem;letter-spacing:.06em;word-spacing:.2em;text-align:center;user-select:all}
.links{margin:18px 0 0;text-align:center;font-size:.9rem;display:flex;flex-direction:column;gap:6px}
a{color:var(--accent)}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.85em}
@media (max-width:480px){.card{padding:24px 18px;border-radius:10px}body{justify-content:flex-start;padding-top:40px}}
`;
