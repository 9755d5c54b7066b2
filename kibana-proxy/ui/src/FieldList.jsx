import React, { useEffect, useMemo, useState } from 'react';
import { IconButton, Spinner, TextField } from './controls.jsx';
import { get } from './api.js';
import { display, testId } from './format.js';

// The sidebar: fields of the current hits, each expandable to its five most frequent values over all
// matches (counted by the server), with buttons to filter for or against a value and to toggle a column.
export default function FieldList({ fieldNames, catalog, searchParams, columns, onFilter, onToggleColumn }) {
  const [term, setTerm] = useState('');
  const [open, setOpen] = useState(null);
  const shown = useMemo(
    () => fieldNames.filter((name) => name.toLowerCase().includes(term.toLowerCase())),
    [fieldNames, term],
  );
  return (
    <aside className="panel fieldList" data-test-subj="fieldList">
      <h3 className="subtitle">Fields</h3>
      <TextField icon="magnify" className="compact" placeholder="Filter field names" value={term}
        onChange={(event) => setTerm(event.target.value)} aria-label="Filter field names" />
      <div className="fieldRows">
        {shown.map((name) => (
          <FieldRow key={name} name={name} field={catalog[name]} isOpen={open === name}
            onOpen={() => setOpen(open === name ? null : name)} searchParams={searchParams}
            isColumn={columns.includes(name)} onFilter={onFilter} onToggleColumn={onToggleColumn} />
        ))}
        {shown.length === 0 && <div className="subdued small">No fields.</div>}
      </div>
    </aside>
  );
}

function FieldRow({ name, field, isOpen, onOpen, searchParams, isColumn, onFilter, onToggleColumn }) {
  const aggregatable = Boolean(field && field.aggregationField);
  return (
    <div className="fieldRow" data-test-subj={`field-${testId(name)}`}>
      <div className="fieldLine">
        <IconButton icon={isOpen ? 'chevronDown' : 'chevronRight'} label={`Top values of ${name}`} disabled={!aggregatable}
          aria-expanded={isOpen} onClick={onOpen} data-test-subj={`fieldToggle-${testId(name)}`} />
        <span className="fieldLabel" title={field ? `${name} (${field.type})` : name}>{name}</span>
        <IconButton icon={isColumn ? 'minusCircle' : 'plusCircle'} className="columnToggle"
          label={isColumn ? `Remove column ${name}` : `Add column ${name}`} onClick={() => onToggleColumn(name)} />
      </div>
      {isOpen && <TopValues name={name} searchParams={searchParams} onFilter={onFilter} />}
    </div>
  );
}

function TopValues({ name, searchParams, onFilter }) {
  const [state, setState] = useState({ loading: true });
  useEffect(() => {
    let active = true;
    const params = new URLSearchParams(searchParams);
    params.set('size', '0');
    params.set('histogram', 'false');
    params.set('top', name);
    params.delete('offset');
    params.delete('sort');
    get('/api/hunt/search', params)
      .then((body) => active && setState({ total: body.total, top: body.topValues[0] }))
      .catch((failure) => active && setState({ error: failure.message }));
    return () => { active = false; };
  }, [name, searchParams]);
  if (state.loading) return <div className="topValues"><Spinner /></div>;
  if (state.error) return <div className="topValues danger small">{state.error}</div>;
  if (!state.top.values.length) return <div className="topValues subdued small">No values in the matching events.</div>;
  return (
    <div className="topValues" data-test-subj={`topValues-${testId(name)}`}>
      {state.top.values.map(({ value, count }) => {
        const share = state.total ? (100 * count) / state.total : 0;
        return (
          <div key={String(value)} className="topValue">
            <div className="fieldLine">
              <span className="fieldLabel" title={display(value)}>{display(value)}</span>
              <span className="subdued small nowrap" title={`${count} of ${state.total}`} data-test-subj="topValueCount">
                {count.toLocaleString('en')} · {share.toFixed(1)}%</span>
              <IconButton icon="magnifyPlus" label={`Filter for ${name}: ${value}`} onClick={() => onFilter(name, value, false)}
                data-test-subj={`filterFor-${testId(name)}-${testId(value)}`} />
              <IconButton icon="magnifyMinus" label={`Filter out ${name}: ${value}`} onClick={() => onFilter(name, value, true)}
                data-test-subj={`filterOut-${testId(name)}-${testId(value)}`} />
            </div>
            <div className="meter" role="meter" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(share)}
              aria-label={`${name}: ${display(value)}`}>
              <div style={{ width: `${share}%` }} />
            </div>
          </div>
        );
      })}
      {state.top.otherCount > 0 && <div className="subdued small">{state.top.otherCount} other events</div>}
    </div>
  );
}
