import React, { useEffect, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { shortTime } from './format.js';

const HEIGHT = 140;
const BAR_COLOUR = '#54b399';
const DAY = 86400000;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const utc = (millis) => uPlot.tzDate(new Date(millis), 'Etc/UTC');
const pad = (number, width = 2) => String(number).padStart(width, '0');

// Tick labels as Kibana writes them: a 24-hour clock as fine as the tick spacing needs, with the date under
// the first tick of each day; whole days, months or years when the ticks are that far apart.
function timeLabels(self, splits, axis, space, increment) {
  let previousDay = null;
  return splits.map((millis) => {
    const time = new Date(millis);
    const month = MONTHS[time.getUTCMonth()];
    const day = `${month} ${time.getUTCDate()}, ${time.getUTCFullYear()}`;
    if (increment >= 365 * DAY) return String(time.getUTCFullYear());
    if (increment >= 28 * DAY) return `${month} ${time.getUTCFullYear()}`;
    if (increment >= DAY) return `${month} ${time.getUTCDate()}`;
    let clock = `${pad(time.getUTCHours())}:${pad(time.getUTCMinutes())}`;
    if (increment < 60000) clock += `:${pad(time.getUTCSeconds())}`;
    if (increment < 1000) clock += `.${pad(time.getUTCMilliseconds(), 3)}`;
    const label = day === previousDay ? clock : `${clock}\n${day}`;
    previousDay = day;
    return label;
  });
}

// Matching events over time, drawn by uPlot; dragging across the bars narrows the time range, as in
// Discover. The axis is in UTC, like every time the tables show.
export default function Histogram({ histogram, onBrush }) {
  const holder = useRef(null);
  const brush = useRef(onBrush);
  brush.current = onBrush;
  const [hover, setHover] = useState(null);

  useEffect(() => {
    const element = holder.current;
    const times = histogram.buckets.map((bucket) => bucket.time);
    const counts = histogram.buckets.map((bucket) => bucket.count);
    // Buckets start on whole intervals, so the first one usually begins before the range does: the axis
    // starts at that bucket (else uPlot clips the first bar) and ends after the last one.
    const from = Math.min(Date.parse(histogram.from), times.length ? times[0] : Infinity);
    const to = Math.max(Date.parse(histogram.to), times.length ? times[times.length - 1] + histogram.intervalMillis : -Infinity);
    // uPlot sizes bars by the gap between points; a trailing empty point gives a lone bucket its width too.
    times.push((times.length ? times[times.length - 1] : from) + histogram.intervalMillis);
    counts.push(null);
    const chart = new uPlot({
      width: Math.max(element.clientWidth, 200),
      height: HEIGHT,
      ms: 1,
      padding: [10, 40, 0, 0],
      tzDate: utc,
      legend: { show: false },
      cursor: { drag: { x: true, y: false, setScale: false }, points: { show: false }, y: false },
      scales: {
        x: { time: true, range: () => [from, to] },
        y: { range: (self, min, max) => [0, Math.max(1, max) * 1.08] },
      },
      axes: [
        { stroke: '#69707d', font: '11px sans-serif', size: 42, space: 70, values: timeLabels, grid: { show: false },
          ticks: { stroke: '#d3dae6', size: 4 } },
        { stroke: '#69707d', font: '11px sans-serif', size: 44, space: 24, incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1e3, 2e3, 5e3, 1e4, 2e4, 5e4, 1e5, 1e6, 1e7],
          grid: { stroke: '#eef0f4', width: 1 }, ticks: { show: false } },
      ],
      series: [
        {},
        { label: 'Events', fill: BAR_COLOUR, stroke: BAR_COLOUR, width: 0, points: { show: false },
          paths: uPlot.paths.bars({ size: [0.9, Infinity], align: 1 }) },
      ],
      hooks: {
        setSelect: [(self) => {
          if (self.select.width > 3) {
            const left = self.posToVal(self.select.left, 'x');
            const right = self.posToVal(self.select.left + self.select.width, 'x');
            brush.current(Math.max(from, Math.floor(left)), Math.min(to, Math.ceil(right)));
          }
          self.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
        }],
        setCursor: [(self) => {
          const position = self.cursor.idx;
          setHover(position === null || position === undefined || counts[position] === null ? null
            : { left: self.cursor.left + self.over.offsetLeft, time: times[position], count: counts[position] });
        }],
      },
    }, [times, counts], element);
    const resize = new ResizeObserver(() => chart.setSize({ width: Math.max(element.clientWidth, 200), height: HEIGHT }));
    resize.observe(element);
    return () => { resize.disconnect(); chart.destroy(); };
  }, [histogram]);

  return (
    <div className="histogram" data-test-subj="histogram">
      <div ref={holder} />
      {hover && (
        <div className="histogramTip" style={{ left: hover.left }}>
          <strong>{hover.count.toLocaleString('en')}</strong> events from {shortTime(new Date(hover.time).toISOString()).replace(/\.000$/, '')}
        </div>
      )}
    </div>
  );
}
