import { useState } from 'preact/hooks';
import { duration, plural } from '../format.js';
import { buckets, OUTCOMES, RANGES, recordsSince } from '../records.js';
import { Button, Pending, ProblemView, useAsync } from '../ui.jsx';

const MAX_RECORDS = 5000;
const WIDTH = 960;
const HEIGHT = 180;

/** LivePerson's invocation histogram: invocations of the function per time bucket, stacked by outcome, over 1 h to 30 d. */
export function MonitorTab({ fn }) {
  const [range, setRange] = useState('24h');
  const loaded = useAsync(async () => {
    const now = Date.now();
    const { items, capped } = await recordsSince(fn.id, now - RANGES[range].ms, MAX_RECORDS);
    return { items, capped, now };
  }, [fn.id, range]);
  return (
    <div>
      <div class="filters">
        <div class="segmented" role="group" aria-label="Range">
          {Object.entries(RANGES).map(([id, r]) => (
            <button type="button" class={`button ${id === range ? 'primary' : 'secondary'}`} aria-pressed={id === range ? 'true' : 'false'}
              onClick={() => setRange(id)} data-testid={`range-${id}`}>{id}</button>
          ))}
        </div>
        <Button onClick={loaded.reload} busy={loaded.loading} busyLabel="Counting">Refresh</Button>
        <span class="muted small">Counted in the browser from the invocation records (newest first, at most {MAX_RECORDS}).</span>
      </div>
      <ProblemView error={loaded.data && loaded.error} />
      {!loaded.data ? <Pending state={loaded} what="Counting invocations" /> : <Histogram range={range} {...loaded.data} />}
    </div>
  );
}

function Histogram({ range, items, capped, now }) {
  const rows = buckets(items, range, now);
  const peak = Math.max(1, ...rows.map((b) => b.total));
  const barWidth = WIDTH / rows.length;
  const totals = Object.fromEntries(OUTCOMES.map((o) => [o, items.filter((i) => i.outcome === o).length]));
  const durations = items.map((i) => i.durationMs).filter((d) => typeof d === 'number').sort((a, b) => a - b);
  const percentile = (p) => (durations.length ? durations[Math.min(durations.length - 1, Math.floor(p * durations.length))] : null);
  const label = (start) => new Date(start).toLocaleString(undefined, range === '1h' || range === '24h'
    ? { hour: '2-digit', minute: '2-digit' } : { month: 'short', day: '2-digit', hour: '2-digit' });
  return (
    <div class="card" data-testid="histogram">
      <h2 style="margin-top: 0" data-testid="histogram-title">{plural(items.length, 'invocation')} in the last {RANGES[range].label}
        <span class="muted small"> · one bar per {RANGES[range].bucket}</span></h2>
      {capped && <p class="notice small">More than {MAX_RECORDS} invocations in this range: only the newest {MAX_RECORDS} are counted.</p>}
      <svg class="histogram" viewBox={`0 0 ${WIDTH} ${HEIGHT + 20}`} role="img"
        aria-label={`Invocations per ${RANGES[range].bucket}, stacked by outcome`} preserveAspectRatio="none">
        <line x1="0" y1={HEIGHT} x2={WIDTH} y2={HEIGHT} class="axis" />
        {rows.map((bucket, index) => {
          let y = HEIGHT;
          return (
            <g>
              <title>{`${label(bucket.start)}: ${bucket.total} (${OUTCOMES.filter((o) => bucket.counts[o]).map((o) => `${o} ${bucket.counts[o]}`).join(', ') || 'none'})`}</title>
              <rect x={index * barWidth} y="0" width={barWidth} height={HEIGHT} class="hover" />
              {OUTCOMES.filter((o) => bucket.counts[o]).map((o) => {
                const h = (bucket.counts[o] / peak) * (HEIGHT - 10);
                y -= h;
                return <rect x={index * barWidth + 1} y={y} width={Math.max(1, barWidth - 2)} height={h} class={`bar-${o.toLowerCase()}`} />;
              })}
            </g>
          );
        })}
        {[0, Math.floor(rows.length / 2), rows.length - 1].map((index) => (
          <text x={Math.min(WIDTH - 60, index * barWidth)} y={HEIGHT + 15} class="tick">{label(rows[index].start)}</text>
        ))}
        <text x="4" y="12" class="tick">{peak}</text>
      </svg>
      <table class="compact" data-testid="histogram-totals" aria-label="Invocations by outcome">
        <thead><tr>{OUTCOMES.map((o) => <th><span class={`legend bar-${o.toLowerCase()}`} aria-hidden="true" /> {o}</th>)}<th>p50</th><th>p95</th><th>max</th></tr></thead>
        <tbody><tr>{OUTCOMES.map((o) => <td data-outcome={o}>{totals[o]}</td>)}
          <td>{duration(percentile(0.5))}</td><td>{duration(percentile(0.95))}</td><td>{duration(durations[durations.length - 1])}</td></tr></tbody>
      </table>
    </div>
  );
}
