import React, { useEffect, useMemo, useState } from 'react';
import {
  EuiButtonIcon, EuiFieldSearch, EuiFlexGroup, EuiFlexItem, EuiLoadingSpinner, EuiPanel, EuiProgress,
  EuiSpacer, EuiText, EuiTitle, EuiToolTip,
} from '@elastic/eui';
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
    <EuiPanel paddingSize="s" hasBorder data-test-subj="fieldList">
      <EuiTitle size="xxs"><h3>Fields</h3></EuiTitle>
      <EuiSpacer size="xs" />
      <EuiFieldSearch compressed placeholder="Filter field names" value={term} onChange={(event) => setTerm(event.target.value)} />
      <EuiSpacer size="s" />
      {shown.map((name) => (
        <FieldRow key={name} name={name} field={catalog[name]} isOpen={open === name}
          onOpen={() => setOpen(open === name ? null : name)} searchParams={searchParams}
          isColumn={columns.includes(name)} onFilter={onFilter} onToggleColumn={onToggleColumn} />
      ))}
    </EuiPanel>
  );
}

function FieldRow({ name, field, isOpen, onOpen, searchParams, isColumn, onFilter, onToggleColumn }) {
  const aggregatable = Boolean(field && field.aggregationField);
  return (
    <div data-test-subj={`field-${testId(name)}`}>
      <EuiFlexGroup gutterSize="xs" alignItems="center" responsive={false}>
        <EuiFlexItem grow={false}>
          <EuiButtonIcon iconType={isOpen ? 'chevronSingleDown' : 'chevronSingleRight'} size="xs" aria-label={`Top values of ${name}`}
            isDisabled={!aggregatable} onClick={onOpen} data-test-subj={`fieldToggle-${testId(name)}`} />
        </EuiFlexItem>
        <EuiFlexItem style={{ overflow: 'hidden', whiteSpace: 'nowrap', textOverflow: 'ellipsis' }}>
          <EuiText size="xs"><span title={field ? `${name} (${field.type})` : name}>{name}</span></EuiText>
        </EuiFlexItem>
        <EuiFlexItem grow={false}>
          <EuiButtonIcon iconType={isColumn ? 'minusCircle' : 'plusCircle'} size="xs"
            aria-label={isColumn ? `Remove column ${name}` : `Add column ${name}`} onClick={() => onToggleColumn(name)} />
        </EuiFlexItem>
      </EuiFlexGroup>
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
  if (state.loading) return <EuiLoadingSpinner size="s" />;
  if (state.error) return <EuiText size="xs" color="danger">{state.error}</EuiText>;
  if (!state.top.values.length) return <EuiText size="xs" color="subdued">No values in the matching events.</EuiText>;
  return (
    <EuiPanel color="subdued" paddingSize="xs" data-test-subj={`topValues-${testId(name)}`}>
      {state.top.values.map(({ value, count }) => {
        const share = state.total ? (100 * count) / state.total : 0;
        return (
          <div key={String(value)}>
            <EuiFlexGroup gutterSize="xs" alignItems="center" responsive={false}>
              <EuiFlexItem style={{ overflow: 'hidden' }}>
                <EuiText size="xs"><span title={display(value)}>{display(value)}</span></EuiText>
              </EuiFlexItem>
              <EuiFlexItem grow={false}>
                <EuiToolTip content={`${count} of ${state.total}`}>
                  <EuiText size="xs" color="subdued">{share.toFixed(1)}%</EuiText>
                </EuiToolTip>
              </EuiFlexItem>
              <EuiFlexItem grow={false}>
                <EuiButtonIcon iconType="magnifyPlus" size="xs" aria-label={`Filter for ${name}: ${value}`}
                  onClick={() => onFilter(name, value, false)} data-test-subj={`filterFor-${testId(name)}-${testId(value)}`} />
              </EuiFlexItem>
              <EuiFlexItem grow={false}>
                <EuiButtonIcon iconType="magnifyMinus" size="xs" aria-label={`Filter out ${name}: ${value}`}
                  onClick={() => onFilter(name, value, true)} data-test-subj={`filterOut-${testId(name)}-${testId(value)}`} />
              </EuiFlexItem>
            </EuiFlexGroup>
            <EuiProgress value={share} max={100} size="xs" color="primary" />
          </div>
        );
      })}
      {state.top.otherCount > 0 && <EuiText size="xs" color="subdued">{state.top.otherCount} other events</EuiText>}
    </EuiPanel>
  );
}
