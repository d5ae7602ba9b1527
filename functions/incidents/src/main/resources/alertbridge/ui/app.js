/* alertbridge incident page. No framework, no build step, nothing from elsewhere: it reads the API with the alert token
   (from #token=... or typed in; kept in this tab's session storage) or with a shared link (#link=..., one incident).
   AB.* are pure helpers the tests call. */
(function () {
  'use strict';
  var AB = window.AB = { errors: [] };
  window.addEventListener('error', function (e) { AB.errors.push(String(e.message)); });
  window.addEventListener('unhandledrejection', function (e) { AB.errors.push(String(e.reason)); });

  var base = document.body.getAttribute('data-base') || '';
  var TOKEN = 'alertbridge.token', LINK = 'alertbridge.link.';
  var INCIDENT_REFRESH_MS = 3000, LIST_REFRESH_MS = 10000;
  var $ = function (id) { return document.getElementById(id); };

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = text; }
    return e;
  }
  AB.el = el; // schedules.js (loaded after this file) builds its elements with it too
  function ms(iso) { return iso ? Date.parse(iso) : NaN; }
  AB.duration = function (millis) {
    var s = Math.round(Math.abs(millis) / 1000);
    if (s < 90) { return s + ' s'; }
    if (s < 5400) { return Math.round(s / 60) + ' min'; }
    if (s < 172800) { return Math.round(s / 3600) + ' h'; }
    return Math.round(s / 86400) + ' d';
  };
  AB.clock = function (iso, now) {
    var d = new Date(iso), same = new Date(now).toDateString() === d.toDateString();
    var time = d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
    return same ? time : d.toLocaleDateString([], { month: 'short', day: 'numeric' }) + ' ' + time;
  };
  AB.ago = function (iso, now) {
    var diff = now - ms(iso);
    return AB.clock(iso, now) + (diff >= 0 ? ' (' + AB.duration(diff) + ' ago)' : ' (in ' + AB.duration(diff) + ')');
  };

  /* ---- check-ins (GET /checks) ---- */
  var CHECK_STATES = { 'new': 'new: no ping yet', up: 'up: pinged on time', started: 'started: a run is in progress',
    down: 'down: missed its deadline' };
  var PING_KINDS = { success: 'success', start: 'started', fail: 'failed' };
  AB.describeCheck = function (c, now) {
    var p = c.lastPing, schedule = c.cron ? 'cron ' + c.cron + (c.tz ? ' (' + c.tz + ')' : ' (UTC)')
      : c.periodSeconds ? 'every ' + AB.duration(c.periodSeconds * 1000) : '';
    return {
      name: c.name,
      state: c.state === 'down' && p && p.kind === 'fail' ? 'down: reported a failure'
        : c.state === 'down' && p && p.kind === 'start' ? 'down: started, did not finish in time'
        : CHECK_STATES[c.state] || c.state,
      lastPing: p ? (PING_KINDS[p.kind] || p.kind) + (p.exitStatus !== undefined && p.exitStatus !== null
        ? ' (exit status ' + p.exitStatus + ')' : '') + ', ' + AB.ago(p.at, now) : 'never',
      nextDeadline: c.nextDeadline ? AB.ago(c.nextDeadline, now) : 'none',
      schedule: schedule + (c.graceSeconds ? ', ' + AB.duration(c.graceSeconds * 1000) + ' grace' : ''),
      incidentId: c.incidentId || null
    };
  };
  AB.checkItem = function (c, now) {
    var d = AB.describeCheck(c, now), li = el('li', 'check');
    var head = el('div', 'title');
    head.append(el('span', 'badge st-' + (CHECK_STATES[c.state] ? c.state : 'new'), d.state), ' ', d.name);
    li.append(head, el('div', 'meta', 'Last ping: ' + d.lastPing), el('div', 'meta', 'Next deadline: ' + d.nextDeadline));
    if (d.schedule) { li.append(el('div', 'meta', 'Schedule: ' + d.schedule)); }
    if (d.incidentId) {
      var a = el('a', '', 'Open its incident');
      a.href = base + '/ui/incidents/' + encodeURIComponent(d.incidentId);
      li.append(a);
    }
    return li;
  };
  AB.renderChecks = function (status, body, now) {
    var list = $('check-list');
    if (status === 404 || (status === 200 && (!body || !body.checks || body.checks.length === 0))) {
      list.replaceChildren(el('li', 'meta', 'No check-ins'));
    } else if (status !== 200) {
      list.replaceChildren(el('li', 'meta', 'Check-ins could not be read (HTTP ' + status + ')'));
    } else {
      list.replaceChildren.apply(list, body.checks.map(function (c) { return AB.checkItem(c, now); }));
    }
  };

  /* ---- one incident ---- */
  AB.outcomeClass = function (outcome) {
    if (outcome === 'joined') { return 'o-joined'; }
    if (outcome.indexOf('joined') === 0) { return 'o-left'; }
    if (outcome.indexOf('answered') === 0) { return 'o-answered'; }
    if (outcome === 'ringing' || outcome === 'calling') { return 'o-ringing'; }
    return 'o-missed';
  };
  var LIVE = { queued: 1, initiated: 1, ringing: 1, 'in-progress': 1 };
  function segments(callee, t0, now) {
    var list = [], attempts = callee.via === 'call' ? callee.attempts : [{ joinedAt: callee.joinedAt, leftAt: callee.leftAt,
      callStatus: callee.leftAt ? 'completed' : 'in-progress', outcome: callee.outcome }];
    attempts.forEach(function (a) {
      var live = !!LIVE[a.callStatus], placed = ms(a.placedAt), answered = ms(a.answeredAt), joined = ms(a.joinedAt);
      var end = live ? now : answered + (a.durationSeconds || 0) * 1000;
      if (a.placedAt && a.callSid) {
        var rang = a.callStatus === 'no-answer' ? 30000 : 2000; // an unanswered call's end is not reported: about right
        list.push(['ring', placed, a.answeredAt ? answered : live ? now : Math.min(placed + rang, now)]);
      }
      if (a.answeredAt && !(a.joinedAt && joined <= answered)) {
        list.push(['answered', answered, a.joinedAt ? joined : a.leftAt ? ms(a.leftAt) : Math.max(end, answered)]);
      }
      if (a.joinedAt) {
        list.push(['bridge', joined, a.leftAt ? ms(a.leftAt) : a.outcome === 'joined' ? now : Math.max(end, joined)]);
      }
    });
    return list.filter(function (s) { return !isNaN(s[1]) && !isNaN(s[2]) && s[1] >= t0 - 60000; });
  }
  function attemptLine(a, now) {
    var parts = ['Round ' + a.round + ': ' + a.outcome];
    if (a.placedAt) { parts.push('called ' + AB.clock(a.placedAt, now)); }
    if (a.answeredAt) { parts.push('answered ' + AB.clock(a.answeredAt, now)); }
    if (a.joinedAt) { parts.push('joined ' + AB.clock(a.joinedAt, now)); }
    if (a.leftAt) { parts.push('left ' + AB.clock(a.leftAt, now)); }
    if (a.errorCode) { parts.push('Twilio error ' + a.errorCode); }
    return parts.join(' · ');
  }
  AB.lane = function (c, t0, t1, now) {
    var li = el('li', 'lane'), who = el('div', 'who');
    li.setAttribute('data-to', c.to);
    who.append(el('span', 'number', c.to + (c.via === 'call-in' ? ' · dialled in' : '')),
      el('span', 'outcome ' + AB.outcomeClass(c.outcome), c.outcome));
    var track = el('div', 'track'), span = Math.max(t1 - t0, 1000);
    track.setAttribute('aria-hidden', 'true');
    segments(c, t0, now).forEach(function (s) {
      var seg = el('span', 'seg ' + s[0]);
      seg.style.left = Math.max(0, (s[1] - t0) / span * 100) + '%';
      seg.style.width = Math.max(0, (Math.min(s[2], t1) - Math.max(s[1], t0)) / span * 100) + '%';
      track.append(seg);
    });
    var lines = el('ol', 'attempts');
    if (c.via === 'call-in') { lines.append(el('li', '', 'Dialled in, joined ' + AB.clock(c.joinedAt, now)
      + (c.leftAt ? ' · left ' + AB.clock(c.leftAt, now) : ''))); }
    (c.attempts || []).forEach(function (a) { lines.append(el('li', '', attemptLine(a, now))); });
    if (c.missedCallText) { lines.append(el('li', '', 'Missed-call text: ' + c.missedCallText)); }
    if (c.resolvedText) { lines.append(el('li', '', 'Resolved text: ' + c.resolvedText)); }
    li.append(who, track, lines);
    return li;
  };
  AB.firstJoin = function (t) {
    var first = t.callees.map(function (c) { return ms(c.joinedAt); }).filter(function (x) { return !isNaN(x); })
      .sort(function (a, b) { return a - b; })[0];
    return first === undefined ? null : first - ms(t.createdAt);
  };
  AB.renderIncident = function (t, now) {
    var t0 = ms(t.createdAt), t1 = t.resolvedAt ? Math.max(ms(t.resolvedAt), t0 + 1000) : Math.max(now, t0 + 10000);
    $('message').textContent = t.message;
    var st = $('fact-status');
    st.replaceChildren(el('span', 'badge st-' + t.status, t.status + (t.resolvedBy ? ' (' + t.resolvedBy + ')' : '')));
    $('fact-started').textContent = AB.ago(t.createdAt, now);
    var first = AB.firstJoin(t);
    $('fact-bridge').textContent = t.onBridge + (first === null ? ' · nobody joined yet' : ' · first joined after ' + AB.duration(first));
    $('fact-rounds').textContent = String(t.rounds);
    var onCall = t.onCall || [];
    $('fact-oncall-row').hidden = onCall.length === 0;
    $('fact-oncall').textContent = onCall.join(', ');
    $('join').hidden = !t.dialIn;
    if (t.dialIn) { $('dial').href = 'tel:' + t.dialIn; $('dial').textContent = 'On a roster? Join by phone: ' + t.dialIn; }
    var lanes = $('lanes');
    lanes.replaceChildren.apply(lanes, t.callees.map(function (c) { return AB.lane(c, t0, t1, now); }));
    document.title = (t.status === 'resolved' ? 'Resolved: ' : '') + t.message + ' – alertbridge';
  };

  /* ---- the API ---- */
  function token() { return sessionStorage.getItem(TOKEN); }
  function api(path, link) {
    var headers = {};
    if (token()) { headers.Authorization = 'Bearer ' + token(); } else if (link) { headers['X-Incident-Link'] = link; }
    return fetch(base + path, { headers: headers, cache: 'no-store', credentials: 'omit', referrerPolicy: 'no-referrer' })
      .then(function (r) {
        return r.text().then(function (text) {
          var body = null;
          try { body = text ? JSON.parse(text) : null; } catch (e) { body = null; }
          return { status: r.status, body: body };
        });
      });
  }
  function status(text) { $('status').textContent = text; }
  function show(id) { ['login', 'incidents', 'checks', 'incident'].forEach(function (s) { $(s).hidden = s !== id && !(id === 'incidents' && s === 'checks'); }); }
  function refuse(res, usedLink) {
    if (usedLink) {
      var code = res.body && res.body.error;
      $('refused-title').textContent = code === 'link_expired' ? 'This link has expired' : 'This link is not valid';
      $('refused-detail').textContent = (res.body && res.body.detail) || 'The link was refused.';
    } else {
      sessionStorage.removeItem(TOKEN);
      $('refused-title').textContent = 'The alert token was refused';
      $('refused-detail').textContent = 'Type it again (it is kept in this tab only).';
    }
    $('refused').hidden = false;
    show('login');
    status('Not signed in');
  }

  function openIncident(id) {
    var link = sessionStorage.getItem(LINK + id), timer = null;
    $('back').hidden = !token();
    function poll() {
      api('/incidents/' + encodeURIComponent(id), link).then(function (res) {
        if (res.status === 401 || res.status === 403) { return refuse(res, !token() && !!link); }
        if (res.status !== 200) { status('HTTP ' + res.status + ': ' + ((res.body && res.body.detail) || 'error') + '; retrying'); }
        else {
          $('refused').hidden = true;
          show('incident');
          AB.renderIncident(res.body, Date.now());
          if (res.body.status === 'resolved') { status('Resolved · no longer refreshing'); return; }
          status('Live · updated ' + AB.clock(new Date().toISOString(), Date.now()));
        }
        timer = setTimeout(poll, INCIDENT_REFRESH_MS);
      }, function () { status('Offline · retrying'); timer = setTimeout(poll, INCIDENT_REFRESH_MS); });
    }
    poll();
    return function () { clearTimeout(timer); };
  }

  function listIncidents() {
    var details = {}, next = null, pages = 1;
    function card(s) {
      var li = el('li'), a = el('a'), now = Date.now(), d = details[s.incidentId];
      a.href = base + '/ui/incidents/' + encodeURIComponent(s.incidentId);
      var title = el('div', 'title');
      title.append(el('span', 'badge st-' + s.status, s.status), ' ', s.message);
      var facts = [AB.ago(s.createdAt, now), s.calleeCount + ' called'];
      if (d) {
        var first = AB.firstJoin(d);
        facts.push(first === null ? 'nobody joined' : 'first join after ' + AB.duration(first), d.onBridge + ' on the bridge');
      }
      a.append(title, el('div', 'meta', facts.join(' · ')));
      li.append(a);
      return li;
    }
    function fill(res, append) {
      var list = $('incident-list'), items = res.body.incidents.map(card);
      if (append) { list.append.apply(list, items); } else { list.replaceChildren.apply(list, items); }
      if (!append && items.length === 0) { list.replaceChildren(el('li', 'meta', 'No incidents yet')); }
      next = res.body.next;
      $('more').hidden = !next;
    }
    function loadDetails(incidents, then) {
      var wanted = incidents.filter(function (s) { return !details[s.incidentId] || details[s.incidentId].status !== 'resolved'; });
      return Promise.all(wanted.map(function (s) {
        return api('/incidents/' + encodeURIComponent(s.incidentId)).then(function (r) { if (r.status === 200) { details[s.incidentId] = r.body; } });
      })).then(then);
    }
    function poll() {
      api('/incidents?limit=10').then(function (res) {
        if (res.status === 401) { return refuse(res, false); }
        if (res.status === 200 && pages === 1) {
          show('incidents');
          fill(res, false);
          loadDetails(res.body.incidents, function () { fill(res, false); });
          status('Live · updated ' + AB.clock(new Date().toISOString(), Date.now()));
        }
        setTimeout(poll, LIST_REFRESH_MS);
      }, function () { status('Offline · retrying'); setTimeout(poll, LIST_REFRESH_MS); });
      api('/checks').then(function (res) { AB.renderChecks(res.status, res.body, Date.now()); });
    }
    $('more').addEventListener('click', function () {
      api('/incidents?limit=10&next=' + encodeURIComponent(next)).then(function (res) {
        if (res.status === 200) { pages++; fill(res, true); loadDetails(res.body.incidents, function () {}); }
      });
    });
    poll();
  }

  function start() {
    var path = location.pathname.slice(base.length), match = /^\/ui\/incidents\/([A-Za-z0-9_-]{1,64})\/?$/.exec(path);
    var fragment = new URLSearchParams(location.hash.slice(1));
    if (fragment.get('token')) { sessionStorage.setItem(TOKEN, fragment.get('token')); }
    if (fragment.get('link') && match) { sessionStorage.setItem(LINK + match[1], fragment.get('link')); }
    if (location.hash) { history.replaceState(null, '', location.pathname + location.search); } // out of sight, history and shares
    $('token-form').addEventListener('submit', function (e) {
      e.preventDefault();
      sessionStorage.setItem(TOKEN, $('token').value.trim());
      location.reload();
    });
    if (match && (token() || sessionStorage.getItem(LINK + match[1]))) { return openIncident(match[1]); }
    if (!match && token()) { return listIncidents(); }
    show('login');
    status('Not signed in');
  }
  start();
})();
