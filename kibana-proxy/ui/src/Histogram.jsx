import React from 'react';
import { Axis, BarSeries, Chart, LIGHT_THEME, Position, ScaleType, Settings, niceTimeFormatter } from '@elastic/charts';

// Matching events over time; dragging across the bars narrows the time range, as in Discover.
export default function Histogram({ histogram, onBrush }) {
  const from = Date.parse(histogram.from);
  const to = Date.parse(histogram.to);
  return (
    <div data-test-subj="histogram" style={{ height: 140 }}>
      <Chart>
        <Settings baseTheme={LIGHT_THEME} showLegend={false} xDomain={{ min: from, max: to, minInterval: histogram.intervalMillis }}
          onBrushEnd={({ x }) => x && onBrush(Math.floor(x[0]), Math.ceil(x[1]))} />
        <BarSeries id="events" name="Events" data={histogram.buckets} xScaleType={ScaleType.Time}
          yScaleType={ScaleType.Linear} xAccessor="time" yAccessors={['count']} />
        <Axis id="time" position={Position.Bottom} tickFormat={niceTimeFormatter([from, to])} />
        <Axis id="count" position={Position.Left} ticks={3} />
      </Chart>
    </div>
  );
}
