import React, { useEffect, useMemo, useState } from 'react';
import { Badge, Callout, IconButton, Spinner, TextField } from './controls.jsx';
import { get } from './api.js';
import { applyPickerRange, navigate, pickerRange } from './route.js';
import TimePicker from './TimePicker.jsx';
import ProcessActivity from './ProcessActivity.jsx';

const ACTIVITY_LABELS = { 3: 'net', 8: 'thread', 10: 'access', 11: 'file', 12: 'reg', 13: 'reg', 14: 'reg', 22: 'dns' };

function rangeParams(params) {
  const out = new URLSearchParams();
  if (params.get('from')) out.set('from', params.get('from'));
  if (params.get('to')) out.set('to', params.get('to'));
  return out;
}

// Sysmon process-creation trees of one host, with a finder that opens the branches leading to matches
// and a side panel with everything the selected process did.
export default function ProcessTreeTab({ params }) {
  const key = params.toString();
  const host = params.get('host') || '';
  const focus = params.get('focus') || '';
  const [hosts, setHosts] = useState([]);
  const [tree, setTree] = useState(null);
  const [error, setError] = useState(null);
  const [loading, setLoading] = useState(false);
  const [find, setFind] = useState(params.get('find') || '');
  const [onlyMatches, setOnlyMatches] = useState(true);
  const [selected, setSelected] = useState(focus);
  const [opened, setOpened] = useState(new Set());
  const range = pickerRange(params);

  const update = (change) => {
    const next = new URLSearchParams(params);
    change(next);
    navigate('tree', next);
  };

  useEffect(() => {
    get('/api/hunt/hosts', rangeParams(params)).then((body) => setHosts(body.hosts)).catch((failure) => setError(failure));
  }, [params.get('from'), params.get('to')]); // eslint-disable-line

  useEffect(() => {
    if (!host) { setTree(null); return undefined; }
    let active = true;
    setLoading(true);
    const query = rangeParams(params);
    query.set('host', host);
    get('/api/hunt/process-tree', query)
      .then((body) => { if (active) { setTree(body); setError(null); } })
      .catch((failure) => { if (active) { setError(failure); setTree(null); } })
      .finally(() => active && setLoading(false));
    return () => { active = false; };
  }, [host, params.get('from'), params.get('to')]); // eslint-disable-line

  useEffect(() => { setSelected(focus); }, [focus]);

  // Index the tree once: parents by guid, and every node for searching.
  const index = useMemo(() => {
    const parents = new Map();
    const all = [];
    const walk = (node, parent) => {
      parents.set(node.guid, parent ? parent.guid : null);
      all.push(node);
      node.children.forEach((child) => walk(child, node));
    };
    (tree ? tree.roots : []).forEach((root) => walk(root, null));
    return { parents, all };
  }, [tree]);

  const { matches, visible } = useMemo(() => {
    const text = find.trim().toLowerCase();
    const matched = new Set();
    if (text) {
      index.all.forEach((node) => {
        const haystack = `${node.name || ''} ${node.commandLine || ''} ${node.path || ''} ${node.guid} ${node.user || ''}`.toLowerCase();
        if (haystack.includes(text)) matched.add(node.guid);
      });
    }
    if (focus) matched.add(focus);
    const ancestors = new Set();
    matched.forEach((guid) => {
      for (let current = index.parents.get(guid); current; current = index.parents.get(current)) ancestors.add(current);
    });
    return { matches: matched, visible: matched.size ? new Set([...matched, ...ancestors]) : null };
  }, [find, focus, index]);

  const isOpen = (guid) => opened.has(guid) || (visible && visible.has(guid) && !matches.has(guid));
  const toggle = (guid) => setOpened((current) => {
    const next = new Set(current);
    if (next.has(guid)) next.delete(guid); else next.add(guid);
    return next;
  });
  const showNode = (node) => !(find.trim() && onlyMatches && visible) || visible.has(node.guid);

  return (
    <div className="stack">
      <div className="row wrap bottom">
        <label className="formRow">
          <span className="formLabel">Host</span>
          <select className="select" value={host} data-test-subj="hostSelect"
            onChange={(event) => update((next) => { next.set('host', event.target.value); next.delete('focus'); })}>
            {!host && <option value="" disabled>Choose a host</option>}
            {host && !hosts.some((entry) => entry.host === host) && <option value={host}>{host}</option>}
            {hosts.map((entry) => (
              <option key={entry.host} value={entry.host}>{`${entry.host} (${entry.events.toLocaleString('en')} events)`}</option>
            ))}
          </select>
        </label>
        <div className="formRow">
          <span className="formLabel">Time range</span>
          <TimePicker start={range.start} end={range.end}
            error={error && ['from', 'to'].includes(error.parameter) ? error.reason || error.message : null}
            onChange={(start, end) => update((next) => applyPickerRange(next, start, end))} />
        </div>
        <label className="formRow grow">
          <span className="formLabel">Find a process (name, command line, path, GUID, user)</span>
          <TextField icon="magnify" value={find} onChange={(event) => setFind(event.target.value)} data-test-subj="treeFind"
            placeholder="e.g. svchost.exe" />
        </label>
        <label className="switch">
          <input type="checkbox" role="switch" checked={onlyMatches} onChange={(event) => setOnlyMatches(event.target.checked)} />
          <span className="track" aria-hidden="true" />
          Only matching branches
        </label>
      </div>
      {error && <Callout title={error.message} data-test-subj="treeError" />}
      {!host && <p className="text subdued">Choose a host to see its process tree.</p>}
      {loading && <Spinner large />}
      {tree && !loading && (
        <div className="split">
          <div className="panel" data-test-subj="processTree" data-host={tree.host}>
            <div className="subdued small">
              {tree.processes.toLocaleString('en')} processes on {tree.host}
              {tree.truncated && ' (only the first 10,000 are shown: narrow the time range)'}
              {find.trim() && ` · ${matches.size} matching`}
            </div>
            <div className="treeScroll">
              {tree.roots.filter(showNode).map((root) => (
                <ProcessNode key={root.guid} node={root} depth={0} isOpen={isOpen} toggle={toggle} showNode={showNode}
                  matches={matches} selected={selected}
                  onSelect={(guid) => { setSelected(guid); }} />
              ))}
            </div>
          </div>
          <div>
            {selected ? <ProcessActivity guid={selected} host={host} /> : (
              <p className="text subdued">Select a process to see its network, file, registry, DNS, process-access and remote-thread events.</p>
            )}
          </div>
        </div>
      )}
    </div>
  );
}

