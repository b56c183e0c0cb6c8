/**
 * Claims across seeds (SPEC 8): after the dense run, trains the other seeds' dense runs together
 * and shows claims 1 and 2 pooled over them, each with its counts, intervals and the verdict
 * word its interval or test gives. Marked while the numbers are being recomputed at new τ.
 */
import type { ProximityClaim, RejectionClaim } from '../../engine/claims/proximity';
import { MAX_CLAIM_SEEDS, MIN_CLAIM_SEEDS } from '../../state/seeds';
import { useApp } from '../storeContext';
import { proximitySentence, rejectionSentence } from './claimText';

const pct = (x: number) => (Number.isFinite(x) ? `${(100 * x).toFixed(1)}%` : '—');
const ci = ([lo, hi]: [number, number]) => `${pct(lo)}–${pct(hi)}`;

export function SeedClaimsPanel() {
  const playback = useApp((s) => s.playback);
  const seeds = useApp((s) => s.seeds);
  const recomputing = useApp((s) => s.labsRecomputing);
  const tau = useApp((s) => s.applied.tau);
  const run = useApp((s) => s.runSeeds);
  const cancel = useApp((s) => s.cancelSeeds);
  const setCount = useApp((s) => s.setSeedCount);
  const c = seeds.claims;
  const p = seeds.progress;
  return (
    <section className="seed-claims" aria-labelledby="seed-claims-title" aria-busy={recomputing || seeds.status === 'running'} data-testid="seed-claims">
      <h3 id="seed-claims-title">Claims across seeds</h3>
      <p className="explain">
        One run decides nothing. This trains the dense run of more seeds (same task, each its own init and data stream) together, and pools claims 1 and 2 over them. Locations within a seed are not
        independent: read the intervals as a guide.
      </p>
      <div className="lottery-actions">
        <label htmlFor="claim-seeds">Seeds</label>
        <input
          id="claim-seeds"
          type="number"
          min={MIN_CLAIM_SEEDS}
          max={MAX_CLAIM_SEEDS}
          value={seeds.count}
          onChange={(e) => setCount(Number(e.target.value))}
          disabled={seeds.status === 'running'}
        />
        {seeds.status === 'running' ? (
          <button type="button" onClick={cancel}>
            Cancel
          </button>
        ) : (
          <button type="button" className="primary" onClick={() => run()} disabled={playback !== 'finished'}>
            Claims across seeds
          </button>
        )}
      </div>
      {seeds.status === 'running' && p && (
        <div className="lottery-progress" role="status">
          <progress max={p.total} value={p.done} aria-label="Claims across seeds progress" />
          <span data-testid="seeds-phase">
            Training {seeds.count - 1} more dense runs: step {p.step} of {p.lastStep}
            {seeds.etaSeconds !== null ? `; about ${Math.round(seeds.etaSeconds)} s left` : ''}
          </span>
        </div>
      )}
      {seeds.message && seeds.status !== 'running' && <p className="notice">{seeds.message}</p>}
      {recomputing && c && (
        <p className="notice" role="status">
          Recomputing at τ = {tau}…
        </p>
      )}
      {c && (
        <div className={recomputing ? 'stale' : undefined}>
          <ClaimOne claim={c.proximity} seeds={c.seeds.length} />
          <ClaimTwo claim={c.rejection} seeds={c.seeds.length} />
        </div>
      )}
    </section>
  );
}

function Verdict({ word }: { word: string }) {
  return (
    <strong className={`verdict verdict-${word}`} data-testid="verdict-word">
      {word}
    </strong>
  );
}

/** A rate per bucket with its counts and Wilson interval: columns are [bucket, of how many, how many, rate, interval]. */
function RateTable({ caption, head, rows }: { caption: string; head: [string, string, string]; rows: { key: string; n: number; k: number; rate: number; ci95: [number, number] }[] }) {
  return (
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
          {[...head, 'rate', '95% interval'].map((h) => (
            <th key={h} scope="col">
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key}>
            <th scope="row">{r.key}</th>
            <td>{r.n}</td>
            <td>{r.k}</td>
            <td>{pct(r.rate)}</td>
            <td>{ci(r.ci95)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ClaimOne({ claim, seeds }: { claim: ProximityClaim; seeds: number }) {
  return (
    <div data-testid="claim-1">
      <h4>
        Claim 1, proximity: <Verdict word={claim.verdict} />
      </h4>
      <p>{proximitySentence(claim, seeds)}</p>
      <RateTable
        caption={`P(final code | d₀), pooled over ${seeds} seeds, with 95% Wilson intervals`}
        head={['d₀', 'locations', 'final codes']}
        rows={claim.byD0.map((b) => ({ key: String(b.d0), n: b.locations, k: b.codes, rate: b.rate, ci95: b.ci95 }))}
      />
    </div>
  );
}

function ClaimTwo({ claim, seeds }: { claim: RejectionClaim; seeds: number }) {
  return (
    <div data-testid="claim-2">
      <h4>
        Claim 2, rejection at crowded rows: <Verdict word={claim.verdict} />
      </h4>
      <p>{rejectionSentence(claim, seeds)}</p>
      <RateTable
        caption={`Precursors rejected by crowd₀, pooled over ${seeds} seeds, with 95% Wilson intervals`}
        head={['crowd₀', 'precursors', 'rejected']}
        rows={claim.byCrowd0.map((b) => ({ key: b.bucket, n: b.precursors, k: b.rejected, rate: b.rate, ci95: b.ci95 }))}
      />
    </div>
  );
}
