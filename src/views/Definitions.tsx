/**
 * SPEC 4 in plain words, with the current values of τ, τ_out and r (read from the settings the
 * analysis uses, never typed in).
 */
import { useApp } from './storeContext';

export function Definitions() {
  const seedData = useApp((s) => s.applied.seedData);
  const seedInit = useApp((s) => s.applied.seedInit);
  const { tau, tauOut, r, precursorReadout } = useApp((s) => s.applied);
  const k = useApp((s) => s.task?.config.k ?? s.applied.k);
  return (
    <details id="definitions" className="panel definitions">
      <summary>
        <h2>Definitions</h2>
      </summary>
      <dl>
        <dt>Row</dt>
        <dd>A hidden neuron j: its input weights W1[j,·], its bias, and its readouts W2[·,j].</dd>
        <dt>Sign category</dt>
        <dd>
          Each input weight of a row is <b>+</b> if it is above τ = {tau} times the row’s largest |weight| (σ), <b>−</b> if below −τσ, and <b>0</b> otherwise (exactly ±τσ counts as 0). A row’s place
          in feature space is its pattern of +, − and 0.
        </dd>
        <dt>Code location</dt>
        <dd>A pair (row j, clause c): a place where clause c could be coded.</dd>
        <dt>Distance d</dt>
        <dd>
          How many of the clause’s {k} literals the row gets wrong: a literal x<sub>i</sub> needs +, ¬x<sub>i</sub> needs −; a 0 is wrong too. d runs from 0 to {k}. The smooth distance d̃ adds, per
          literal, how far the weight is from crossing its threshold (0 once across, up to 2 when firmly the wrong way); it is 0 exactly when d is 0 and is what the view animates.
        </dd>
        <dt>Code</dt>
        <dd>
          Row j codes clause c when d = 0 and its readout W2[c,j] is positive: above τ_out = {tauOut} times output c’s largest |readout|. The rows that code c are its <em>channel</em>.
        </dd>
        <dt>Inhibitory code</dt>
        <dd>
          A row that carries the negated template (every literal the wrong way round) with a negative readout: it vetoes the output whenever a literal fails. Trained networks use these about as often
          as codes; they are shown separately and do not count as codes.
        </dd>
        <dt>Final codes</dt>
        <dd>The codes at the last step of dense training. Codes can form early and partly dissolve later: see codes over time.</dd>
        <dt>Precursor</dt>
        <dd>
          A location at distance d ≤ r = {r} at initialization
          {precursorReadout === 'positive' ? ', whose initial readout is also positive' : ''}. It <b>converges</b> if its row is among the clause’s final codes, else it is <b>rejected</b>. A final
          code that was no precursor was <b>recruited</b>.
        </dd>
        <dt>Crowding</dt>
        <dd>crowd₀(j): the clauses row j is a precursor for at init; crowd_T(j): the clauses it codes at the end.</dd>
        <dt>Conflict</dt>
        <dd>Two clauses that share an input with opposite signs: one row cannot carry both.</dd>
        <dt>Balanced accuracy</dt>
        <dd>
          Per clause, the mean of the true-positive and true-negative rates on the fixed 8,192-sample test set, averaged over the clauses whose test set holds both positives and negatives; a clause
          with only one class has no balanced accuracy and is left out.
        </dd>
        <dt>Seeds</dt>
        <dd>
          Labs and claims across seeds keep the task (its clauses). Seed s starts from init seed s and trains on data seed seedData + (s − seedInit) mod 2³¹ (here {seedData} + (s − {seedInit})): the
          run on show keeps its own data, and no two runs share a stream of batches.
        </dd>
        <dt>Claims across seeds</dt>
        <dd>
          Claim 1 is <b>supported</b> when the 95% bootstrap interval of the nearer-ratio (mean d₀ of final codes over mean d₀ of all locations, resampling whole seeds) lies below 1,{' '}
          <b>contradicted</b> above 1, else <b>inconclusive</b>. Claim 2 is supported when the Cochran–Armitage trend of rejection over crowd₀ = 1, 2, 3+ has p &lt; 0.05 and z &gt; 0, contradicted
          when p &lt; 0.05 and z &lt; 0. A probe <b>beats</b> another method when the 95% paired t-interval of their per-seed differences lies above 0, <b>loses</b> below 0. Locations within a seed
          are not independent.
        </dd>
      </dl>
    </details>
  );
}