function ProcessNode({ node, depth, isOpen, toggle, showNode, matches, selected, onSelect }) {
  const open = isOpen(node.guid);
  const children = node.children.filter(showNode);
  const activity = Object.entries(node.activity || {}).reduce((sum, [eventId, count]) => {
    const label = ACTIVITY_LABELS[eventId] || eventId;
    return { ...sum, [label]: (sum[label] || 0) + count };
  }, {});
  const classes = ['processNode', node.guid === selected ? 'selected' : matches.has(node.guid) ? 'match' : '',
    node.observed ? '' : 'unobserved'].filter(Boolean).join(' ');
  return (
    <div style={{ marginLeft: depth ? 16 : 0 }}>
      <div data-test-subj="processNode" data-guid={node.guid} data-name={node.name || ''}
        data-match={matches.has(node.guid) ? 'true' : 'false'} className={classes}
        onClick={() => onSelect(node.guid)}>
        <div className="processLine">
          <span className="processToggle">
            {node.children.length > 0 && (
              <IconButton icon={open ? 'chevronDown' : 'chevronRight'} label={open ? 'Collapse' : 'Expand'} aria-expanded={open}
                onClick={(event) => { event.stopPropagation(); toggle(node.guid); }} />
            )}
          </span>
          <strong>{node.name || node.path || node.guid}</strong>
          <span className="subdued small">
            {node.pid !== undefined && node.pid !== null ? `pid ${node.pid}` : ''}
            {node.user ? ` · ${node.user}` : ''}
            {node.integrityLevel ? ` · ${node.integrityLevel}` : ''}
            {node.time ? ` · ${node.time.replace('T', ' ').replace(/\.\d+Z$|Z$/, '')}` : ' · started before the window'}
          </span>
          {Object.entries(activity).map(([label, count]) => <Badge key={label} color="hollow">{label} {count}</Badge>)}
        </div>
        {node.commandLine && (
          <div className="commandLine" title={node.commandLine} data-test-subj="processCommandLine">{node.commandLine}</div>
        )}
      </div>
      {open && children.map((child) => (
        <ProcessNode key={child.guid} node={child} depth={depth + 1} isOpen={isOpen} toggle={toggle} showNode={showNode}
          matches={matches} selected={selected} onSelect={onSelect} />
      ))}
    </div>
  );
}
