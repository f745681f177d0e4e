(function () {
  'use strict';
  // Every value from the report reaches the page through textContent or a property, never through innerHTML, so no
  // text from scanned code is ever parsed as markup.
  var data = JSON.parse(document.getElementById('exportlint-data').textContent);
  var findings = data.findings;
  var entries = data.entries;
  var projectNames = data.projects;
  var PAGE = 200;
  var rank = { error: 3, warning: 2, info: 1, none: 0 };
  var state = { key: null, dir: 1, limit: PAGE };
  var body = document.getElementById('findings-body');
  var count = document.getElementById('findings-count');
  var more = document.getElementById('findings-more');
  var all = document.getElementById('findings-all');
  var filters = {
    severity: document.getElementById('filter-severity'),
    category: document.getElementById('filter-category'),
    project: document.getElementById('filter-project'),
    confidence: document.getElementById('filter-confidence'),
    status: document.getElementById('filter-status'),
    baseline: document.getElementById('filter-baseline'),
    text: document.getElementById('filter-text')
  };

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  function add(parent, child) { parent.appendChild(child); return child; }
  function sub(parent, label, value, mono) {
    if (value === undefined || value === null || value === '') { return null; }
    var d = add(parent, el('div', 'sub'));
    if (label) { add(d, el('b', null, label + ' ')); }
    add(d, el('span', mono ? 'mono' : null, value));
    return d;
  }
  function projectOf(f) { return f.proj === undefined ? ':none' : f.proj; }
  function haystack(f) {
    if (f.hay === undefined) {
      var p = f.pkg ? [f.pkg.id, f.pkg.v, (f.pkg.path || []).join(' '), f.pkg.file || ''].join(' ') : '';
      if (f.prov) { p += ' ' + [f.prov.asm, f.prov.pkg || '', (f.prov.path || []).join(' ')].join(' '); }
      f.hay = [f.id, f.entry, f.list, f.cat, f.msg, f.file, f.sym || '', f.text || '', f.snip || '', f.cls || '', f.cit || '', p,
        f.sup ? (f.sup.kind + ' ' + (f.sup.just || '')) : ''].join('\n').toLowerCase();
    }
    return f.hay;
  }
  function matches(f, text) {
    if (filters.severity.value && f.sev !== filters.severity.value) { return false; }
    if (filters.category.value && f.cat !== filters.category.value) { return false; }
    if (filters.project.value && projectOf(f) !== filters.project.value) { return false; }
    if (filters.confidence.value && f.conf !== filters.confidence.value) { return false; }
    if (filters.status.value === 'active' && f.sup) { return false; }
    if (filters.status.value === 'suppressed' && !f.sup) { return false; }
    if (filters.baseline && filters.baseline.value && f.base !== filters.baseline.value) { return false; }
    return !text || haystack(f).indexOf(text) >= 0;
  }
  function cmp(a, b) { return a < b ? -1 : a > b ? 1 : 0; }
  var keys = {
    severity: function (a, b) { return cmp(rank[b.sev] || 0, rank[a.sev] || 0); },
    finding: function (a, b) { return cmp(a.entry, b.entry) || cmp(a.id, b.id); },
    location: function (a, b) { return cmp(a.file, b.file) || cmp(a.line, b.line) || cmp(a.col, b.col); },
    category: function (a, b) { return cmp(a.cat, b.cat) || cmp(a.conf, b.conf); },
    citation: function (a, b) { return cmp(a.cls || '~', b.cls || '~') || cmp(a.st || '~', b.st || '~'); },
    suppression: function (a, b) { return cmp(a.sup ? a.sup.kind : '~', b.sup ? b.sup.kind : '~'); },
    baseline: function (a, b) { return cmp(a.base || '~', b.base || '~'); }
  };
  function dependencyPath(parent, path) {
    if (!path || !path.length) { return; }
    var d = add(parent, el('div', 'sub'));
    add(d, el('b', null, 'Dependency path'));
    var ol = add(d, el('ol', 'dep'));
    for (var i = 0; i < path.length; i++) { add(ol, el('li', null, path[i])); }
  }
  function badge(cls, text) { return el('span', 'badge ' + cls, text); }

  function row(f) {
    var tr = el('tr', f.sup ? 'suppressed-row' : null);
    tr.setAttribute('data-index', String(f.n));
    var sev = add(tr, el('td'));
    add(sev, badge('sev-' + f.sev, f.sev));
    if (f.lvl) { sub(sev, null, 'counts as ' + f.lvl); }

    var what = add(tr, el('td'));
    add(what, el('div', 'msg', f.msg));
    var ids = add(what, el('div', 'sub'));
    add(ids, el('span', 'mono', f.entry + ' \u00b7 ' + f.id + (f.list ? ' \u00b7 ' + f.list : '')));
    if (f.gen) { add(ids, document.createTextNode(' ')); add(ids, badge('neutral', 'generated code')); }
    if (f.snip) { add(what, el('pre', 'snippet', f.snip)); }
    sub(what, 'Symbol', f.sym, true);
    sub(what, 'Text', f.text, true);
    if (f.pkg) {
      sub(what, 'Package', f.pkg.id + ' ' + f.pkg.v + (f.pkg.direct ? ' (direct)' : ' (transitive)'), true);
      dependencyPath(what, f.pkg.path);
      sub(what, 'In package', f.pkg.file, true);
    }
    if (f.prov) {
      sub(what, 'Provided by', f.prov.pkg ? f.prov.pkg + (f.prov.v ? ' ' + f.prov.v : '') + ' (assembly ' + f.prov.asm + ')' : 'assembly ' + f.prov.asm, true);
      dependencyPath(what, f.prov.path);
    }
    if (f.model) {
      var m = f.model.kind + (f.model.params !== undefined ? ', ' + f.model.params.toLocaleString('en-US') + ' parameters' : '') +
        (f.model.tensors !== undefined ? ', ' + f.model.tensors.toLocaleString('en-US') + ' tensors' : '');
      sub(what, 'Model file', m);
      sub(what, 'sha256', f.model.sha, true);
    }
    sub(what, 'Not ruled out', f.nro);

    var loc = add(tr, el('td'));
    add(loc, el('div', 'path', f.file + (f.line > 0 ? ':' + f.line + ':' + f.col : '')));
    sub(loc, 'Project', f.proj === undefined ? '(outside every project)' : (Object.prototype.hasOwnProperty.call(projectNames, f.proj) ? projectNames[f.proj] : f.proj));

    var cat = add(tr, el('td'));
    add(cat, el('div', null, f.cat));
    add(add(cat, el('div', 'sub')), badge('conf-' + f.conf, f.conf + ' confidence'));

    var cite = add(tr, el('td'));
    var entry = f.e >= 0 ? entries[f.e] : null;
    if (f.cit || f.cls) { add(cite, el('div', 'msg', f.cit || f.cls)); }
    var status = f.st || (entry ? entry.status : null);
    if (status) {
      var s = add(cite, el('div', 'sub'));
      add(s, badge('st-' + status, status));
      var date = entry ? entry.statusDate : null;
      if (date) { add(s, document.createTextNode(' since ' + date)); }
      if (entry && entry.effective) { add(s, document.createTextNode(' \u00b7 effective ' + entry.effective)); }
    }
    if (entry && entry.reg) { sub(cite, null, entry.reg + (entry.sec ? ' \u00a7 ' + entry.sec : '')); }
    if (!f.cls && !f.cit && !status) { add(cite, el('span', 'empty', 'no citation')); }

    var sup = add(tr, el('td'));
    if (f.sup) {
      add(sup, badge(f.sup.expired ? 'expired' : 'neutral', f.sup.kind + (f.sup.expired ? ' (expired)' : '')));
      sub(sup, null, f.sup.just);
      if (f.sup.until) { sub(sup, 'until', f.sup.until); }
    } else {
      add(sup, el('span', 'empty', 'none'));
    }
    if (data.baseline) {
      var b = add(tr, el('td'));
      if (f.base) { add(b, badge('base-' + f.base, f.base)); }
    }
    return tr;
  }

  function render() {
    var text = filters.text.value.trim().toLowerCase();
    var shown = [];
    for (var i = 0; i < findings.length; i++) {
      if (matches(findings[i], text)) { shown.push(findings[i]); }
    }
    if (state.key) {
      var key = keys[state.key];
      var dir = state.dir;
      shown.sort(function (a, b) { return dir * key(a, b) || a.n - b.n; });
    }
    var limit = Math.min(shown.length, state.limit);
    var fragment = document.createDocumentFragment();
    for (var j = 0; j < limit; j++) { fragment.appendChild(row(shown[j])); }
    body.textContent = '';
    body.appendChild(fragment);
    count.textContent = shown.length === findings.length
      ? 'Showing ' + limit + ' of ' + findings.length + ' findings'
      : 'Showing ' + limit + ' of ' + shown.length + ' matching findings (' + findings.length + ' in all)';
    count.setAttribute('data-matching', String(shown.length));
    more.hidden = all.hidden = limit >= shown.length;
  }

  for (var n = 0; n < findings.length; n++) { findings[n].n = n; }
  Object.keys(filters).forEach(function (name) {
    var control = filters[name];
    if (control) { control.addEventListener(name === 'text' ? 'input' : 'change', function () { state.limit = PAGE; render(); }); }
  });
  document.getElementById('filter-reset').addEventListener('click', function () {
    Object.keys(filters).forEach(function (name) { if (filters[name]) { filters[name].value = ''; } });
    state.limit = PAGE; render();
  });
  more.addEventListener('click', function () { state.limit += PAGE; render(); });
  all.addEventListener('click', function () { state.limit = Infinity; render(); });
  var headers = document.querySelectorAll('#findings-table th[data-sort]');
  Array.prototype.forEach.call(headers, function (th) {
    th.querySelector('button').addEventListener('click', function () {
      var key = th.getAttribute('data-sort');
      state.dir = state.key === key ? -state.dir : 1;
      state.key = key;
      Array.prototype.forEach.call(headers, function (h) { h.removeAttribute('aria-sort'); });
      th.setAttribute('aria-sort', state.dir > 0 ? 'ascending' : 'descending');
      render();
    });
  });
  // A printout holds every finding the filters let through, not one page of them.
  // beforeprint is what a person's Print fires; the print media query also changes when a tool renders the page for
  // print (headless Chromium's PDF, emulated print media).
  var before = PAGE;
  var printing = false;
  function print(on) {
    if (on === printing) { return; }
    printing = on;
    if (on) { before = state.limit; state.limit = Infinity; } else { state.limit = before; }
    render();
  }
  window.addEventListener('beforeprint', function () { print(true); });
  window.addEventListener('afterprint', function () { print(false); });
  var media = window.matchMedia ? window.matchMedia('print') : null;
  if (media && media.addEventListener) { media.addEventListener('change', function (e) { print(e.matches); }); }
  document.documentElement.setAttribute('data-ready', 'true');
  render();
})();
