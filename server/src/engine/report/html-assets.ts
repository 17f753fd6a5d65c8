/**
 * The HTML report's stylesheet and script, inlined under the page's CSP nonce. Colours come
 * from VS Code's theme variables when the page runs in a webview, with light/dark fallbacks for
 * a browser. The script only filters what the server already rendered (no data is rebuilt from
 * strings, so nothing from the workspace is ever parsed as HTML) and, in a webview, posts
 * "open" and "export" messages to the extension.
 */

export const REPORT_CSS = `
:root { color-scheme: light dark;
  --fb-bg: #ffffff; --fb-fg: #1f2328; --fb-muted: #59636e; --fb-border: #d1d9e0; --fb-panel: #f6f8fa; --fb-link: #0969da;
  --fb-error: #cf222e; --fb-warning: #9a6700; --fb-info: #0969da; --fb-hint: #59636e; --fb-ok: #1a7f37; }
@media (prefers-color-scheme: dark) { :root {
  --fb-bg: #0d1117; --fb-fg: #e6edf3; --fb-muted: #9198a1; --fb-border: #3d444d; --fb-panel: #151b23; --fb-link: #4493f8;
  --fb-error: #f85149; --fb-warning: #d29922; --fb-info: #4493f8; --fb-hint: #9198a1; --fb-ok: #3fb950; } }
body { margin: 0; padding: 16px 24px 48px; font-family: var(--vscode-font-family, system-ui, -apple-system, "Segoe UI", sans-serif);
  font-size: var(--vscode-font-size, 14px); color: var(--vscode-foreground, var(--fb-fg)); background: var(--vscode-editor-background, var(--fb-bg)); }
h1 { font-size: 1.5em; margin: 0 0 4px; } h2 { font-size: 1.2em; margin: 28px 0 8px; } h3 { font-size: 1.05em; margin: 18px 0 6px; }
.muted { color: var(--vscode-descriptionForeground, var(--fb-muted)); }
a { color: var(--vscode-textLink-foreground, var(--fb-link)); }
code, .mono { font-family: var(--vscode-editor-font-family, ui-monospace, SFMono-Regular, Menlo, Consolas, monospace); font-size: 0.92em; }
.cards { display: flex; flex-wrap: wrap; gap: 12px; margin-top: 16px; }
.card { border: 1px solid var(--vscode-panel-border, var(--fb-border)); background: var(--vscode-sideBar-background, var(--fb-panel)); border-radius: 6px; padding: 12px 16px; min-width: 120px; }
.card .value { font-size: 1.8em; font-weight: 600; }
.score .value { font-size: 2.6em; }
.grade-A, .grade-B { color: var(--vscode-testing-iconPassed, var(--fb-ok)); } .grade-C { color: var(--vscode-editorWarning-foreground, var(--fb-warning)); }
.grade-D, .grade-F { color: var(--vscode-editorError-foreground, var(--fb-error)); }
table { border-collapse: collapse; width: 100%; margin-top: 6px; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--vscode-panel-border, var(--fb-border)); vertical-align: top; }
th { font-weight: 600; } td.num, th.num { text-align: right; }
.sev { font-weight: 600; text-transform: capitalize; white-space: nowrap; }
.sev-error { color: var(--vscode-editorError-foreground, var(--fb-error)); } .sev-warning { color: var(--vscode-editorWarning-foreground, var(--fb-warning)); }
.sev-info { color: var(--vscode-editorInfo-foreground, var(--fb-info)); } .sev-hint { color: var(--vscode-descriptionForeground, var(--fb-hint)); }
.auth-missing { color: var(--vscode-editorError-foreground, var(--fb-error)); font-weight: 600; } .auth-required { color: var(--vscode-testing-iconPassed, var(--fb-ok)); }
.auth-public, .auth-unknown { color: var(--vscode-descriptionForeground, var(--fb-muted)); }
.bar { display: inline-block; height: 8px; background: var(--vscode-editorError-foreground, var(--fb-error)); border-radius: 4px; vertical-align: middle; margin-left: 8px; }
.filters { display: flex; flex-wrap: wrap; gap: 12px; align-items: center; margin: 8px 0; }
input[type=search], select { font: inherit; color: inherit; background: var(--vscode-input-background, var(--fb-bg)); border: 1px solid var(--vscode-input-border, var(--fb-border)); padding: 3px 6px; border-radius: 3px; }
button { font: inherit; color: var(--vscode-button-foreground, #fff); background: var(--vscode-button-background, var(--fb-link)); border: 0; padding: 4px 10px; border-radius: 3px; cursor: pointer; }
button.link { background: none; color: var(--vscode-textLink-foreground, var(--fb-link)); padding: 0; text-align: left; }
.loc { white-space: nowrap; }
.hidden { display: none; }
.exports { margin-top: 12px; display: flex; gap: 8px; }
details summary { cursor: pointer; }
summary.h2 { font-size: 1.2em; font-weight: 600; margin: 28px 0 8px; }
`;

/** Runs in the browser/webview. Plain ES2017, no dependencies. */
export const REPORT_JS = `
(function () {
  var vscode = typeof acquireVsCodeApi === 'function' ? acquireVsCodeApi() : undefined;
  var search = document.getElementById('aw-search');
  var category = document.getElementById('aw-category');
  var boxes = Array.prototype.slice.call(document.querySelectorAll('input[data-severity]'));
  var rows = Array.prototype.slice.call(document.querySelectorAll('tr.finding'));
  var groups = Array.prototype.slice.call(document.querySelectorAll('section.group'));
  var counter = document.getElementById('aw-shown');
  function apply() {
    var q = (search && search.value || '').toLowerCase();
    var cat = category ? category.value : '';
    var sev = {};
    boxes.forEach(function (b) { sev[b.getAttribute('data-severity')] = b.checked; });
    var shown = 0;
    rows.forEach(function (r) {
      var ok = sev[r.getAttribute('data-severity')] !== false
        && (!cat || (' ' + r.getAttribute('data-owasp') + ' ').indexOf(' ' + cat + ' ') >= 0)
        && (!q || r.textContent.toLowerCase().indexOf(q) >= 0);
      r.classList.toggle('hidden', !ok);
      if (ok) shown++;
    });
    groups.forEach(function (g) { g.classList.toggle('hidden', !g.querySelector('tr.finding:not(.hidden)')); });
    if (counter) counter.textContent = String(shown);
  }
  if (search) search.addEventListener('input', apply);
  if (category) category.addEventListener('change', apply);
  boxes.forEach(function (b) { b.addEventListener('change', apply); });
  document.addEventListener('click', function (e) {
    var t = e.target;
    while (t && t !== document && !(t.getAttribute && (t.getAttribute('data-open') || t.getAttribute('data-export')))) t = t.parentNode;
    if (!t || t === document || !vscode) return;
    var exp = t.getAttribute('data-export');
    if (exp) { vscode.postMessage({ type: 'export', format: exp }); return; }
    vscode.postMessage({ type: 'open', file: t.getAttribute('data-open'),
      range: { start: { line: Number(t.getAttribute('data-line')), column: Number(t.getAttribute('data-column')) },
               end: { line: Number(t.getAttribute('data-end-line')), column: Number(t.getAttribute('data-end-column')) } } });
  });
  // Bar widths are set through the CSSOM: inline style attributes are blocked by the CSP.
  Array.prototype.forEach.call(document.querySelectorAll('[data-width]'), function (el) {
    el.style.width = Math.max(2, Number(el.getAttribute('data-width')) || 0) + 'px';
  });
  apply();
})();
`;
