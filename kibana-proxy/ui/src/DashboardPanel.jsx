import React, { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import Histogram from './Histogram.jsx';
import { display, testId } from './format.js';

const PALETTE = ['#54b399', '#6092c0', '#d36086', '#9170b8', '#ca8eae', '#d6bf57', '#b9a888', '#da8b45', '#aa6556', '#e7664c',
  '#7fc7b5', '#8fb0d8'];

// One dashboard panel: a frame with its title and the chart or table for its kind. Every value is a button
// that drills into Search (onDrill with the panel's field/value pairs).
export default function DashboardPanel({ panel, data, onDrill, onBrush }) {
  const rows = data?.rows || [];
  return (
    <section className={`panel dashboardPanel span${panel.width}`} data-test-subj="dashboardPanel" data-panel={panel.id}
      data-kind={panel.kind} data-rows={panel.kind === 'histogram' ? (data?.buckets || []).length : rows.length}
      data-error={data?.error ? 'true' : 'false'}>
      <div className="row spread">
        <h3 className="subtitle">{panel.title}</h3>
        {data && !data.error && <span className="small subdued">{data.total.toLocaleString('en')} events</span>}
      </div>
      {!data && <div className="subdued small">No data.</div>}
      {data?.error && <div className="danger small" data-test-subj="panelError">{data.error}</div>}
      {data && !data.error && <PanelBody panel={panel} data={data} onDrill={onDrill} onBrush={onBrush} />}
    </section>
  );
}

function PanelBody({ panel, data, onDrill, onBrush }) {
  if (panel.kind === 'histogram') {
    if (!data.buckets.length) return <Empty />;
    const first = data.buckets[0].time;
    const last = data.buckets[data.buckets.length - 1].time + data.intervalMillis;
    const histogram = { interval: data.interval, intervalMillis: data.intervalMillis, from: new Date(first).toISOString(),
      to: new Date(last).toISOString(), buckets: data.buckets };
    return <Histogram histogram={histogram} onBrush={onBrush} />;
  }
  if (!data.rows.length) return <Empty />;
  const pairs = (row) => row.values.map((value, position) => ({ field: panel.fields[position], value }));
  if (panel.kind === 'bar') return <BarChart panel={panel} rows={data.rows} onDrill={(row) => onDrill(pairs(row))} />;
  if (panel.kind === 'pie') return <PieChart panel={panel} rows={data.rows} total={data.total} onDrill={(row) => onDrill(pairs(row))} />;
  return <ValueTable panel={panel} rows={data.rows} otherCount={data.otherCount} network={panel.kind === 'network'}
    onDrill={onDrill} pairs={pairs} />;
}

function Empty() {
  return <div className="subdued small emptyPanel">No events match in this range.</div>;
}

function ValueButton({ field, value, onClick }) {
  return (
    <button type="button" className="link valueLink" onClick={onClick} title={`Search ${field}:${display(value)}`}
      data-test-subj={`panelValue-${testId(field)}`}>{breakable(display(value))}</button>
  );
}

// Long paths and command lines may wrap at spaces and after path separators, never inside a name; only a
// run of 40 characters without any (a Base64 payload, a hash) is cut into pieces so it cannot stretch the table.
export function breakable(text) {
  const parts = String(text).split(/(?<=[\\/,;=&])/)
    .flatMap((part) => part.split(/(?<=\S{40})/));
  return parts.length === 1 ? text : parts.map((part, position) => <React.Fragment key={position}>{part}<wbr /></React.Fragment>);
}

function ValueTable({ panel, rows, otherCount, network, onDrill, pairs }) {
  return (
    <div className="tableScroll panelTable">
      <table className="table compact">
        <thead>
          <tr>{panel.fields.map((field, position) => (
            <th key={field}>{network && position > 0 ? <span className="subdued">→ </span> : null}{field}</th>
          ))}<th className="numeric">Count</th></tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.values.join('\u0000')} data-test-subj="panelRow">
              {row.values.map((value, position) => (
                <td key={position} className="huntCell">
                  <ValueButton field={panel.fields[position]} value={value}
                    onClick={() => onDrill(pairs(row).slice(0, position + 1))} />
                </td>
              ))}
              <td className="numeric">
                <button type="button" className="link" onClick={() => onDrill(pairs(row))} title="Search this whole row">
                  {row.count.toLocaleString('en')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {otherCount > 0 && <div className="small subdued">{otherCount.toLocaleString('en')} more events in other values</div>}
    </div>
  );
}

// Vertical bars drawn by uPlot over the value positions; the value labels under the chart are the buttons.
function BarChart({ panel, rows, onDrill }) {
  const holder = useRef(null);
  const drill = useRef(onDrill);
  drill.current = onDrill;
  useEffect(() => {
    const element = holder.current;
    const positions = rows.map((row, position) => position);
    const counts = rows.map((row) => row.count);
    const chart = new uPlot({
      width: Math.max(element.clientWidth, 160),
      height: 160,
      padding: [8, 8, 0, 0],
      legend: { show: false },
      cursor: { points: { show: false }, x: false, y: false, drag: { x: false, y: false } },
      scales: { x: { time: false, range: [-0.5, rows.length - 0.5] }, y: { range: (self, min, max) => [0, Math.max(1, max) * 1.1] } },
      axes: [
        { show: false },
        { stroke: '#69707d', font: '11px sans-serif', size: 48, grid: { stroke: '#eef0f4' }, ticks: { show: false } },
      ],
      series: [{}, {
        label: 'Events', fill: PALETTE[0], stroke: PALETTE[0], width: 0, points: { show: false },
        paths: uPlot.paths.bars({ size: [0.7, 60] }),
      }],
    }, [positions, counts], element);
    const click = () => {
      const position = chart.cursor.idx;
      if (position !== null && position !== undefined) drill.current(rows[position]);
    };
    chart.over.addEventListener('click', click);
    chart.over.style.cursor = 'pointer';
    const resize = new ResizeObserver(() => chart.setSize({ width: Math.max(element.clientWidth, 160), height: 160 }));
    resize.observe(element);
    return () => { resize.disconnect(); chart.destroy(); };
  }, [rows]);
  return (
    <div className="barChart">
      <div ref={holder} />
      <ol className="chartLegend">
        {rows.map((row) => (
          <li key={row.values.join('\u0000')}>
            <ValueButton field={panel.fields[0]} value={row.values[0]} onClick={() => onDrill(row)} />
            <span className="subdued small"> {row.count.toLocaleString('en')}</span>
          </li>
        ))}
      </ol>
    </div>
  );
}

// A pie as SVG arcs (uPlot draws no pies); the legend lists each value with its count and share.
function PieChart({ panel, rows, total, onDrill }) {
  const shown = rows.reduce((sum, row) => sum + row.count, 0);
  const whole = Math.max(total, shown);
  let angle = -Math.PI / 2;
  const slices = rows.map((row, position) => {
    const sweep = (2 * Math.PI * row.count) / whole;
    const start = angle;
    angle += sweep;
    return { row, start, end: angle, colour: PALETTE[position % PALETTE.length] };
  });
  if (whole > shown) slices.push({ row: null, start: angle, end: 1.5 * Math.PI, colour: '#d3dae6' });
  const point = (theta) => `${60 + 56 * Math.cos(theta)} ${60 + 56 * Math.sin(theta)}`;
  return (
    <div className="pieChart">
      <svg viewBox="0 0 120 120" width="140" height="140" role="img" aria-label={panel.title}>
        {slices.map((slice, position) => (slice.end - slice.start >= 2 * Math.PI - 1e-9 ? (
          <circle key={position} cx="60" cy="60" r="56" fill={slice.colour} />
        ) : (
          <path key={position} fill={slice.colour} stroke="#fff" strokeWidth="0.8"
            d={`M60 60 L${point(slice.start)} A56 56 0 ${slice.end - slice.start > Math.PI ? 1 : 0} 1 ${point(slice.end)} Z`}
            onClick={() => slice.row && onDrill(slice.row)} style={{ cursor: slice.row ? 'pointer' : 'default' }}>
            <title>{slice.row ? `${display(slice.row.values[0])}: ${slice.row.count}` : 'other values'}</title>
          </path>
        )))}
      </svg>
      <ul className="chartLegend">
        {slices.filter((slice) => slice.row).map((slice) => (
          <li key={String(slice.row.values[0])}>
            <span className="swatch" style={{ background: slice.colour }} />
            <ValueButton field={panel.fields[0]} value={slice.row.values[0]} onClick={() => onDrill(slice.row)} />
            <span className="subdued small"> {slice.row.count.toLocaleString('en')} ({((100 * slice.row.count) / whole).toFixed(1)}%)</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
