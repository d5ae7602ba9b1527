/* alertbridge: each on-call schedule's next two weeks on the incident list (GET /schedules, then each team's
   /schedules/{team}/shifts), with the alert token app.js keeps in this tab. Times in the schedule's own zone, which is
   named; overrides marked. AB.* are pure helpers the tests call. */
(function () {
  'use strict';
  var AB = window.AB; // app.js's, loaded before this file (page.html)
  var base = document.body.getAttribute('data-base') || '';
  var TOKEN = 'alertbridge.token', REFRESH_MS = 60000, DAYS = 14;
  var $ = function (id) { return document.getElementById(id); };

  var el = AB.el;
  AB.shiftTime = function (iso, zone) {
    return new Intl.DateTimeFormat('en-GB', { timeZone: zone, weekday: 'short', month: 'short', day: 'numeric',
      hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
  };
  /* One line per shift: who (round 2 and later said), when in the schedule's zone, and whether an override made it. */
  AB.describeShifts = function (body) {
    return body.shifts.map(function (s) {
      return { who: s.people.join(', ') + (s.round > 1 ? ' (round ' + s.round + ')' : ''),
        when: AB.shiftTime(s.start, body.zone) + ' – ' + AB.shiftTime(s.end, body.zone), override: !!s.overridden };
    });
  };
  AB.renderSchedules = function (teams) {
    var list = $('schedule-list');
    if (teams.length === 0) { list.replaceChildren(el('p', 'meta', 'No on-call schedules')); return; }
    list.replaceChildren.apply(list, teams.map(function (t) {
      var box = el('div', 'schedule'), items = el('ul', 'cards');
      box.append(el('h3', 'title', t.team + (t.body ? ' (' + t.body.zone + ')' : '')));
      if (!t.body) { items.append(el('li', 'meta', 'Could not be read (HTTP ' + t.status + ')')); }
      else {
        AB.describeShifts(t.body).forEach(function (d) {
          var li = el('li', d.override ? 'shift override' : 'shift');
          li.append(el('div', 'title', d.who), el('div', 'meta', d.when + (d.override ? ' · override' : '')));
          items.append(li);
        });
      }
      box.append(items);
      return box;
    }));
  };

  function api(path) {
    return fetch(base + path, { headers: { Authorization: 'Bearer ' + sessionStorage.getItem(TOKEN) }, cache: 'no-store',
      credentials: 'omit', referrerPolicy: 'no-referrer' }).then(function (r) {
      return r.json().then(function (body) { return { status: r.status, body: body }; }, function () { return { status: r.status, body: null }; });
    });
  }
  function reveal(tries) { // with the incident list, once app.js shows it (not on the sign-in form)
    if (!$('incidents').hidden) { $('schedules').hidden = false; } else if (tries > 0) { setTimeout(function () { reveal(tries - 1); }, 500); }
  }
  function load() {
    var from = new Date(), to = new Date(from.getTime() + DAYS * 86400000);
    api('/schedules').then(function (res) {
      if (res.status !== 200 || !res.body) { return; }
      return Promise.all(res.body.teams.map(function (team) {
        return api('/schedules/' + encodeURIComponent(team) + '/shifts?from=' + encodeURIComponent(from.toISOString())
          + '&to=' + encodeURIComponent(to.toISOString())).then(function (r) {
          return { team: team, status: r.status, body: r.status === 200 ? r.body : null };
        });
      })).then(function (teams) {
        AB.renderSchedules(teams);
        reveal(20);
      });
    }).catch(function (e) { AB.errors.push(String(e)); });
    setTimeout(load, REFRESH_MS);
  }
  var path = location.pathname.slice(base.length);
  if (sessionStorage.getItem(TOKEN) && !/^\/ui\/incidents\//.test(path)) {
    setTimeout(load, 0); // after app.js has taken the token from the URL
  }
})();
