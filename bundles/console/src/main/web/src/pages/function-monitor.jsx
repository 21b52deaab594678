import { useState } from 'preact/hooks';
import { duration, plural } from '../format.js';
import { RANGES, report, STATES } from '../records.js';
import { Button, Pending, ProblemView, useAsync } from '../ui.jsx';

const WIDTH = 960;
const HEIGHT = 180;

/**
 * LivePerson's invocation histogram: the function's invocation report (counts per bucket and state, duration
 * percentiles), over 1 h to 30 d, as the server keeps it.
 */
export function MonitorTab({ fn }) {
  const [range, setRange] = useState('24h');
  const loaded = useAsync(() => report(fn.id, range), [fn.id, range]);
  return (
    <div>
      <div class="filters">
        <div class="segmented" role="group" aria-label="Range">
          {Object.entries(RANGES).map(([id]) => (
            <button type="button" class={`button ${id === range ? 'primary' : 'secondary'}`} aria-pressed={id === range ? 'true' : 'false'}
              onClick={() => setRange(id)} data-testid={`range-${id}`}>{id}</button>
          ))}
        </div>
        <Button onClick={loaded.reload} busy={loaded.loading} busyLabel="Counting">Refresh</Button>
        <span class="muted small">From the server's invocation report (kept per minute as records are written).</span>
      </div>
      <ProblemView error={loaded.error} />
      {!loaded.data || loaded.data.range !== range ? <Pending state={loaded} what="Reading the invocation report" /> : <Histogram report={loaded.data} />}
    </div>
  );
}

function Histogram({ report: r }) {
  const range = r.range;
  const total = (counts) => STATES.reduce((sum, s) => sum + (counts[s] || 0), 0);
  const peak = Math.max(1, ...r.buckets.map((b) => total(b.counts)));
  const barWidth = WIDTH / r.buckets.length;
  const label = (start) => new Date(start).toLocaleString(undefined, range === '1h' || range === '24h'
    ? { hour: '2-digit', minute: '2-digit' } : { month: 'short', day: '2-digit', hour: '2-digit' });
  const ms = (value) => (value === null || value === undefined ? '–' : duration(value));
  return (
    <div class="card" data-testid="histogram">
      <h2 style="margin-top: 0" data-testid="histogram-title">{plural(total(r.totals), 'invocation')} in the last {RANGES[range].label}
        <span class="muted small"> · one bar per {RANGES[range].bucket}</span></h2>
      <svg class="histogram" viewBox={`0 0 ${WIDTH} ${HEIGHT + 20}`} role="img"
        aria-label={`Invocations per ${RANGES[range].bucket}, stacked by state`} preserveAspectRatio="none">
        <line x1="0" y1={HEIGHT} x2={WIDTH} y2={HEIGHT} class="axis" />
        {r.buckets.map((bucket, index) => {
          let y = HEIGHT;
          const states = STATES.filter((s) => bucket.counts[s]);
          return (
            <g>
              <title>{`${label(bucket.start)}: ${total(bucket.counts)} (${states.map((s) => `${s} ${bucket.counts[s]}`).join(', ') || 'none'})`
                + (bucket.durations.p95 !== null ? `, p95 ${duration(bucket.durations.p95)}` : '')}</title>
              <rect x={index * barWidth} y="0" width={barWidth} height={HEIGHT} class="hover" />
              {states.map((s) => {
                const h = (bucket.counts[s] / peak) * (HEIGHT - 10);
                y -= h;
                return <rect x={index * barWidth + 1} y={y} width={Math.max(1, barWidth - 2)} height={h} class={`bar-${s.toLowerCase()}`} />;
              })}
            </g>
          );
        })}
        {[0, Math.floor(r.buckets.length / 2), r.buckets.length - 1].map((index) => (
          <text x={Math.min(WIDTH - 60, index * barWidth)} y={HEIGHT + 15} class="tick">{label(r.buckets[index].start)}</text>
        ))}
        <text x="4" y="12" class="tick">{peak}</text>
      </svg>
      <table class="compact" data-testid="histogram-totals" aria-label="Invocations by state">
        <thead><tr>{STATES.map((s) => <th><span class={`legend bar-${s.toLowerCase()}`} aria-hidden="true" /> {s}</th>)}<th>p50</th><th>p95</th><th>p99</th><th>max</th></tr></thead>
        <tbody><tr>{STATES.map((s) => <td data-state={s}>{r.totals[s]}</td>)}
          <td data-testid="p50">{ms(r.durations.p50)}</td><td>{ms(r.durations.p95)}</td><td>{ms(r.durations.p99)}</td><td>{ms(r.durations.max)}</td></tr></tbody>
      </table>
      <p class="muted small">Percentiles come from a histogram of fixed 1-2-5 bounds: each is at most 2.5 times the exact value.</p>
    </div>
  );
}
