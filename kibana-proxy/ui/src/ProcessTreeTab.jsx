import React, { useEffect, useMemo, useState } from 'react';
import {
  EuiBadge, EuiButtonIcon, EuiCallOut, EuiFieldSearch, EuiFlexGroup, EuiFlexItem, EuiFormRow, EuiLoadingSpinner,
  EuiPanel, EuiSelect, EuiSpacer, EuiSuperDatePicker, EuiSwitch, EuiText,
} from '@elastic/eui';
import { get } from './api.js';
import { applyPickerRange, COMMONLY_USED_RANGES, navigate, pickerRange } from './route.js';
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
    <>
      <EuiFlexGroup gutterSize="s" alignItems="flexEnd" responsive={false} wrap>
        <EuiFlexItem grow={false} style={{ minWidth: 240 }}>
          <EuiFormRow label="Host">
            <EuiSelect hasNoInitialSelection={!host} value={host} data-test-subj="hostSelect"
              options={[...(host && !hosts.some((entry) => entry.host === host) ? [{ value: host, text: host }] : []),
                ...hosts.map((entry) => ({ value: entry.host, text: `${entry.host} (${entry.events.toLocaleString('en')} events)` }))]}
              onChange={(event) => update((next) => { next.set('host', event.target.value); next.delete('focus'); })} />
          </EuiFormRow>
        </EuiFlexItem>
        <EuiFlexItem grow={false}>
          <EuiFormRow label="Time range">
            <EuiSuperDatePicker start={range.start} end={range.end} commonlyUsedRanges={COMMONLY_USED_RANGES}
              showUpdateButton={false} width="auto"
              onTimeChange={({ start, end, isInvalid }) => !isInvalid && update((next) => applyPickerRange(next, start, end))} />
          </EuiFormRow>
        </EuiFlexItem>
        <EuiFlexItem style={{ minWidth: 260 }}>
          <EuiFormRow label="Find a process (name, command line, path, GUID, user)" fullWidth>
            <EuiFieldSearch fullWidth value={find} onChange={(event) => setFind(event.target.value)} data-test-subj="treeFind"
              placeholder="werfault" />
          </EuiFormRow>
        </EuiFlexItem>
        <EuiFlexItem grow={false}>
          <EuiSwitch label="Only matching branches" checked={onlyMatches} onChange={(event) => setOnlyMatches(event.target.checked)} />
        </EuiFlexItem>
      </EuiFlexGroup>
      <EuiSpacer size="m" />
      {error && <EuiCallOut color="danger" iconType="error" title={error.message} data-test-subj="treeError" />}
      {!host && <EuiText color="subdued">Choose a host to see its process tree.</EuiText>}
      {loading && <EuiLoadingSpinner size="l" />}
      {tree && !loading && (
        <EuiFlexGroup gutterSize="m" alignItems="flexStart" responsive={false}>
          <EuiFlexItem style={{ minWidth: 0 }}>
            <EuiPanel hasBorder paddingSize="s" data-test-subj="processTree" data-host={tree.host}>
              <EuiText size="xs" color="subdued">
                {tree.processes.toLocaleString('en')} processes on {tree.host}
                {tree.truncated && ' (only the first 10,000 are shown: narrow the time range)'}
                {find.trim() && ` · ${matches.size} matching`}
              </EuiText>
              <EuiSpacer size="s" />
              <div style={{ maxHeight: '70vh', overflow: 'auto' }}>
                {tree.roots.filter(showNode).map((root) => (
                  <ProcessNode key={root.guid} node={root} depth={0} isOpen={isOpen} toggle={toggle} showNode={showNode}
                    matches={matches} selected={selected}
                    onSelect={(guid) => { setSelected(guid); }} />
                ))}
              </div>
            </EuiPanel>
          </EuiFlexItem>
          <EuiFlexItem style={{ minWidth: 0 }}>
            {selected ? <ProcessActivity guid={selected} host={host} /> : (
              <EuiText color="subdued" size="s">Select a process to see its network, file, registry, DNS, process-access and remote-thread events.</EuiText>
            )}
          </EuiFlexItem>
        </EuiFlexGroup>
      )}
    </>
  );
}

function ProcessNode({ node, depth, isOpen, toggle, showNode, matches, selected, onSelect }) {
  const open = isOpen(node.guid);
  const children = node.children.filter(showNode);
  const activity = Object.entries(node.activity || {}).reduce((sum, [eventId, count]) => {
    const label = ACTIVITY_LABELS[eventId] || eventId;
    return { ...sum, [label]: (sum[label] || 0) + count };
  }, {});
  return (
    <div style={{ marginLeft: depth ? 16 : 0 }}>
      <div data-test-subj="processNode" data-guid={node.guid} data-name={node.name || ''}
        data-match={matches.has(node.guid) ? 'true' : 'false'}
        onClick={() => onSelect(node.guid)}
        style={{
          cursor: 'pointer', padding: '2px 4px', borderRadius: 4,
          background: node.guid === selected ? '#d6e6ff' : matches.has(node.guid) ? '#fff3c4' : undefined,
          opacity: node.observed ? 1 : 0.7,
        }}>
        <EuiFlexGroup gutterSize="xs" alignItems="center" responsive={false} wrap={false}>
          <EuiFlexItem grow={false} style={{ width: 24 }}>
            {node.children.length > 0 && (
              <EuiButtonIcon size="xs" iconType={open ? 'chevronSingleDown' : 'chevronSingleRight'} aria-label={open ? 'Collapse' : 'Expand'}
                onClick={(event) => { event.stopPropagation(); toggle(node.guid); }} />
            )}
          </EuiFlexItem>
          <EuiFlexItem grow={false}>
            <EuiText size="s"><strong>{node.name || node.path || node.guid}</strong></EuiText>
          </EuiFlexItem>
          <EuiFlexItem grow={false}>
            <EuiText size="xs" color="subdued">
              {node.pid !== undefined && node.pid !== null ? `pid ${node.pid}` : ''}
              {node.user ? ` · ${node.user}` : ''}
              {node.integrityLevel ? ` · ${node.integrityLevel}` : ''}
              {node.time ? ` · ${node.time.replace('T', ' ').replace(/\.\d+Z$|Z$/, '')}` : ' · started before the window'}
            </EuiText>
          </EuiFlexItem>
          {Object.entries(activity).map(([label, count]) => (
            <EuiFlexItem grow={false} key={label}><EuiBadge color="hollow">{label} {count}</EuiBadge></EuiFlexItem>
          ))}
        </EuiFlexGroup>
        {node.commandLine && (
          <div style={{ marginLeft: 28, fontFamily: 'monospace', fontSize: 12, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}
            title={node.commandLine} data-test-subj="processCommandLine">
            {node.commandLine}
          </div>
        )}
      </div>
      {open && children.map((child) => (
        <ProcessNode key={child.guid} node={child} depth={depth + 1} isOpen={isOpen} toggle={toggle} showNode={showNode}
          matches={matches} selected={selected} onSelect={onSelect} />
      ))}
    </div>
  );
}
