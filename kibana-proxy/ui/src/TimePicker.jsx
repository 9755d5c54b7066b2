import React, { useEffect, useRef, useState } from 'react';
import Icon from './icons.jsx';
import { Button } from './controls.jsx';
import { COMMONLY_USED_RANGES } from './route.js';
import { shortTime } from './format.js';

// Kibana-style time picker: a button naming the range, opening a popover with the commonly used ranges
// and free start/end fields. The fields take what the appliance's API parses (date math such as
// now-15m or now/d, ISO-8601 instants, dates, epoch milliseconds); the API judges them, and a range it
// refuses comes back as an error naming 'from' or 'to', shown by the caller as `error`.
export default function TimePicker({ start, end, onChange, error }) {
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState({ start, end });
  const holder = useRef(null);
  useEffect(() => { setDraft({ start, end }); }, [start, end, open]);
  useEffect(() => {
    if (!open) return undefined;
    const close = (event) => {
      if (event.type === 'keydown' ? event.key === 'Escape' : !holder.current.contains(event.target)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    document.addEventListener('keydown', close);
    return () => { document.removeEventListener('mousedown', close); document.removeEventListener('keydown', close); };
  }, [open]);

  const choose = (chosenStart, chosenEnd) => {
    setOpen(false);
    if (chosenStart.trim() && chosenEnd.trim()) onChange(chosenStart.trim(), chosenEnd.trim());
  };
  const known = COMMONLY_USED_RANGES.find((range) => range.start === start && range.end === end);
  const label = known ? known.label : `${describe(start)} → ${describe(end)}`;
  return (
    <div className="timePicker" ref={holder}>
      <button type="button" className={`field timeButton${error ? ' invalid' : ''}`} aria-haspopup="dialog" aria-expanded={open}
        onClick={() => setOpen(!open)} data-test-subj="timePicker" title={error || `${start} → ${end}`}>
        <span className="prepend"><Icon name="calendar" /></span>
        <span className="timeLabel">{label}</span>
      </button>
      {open && (
        <div className="popover" role="dialog" aria-label="Time range">
          <div className="popoverTitle">Commonly used</div>
          <div className="quickRanges">
            {COMMONLY_USED_RANGES.map((range) => (
              <button type="button" key={range.label} className={`link${range === known ? ' current' : ''}`}
                onClick={() => choose(range.start, range.end)}>{range.label}</button>
            ))}
          </div>
          <hr />
          <form onSubmit={(event) => { event.preventDefault(); choose(draft.start, draft.end); }}>
            <RangeEnd label="Start" value={draft.start} onChange={(value) => setDraft({ ...draft, start: value })} />
            <RangeEnd label="End" value={draft.end} onChange={(value) => setDraft({ ...draft, end: value })} />
            <p className="hint">Date math (<code>now-15m</code>, <code>now/d</code>) or a UTC time (<code>2026-10-06T13:00:00Z</code>).</p>
            <div className="popoverActions"><Button primary small type="submit" data-test-subj="timeApply">Apply</Button></div>
          </form>
        </div>
      )}
    </div>
  );
}

// One end of the range: free text, plus the browser's own calendar for picking an absolute UTC time.
function RangeEnd({ label, value, onChange }) {
  const absolute = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value) ? value.slice(0, 16) : '';
  return (
    <label className="rangeEnd">
      <span className="rangeLabel">{label}</span>
      <input type="text" value={value} onChange={(event) => onChange(event.target.value)} aria-label={`${label} of the time range`} />
      <input type="datetime-local" value={absolute} aria-label={`${label}: pick a UTC time`} title="Pick a UTC time"
        onChange={(event) => event.target.value && onChange(`${event.target.value}:00Z`)} />
    </label>
  );
}

function describe(end) {
  return /^\d{4}-\d{2}-\d{2}T/.test(end) ? shortTime(end).replace(/\.000$/, '') : end;
}
