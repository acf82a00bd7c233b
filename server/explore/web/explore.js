// The newsgraph explorer. Everything it shows comes from the public GraphQL
// API at data-endpoint; the node colours are the exports' Cytoscape.js
// stylesheet (data-graph-style). The view (center, expanded nodes, filters,
// selection) lives in the URL's fragment, so a link reopens it.
(function () {
  'use strict';

  var body = document.body;
  var endpoint = body.dataset.endpoint;
  var stylesheet = JSON.parse(body.dataset.graphStyle);
  var $ = function (id) { return document.getElementById(id); };
  var statusEl = $('status');

  // ---- GraphQL ----------------------------------------------------------

  function gql(query, variables) {
    return fetch(endpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Accept': 'application/json' },
      body: JSON.stringify({ query: query, variables: variables || {} })
    }).then(function (res) {
      return res.json().then(function (b) {
        if (b.errors && b.errors.length) {
          throw new Error(b.errors.map(function (e) { return e.message; }).join('; '));
        }
        if (!res.ok) { throw new Error('HTTP ' + res.status); }
        return b.data;
      });
    });
  }

  function status(msg, isError) {
    statusEl.textContent = msg;
    statusEl.classList.toggle('error', !!isError);
  }

  function fail(err) { status(String(err.message || err), true); }

  var SOURCE_FIELDS = 'id key title url publisher published';
  var EVIDENCE_FIELDS = 'sentence start(unit: UTF16) end(unit: UTF16) source { id key title publisher }';
  var GRAPH_Q = 'query($center: String, $depth: Int, $types: [NodeType!], $edgeTypes: [RelationType!], $from: Date, $to: Date) {' +
    ' graph(center: $center, depth: $depth, limit: 300, types: $types, edgeTypes: $edgeTypes, from: $from, to: $to) {' +
    ' truncated nodes { data { id label kind type group date } } edges { data { id source target type label meeting } } } }';
  var NODE_Q = 'query($id: ID!) { node(id: $id) { id __typename' +
    ' ... on Entity { name type aliases titles sources { ' + SOURCE_FIELDS + ' } evidence { ' + EVIDENCE_FIELDS + ' } }' +
    ' ... on Meeting { date endDate dateText status durationMinutes participants { id name aliases } place { id name } city { id name }' +
    '   event { id name } conflicts { field values { value sources { ' + SOURCE_FIELDS + ' } } }' +
    '   sources { ' + SOURCE_FIELDS + ' } evidence { ' + EVIDENCE_FIELDS + ' } }' +
    ' ... on Statement { text direct date speaker { id name aliases } sources { ' + SOURCE_FIELDS + ' } evidence { ' + EVIDENCE_FIELDS + ' } }' +
    ' ... on Event { name kind date place { id name } participants { id name aliases } disruptedBy { id name } disrupted { id name }' +
    '   sources { ' + SOURCE_FIELDS + ' } evidence { ' + EVIDENCE_FIELDS + ' } }' +
    ' ... on Source { title url publisher published key } } }';
  var TEXT_Q = 'query($id: ID!) { node(id: $id) { ... on Source { text } } }';
  var MEETINGS_Q = 'query($id: ID!, $from: Date, $to: Date) { node(id: $id) { ... on Entity { name meetings(first: 100, from: $from, to: $to) { edges { node {' +
    ' id date dateText status participants { id name } place { name } city { name } conflicts { field values { value } } } } } } } }';
  var SEARCH_Q = 'query($q: String!) { entities(search: $q, first: 8) { edges { node { id name type } } } }';
  var ENUMS_Q = '{ nodeTypes: __type(name: "NodeType") { enumValues { name } } edgeTypes: __type(name: "RelationType") { enumValues { name } } }';

  // ---- state and the URL ------------------------------------------------

  var state = { center: '', expanded: [], types: null, edgeTypes: null, from: '', to: '', depth: 2, sel: '' };
  var allNodeTypes = [], allEdgeTypes = [];

  function readHash() {
    var p = new URLSearchParams(location.hash.slice(1));
    state.center = p.get('center') || '';
    state.expanded = (p.get('expand') || '').split(',').filter(Boolean);
    state.types = p.has('types') ? p.get('types').split(',').filter(Boolean) : null;
    state.edgeTypes = p.has('edges') ? p.get('edges').split(',').filter(Boolean) : null;
    state.from = p.get('from') || '';
    state.to = p.get('to') || '';
    state.depth = parseInt(p.get('depth') || '2', 10) || 2;
    state.sel = p.get('sel') || '';
  }

  function writeHash() {
    var p = new URLSearchParams();
    if (state.center) { p.set('center', state.center); }
    if (state.expanded.length) { p.set('expand', state.expanded.join(',')); }
    if (state.types) { p.set('types', state.types.join(',')); }
    if (state.edgeTypes) { p.set('edges', state.edgeTypes.join(',')); }
    if (state.from) { p.set('from', state.from); }
    if (state.to) { p.set('to', state.to); }
    if (state.depth !== 2) { p.set('depth', String(state.depth)); }
    if (state.sel) { p.set('sel', state.sel); }
    var h = p.toString();
    history.replaceState(null, '', h ? '#' + h : location.pathname);
    $('share').href = location.href;
  }

  // ---- the graph ----------------------------------------------------------

  var cy = cytoscape({
    container: $('cy'),
    style: stylesheet.concat([
      { selector: 'node:selected', style: { 'border-width': 4, 'border-color': '#0b57d0' } },
      { selector: 'edge:selected', style: { 'line-color': '#0b57d0', 'target-arrow-color': '#0b57d0', 'width': 4 } },
      { selector: 'node.center', style: { 'width': 34, 'height': 34, 'font-weight': 'bold' } }
    ]),
    wheelSensitivity: 0.3,
    minZoom: 0.2,
    maxZoom: 3
  });
  // For the browser console, and for the browser test to find where a node is drawn.
  window.newsgraphExplorer = { cy: cy };

  function colourOf(group) {
    var n = cy.nodes().filter(function (x) { return x.data('group') === group; });
    return n.length ? n[0].style('background-color') : '#fff';
  }

  // The page starts without sources and statements, which crowd the
  // picture; the filters bring them back.
  function defaultNodeTypes() {
    return allNodeTypes.filter(function (t) { return t !== 'SOURCE' && t !== 'STATEMENT'; });
  }
  function defaultEdgeTypes() {
    return allEdgeTypes.filter(function (t) { return t !== 'MENTIONED_IN'; });
  }

  function variables(center, depth) {
    return {
      center: center || null, depth: depth,
      types: state.types || defaultNodeTypes(), edgeTypes: state.edgeTypes || defaultEdgeTypes(),
      from: state.from || null, to: state.to || null
    };
  }

  // load draws the view of state: the center's neighbourhood and every
  // expanded node's, merged; without a center, the best-connected nodes.
  function load() {
    var calls = [gql(GRAPH_Q, variables(state.center, state.depth))];
    state.expanded.forEach(function (id) { calls.push(gql(GRAPH_Q, variables(id, 1))); });
    status('Loading…');
    return Promise.all(calls).then(function (results) {
      var nodes = {}, edges = {}, truncated = false, order = [];
      results.forEach(function (r) {
        truncated = truncated || r.graph.truncated;
        r.graph.nodes.forEach(function (n) {
          if (!nodes[n.data.id]) { nodes[n.data.id] = n; order.push(n.data.id); }
        });
        r.graph.edges.forEach(function (e) { edges[e.data.id] = e; });
      });
      var els = order.map(function (id) { return { group: 'nodes', data: nodes[id].data }; });
      Object.keys(edges).sort().forEach(function (id) {
        var e = edges[id];
        if (nodes[e.data.source] && nodes[e.data.target]) { els.push({ group: 'edges', data: e.data }); }
      });
      cy.batch(function () {
        cy.elements().remove();
        cy.add(els);
      });
      var center = state.center ? cy.getElementById(state.center) : cy.collection();
      if (center.empty() && state.center) {
        // The center was given by name: it is the first node of its answer.
        center = cy.getElementById(order[0] || '');
        if (center.nonempty()) {
          if (state.sel === state.center) { state.sel = center.id(); }
          state.center = center.id();
        }
      }
      cy.nodes().removeClass('center');
      center.addClass('center');
      var layout = center.nonempty()
        ? { name: 'breadthfirst', roots: center, circle: true, spacingFactor: 1.05, animate: false, padding: 20 }
        : { name: 'concentric', concentric: function (n) { return n.degree(); }, levelWidth: function () { return 2; }, animate: false, padding: 20 };
      cy.layout(layout).run();
      // A force-directed pass from those positions spreads the labels;
      // without randomness, the same view gives the same picture.
      cy.layout({ name: 'cose', randomize: false, animate: false, nodeDimensionsIncludeLabels: true,
        idealEdgeLength: function () { return 90; }, nodeRepulsion: function () { return 900000; }, padding: 20 }).run();
      cy.resize();
      cy.fit(undefined, 20);
      renderNodeList();
      var msg = cy.nodes().length + ' nodes, ' + cy.edges().length + ' edges';
      if (truncated) { msg += ' (more left out: narrow the filters or the depth)'; }
      if (!cy.nodes().length) { msg = state.center ? 'Nothing matches.' : 'The graph is empty.'; }
      status(msg);
      writeHash();
      if (state.sel && cy.getElementById(state.sel).nonempty()) {
        select(state.sel, false);
      }
    }).catch(fail);
  }

  function renderNodeList() {
    var ul = $('node-list');
    ul.textContent = '';
    cy.nodes().forEach(function (n) {
      var li = document.createElement('li');
      var b = document.createElement('button');
      b.type = 'button';
      var sw = document.createElement('span');
      sw.className = 'swatch';
      sw.style.backgroundColor = n.style('background-color');
      b.appendChild(sw);
      b.appendChild(document.createTextNode(n.data('label')));
      b.title = n.data('group');
      b.addEventListener('click', function () { activate(n.id()); });
      li.appendChild(b);
      ul.appendChild(li);
    });
  }

  // activate is what a click on a node does: select it and show it; an
  // entity or event is also expanded.
  function activate(id) {
    var n = cy.getElementById(id);
    var kind = n.nonempty() ? n.data('kind') : '';
    if ((kind === 'Entity' || kind === 'Event') && id !== state.center && state.expanded.indexOf(id) < 0) {
      state.sel = id;
      expand(id);
      return;
    }
    select(id, true);
  }

  function expand(id) {
    if (id !== state.center && state.expanded.indexOf(id) < 0) { state.expanded.push(id); }
    state.sel = id;
    load();
  }

  function select(id, focus) {
    state.sel = id;
    cy.elements().unselect();
    var el = cy.getElementById(id);
    if (el.nonempty()) { el.select(); }
    writeHash();
    showNode(id, focus);
  }

  cy.on('tap', 'node', function (ev) { activate(ev.target.id()); });
  cy.on('tap', 'edge', function (ev) {
    var e = ev.target;
    cy.elements().unselect();
    e.select();
    if (e.data('meeting')) {
      select(e.data('meeting'), true);
      return;
    }
    // Other edges are stated by the node at their non-entity end (a
    // meeting, statement or event), or else by their source entity.
    var src = e.source(), tgt = e.target();
    var pick = tgt.data('kind') !== 'Entity' ? tgt : (src.data('kind') !== 'Entity' ? src : src);
    showEdge(e, pick.id());
  });

  // ---- details ---------------------------------------------------------------

  var texts = {};

  function sourceText(id) {
    if (!texts[id]) {
      texts[id] = gql(TEXT_Q, { id: id }).then(function (d) { return d.node.text; });
    }
    return texts[id];
  }

  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === 'text') { e.textContent = attrs[k]; } else if (k === 'onclick') { e.addEventListener('click', attrs[k]); } else { e.setAttribute(k, attrs[k]); }
    });
    (children || []).forEach(function (c) { if (c) { e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); } });
    return e;
  }

  function nodeLink(n) {
    if (!n) { return document.createTextNode('—'); }
    return el('button', { type: 'button', 'class': 'link', text: n.name, onclick: function () { goTo(n.id); } });
  }

  // goTo shows node id: in the graph if it is there, else as a new center.
  function goTo(id) {
    if (cy.getElementById(id).nonempty()) { activate(id); return; }
    state.center = id; state.expanded = []; state.sel = id;
    load();
  }

  function sourceLabel(s) {
    return (s.title || s.url || s.key || s.id) + (s.publisher ? ' — ' + s.publisher : '') + (s.published ? ' (' + s.published + ')' : '');
  }

  function sourceList(sources) {
    return el('ul', {}, sources.map(function (s) {
      var label = sourceLabel(s);
      return el('li', {}, [s.url ? el('a', { href: s.url, rel: 'noopener noreferrer', target: '_blank', text: label }) : label]);
    }));
  }

  function row(dl, term, value) {
    if (value === null || value === undefined || value === '') { return; }
    dl.appendChild(el('dt', { text: term }));
    dl.appendChild(el('dd', {}, [typeof value === 'string' ? value : value]));
  }

  function names(list) {
    var out = [];
    (list || []).forEach(function (n) {
      if (!n) { return; }
      out.push(n.name);
      (n.aliases || []).forEach(function (a) { out.push(a); });
      n.name.split(/\s+/).forEach(function (w) { if (w.length > 3) { out.push(w); } });
    });
    return out.sort(function (a, b) { return b.length - a.length; });
  }

  // highlighted renders text with [start, end) (UTF-16 offsets) marked and,
  // inside the mark, the cited words in bold.
  function highlighted(text, start, end, cited) {
    var box = el('div', { 'class': 'text', tabindex: '0' });
    box.appendChild(document.createTextNode(text.slice(0, start)));
    var mark = el('mark');
    var sentence = text.slice(start, end);
    var spans = [];
    cited.forEach(function (w) {
      if (!w) { return; }
      var from = 0, i;
      var lower = sentence.toLowerCase(), lw = w.toLowerCase();
      while ((i = lower.indexOf(lw, from)) >= 0) {
        var overlaps = spans.some(function (s) { return i < s[1] && i + w.length > s[0]; });
        if (!overlaps) { spans.push([i, i + w.length]); }
        from = i + w.length;
      }
    });
    spans.sort(function (a, b) { return a[0] - b[0]; });
    var at = 0;
    spans.forEach(function (s) {
      mark.appendChild(document.createTextNode(sentence.slice(at, s[0])));
      mark.appendChild(el('strong', { text: sentence.slice(s[0], s[1]) }));
      at = s[1];
    });
    mark.appendChild(document.createTextNode(sentence.slice(at)));
    box.appendChild(mark);
    box.appendChild(document.createTextNode(text.slice(end)));
    return { box: box, mark: mark };
  }

  function evidenceSection(evidence, cited) {
    var sec = el('section', { 'aria-label': 'Evidence' }, [el('h3', { text: 'Evidence (' + evidence.length + ')' })]);
    evidence.forEach(function (ev) {
      var item = el('div', { 'class': 'evidence' }, [el('div', { 'class': 'src', text: sourceLabel(ev.source) })]);
      sec.appendChild(item);
      sourceText(ev.source.id).then(function (text) {
        var h = highlighted(text, ev.start, ev.end, cited);
        if (text.slice(ev.start, ev.end) !== ev.sentence) {
          item.appendChild(el('p', { 'class': 'warn', text: 'The stored offsets do not point at this sentence: ' + ev.sentence }));
        }
        item.appendChild(h.box);
        h.box.scrollTop = Math.max(0, h.mark.offsetTop - h.box.offsetTop - 24);
      }).catch(fail);
    });
    return sec;
  }

  function conflictsSection(conflicts) {
    if (!conflicts || !conflicts.length) { return null; }
    var sec = el('section', { 'aria-label': 'Conflicts' }, [el('h3', { text: 'Sources disagree' })]);
    conflicts.forEach(function (c) {
      sec.appendChild(el('div', { 'class': 'conflict' }, [
        el('strong', { text: c.field + ': ' + c.values.length + ' values' }),
        el('ul', {}, c.values.map(function (v) {
          return el('li', {}, [el('strong', { text: v.value }), ' — ' + v.sources.map(sourceLabel).join('; ')]);
        }))
      ]));
    });
    return sec;
  }

  // shown counts the details asked for; an answer that arrives after a
  // later request was made is dropped, so a slow reply never replaces the
  // details of the node clicked after it.
  var shown = 0;

  function showNode(id, focus) {
    var details = $('details');
    var ticket = ++shown;
    return gql(NODE_Q, { id: id }).then(function (d) {
      if (ticket !== shown) { return; }
      var n = d.node;
      details.textContent = '';
      if (!n) { details.appendChild(el('p', { text: 'This node is gone.' })); return; }
      var dl = el('dl');
      var title, cited = [], kids = [];
      switch (n.__typename) {
        case 'Entity':
          title = n.name;
          row(dl, 'Type', n.type);
          row(dl, 'Also', n.aliases.join(', '));
          row(dl, 'Titles', n.titles.join(', '));
          cited = names([n]);
          break;
        case 'Meeting':
          title = 'Meeting: ' + n.participants.map(function (p) { return p.name; }).join(' – ');
          row(dl, 'Date', (n.date || 'unknown') + (n.dateText ? ' (“' + n.dateText + '”)' : ''));
          row(dl, 'Status', n.status);
          row(dl, 'Place', nodeLink(n.place));
          row(dl, 'City', nodeLink(n.city));
          row(dl, 'Part of', n.event ? nodeLink(n.event) : null);
          row(dl, 'With', el('span', {}, n.participants.map(function (p, i) { return el('span', {}, [i ? ', ' : '', nodeLink(p)]); })));
          kids.push(conflictsSection(n.conflicts));
          cited = names(n.participants.concat([n.place, n.city]));
          break;
        case 'Statement':
          title = (n.direct ? 'Quote' : 'Statement') + ' of ' + n.speaker.name;
          row(dl, 'Said', '“' + n.text + '”');
          row(dl, 'Date', n.date);
          row(dl, 'Speaker', nodeLink(n.speaker));
          cited = names([n.speaker]).concat([n.text]);
          break;
        case 'Event':
          title = n.name;
          row(dl, 'Kind', n.kind);
          row(dl, 'Date', n.date);
          row(dl, 'Place', nodeLink(n.place));
          row(dl, 'Disrupted by', n.disruptedBy.length ? el('span', {}, n.disruptedBy.map(nodeLink)) : null);
          row(dl, 'Disrupted', n.disrupted.length ? el('span', {}, n.disrupted.map(nodeLink)) : null);
          cited = names(n.participants.concat([n.place])).concat([n.name]);
          break;
        case 'Source':
          title = n.title || n.key;
          row(dl, 'Publisher', n.publisher);
          row(dl, 'Published', n.published);
          row(dl, 'URL', n.url ? el('a', { href: n.url, rel: 'noopener noreferrer', target: '_blank', text: n.url }) : null);
          break;
      }
      details.appendChild(el('h2', { text: title }));
      details.appendChild(el('div', { 'class': 'actions' }, [
        el('button', { type: 'button', text: 'Expand', onclick: function () { expand(id); } }),
        el('button', { type: 'button', text: 'Center here', onclick: function () { state.center = id; state.expanded = []; load(); } })
      ]));
      details.appendChild(dl);
      kids.forEach(function (k) { if (k) { details.appendChild(k); } });
      if (n.sources) {
        details.appendChild(el('h3', { text: 'Sources (' + n.sources.length + ')' }));
        details.appendChild(sourceList(n.sources));
      }
      if (n.evidence && n.evidence.length) { details.appendChild(evidenceSection(n.evidence, cited)); }
      if (n.__typename === 'Source') {
        sourceText(n.id).then(function (t) { if (ticket === shown) details.appendChild(el('div', { 'class': 'text', tabindex: '0', text: t })); }).catch(fail);
      }
      if (n.__typename === 'Entity' && n.type === 'PERSON') { timeline(n.id); } else if (n.__typename === 'Entity') { $('timeline').hidden = true; }
      if (focus) { details.focus({ preventScroll: true }); }
    }).catch(fail);
  }

  function showEdge(e, nodeId) {
    state.sel = nodeId;
    writeHash();
    showNode(nodeId, true).then(function () {
      var details = $('details');
      details.insertBefore(el('p', { 'class': 'hint', text: e.data('type') + ': ' + e.source().data('label') + ' → ' + e.target().data('label') +
        (e.data('label') && e.data('label').toUpperCase() !== e.data('type').replace(/_/g, ' ') ? ' (' + e.data('label') + ')' : '') +
        '. Stated by the sources of:' }), details.firstChild);
    });
  }

  // ---- the timeline of a person's meetings ---------------------------------

  function parseDate(s) {
    if (!s || s.charAt(0) === '-') { return null; }
    var p = s.split('-').map(Number);
    return Date.UTC(p[0], (p[1] || 1) - 1, p[2] || 1);
  }

  function timeline(personId) {
    gql(MEETINGS_Q, { id: personId, from: state.from || null, to: state.to || null }).then(function (d) {
      var sec = $('timeline');
      var ms = d.node.meetings.edges.map(function (e) { return e.node; });
      sec.hidden = false;
      $('timeline-heading').textContent = 'Meetings of ' + d.node.name + ' (' + ms.length + ')';
      var chart = $('timeline-chart'), list = $('timeline-list');
      chart.textContent = '';
      list.textContent = '';
      var dated = ms.filter(function (m) { return parseDate(m.date) !== null; });
      var t = dated.map(function (m) { return parseDate(m.date); });
      var lo = Math.min.apply(null, t), hi = Math.max.apply(null, t);
      if (hi - lo < 86400000 * 2) { lo -= 86400000; hi += 86400000; }
      var W = 640, rowH = 34, H = 40 + rowH * Math.max(1, dated.length);
      var NS = 'http://www.w3.org/2000/svg';
      var svg = document.createElementNS(NS, 'svg');
      svg.setAttribute('viewBox', '0 0 ' + W + ' ' + H);
      svg.setAttribute('role', 'img');
      svg.setAttribute('aria-label', 'Timeline of the meetings of ' + d.node.name + '; the list below has the same meetings.');
      var x = function (v) { return 20 + (W - 200) * (v - lo) / (hi - lo); };
      var axis = document.createElementNS(NS, 'line');
      axis.setAttribute('x1', 20); axis.setAttribute('x2', W - 180); axis.setAttribute('y1', 20); axis.setAttribute('y2', 20);
      axis.setAttribute('class', 'axis');
      svg.appendChild(axis);
      [lo, hi].forEach(function (v, i) {
        var tx = document.createElementNS(NS, 'text');
        tx.setAttribute('x', x(v)); tx.setAttribute('y', 14); tx.setAttribute('text-anchor', i ? 'end' : 'start');
        tx.textContent = new Date(v).toISOString().slice(0, 10);
        svg.appendChild(tx);
      });
      var colour = colourOf('MEETING');
      ms.forEach(function (m, i) {
        var where = [m.place && m.place.name, m.city && m.city.name].filter(Boolean).join(', ') || 'place unknown';
        var venues = (m.conflicts || []).filter(function (c) { return c.field === 'place'; });
        if (venues.length) { where = venues[0].values.map(function (v) { return v.value; }).join(' or ') + (m.city ? ', ' + m.city.name : ''); }
        var others = m.participants.filter(function (p) { return p.id !== personId; }).map(function (p) { return p.name; }).join(', ');
        var when = m.date || m.dateText || 'undated';
        var label = when + ' — with ' + others + ' — ' + where + (m.status !== 'HELD' ? ' (' + m.status.toLowerCase() + ')' : '');
        var li = el('li', {}, [el('button', { type: 'button', 'class': 'link', text: label, onclick: function () { goTo(m.id); } })]);
        list.appendChild(li);
        var at = parseDate(m.date);
        if (at === null) { return; }
        var k = dated.indexOf(m);
        var y = 40 + rowH * k;
        var g = document.createElementNS(NS, 'g');
        g.setAttribute('class', 'dot');
        var stem = document.createElementNS(NS, 'line');
        stem.setAttribute('x1', x(at)); stem.setAttribute('x2', x(at)); stem.setAttribute('y1', 20); stem.setAttribute('y2', y);
        stem.setAttribute('stroke', '#bbb');
        var c = document.createElementNS(NS, 'circle');
        c.setAttribute('cx', x(at)); c.setAttribute('cy', y); c.setAttribute('r', 7);
        c.setAttribute('fill', colour); c.setAttribute('stroke', '#555');
        var tx = document.createElementNS(NS, 'text');
        tx.setAttribute('x', x(at) + 11); tx.setAttribute('y', y + 4);
        tx.textContent = when + ' · ' + others + ' · ' + where;
        g.appendChild(stem); g.appendChild(c); g.appendChild(tx);
        g.addEventListener('click', function () { goTo(m.id); });
        svg.appendChild(g);
      });
      chart.appendChild(svg);
    }).catch(fail);
  }

  // ---- search ----------------------------------------------------------------

  var input = $('search'), sugg = $('suggestions');
  var active = -1, items = [], seq = 0, timer = 0;

  function closeSuggestions() {
    sugg.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  }

  function highlight(i) {
    active = i;
    Array.prototype.forEach.call(sugg.children, function (li, j) { li.setAttribute('aria-selected', String(j === i)); });
    if (i >= 0) { input.setAttribute('aria-activedescendant', sugg.children[i].id); }
  }

  function choose(i) {
    var n = items[i];
    if (!n) { return; }
    closeSuggestions();
    input.value = n.name;
    state.center = n.id; state.expanded = []; state.sel = n.id;
    load();
  }

  input.addEventListener('input', function () {
    clearTimeout(timer);
    var q = input.value.trim();
    if (q.length < 2) { closeSuggestions(); return; }
    timer = setTimeout(function () {
      var mine = ++seq;
      gql(SEARCH_Q, { q: q }).then(function (d) {
        if (mine !== seq) { return; }
        items = d.entities.edges.map(function (e) { return e.node; });
        sugg.textContent = '';
        items.forEach(function (n, i) {
          var li = el('li', { id: 'sugg-' + i, role: 'option', 'aria-selected': 'false' }, [n.name, el('small', { text: (n.type || '').toLowerCase() })]);
          li.addEventListener('mousedown', function (ev) { ev.preventDefault(); choose(i); });
          sugg.appendChild(li);
        });
        sugg.hidden = !items.length;
        input.setAttribute('aria-expanded', String(!!items.length));
        highlight(items.length ? 0 : -1);
      }).catch(fail);
    }, 150);
  });

  input.addEventListener('keydown', function (ev) {
    if (ev.key === 'ArrowDown' && items.length) { ev.preventDefault(); highlight(Math.min(active + 1, items.length - 1)); }
    else if (ev.key === 'ArrowUp' && items.length) { ev.preventDefault(); highlight(Math.max(active - 1, 0)); }
    else if (ev.key === 'Enter') { ev.preventDefault(); if (!sugg.hidden && active >= 0) { choose(active); } }
    else if (ev.key === 'Escape') { closeSuggestions(); }
  });
  input.addEventListener('blur', function () { setTimeout(closeSuggestions, 100); });

  // ---- filters ---------------------------------------------------------------

  function checkboxes(fieldset, values, chosen, onChange) {
    values.forEach(function (v) {
      var cb = el('input', { type: 'checkbox', value: v });
      cb.checked = chosen.indexOf(v) >= 0;
      cb.addEventListener('change', onChange);
      fieldset.appendChild(el('label', {}, [cb, ' ' + v.toLowerCase().replace(/_/g, ' ')]));
    });
  }

  function checked(fieldset) {
    return Array.prototype.filter.call(fieldset.querySelectorAll('input'), function (i) { return i.checked; })
      .map(function (i) { return i.value; });
  }

  function initFilters() {
    var defNodes = defaultNodeTypes(), defEdges = defaultEdgeTypes();
    checkboxes($('node-types'), allNodeTypes, state.types || defNodes, function () {
      var c = checked($('node-types'));
      state.types = c.join() === defNodes.join() ? null : c;
      load();
    });
    checkboxes($('edge-types'), allEdgeTypes, state.edgeTypes || defEdges, function () {
      var c = checked($('edge-types'));
      state.edgeTypes = c.join() === defEdges.join() ? null : c;
      load();
    });
    $('from').value = state.from;
    $('to').value = state.to;
    $('depth').value = String(state.depth);
    ['from', 'to'].forEach(function (k) {
      $(k).addEventListener('change', function () {
        if (!$(k).checkValidity()) { status('Dates are YYYY, YYYY-MM or YYYY-MM-DD.', true); return; }
        state[k] = $(k).value.trim();
        load();
      });
    });
    $('depth').addEventListener('change', function () { state.depth = parseInt($('depth').value, 10); load(); });
  }

  readHash();
  gql(ENUMS_Q).then(function (d) {
    allNodeTypes = d.nodeTypes.enumValues.map(function (v) { return v.name; }).sort();
    allEdgeTypes = d.edgeTypes.enumValues.map(function (v) { return v.name; }).sort();
    initFilters();
    return load();
  }).catch(fail);
})();
